// See SquidProxy.h. Squid run as root drops to cache_effective_user (proxy),
// so its directory is opened up to that user; nothing secret lives there.
#include "tests/support/SquidProxy.h"

#include <QDir>
#include <QFile>
#include <QUrl>

#include <sys/stat.h>
#include <unistd.h>

namespace ferry::test {

bool SquidProxy::start(bool requireLogin, QString *error)
{
    const QString squid = ChildDaemon::findProgram(QStringLiteral("squid"));
    if (squid.isEmpty()) {
        *error = QStringLiteral("squid is missing: run scripts/test, which installs it");
        return false;
    }
    if (!m_dir.isValid() || ::chmod(QFile::encodeName(m_dir.path()).constData(), 0777) != 0) {
        *error = QStringLiteral("no temporary directory for squid");
        return false;
    }
    m_port = ChildDaemon::freePort();
    const QString d = m_dir.path();
    QString config = QStringLiteral(
        "http_port 127.0.0.1:PORT\n"
        "pid_filename DIR/squid.pid\n"
        "access_log stdio:DIR/access.log squid\n"
        "cache_log DIR/cache.log\n"
        "cache_store_log none\n"
        "cache deny all\n"
        "cache_mem 4 MB\n"
        "coredump_dir DIR\n"
        "netdb_filename none\n"
        "pinger_enable off\n"
        "shutdown_lifetime 0 seconds\n"
        "visible_hostname ferry-test-squid\n"
        "forwarded_for delete\n");
    if (::geteuid() == 0)
        config += QStringLiteral("cache_effective_user proxy\n");
    if (requireLogin) {
        const QString ncsa = QStringLiteral("/usr/lib/squid/basic_ncsa_auth");
        if (!QFile::exists(ncsa)) {
            *error = QStringLiteral("squid's basic_ncsa_auth is missing");
            return false;
        }
        if (!writeHtpasswd(m_dir.filePath(QStringLiteral("htpasswd")), QString::fromLatin1(kUser),
                           QString::fromLatin1(kPassword), error))
            return false;
        config += QStringLiteral("auth_param basic program ") + ncsa + QStringLiteral(" DIR/htpasswd\n"
                                 "auth_param basic realm ferry-test-proxy\n"
                                 "acl login proxy_auth REQUIRED\n"
                                 "http_access allow login\n"
                                 "http_access deny all\n");
    } else {
        config += QStringLiteral("http_access allow all\n");
    }
    config.replace(QStringLiteral("DIR"), d).replace(QStringLiteral("PORT"), QString::number(m_port));
    const QString configPath = m_dir.filePath(QStringLiteral("squid.conf"));
    if (!writeTestFile(configPath, config.toUtf8())) {
        *error = QStringLiteral("cannot write squid.conf");
        return false;
    }
    // Squid opens its logs as the effective user: create them writable for it.
    for (const QString &log : {QStringLiteral("access.log"), QStringLiteral("cache.log")})
        writeTestFile(m_dir.filePath(log), {}, 0666);
    return m_daemon.start(squid, {QStringLiteral("-N"), QStringLiteral("-f"), configPath}, m_port, error);
}

QString SquidProxy::url() const
{
    return QStringLiteral("http://127.0.0.1:") + QString::number(m_port);
}

QString SquidProxy::urlWithLogin(const QString &user, const QString &password) const
{
    QUrl u(url());
    u.setUserName(user);
    u.setPassword(password);
    return u.toString(QUrl::FullyEncoded);
}

QStringList SquidProxy::accessLog() const
{
    const QString text = QString::fromUtf8(readTestFile(m_dir.filePath(QStringLiteral("access.log"))));
    return text.split(u'\n', Qt::SkipEmptyParts);
}

QStringList SquidProxy::logLinesFor(const QString &url) const
{
    QStringList result;
    for (const QString &line : accessLog()) {
        // squid's native format: time elapsed client code/status bytes method URL user hierarchy type
        const QStringList fields = line.simplified().split(u' ');
        if (fields.size() > 6 && fields[6] == url)
            result.append(line);
    }
    return result;
}

} // namespace ferry::test
