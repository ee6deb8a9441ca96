// A real danted (Debian's dante-server) as the SOCKS5 proxy of a test: its
// own configuration and log in a temporary directory, on a free loopback
// port. With a login, dante's "username" method checks the system's password
// database, so the test makes a system user for it (root only: CI runs as
// root; elsewhere start() says why it cannot) and deletes it again.
#pragma once

#include "tests/support/ChildDaemon.h"

#include <QStringList>
#include <QTemporaryDir>

namespace ferry::test {

class DanteProxy final
{
    Q_DISABLE_COPY_MOVE(DanteProxy)

public:
    static constexpr const char *kPassword = "socks-S3cret";

    DanteProxy() = default;
    ~DanteProxy();

    // False with the reason; *needsRoot is set when only the missing root
    // rights stand in the way (a login proxy run by another user).
    bool start(bool requireLogin, QString *error, bool *needsRoot = nullptr);
    void stop() { m_daemon.stop(); }
    quint16 port() const { return m_port; }
    QString user() const { return m_user; } // the system user made for the login, empty without
    // socks5://127.0.0.1:PORT (scheme "socks5h" resolves names at the proxy)
    QString url(const QString &scheme = QStringLiteral("socks5"), bool withLogin = false) const;

    QStringList log() const;
    // The log lines of connections the proxy made to 127.0.0.1:port.
    QStringList connectsTo(quint16 port) const;

private:
    QTemporaryDir m_dir;
    ChildDaemon m_daemon;
    quint16 m_port = 0;
    QString m_user;
};

} // namespace ferry::test
