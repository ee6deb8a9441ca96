// See CommandRun.h.
#include "tests/support/CommandRun.h"

using namespace Qt::StringLiterals;

namespace ferry::test {

namespace {

QList<QByteArray> nonEmptyLines(const QByteArray &text)
{
    QList<QByteArray> lines;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    return lines;
}

} // namespace

QList<QByteArray> CommandResult::errLines() const
{
    return nonEmptyLines(err);
}

QList<QByteArray> CommandResult::outLines() const
{
    return nonEmptyLines(out);
}

QString CommandResult::describe() const
{
    return u"started=%1 finished=%2 crashed=%3 exit=%4\n--- stdout:\n%5\n--- stderr:\n%6"_s
        .arg(started).arg(finished).arg(exitStatus == QProcess::CrashExit).arg(exitCode)
        .arg(QString::fromUtf8(out), QString::fromUtf8(err));
}

CommandResult runCommand(const QString &program, const QStringList &arguments, int timeoutMs,
                         const QString &workingDirectory, const QProcessEnvironment &environment)
{
    CommandResult result;
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    result.started = process.waitForStarted(10000);
    if (!result.started)
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace ferry::test
