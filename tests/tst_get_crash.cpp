// Power loss, simulated: the real `ferry get` is killed with SIGKILL several
// times in the middle of a throttled multi-connection download, each time after
// its control file claims more progress, then allowed to finish. The file must
// match byte for byte, the control file must be gone, and the data the server
// sent over all runs must stay under 1.3 × the file size (resuming, not
// restarting).
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;
using ferry::test::MisbehavingServer;
using ferry::test::runCommand;
using ferry::test::ferryBinary;
using ferry::test::kFerryRunTimeoutMs;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 kSize = 8 * MiB;
constexpr qint64 kPerConnectionRate = 320 * 1024; // × 4 connections ≈ 1.25 MiB/s: about 7 s in all
const QByteArray kPath = "/crash.bin"_ba;


QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The bytes the control file claims are on disk: the sum of its finished
// ranges ([begin, end) pairs, docs/file-formats.md); -1 while it is missing or
// unreadable (it is replaced atomically, so unreadable should not happen).
qint64 claimedBytes(const QString &controlPath)
{
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(controlPath));
    if (!doc.isObject())
        return -1;
    qint64 sum = 0;
    const QJsonArray finished = doc.object().value(u"finished"_s).toArray();
    for (const QJsonValue &span : finished) {
        const QJsonArray pair = span.toArray();
        sum += qint64(pair.at(1).toDouble()) - qint64(pair.at(0).toDouble());
    }
    return sum;
}

} // namespace

class TestGetCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ferryBinary()), qPrintable(u"the ferry executable is missing: "_s + ferryBinary()));
        QVERIFY(m_server.listen());
    }

    void killedThreeTimesThenCompletes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray data = MisbehavingServer::makeData(kSize, 51);
        m_server.setFile(kPath, data);
        MisbehavingServer::Behaviour b;
        b.bytesPerSecond = kPerConnectionRate;
        m_server.setBehaviour(kPath, b);
        m_server.clearLog();

        const QString target = dir.filePath(u"crash.bin"_s);
        const QString controlPath = target + u".part.ferry"_s;
        const QStringList arguments{u"get"_s, u"-x"_s, u"4"_s, u"-O"_s, target, m_server.url(kPath).toString()};

        qint64 lastClaim = 0;
        for (const double point : {0.15, 0.40, 0.65}) {
            QProcess ferry;
            ferry.setWorkingDirectory(dir.path());
            ferry.start(ferryBinary(), arguments);
            QVERIFY(ferry.waitForStarted());
            const qint64 wanted = qint64(point * double(kSize));
            QTRY_VERIFY2_WITH_TIMEOUT(claimedBytes(controlPath) >= wanted,
                                      qPrintable(u"the control file never claimed %1 bytes (it claims %2); ferry: %3"_s
                                                     .arg(wanted).arg(claimedBytes(controlPath))
                                                     .arg(QString::fromUtf8(ferry.readAllStandardError()))),
                                      60000);
            ::kill(pid_t(ferry.processId()), SIGKILL);
            QVERIFY(ferry.waitForFinished(10000));
            QCOMPARE(ferry.exitStatus(), QProcess::CrashExit);

            QVERIFY2(!QFile::exists(target), "a killed download has its final name already");
            QVERIFY(QFile::exists(target + u".part"_s));
            const qint64 claim = claimedBytes(controlPath);
            QVERIFY2(claim >= lastClaim, qPrintable(u"the control file went back from %1 to %2 bytes"_s.arg(lastClaim).arg(claim)));
            lastClaim = claim;
            // What the control file claims must really be on disk, after SIGKILL too.
            const QByteArray part = readAll(target + u".part"_s);
            const QJsonArray finished = QJsonDocument::fromJson(readAll(controlPath)).object().value(u"finished"_s).toArray();
            for (const QJsonValue &span : finished) {
                const qint64 begin = qint64(span.toArray().at(0).toDouble());
                const qint64 end = qint64(span.toArray().at(1).toDouble());
                QVERIFY2(end <= part.size() && part.mid(begin, end - begin) == data.mid(begin, end - begin),
                         qPrintable(u"claimed range [%1, %2) is not the server's data"_s.arg(begin).arg(end)));
            }
        }

        m_server.setBehaviour(kPath, {}); // the last run at full speed
        const CommandResult last = runCommand(ferryBinary(), arguments, kFerryRunTimeoutMs, dir.path());
        QVERIFY2(last.finished && last.exitCode == 0, qPrintable(last.describe()));
        QVERIFY2(readAll(target) == data, "the file differs from the server's after three crashes");
        QVERIFY2(!QFile::exists(controlPath), "the control file is left behind");
        QVERIFY2(!QFile::exists(target + u".part"_s), "the .part file is left behind");
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"crash.bin"_s});

        const qint64 sent = m_server.bodyBytesSent(kPath);
        QVERIFY2(sent < kSize * 13 / 10,
                 qPrintable(u"the server sent %1 bytes (%2× the file) over four runs"_s.arg(sent).arg(double(sent) / kSize, 0, 'f', 2)));
        // Each run after a crash asked only for what was missing.
        for (const auto &request : m_server.requests(kPath)) {
            if (request.rangeStart() > 0)
                QCOMPARE(request.header("if-range"), m_server.etag(kPath));
        }
    }

private:
    MisbehavingServer m_server;
};

QTEST_GUILESS_MAIN(TestGetCrash)
#include "tst_get_crash.moc"
