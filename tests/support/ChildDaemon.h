// A server program (squid, danted, nginx) started by a test as a child
// process on a loopback port: started, waited for until it accepts
// connections, and stopped (SIGTERM, then SIGKILL) when the object goes. Its
// output is kept for failure messages.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

namespace ferry::test {

class ChildDaemon final
{
    Q_DISABLE_COPY_MOVE(ChildDaemon)

public:
    ChildDaemon();
    ~ChildDaemon();

    // A loopback port nothing listens on right now (the kernel's pick, released
    // for the daemon to take).
    static quint16 freePort();
    // The program's full path from the usual places (/usr/sbin first), empty when missing.
    static QString findProgram(const QString &name);

    // Starts `program` and waits until 127.0.0.1:port accepts a connection.
    // False with the reason (and the program's output) when it does not.
    bool start(const QString &program, const QStringList &arguments, quint16 port, QString *error,
               int timeoutMs = 15000);
    void stop();
    bool isRunning() const;
    QByteArray output() const; // stdout and stderr so far

private:
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_output;
};

// Writes `data` to `path` (replacing it) with the given permissions. False when it cannot.
bool writeTestFile(const QString &path, const QByteArray &data, int permissions = 0644);
// The whole file, empty when missing.
QByteArray readTestFile(const QString &path);
// An htpasswd file (apache2-utils' htpasswd, MD5 "apr1") that nginx's
// auth_basic and squid's basic_ncsa_auth both read. False with the reason.
bool writeHtpasswd(const QString &path, const QString &user, const QString &password, QString *error);

} // namespace ferry::test
