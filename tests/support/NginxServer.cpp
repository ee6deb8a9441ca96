// See NginxServer.h. The log line is tab-separated so a User-Agent with
// spaces or quotes stays one field (nginx escapes quotes and controls as \xHH).
#include "tests/support/NginxServer.h"

#include <QDir>

namespace ferry::test {

bool NginxServer::start(QString *error)
{
    const QString nginx = ChildDaemon::findProgram(QStringLiteral("nginx"));
    if (nginx.isEmpty()) {
        *error = QStringLiteral("nginx is missing: run scripts/test, which installs nginx-light");
        return false;
    }
    if (!m_dir.isValid() || !QDir(m_dir.path()).mkpath(QStringLiteral("www/private"))
        || !QDir(m_dir.path()).mkpath(QStringLiteral("www/limited"))) {
        *error = QStringLiteral("no temporary directory for nginx");
        return false;
    }
    if (!writeHtpasswd(m_dir.filePath(QStringLiteral("htpasswd")), QString::fromLatin1(kUser), QString::fromLatin1(kPassword),
                       error))
        return false;
    m_port = ChildDaemon::freePort();
    const QString config = QStringLiteral(
        "daemon off;\n"
        "master_process off;\n"
        "worker_processes 1;\n"
        "error_log stderr warn;\n"
        "pid DIR/nginx.pid;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "    client_body_temp_path DIR/tmp-body;\n"
        "    proxy_temp_path DIR/tmp-proxy;\n"
        "    fastcgi_temp_path DIR/tmp-fastcgi;\n"
        "    uwsgi_temp_path DIR/tmp-uwsgi;\n"
        "    scgi_temp_path DIR/tmp-scgi;\n"
        "    log_format ferry '$uri\\t$status\\t$remote_user\\t$http_referer\\t$http_user_agent\\t$http_cookie';\n"
        "    access_log DIR/access.log ferry;\n"
        "    limit_conn_zone $binary_remote_addr zone=peraddress:1m;\n"
        "    default_type application/octet-stream;\n"
        "    server {\n"
        "        listen 127.0.0.1:PORT;\n"
        "        root DIR/www;\n"
        "        location /private/ { auth_basic \"ferry-test\"; auth_basic_user_file DIR/htpasswd; }\n"
        "        location /limited/ { limit_conn peraddress 2; limit_conn_status 503; limit_rate LIMITED_RATE; }\n"
        "    }\n"
        "}\n")
                               .replace(QStringLiteral("DIR"), m_dir.path())
                               .replace(QStringLiteral("PORT"), QString::number(m_port))
                               .replace(QStringLiteral("LIMITED_RATE"), QString::number(kLimitedRate));
    const QString configPath = m_dir.filePath(QStringLiteral("nginx.conf"));
    if (!writeTestFile(configPath, config.toUtf8())) {
        *error = QStringLiteral("cannot write nginx.conf");
        return false;
    }
    return m_daemon.start(nginx, {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"), configPath, QStringLiteral("-e"),
                                  QStringLiteral("stderr")},
                          m_port, error);
}

QUrl NginxServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_port) + path);
}

QString NginxServer::wwwPath(const QString &relative) const
{
    return m_dir.filePath(QStringLiteral("www/") + relative);
}

QList<NginxServer::LogLine> NginxServer::log(const QString &uri) const
{
    QList<LogLine> result;
    const auto dash = [](const QString &v) { return v == u"-" ? QString() : v; };
    for (const QByteArray &raw : readTestFile(m_dir.filePath(QStringLiteral("access.log"))).split('\n')) {
        const QStringList f = QString::fromUtf8(raw).split(u'\t');
        if (f.size() != 6 || f[0] != uri)
            continue;
        result.append(LogLine{f[0], f[1].toInt(), dash(f[2]), dash(f[3]), dash(f[4]), dash(f[5])});
    }
    return result;
}

} // namespace ferry::test
