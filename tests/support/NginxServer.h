// A real nginx (Debian's nginx-light) for network tests: files under www/, a
// /private/ location behind auth_basic (kUser/kPassword, an htpasswd file), a
// /limited/ one that takes two connections per address and answers 503 to
// the rest (limit_conn, kLimitedRate bytes/s per connection),
// and an access log with what the server saw of each request (status, login,
// Referer, User-Agent, Cookie), all in a temporary directory on a free
// loopback port.
#pragma once

#include "tests/support/ChildDaemon.h"

#include <QList>
#include <QTemporaryDir>
#include <QUrl>

namespace ferry::test {

class NginxServer final
{
    Q_DISABLE_COPY_MOVE(NginxServer)

public:
    static constexpr const char *kUser = "webuser";
    static constexpr const char *kPassword = "web-p@ss";
    static constexpr int kLimitedConnections = 2;          // per address, under /limited/
    static constexpr qint64 kLimitedRate = 2 * 1024 * 1024; // bytes/s per connection, under /limited/

    struct LogLine {
        QString uri;
        int status = 0;
        QString user;      // $remote_user, empty for none
        QString referer;
        QString userAgent;
        QString cookie;
    };

    NginxServer() = default;

    bool start(QString *error);
    quint16 port() const { return m_port; }
    QUrl url(const QString &path) const;
    QString wwwPath(const QString &relative) const; // under www/ (create private/ files there)
    QList<LogLine> log(const QString &uri) const;

private:
    QTemporaryDir m_dir;
    ChildDaemon m_daemon;
    quint16 m_port = 0;
};

} // namespace ferry::test
