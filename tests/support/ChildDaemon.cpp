// See ChildDaemon.h.
#include "tests/support/ChildDaemon.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <sys/stat.h>

namespace ferry::test {

ChildDaemon::ChildDaemon() = default;

ChildDaemon::~ChildDaemon()
{
    stop();
}

quint16 ChildDaemon::freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QString ChildDaemon::findProgram(const QString &name)
{
    for (const QString &dir : {QStringLiteral("/usr/sbin/"), QStringLiteral("/usr/bin/"), QStringLiteral("/sbin/")}) {
        if (QFile::exists(dir + name))
            return dir + name;
    }
    return QStandardPaths::findExecutable(name);
}

bool ChildDaemon::start(const QString &program, const QStringList &arguments, quint16 port, QString *error,
                        int timeoutMs)
{
    stop();
    m_output.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(program, arguments);
    if (!m_process->waitForStarted(5000)) {
        *error = program + QStringLiteral(" did not start: ") + m_process->errorString();
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            *error = program + QStringLiteral(" exited at start: ") + QString::fromLocal8Bit(output());
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    *error = program + QStringLiteral(" did not listen on port ") + QString::number(port) + QStringLiteral(": ")
        + QString::fromLocal8Bit(output());
    return false;
}

void ChildDaemon::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool ChildDaemon::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QByteArray ChildDaemon::output() const
{
    if (m_process)
        m_output += m_process->readAll();
    return m_output;
}

bool writeTestFile(const QString &path, const QByteArray &data, int permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode_t(permissions)) == 0;
}

QByteArray readTestFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeHtpasswd(const QString &path, const QString &user, const QString &password, QString *error)
{
    const QString htpasswd = ChildDaemon::findProgram(QStringLiteral("htpasswd"));
    if (htpasswd.isEmpty()) {
        *error = QStringLiteral("htpasswd is missing: run scripts/test, which installs apache2-utils");
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(htpasswd, {QStringLiteral("-c"), QStringLiteral("-b"), QStringLiteral("-m"), path, user, password});
    if (!process.waitForFinished(10000) || process.exitCode() != 0) {
        *error = QStringLiteral("htpasswd failed: ") + QString::fromLocal8Bit(process.readAll());
        return false;
    }
    return ::chmod(QFile::encodeName(path).constData(), 0644) == 0;
}

} // namespace ferry::test
