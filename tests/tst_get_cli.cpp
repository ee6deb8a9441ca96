// `ferry get` as a user runs it: the real executable against the misbehaving
// test server. Exit codes, where files land, options reaching the engine and
// the wire, resuming by re-running the same command, and one clear line per
// failure (bad URL, DNS, refused connection, 404, checksum, full disk, the
// same file already being downloaded by another run).
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;
using ferry::test::MisbehavingServer;
using ferry::test::readAll;
using ferry::test::closedPort;
using ferry::test::runCommand;
using ferry::test::ferryBinary;
using ferry::test::kFerryRunTimeoutMs;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;


} // namespace

class TestGetCli final : public QObject
{
    Q_OBJECT

private:
    CommandResult ferryGet(const QStringList &arguments, int timeoutMs = kFerryRunTimeoutMs)
    {
        return ferry::test::runFerryGet(arguments, m_dir->path(), timeoutMs);
    }

    QString path(const QString &name) const { return m_dir->filePath(name); }

    // Serves `data` at `urlPath` at 512 KiB/s and returns the arguments of
    // `ferry get -x 2 -O <name> URL` for it, to run again later.
    QStringList slowGetArguments(const QByteArray &urlPath, const QByteArray &data)
    {
        m_server.setFile(urlPath, data);
        MisbehavingServer::Behaviour b;
        b.bytesPerSecond = 512 * KiB;
        m_server.setBehaviour(urlPath, b);
        return {u"get"_s, u"-x"_s, u"2"_s, u"-O"_s, path(QString::fromUtf8(urlPath.mid(1))), m_server.url(urlPath).toString()};
    }

    // Starts `ferry arguments...` in the test's folder without waiting for it.
    bool startInBackground(QProcess &process, const QStringList &arguments)
    {
        process.setWorkingDirectory(m_dir->path());
        process.start(ferryBinary(), arguments);
        return process.waitForStarted();
    }

    // Exactly one stderr line names the URL, and it gives the reason.
    static void verifyOneFailureLine(const CommandResult &r, const QString &url, const QRegularExpression &reason)
    {
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode != 0, qPrintable(r.describe()));
        QList<QByteArray> mentioning;
        for (const QByteArray &line : r.errLines()) {
            if (line.contains(url.toUtf8()))
                mentioning.append(line);
        }
        QVERIFY2(mentioning.size() == 1, qPrintable(u"expected one line naming the URL\n"_s + r.describe()));
        for (const QByteArray &line : r.errLines()) // nothing but Ferry's own lines (no Qt warnings)
            QVERIFY2(line.startsWith("ferry: "), qPrintable(u"a stray line on stderr\n"_s + r.describe()));
        QVERIFY2(reason.match(QString::fromUtf8(mentioning.constFirst())).hasMatch(),
                 qPrintable(u"the failure line does not give the reason (%1)\n"_s.arg(reason.pattern()) + r.describe()));
        QVERIFY2(!r.err.contains('\033') && !r.out.contains('\033'), "escape codes without a terminal");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ferryBinary()), qPrintable(u"the ferry executable is missing: "_s + ferryBinary()));
        QVERIFY(m_server.listen());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server.clearLog();
    }

    void cleanup() { m_dir.reset(); }

    // Success: exit 0, the file, one line on stdout, no progress-bar codes.
    void savesWithDashO()
    {
        const QByteArray data = MisbehavingServer::makeData(1 * MiB + 3, 31);
        m_server.setFile("/one.bin"_ba, data);
        m_server.setBehaviour("/one.bin"_ba, {});
        const CommandResult r = ferryGet({u"-O"_s, path(u"out.bin"_s), m_server.url("/one.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"out.bin"_s)), data);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.bin"_s});
        QVERIFY2(r.outLines().size() == 1, qPrintable(r.describe()));
        QVERIFY2(!r.out.contains('\033') && !r.err.contains('\033') && !r.out.contains('\r'), qPrintable(r.describe()));
        QCOMPARE(m_server.requests("/one.bin").constFirst().header("range"), "bytes=0-"_ba);
    }

    void savesIntoDirectory()
    {
        const QByteArray data = MisbehavingServer::makeData(200 * KiB, 32);
        m_server.setFile("/dir/named.bin"_ba, data);
        m_server.setBehaviour("/dir/named.bin"_ba, {});
        QVERIFY(QDir(m_dir->path()).mkdir(u"sub"_s));
        const CommandResult r = ferryGet({u"-o"_s, path(u"sub"_s), m_server.url("/dir/named.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"sub/named.bin"_s)), data);
    }

    // Several URLs: one line each on stdout, exit 0 only when all are complete.
    void severalUrls()
    {
        const QByteArray data = MisbehavingServer::makeData(100 * KiB, 33);
        m_server.setFile("/m1.bin"_ba, data);
        m_server.setFile("/m2.bin"_ba, data);
        m_server.removeFile("/m404.bin"_ba);
        CommandResult r = ferryGet({u"-o"_s, m_dir->path(), m_server.url("/m1.bin").toString(), m_server.url("/m2.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.outLines().size(), 2);
        QCOMPARE(readAll(path(u"m1.bin"_s)), data);
        QCOMPARE(readAll(path(u"m2.bin"_s)), data);

        QVERIFY(QFile::remove(path(u"m1.bin"_s)));
        const QString missing = m_server.url("/m404.bin").toString();
        r = ferryGet({u"-o"_s, m_dir->path(), m_server.url("/m1.bin").toString(), missing});
        verifyOneFailureLine(r, missing, QRegularExpression(u"404|not found"_s, QRegularExpression::CaseInsensitiveOption));
        QCOMPARE(readAll(path(u"m1.bin"_s)), data);
    }

    void connections_data()
    {
        QTest::addColumn<int>("connections");
        QTest::addRow("-x 1") << 1;
        QTest::addRow("-x 4") << 4;
    }

    void connections()
    {
        QFETCH(int, connections);
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 34);
        m_server.setFile("/x.bin"_ba, data);
        MisbehavingServer::Behaviour b;
        b.bytesPerSecond = 2 * MiB; // per connection: slow enough for the split to happen
        m_server.setBehaviour("/x.bin"_ba, b);
        const CommandResult r = ferryGet({u"-x"_s, QString::number(connections), u"-O"_s, path(u"x.bin"_s),
                                          m_server.url("/x.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"x.bin"_s)), data);
        QSet<qint64> starts;
        for (const auto &request : m_server.requests("/x.bin"))
            starts.insert(request.rangeStart());
        if (connections == 1)
            QCOMPARE(starts.size(), 1);
        else
            QVERIFY2(starts.size() >= 3, qPrintable(u"%1 distinct ranges"_s.arg(starts.size())));
    }

    void extraHeaderReachesServer()
    {
        const QByteArray data = MisbehavingServer::makeData(50 * KiB, 35);
        m_server.setFile("/h.bin"_ba, data);
        m_server.setBehaviour("/h.bin"_ba, {});
        const CommandResult r = ferryGet({u"--header"_s, u"X-Token: v"_s, u"-O"_s, path(u"h.bin"_s), m_server.url("/h.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const auto requests = m_server.requests("/h.bin");
        QVERIFY(!requests.isEmpty());
        for (const auto &request : requests)
            QCOMPARE(request.header("x-token"), "v"_ba);
    }

    void checksum_data()
    {
        QTest::addColumn<bool>("good");
        QTest::addRow("good") << true;
        QTest::addRow("bad") << false;
    }

    void checksum()
    {
        QFETCH(bool, good);
        const QByteArray data = MisbehavingServer::makeData(300 * KiB, 36);
        m_server.setFile("/c.bin"_ba, data);
        m_server.setBehaviour("/c.bin"_ba, {});
        QByteArray hex = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
        if (!good)
            hex[5] = hex[5] == 'a' ? 'b' : 'a';
        const QString url = m_server.url("/c.bin").toString();
        const CommandResult r = ferryGet({u"--checksum"_s, u"sha256="_s + QString::fromLatin1(hex), u"-O"_s, path(u"c.bin"_s), url});
        if (good) {
            QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
            QCOMPARE(readAll(path(u"c.bin"_s)), data);
            return;
        }
        verifyOneFailureLine(r, url, QRegularExpression(u"checksum|sha-?256|mismatch|verif"_s, QRegularExpression::CaseInsensitiveOption));
        QVERIFY2(!QFile::exists(path(u"c.bin"_s)), "a file that failed its checksum must not get its final name");
    }

    void limitRate_data()
    {
        QTest::addColumn<QString>("rate");
        QTest::addColumn<bool>("valid");
        QTest::addRow("2M") << u"2M"_s << true;
        QTest::addRow("500K") << u"500K"_s << true;
        QTest::addRow("1048576") << u"1048576"_s << true;
        QTest::addRow("abc") << u"abc"_s << false;
        QTest::addRow("-5K") << u"-5K"_s << false;
    }

    void limitRate()
    {
        QFETCH(QString, rate);
        QFETCH(bool, valid);
        const QByteArray data = MisbehavingServer::makeData(256 * KiB, 37);
        m_server.setFile("/r.bin"_ba, data);
        m_server.setBehaviour("/r.bin"_ba, {});
        const CommandResult r = ferryGet({u"--limit-rate"_s, rate, u"-O"_s, path(u"r.bin"_s), m_server.url("/r.bin").toString()});
        QVERIFY2(r.finished, qPrintable(r.describe()));
        if (valid) {
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            QCOMPARE(readAll(path(u"r.bin"_s)), data);
        } else {
            QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
            QVERIFY2(r.err.contains("limit-rate"), qPrintable(r.describe()));
            QCOMPARE(m_server.requestCount("/r.bin"), 0);
        }
    }

    // --max-tries N: exactly N requests reach a server that keeps answering 503,
    // then one line and a non-zero exit; bad values are usage errors.
    void maxTries_data()
    {
        QTest::addColumn<QString>("tries");
        QTest::addColumn<int>("expectedRequests"); // -1: a usage error, nothing sent
        QTest::addRow("1") << u"1"_s << 1;
        QTest::addRow("3") << u"3"_s << 3;
        QTest::addRow("-1") << u"-1"_s << -1;
        QTest::addRow("abc") << u"abc"_s << -1;
    }

    void maxTries()
    {
        QFETCH(QString, tries);
        QFETCH(int, expectedRequests);
        m_server.setFile("/busy503.bin"_ba, MisbehavingServer::makeData(64 * KiB, 44));
        MisbehavingServer::Behaviour b;
        b.errorStatus = 503;
        m_server.setBehaviour("/busy503.bin"_ba, b);
        const QString url = m_server.url("/busy503.bin").toString();
        const CommandResult r = ferryGet({u"--max-tries"_s, tries, u"--retry-wait"_s, u"0"_s, u"-O"_s, path(u"b.bin"_s), url});
        if (expectedRequests < 0) {
            QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains("--max-tries"), qPrintable(r.describe()));
            QCOMPARE(m_server.requestCount("/busy503.bin"), 0);
            return;
        }
        verifyOneFailureLine(r, url, QRegularExpression(u"503"_s));
        QCOMPARE(m_server.requestCount("/busy503.bin"), expectedRequests);
        QVERIFY(!QFile::exists(path(u"b.bin"_s)));
    }

    // --max-tries 0 never gives up: far more attempts than the default six,
    // and when the server recovers the file is complete.
    void maxTriesZeroKeepsTrying()
    {
        const QByteArray data = MisbehavingServer::makeData(200 * KiB, 45);
        m_server.setFile("/forever.bin"_ba, data);
        MisbehavingServer::Behaviour b;
        b.errorStatus = 503;
        m_server.setBehaviour("/forever.bin"_ba, b);
        QProcess run;
        QVERIFY(startInBackground(run, {u"get"_s, u"-m"_s, u"0"_s, u"--retry-wait"_s, u"0.05"_s, u"-O"_s, path(u"forever.bin"_s),
                                        m_server.url("/forever.bin").toString()}));
        QTRY_VERIFY_WITH_TIMEOUT(m_server.requestCount("/forever.bin") >= 15, 30000);
        QCOMPARE(run.state(), QProcess::Running);
        m_server.setBehaviour("/forever.bin"_ba, {});
        QVERIFY(run.waitForFinished(kFerryRunTimeoutMs));
        QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, run.readAllStandardError().constData());
        QCOMPARE(readAll(path(u"forever.bin"_s)), data);
    }

    // --retry-wait W: every wait is about W (jitter takes up to a fifth off),
    // not the default 1 s doubling; bad values are usage errors.
    void retryWait()
    {
        m_server.setFile("/wait503.bin"_ba, MisbehavingServer::makeData(64 * KiB, 46));
        MisbehavingServer::Behaviour b;
        b.errorStatus = 503;
        m_server.setBehaviour("/wait503.bin"_ba, b);
        const QString url = m_server.url("/wait503.bin").toString();
        const CommandResult r = ferryGet({u"--max-tries"_s, u"4"_s, u"--retry-wait"_s, u"0.4"_s, u"-O"_s, path(u"w.bin"_s), url});
        verifyOneFailureLine(r, url, QRegularExpression(u"503"_s));
        const auto requests = m_server.requests("/wait503.bin");
        QCOMPARE(requests.size(), 4);
        for (qsizetype i = 1; i < requests.size(); ++i) {
            const qint64 gap = requests.at(i).receivedAtMs - requests.at(i - 1).receivedAtMs;
            QVERIFY2(gap >= 300 && gap <= 1000, qPrintable(u"wait %1: %2 ms"_s.arg(i).arg(gap)));
        }
        for (const QString &bad : {u"-1"_s, u"x"_s, u"99999"_s}) {
            const CommandResult usage = ferryGet({u"--retry-wait"_s, bad, url});
            QVERIFY2(usage.finished && usage.exitCode == 2 && usage.err.contains("--retry-wait"), qPrintable(usage.describe()));
        }
        QCOMPARE(m_server.requestCount("/wait503.bin"), 4);
    }

    // The usage line names the command as typed, not argv[0]'s path; no Qt-only options.
    void helpNamesTheCommand()
    {
        const CommandResult r = ferryGet({u"--help"_s});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.startsWith("Usage: ferry get [options] URL..."), qPrintable(r.describe()));
        for (const char *option : {"-o <DIR>", "-O <FILE>", "--connections", "--limit-rate", "--checksum", "--header", "--quiet", "--max-tries",
                                   "--retry-wait"})
            QVERIFY2(r.out.contains(option), qPrintable(r.describe()));
        QVERIFY2(!r.out.contains("--help-all"), qPrintable(r.describe()));
    }

    void quietPrintsNothing()
    {
        const QByteArray data = MisbehavingServer::makeData(100 * KiB, 38);
        m_server.setFile("/q.bin"_ba, data);
        m_server.setBehaviour("/q.bin"_ba, {});
        const CommandResult r = ferryGet({u"-q"_s, u"-O"_s, path(u"q.bin"_s), m_server.url("/q.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out, QByteArray());
        QCOMPARE(r.err, QByteArray());
        QCOMPARE(readAll(path(u"q.bin"_s)), data);
    }

    // A name near the file system's 255-byte limit: the partial file and its
    // control file need room for ".part.ferry", so the saved name is shortened
    // enough for them (it failed with "File name too long" on the .part).
    void longNameFromUrl()
    {
        const QByteArray longName = "/"_ba + QByteArray(250, 'n') + ".bin"_ba;
        const QByteArray data = MisbehavingServer::makeData(64 * KiB, 43);
        m_server.setFile(longName, data);
        const CommandResult r = ferryGet({u"-o"_s, m_dir->path(), m_server.url(longName).toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QStringList saved = QDir(m_dir->path()).entryList(QDir::Files);
        QCOMPARE(saved.size(), 1);
        QVERIFY2(saved.first().startsWith(u"nnnn"_s) && saved.first().endsWith(u".bin"_s), qPrintable(saved.first()));
        QVERIFY(saved.first().toUtf8().size() + qstrlen(".part.ferry") <= 255);
        QCOMPARE(readAll(path(saved.first())), data);
    }

    // An empty file is saved, and saying it cannot be resumed would be noise.
    void emptyFile()
    {
        m_server.setFile("/empty.bin"_ba, QByteArray());
        const CommandResult r = ferryGet({u"-o"_s, m_dir->path(), m_server.url("/empty.bin").toString()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.errLines().isEmpty(), qPrintable(r.describe()));
        QVERIFY(QFile::exists(path(u"empty.bin"_s)));
        QCOMPARE(QFileInfo(path(u"empty.bin"_s)).size(), 0);
        QVERIFY(!QFile::exists(path(u"empty.bin.part"_s)));
    }

    // Ctrl+C, then the same command again: it continues where it stopped.
    void rerunResumes()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 39);
        const QStringList arguments = slowGetArguments("/resume.bin"_ba, data);

        QProcess first;
        QVERIFY(startInBackground(first, arguments));
        QTRY_VERIFY_WITH_TIMEOUT(m_server.bodyBytesSent("/resume.bin") >= 1 * MiB, 30000);
        QTest::qWait(700); // past a checkpoint
        ::kill(pid_t(first.processId()), SIGINT);
        QVERIFY(first.waitForFinished(20000));
        QVERIFY2(first.exitCode() != 0, "an interrupted download must not exit 0");
        QVERIFY(!QFile::exists(path(u"resume.bin"_s)));
        QVERIFY(QFile::exists(path(u"resume.bin.part"_s)));
        QVERIFY(QFile::exists(path(u"resume.bin.part.ferry"_s)));
        const int firstRunRequests = m_server.requestCount("/resume.bin");

        m_server.setBehaviour("/resume.bin"_ba, {});
        const CommandResult r = runCommand(ferryBinary(), arguments, kFerryRunTimeoutMs, m_dir->path());
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"resume.bin"_s)), data);
        QVERIFY(!QFile::exists(path(u"resume.bin.part"_s)));
        QVERIFY(!QFile::exists(path(u"resume.bin.part.ferry"_s)));
        const auto requests = m_server.requests("/resume.bin");
        QVERIFY(requests.size() > firstRunRequests);
        const auto &firstOfSecondRun = requests.at(firstRunRequests);
        QVERIFY2(firstOfSecondRun.rangeStart() > 0,
                 qPrintable(u"the second run asked again from %1"_s.arg(QString::fromLatin1(firstOfSecondRun.header("range")))));
        QCOMPARE(firstOfSecondRun.header("if-range"), m_server.etag("/resume.bin"_ba));
        QVERIFY2(m_server.bodyBytesSent("/resume.bin") < data.size() * 13 / 10,
                 qPrintable(u"%1 bytes sent for %2"_s.arg(m_server.bodyBytesSent("/resume.bin")).arg(data.size())));
    }

    // The same command in a second terminal while the first still runs: the
    // second must not write into the first one's partial file (it used to
    // resume from it, both wrote, and the loser failed renaming a file that
    // was gone, leaving a stale control file). It fails with one clear line;
    // the first finishes byte-exact and leaves nothing behind.
    void secondRunWhileFirstRunsIsRefused()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 41);
        const QStringList arguments = slowGetArguments("/busy.bin"_ba, data);
        const QString url = arguments.last();

        QProcess first;
        QVERIFY(startInBackground(first, arguments));
        // The first run's control file exists: a second run would resume from it.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path(u"busy.bin.part.ferry"_s)), 30000);

        const CommandResult second = runCommand(ferryBinary(), arguments, kFerryRunTimeoutMs, m_dir->path());
        verifyOneFailureLine(second, url, QRegularExpression(u"another"_s));
        QCOMPARE(first.state(), QProcess::Running);

        m_server.setBehaviour("/busy.bin"_ba, {});
        QVERIFY(first.waitForFinished(kFerryRunTimeoutMs));
        QVERIFY2(first.exitStatus() == QProcess::NormalExit && first.exitCode() == 0,
                 first.readAllStandardError().constData());
        QCOMPARE(readAll(path(u"busy.bin"_s)), data);
        QVERIFY(!QFile::exists(path(u"busy.bin.part"_s)));
        QVERIFY(!QFile::exists(path(u"busy.bin.part.ferry"_s)));
    }

    void failures_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reason");
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        QTest::addRow("ftp URL") << u"ftp://x/file.bin"_s << u"scheme|protocol|support|ftp:"_s;
        QTest::addRow("not a URL") << u"not a url"_s << u"url|scheme|invalid"_s;
        QTest::addRow("DNS failure") << u"http://nonexistent.invalid/file.bin"_s << u"host|resolv|name|dns|not found|lookup"_s;
        QTest::addRow("connection refused") << u"http://127.0.0.1:%1/file.bin"_s.arg(port) << u"refused|connect"_s;
        QTest::addRow("404") << u"SERVER/missing.bin"_s << u"404|not found"_s;
        // QUrl cannot parse it (no scheme): the line must still name it as typed.
        QTest::addRow("no scheme") << u"127.0.0.1:%1/file.bin"_s.arg(port) << u"url|scheme|invalid"_s;
    }

    void failures()
    {
        QFETCH(QString, url);
        QFETCH(QString, reason);
        url.replace(u"SERVER"_s, m_server.url("").toString());
        m_server.removeFile("/missing.bin"_ba);
        const CommandResult r = ferryGet({u"-O"_s, path(u"f.bin"_s), url});
        verifyOneFailureLine(r, url, QRegularExpression(reason, QRegularExpression::CaseInsensitiveOption));
        QVERIFY(!QFile::exists(path(u"f.bin"_s)));
        QVERIFY2(!readAll(path(u"f.bin.part"_s)).contains("<html"), "an error page was written into the data");
    }

    // A disk that fills up: a 1 MiB tmpfs, a 3 MiB file. Runs ferry in a private
    // mount namespace (`unshare -m` as root, `unshare -rm` otherwise) so the
    // mount vanishes with it; the directory listing is printed from inside.
    void fullDisk()
    {
        const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
        QVERIFY2(!unshare.isEmpty(), "unshare (util-linux) is missing: run scripts/test, which installs what the tests need");
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 40);
        m_server.setFile("/big.bin"_ba, data);
        m_server.setBehaviour("/big.bin"_ba, {});
        const QString mountPoint = path(u"small"_s);
        QVERIFY(QDir().mkpath(mountPoint));
        const QString url = m_server.url("/big.bin").toString();
        const QString script = uR"sh(mount -t tmpfs -o size=1m tmpfs "$1" || exit 99
"$2" get -O "$1/big.bin" "$3"
code=$?
echo "LISTING:$(ls -A "$1" | tr '\n' '|')"
exit $code)sh"_s;
        const QStringList arguments{::geteuid() == 0 ? u"-m"_s : u"-rm"_s, u"sh"_s, u"-c"_s, script, u"sh"_s, mountPoint,
                                    ferryBinary(), url};
        const CommandResult r = runCommand(unshare, arguments, kFerryRunTimeoutMs, m_dir->path());
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QVERIFY2(r.exitCode != 99, qPrintable(u"could not mount a tmpfs in a private namespace (needs root or user namespaces)\n"_s
                                              + r.describe()));
        verifyOneFailureLine(r, url, QRegularExpression(u"space|full|disk|write|storage"_s, QRegularExpression::CaseInsensitiveOption));
        const qsizetype at = r.out.indexOf("LISTING:");
        QVERIFY2(at >= 0, qPrintable(r.describe()));
        const QList<QByteArray> left = r.out.mid(at + 8).trimmed().split('|');
        QVERIFY2(!left.contains("big.bin"), qPrintable(u"the final file was left on a full disk\n"_s + r.describe()));
    }

private:
    MisbehavingServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestGetCli)
#include "tst_get_cli.moc"
