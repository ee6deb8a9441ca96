// A running `ferry serve` for the suites that drive the real executable
// (tst_serve_cli, tst_serve_peers): its own settings folder, the printed URL
// and token, a signal to stop it, and what it printed. Also the request head
// those suites send and the resident memory of a process read from /proc.
// Header-only, as FerryCommand.h: FERRY_BINARY exists only in NEEDS_FERRY suites.
#pragma once

#include "tests/support/FerryCommand.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDeadlineTimer>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace ferry::test {

using namespace Qt::StringLiterals;

inline constexpr int kServeStartTimeoutMs = 20'000;
inline constexpr int kServeStopTimeoutMs = 15'000;

// Resident memory of a process in bytes, from /proc (`field` is VmRSS or VmHWM).
inline qint64 memoryOf(qint64 pid, QByteArrayView field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (!line.startsWith(field) || line.size() <= field.size() || line.at(field.size()) != ':')
            continue;
        const QByteArray kib = line.mid(field.size() + 1).trimmed().split(' ').value(0);
        bool ok = false;
        const qint64 value = kib.toLongLong(&ok);
        return ok ? value * 1024 : -1;
    }
    return -1;
}

// A GET with the Host of 127.0.0.1:port and, when given, the token as a Bearer.
inline QByteArray requestHead(quint16 port, const QByteArray &target, const QByteArray &token,
                              const QList<QByteArray> &extra = {})
{
    QByteArray head = "GET "_ba + target + " HTTP/1.1\r\nHost: 127.0.0.1:"_ba + QByteArray::number(port) + "\r\n"_ba;
    if (!token.isEmpty())
        head += "Authorization: Bearer "_ba + token + "\r\n"_ba;
    for (const QByteArray &h : extra)
        head += h + "\r\n"_ba;
    return head + "\r\n"_ba;
}

// A running `ferry serve`, with its own settings folder.
class ServeProcess final
{
    Q_DISABLE_COPY_MOVE(ServeProcess)

public:
    explicit ServeProcess(const QString &configHome)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, configHome);
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        env.remove(u"LANGUAGE"_s);
        m_process.setProcessEnvironment(env);
    }
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    void setEnvironmentValue(const QString &name, const QString &value)
    {
        QProcessEnvironment env = m_process.processEnvironment();
        env.insert(name, value);
        m_process.setProcessEnvironment(env);
    }

    // Starts and waits for the printed URL (or the end of the process).
    bool start(const QStringList &args)
    {
        m_process.start(ferryBinary(), QStringList {u"serve"_s} + args);
        if (!m_process.waitForStarted(10'000))
            return false;
        m_process.closeWriteChannel();
        static const QRegularExpression urlLine(u"^\\s+(http://\\S+)\\s*$"_s, QRegularExpression::MultilineOption);
        QDeadlineTimer deadline(kServeStartTimeoutMs);
        while (!deadline.hasExpired()) {
            m_out += m_process.readAllStandardOutput();
            const auto m = urlLine.match(QString::fromUtf8(m_out));
            if (m.hasMatch() && m_out.contains("Ctrl+C")) {
                m_url = QUrl(m.captured(1), QUrl::StrictMode);
                return m_url.isValid();
            }
            if (m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
        }
        return false;
    }

    // Sends a signal and waits for the end.
    bool stopWith(int signalNumber)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        const bool ended = m_process.waitForFinished(kServeStopTimeoutMs);
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return ended;
    }

    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QByteArray token() const { return QUrlQuery(m_url).queryItemValue(u"token"_s).toLatin1(); }
    qint64 pid() const { return m_process.processId(); }
    QProcess &process() { return m_process; }
    QString describe()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return u"exit=%1 status=%2\n--- stdout:\n%3\n--- stderr:\n%4"_s.arg(m_process.exitCode())
            .arg(m_process.exitStatus())
            .arg(QString::fromUtf8(m_out), QString::fromUtf8(m_err));
    }
    QByteArray err() const { return m_err; }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    QUrl m_url;
};

} // namespace ferry::test
