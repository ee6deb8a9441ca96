// "Change link" on the command line: `ferry get -O FILE --continue NEWURL`
// on a FILE.part that an earlier run fetched from another URL (an expired
// link, a mirror). The data is kept when the new link's server shows it is
// the same file (same length and validator): it sends only the rest. When the
// new link serves another file, the download starts again and says why, and
// the result is the new file, byte-exact. Without --continue a .part from
// another URL is never adopted.
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;
using ferry::test::MisbehavingServer;
using ferry::test::readAll;
using ferry::test::runCommand;
using ferry::test::ferryBinary;
using ferry::test::kFerryRunTimeoutMs;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;


} // namespace

class TestGetContinue final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }

    // Fetches part of `data` from the first server's /old.bin into file.bin.part
    // (stopped with Ctrl+C after about a megabyte), then the old link expires.
    // *etag: the old link's ETag.
    void leavePartialFromOldLink(const QByteArray &data, QByteArray *etag)
    {
        m_old->setFile("/old.bin"_ba, data);
        MisbehavingServer::Behaviour slow;
        slow.bytesPerSecond = 512 * KiB;
        m_old->setBehaviour("/old.bin"_ba, slow);
        QProcess first;
        first.setWorkingDirectory(m_dir->path());
        first.start(ferryBinary(), {u"get"_s, u"-x"_s, u"1"_s, u"-O"_s, path(u"file.bin"_s), m_old->url("/old.bin").toString()});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_old->bodyBytesSent("/old.bin") >= 1 * MiB, 30000);
        QTest::qWait(700); // past a checkpoint
        ::kill(pid_t(first.processId()), SIGINT);
        QVERIFY(first.waitForFinished(20000));
        QVERIFY(QFile::exists(path(u"file.bin.part.ferry"_s)));
        *etag = m_old->etag("/old.bin"_ba);
        m_old->removeFile("/old.bin"_ba); // the link expired
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ferryBinary()), qPrintable(u"the ferry executable is missing: "_s + ferryBinary()));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_old = std::make_unique<MisbehavingServer>(); // a fresh one: its first file is version 1
        QVERIFY(m_old->listen());
    }

    void cleanup()
    {
        m_dir.reset();
        m_old.reset();
    }

    // The same file behind the new link (a second server whose first file
    // gets the same ETag and Last-Modified): only the missing part is sent.
    void keepsTheDataWhenTheFileIsTheSame()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 91);
        QByteArray oldEtag;
        leavePartialFromOldLink(data, &oldEtag);
        if (QTest::currentTestFailed())
            return;
        MisbehavingServer mirror;
        QVERIFY(mirror.listen());
        mirror.setFile("/new.bin"_ba, data);
        QCOMPARE(mirror.etag("/new.bin"_ba), oldEtag); // a fresh server numbers its first file alike
        const CommandResult r = runCommand(ferryBinary(), {u"get"_s, u"-O"_s, path(u"file.bin"_s), u"--continue"_s,
                                                           mirror.url("/new.bin").toString()},
                                           kFerryRunTimeoutMs, m_dir->path());
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"file.bin"_s)), data);
        QVERIFY2(mirror.bodyBytesSent("/new.bin") < data.size() - MiB / 2,
                 qPrintable(u"the new link sent %1 of %2 bytes"_s.arg(mirror.bodyBytesSent("/new.bin")).arg(data.size())));
        QVERIFY(mirror.requests("/new.bin").constFirst().rangeStart() > 0);
        QVERIFY(!QFile::exists(path(u"file.bin.part"_s)));
    }

    // The new link serves another file (another ETag): start again, say why,
    // end with the new file.
    void restartsWhenTheFileChanged()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 92);
        QByteArray oldEtag;
        leavePartialFromOldLink(data, &oldEtag);
        if (QTest::currentTestFailed())
            return;
        MisbehavingServer other;
        QVERIFY(other.listen());
        other.setFile("/new.bin"_ba, data);
        const QByteArray changed = MisbehavingServer::makeData(3 * MiB, 93);
        other.setFile("/new.bin"_ba, changed); // a second version: another ETag and date
        const CommandResult r = runCommand(ferryBinary(), {u"get"_s, u"-O"_s, path(u"file.bin"_s), u"--continue"_s,
                                                           other.url("/new.bin").toString()},
                                           kFerryRunTimeoutMs, m_dir->path());
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"file.bin"_s)), changed);
        QVERIFY2(r.err.contains("again") || r.err.contains("changed"), qPrintable(r.describe()));
    }

    // Without --continue, a .part from another URL is not taken over; and
    // --continue needs the file it continues.
    void continueNeedsTheFile()
    {
        const CommandResult r = runCommand(ferryBinary(), {u"get"_s, u"--continue"_s, m_old->url("/x.bin").toString()},
                                           kFerryRunTimeoutMs, m_dir->path());
        QVERIFY2(r.finished && r.exitCode == 2 && r.err.contains("-O"), qPrintable(r.describe()));
    }

private:
    std::unique_ptr<MisbehavingServer> m_old;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestGetContinue)
#include "tst_get_continue.moc"
