// A real squid (Debian's squid) as the HTTP proxy of a test: its own
// configuration, logs and (optional) basic_ncsa_auth password file in a
// temporary directory, listening on a free loopback port, caching nothing.
// Its access log proves which requests went through it.
#pragma once

#include "tests/support/ChildDaemon.h"

#include <QStringList>
#include <QTemporaryDir>

namespace ferry::test {

class SquidProxy final
{
    Q_DISABLE_COPY_MOVE(SquidProxy)

public:
    static constexpr const char *kUser = "proxyuser";
    static constexpr const char *kPassword = "proxy-p@ss:word";

    SquidProxy() = default;

    // requireLogin: every request needs Proxy-Authorization (Basic, kUser/kPassword).
    bool start(bool requireLogin, QString *error);
    void stop() { m_daemon.stop(); }
    quint16 port() const { return m_port; }
    QString url() const; // http://127.0.0.1:PORT
    QString urlWithLogin(const QString &user = QString::fromLatin1(kUser),
                         const QString &password = QString::fromLatin1(kPassword)) const;

    // Access-log lines ("… TCP_MISS/200 1234 GET http://127.0.0.1:8080/file …").
    QStringList accessLog() const;
    // The lines whose request URL is `url` exactly.
    QStringList logLinesFor(const QString &url) const;

private:
    QTemporaryDir m_dir;
    ChildDaemon m_daemon;
    quint16 m_port = 0;
};

} // namespace ferry::test
