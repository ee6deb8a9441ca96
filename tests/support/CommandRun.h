// Runs a program to the end for a test (the real `ferry`, nginx helpers…) and
// keeps its exit code and output. Blocking: the misbehaving server runs on its
// own thread, so it keeps serving while the test waits here.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace ferry::test {

struct CommandResult {
    bool started = false;
    bool finished = false;      // false: killed at the timeout
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QList<QByteArray> errLines() const; // non-empty lines of stderr
    QList<QByteArray> outLines() const;
    QString describe() const;           // for failure messages: code, stdout, stderr
};

CommandResult runCommand(const QString &program, const QStringList &arguments, int timeoutMs,
                         const QString &workingDirectory = QString(),
                         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace ferry::test
