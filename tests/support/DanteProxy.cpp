// See DanteProxy.h.
#include "tests/support/DanteProxy.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QUrl>

#include <sys/stat.h>
#include <unistd.h>

namespace ferry::test {

namespace {

bool run(const QString &program, const QStringList &arguments, const QByteArray &input, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ChildDaemon::findProgram(program), arguments);
    if (!process.waitForStarted(5000)) {
        *error = program + QStringLiteral(" did not start");
        return false;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(15000) || process.exitCode() != 0) {
        *error = program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAll());
        return false;
    }
    return true;
}

} // namespace

DanteProxy::~DanteProxy()
{
    m_daemon.stop();
    if (!m_user.isEmpty()) {
        QString ignored;
        run(QStringLiteral("userdel"), {m_user}, {}, &ignored);
    }
}

bool DanteProxy::start(bool requireLogin, QString *error, bool *needsRoot)
{
    if (needsRoot)
        *needsRoot = false;
    const QString danted = ChildDaemon::findProgram(QStringLiteral("danted"));
    if (danted.isEmpty()) {
        *error = QStringLiteral("danted is missing: run scripts/test, which installs dante-server");
        return false;
    }
    if (!m_dir.isValid() || ::chmod(QFile::encodeName(m_dir.path()).constData(), 0777) != 0) {
        *error = QStringLiteral("no temporary directory for danted");
        return false;
    }
    const bool root = ::geteuid() == 0;
    if (requireLogin) {
        if (!root) {
            if (needsRoot)
                *needsRoot = true;
            *error = QStringLiteral("dante's username method needs a system user; making one needs root");
            return false;
        }
        // A name of this run only (≤ 32 characters), no home, no shell.
        m_user = QStringLiteral("ferrysocks%1").arg(QCoreApplication::applicationPid());
        if (!run(QStringLiteral("useradd"), {QStringLiteral("-M"), QStringLiteral("-s"), QStringLiteral("/usr/sbin/nologin"), m_user},
                 {}, error)) {
            m_user.clear();
            return false;
        }
        if (!run(QStringLiteral("chpasswd"), {}, m_user.toUtf8() + ':' + kPassword + '\n', error))
            return false;
    }
    m_port = ChildDaemon::freePort();
    QString config = QStringLiteral(
        "logoutput: DIR/danted.log\n"
        "internal: 127.0.0.1 port = PORT\n"
        "external: 127.0.0.1\n"
        "clientmethod: none\n"
        "socksmethod: METHOD\n");
    if (root)
        config += QStringLiteral("user.privileged: root\nuser.notprivileged: nobody\n");
    config += QStringLiteral(
        "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error }\n"
        "socks pass { from: 127.0.0.0/8 to: 127.0.0.0/8 log: connect disconnect error }\n"
        "socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 log: connect error }\n");
    config.replace(QStringLiteral("DIR"), m_dir.path())
        .replace(QStringLiteral("PORT"), QString::number(m_port))
        .replace(QStringLiteral("METHOD"), requireLogin ? QStringLiteral("username") : QStringLiteral("none"));
    const QString configPath = m_dir.filePath(QStringLiteral("danted.conf"));
    if (!writeTestFile(configPath, config.toUtf8())) {
        *error = QStringLiteral("cannot write danted.conf");
        return false;
    }
    writeTestFile(m_dir.filePath(QStringLiteral("danted.log")), {}, 0666);
    return m_daemon.start(danted, {QStringLiteral("-f"), configPath, QStringLiteral("-p"), m_dir.filePath(QStringLiteral("danted.pid")),
                                   QStringLiteral("-N"), QStringLiteral("1")},
                          m_port, error);
}

QString DanteProxy::url(const QString &scheme, bool withLogin) const
{
    QUrl u(scheme + QStringLiteral("://127.0.0.1:") + QString::number(m_port));
    if (withLogin) {
        u.setUserName(m_user);
        u.setPassword(QString::fromLatin1(kPassword));
    }
    return u.toString(QUrl::FullyEncoded);
}

QStringList DanteProxy::log() const
{
    return QString::fromUtf8(readTestFile(m_dir.filePath(QStringLiteral("danted.log")))).split(u'\n', Qt::SkipEmptyParts);
}

QStringList DanteProxy::connectsTo(quint16 port) const
{
    // "… tcp/connect [: 127.0.0.1.CLIENT 127.0.0.1.PROXY -> 127.0.0.1.OUT 127.0.0.1.TARGET"
    const QString target = QStringLiteral(" 127.0.0.1.") + QString::number(port);
    QStringList result;
    for (const QString &line : log()) {
        if (line.contains(QStringLiteral("tcp/connect [:")) && line.endsWith(target))
            result.append(line);
    }
    return result;
}

} // namespace ferry::test
