// `ferry get -i LIST` as a user runs it: the real executable reading aria2's
// input-file format (from a file and from standard input) against the
// misbehaving test server. A mix of good, missing and duplicate URLs ends
// with the good files byte-exact, one line per failure, one note per
// duplicate and exit 1; a list with mistakes downloads nothing and names
// every bad line; -j limits how many files run at once; a thousand small
// files from one host travel over a handful of kept-alive connections.
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;
using ferry::test::MisbehavingServer;
using ferry::test::writeFile;
using ferry::test::readAll;
using ferry::test::runCommand;
using ferry::test::ferryBinary;
using ferry::test::kFerryRunTimeoutMs;

namespace {

constexpr qint64 KiB = 1024;


// Every file below dir, relative to it, sorted.
QStringList filesBelow(const QString &dir)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << QDir(dir).relativeFilePath(it.next());
    found.sort();
    return found;
}

} // namespace

class TestGetInputList final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QByteArray url(const char *urlPath) const { return m_server.url(urlPath).toString().toUtf8(); }

    CommandResult ferryGet(const QStringList &arguments)
    {
        return ferry::test::runFerryGet(arguments, m_dir->path());
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

    // Good files (named by the URL, by out=, into dir=), a 404 and a URL
    // listed twice. The 404 is one line naming it; the duplicate is fetched
    // once (no "a (1).bin") with a note; everything good is byte-exact.
    void mixedList()
    {
        const QByteArray a = MisbehavingServer::makeData(100 * KiB, 51);
        const QByteArray b = MisbehavingServer::makeData(64 * KiB + 7, 52);
        const QByteArray c = MisbehavingServer::makeData(300 * KiB, 53);
        const QByteArray d = MisbehavingServer::makeData(1, 54);
        m_server.setFile("/list/a.bin"_ba, a);
        m_server.setFile("/list/b.bin"_ba, b);
        m_server.setFile("/list/c.bin"_ba, c);
        m_server.setFile("/list/d.bin"_ba, d);
        m_server.removeFile("/list/missing.bin"_ba);
        const QByteArray list = "# downloads for today\n"_ba
            + url("/list/a.bin") + "\n\n"
            + url("/list/b.bin") + "\n  out=renamed.bin\n"
            + url("/list/missing.bin") + "\n"
            + url("/list/c.bin") + "\n\tdir=" + path(u"sub"_s).toUtf8() + "\n"
            + url("/list/a.bin") + "\n" // again
            + url("/list/d.bin") + "\n";
        QVERIFY(writeFile(path(u"list.txt"_s), list));
        QVERIFY(QDir().mkpath(path(u"out"_s)));

        const CommandResult r = ferryGet({u"-i"_s, path(u"list.txt"_s), u"-o"_s, path(u"out"_s), u"-j"_s, u"2"_s});
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit && r.exitCode == 1, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"out/a.bin"_s)), a);
        QCOMPARE(readAll(path(u"out/renamed.bin"_s)), b);
        QCOMPARE(readAll(path(u"sub/c.bin"_s)), c);
        QCOMPARE(readAll(path(u"out/d.bin"_s)), d);
        QCOMPARE(filesBelow(path(u"out"_s)), (QStringList{u"a.bin"_s, u"d.bin"_s, u"renamed.bin"_s}));
        QCOMPARE(filesBelow(path(u"sub"_s)), QStringList{u"c.bin"_s});
        QCOMPARE(m_server.requestCount("/list/a.bin"), 1);

        QList<QByteArray> failures, notes;
        for (const QByteArray &line : r.errLines()) {
            QVERIFY2(line.startsWith("ferry: "), qPrintable(u"a stray line on stderr\n"_s + r.describe()));
            if (line.contains("404 Not Found")) // not "404" alone: a URL's port may hold those digits
                failures << line;
            else if (line.contains("listed again"))
                notes << line;
        }
        QVERIFY2(failures.size() == 1 && failures.first().contains(url("/list/missing.bin")), qPrintable(r.describe()));
        QVERIFY2(notes.size() == 1 && notes.first().contains("list.txt:9") && notes.first().contains("list.txt:2"),
                 qPrintable(r.describe()));
        QCOMPARE(r.outLines().size(), 4); // one "Saved" line per file
    }

    // Further URLs on a line, separated by tabs, are mirrors of the file (as
    // aria2 reads them): a first link that answers 404 moves on to the next
    // one and the file is byte-exact; a URL that cannot be a mirror is one note.
    void tabSeparatedMirrorsAreUsed()
    {
        const QByteArray m = MisbehavingServer::makeData(200 * KiB, 57);
        m_server.removeFile("/gone/m.bin"_ba);
        m_server.setFile("/alive/m.bin"_ba, m);
        QVERIFY(writeFile(path(u"list.txt"_s), url("/gone/m.bin") + "\tftp://old.example/m.bin\t" + url("/alive/m.bin") + "\n"));
        const CommandResult r = ferryGet({u"-i"_s, path(u"list.txt"_s)});
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readAll(path(u"m.bin"_s)), m);
        QVERIFY(m_server.requestCount("/gone/m.bin") > 0);
        QVERIFY2(r.err.contains("list.txt:1: ftp://old.example/m.bin is not used as a mirror"), qPrintable(r.describe()));
    }

    // "-i -" reads the list from standard input, also together with URLs on the command line.
    void listFromStandardInput()
    {
        const QByteArray e = MisbehavingServer::makeData(80 * KiB, 55);
        const QByteArray f = MisbehavingServer::makeData(90 * KiB, 56);
        m_server.setFile("/stdin/e.bin"_ba, e);
        m_server.setFile("/stdin/f.bin"_ba, f);
        QProcess run;
        run.setWorkingDirectory(m_dir->path());
        run.start(ferryBinary(), {u"get"_s, u"-q"_s, u"-i"_s, u"-"_s, QString::fromUtf8(url("/stdin/f.bin"))});
        QVERIFY(run.waitForStarted());
        run.write(url("/stdin/e.bin") + "\r\n  out=from-stdin.bin\r\n");
        run.closeWriteChannel();
        QVERIFY(run.waitForFinished(kFerryRunTimeoutMs));
        QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, run.readAllStandardError().constData());
        QCOMPARE(readAll(path(u"from-stdin.bin"_s)), e);
        QCOMPARE(readAll(path(u"f.bin"_s)), f);
    }

    // Mistakes in a list: every bad line is named as FILE:LINE, exit 2, and
    // nothing is downloaded (not even the good lines).
    void listWithMistakesDownloadsNothing_data()
    {
        QTest::addColumn<QByteArray>("list");
        QTest::addColumn<QStringList>("expected"); // substrings, one stderr line each
        QTest::addRow("bad lines") << "  out=early.bin\nURL\n  colour=red\n  out=../escape.bin\n  checksum=sha256=12\n"_ba
                                   << QStringList{u"bad.txt:1:"_s, u"bad.txt:3:"_s, u"bad.txt:4:"_s, u"bad.txt:5:"_s};
        QTest::addRow("two URLs, one name") << "URL\n  out=same.bin\nURL2\n  out=same.bin\n"_ba
                                            << QStringList{u"bad.txt:3: "_s};
        QTest::addRow("bad header") << "URL\n  header=no colon\n"_ba << QStringList{u"bad.txt:2: "_s};
    }

    void listWithMistakesDownloadsNothing()
    {
        QFETCH(QByteArray, list);
        QFETCH(QStringList, expected);
        m_server.setFile("/bad/ok.bin"_ba, MisbehavingServer::makeData(10 * KiB, 57));
        m_server.setFile("/bad/ok2.bin"_ba, MisbehavingServer::makeData(10 * KiB, 58));
        list.replace("URL2", url("/bad/ok2.bin"));
        list.replace("URL", url("/bad/ok.bin"));
        QVERIFY(writeFile(path(u"bad.txt"_s), list));
        const CommandResult r = ferryGet({u"-i"_s, u"bad.txt"_s});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        for (const QString &needle : expected) {
            const auto lines = r.errLines();
            QVERIFY2(std::count_if(lines.cbegin(), lines.cend(), [&](const QByteArray &l) { return l.contains(needle.toUtf8()); }) == 1,
                     qPrintable(needle + u"\n"_s + r.describe()));
        }
        QCOMPARE(m_server.requestCount("/bad/ok.bin"), 0);
        QCOMPARE(m_server.requestCount("/bad/ok2.bin"), 0);
        QCOMPARE(filesBelow(m_dir->path()), QStringList{u"bad.txt"_s});
    }

    void missingListFile()
    {
        const CommandResult r = ferryGet({u"-i"_s, path(u"nope.txt"_s)});
        QVERIFY2(r.finished && r.exitCode == 2 && r.err.contains("nope.txt"), qPrintable(r.describe()));
    }

    void listWithoutUrls()
    {
        QVERIFY(writeFile(path(u"empty.txt"_s), "# nothing yet\n\n"));
        const CommandResult r = ferryGet({u"-i"_s, u"empty.txt"_s});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
    }

    // -i with -O or --checksum, and -j out of range, are usage errors.
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("-O") << QStringList{u"-i"_s, u"l.txt"_s, u"-O"_s, u"x.bin"_s};
        QTest::addRow("--checksum") << QStringList{u"-i"_s, u"l.txt"_s, u"--checksum"_s, u"md5=00000000000000000000000000000000"_s};
        QTest::addRow("-j 0") << QStringList{u"-i"_s, u"l.txt"_s, u"-j"_s, u"0"_s};
        QTest::addRow("-j 65") << QStringList{u"-i"_s, u"l.txt"_s, u"-j"_s, u"65"_s};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        m_server.setFile("/u.bin"_ba, MisbehavingServer::makeData(KiB, 59));
        QVERIFY(writeFile(path(u"l.txt"_s), url("/u.bin") + "\n"));
        const CommandResult r = ferryGet(arguments);
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QCOMPARE(m_server.requestCount("/u.bin"), 0);
    }

    // -j N: never more than N files (here one connection each) at once, and N are reached.
    void jobsLimitParallelFiles()
    {
        QByteArray list;
        for (int i = 0; i < 6; ++i) {
            const QByteArray name = "/jobs/" + QByteArray::number(i) + ".bin";
            m_server.setFile(name, MisbehavingServer::makeData(192 * KiB, 60 + i));
            MisbehavingServer::Behaviour slow;
            slow.bytesPerSecond = 256 * KiB;
            m_server.setBehaviour(name, slow);
            list += url(name.constData()) + "\n";
        }
        QVERIFY(writeFile(path(u"jobs.txt"_s), list));
        const CommandResult r = ferryGet({u"-q"_s, u"-x"_s, u"1"_s, u"-j"_s, u"2"_s, u"-i"_s, u"jobs.txt"_s});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        // Each file is one request (-x 1): the most requests sending at the same moment.
        QList<QPair<qint64, int>> edges;
        for (const auto &request : m_server.requests()) {
            if (!request.path.startsWith("/jobs/"))
                continue;
            QVERIFY(request.lastBodyByteAtMs >= request.receivedAtMs);
            edges.append({request.receivedAtMs, +1});
            edges.append({request.lastBodyByteAtMs + 1, -1});
        }
        QCOMPARE(edges.size(), 12);
        std::sort(edges.begin(), edges.end());
        int running = 0, most = 0;
        for (const auto &edge : std::as_const(edges))
            most = std::max(most, running += edge.second);
        QVERIFY2(most == 2, qPrintable(u"at most %1 files at once"_s.arg(most)));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(readAll(path(u"%1.bin"_s.arg(i))), m_server.fileData("/jobs/" + QByteArray::number(i) + ".bin"));
    }

    // Different URLs whose files have the same name, running at once into a
    // folder that already holds that name and a leftover control file of
    // another URL for the next one: every file is kept, under its own name —
    // none overwritten, none spliced with another's data, the stranger's
    // control file not taken — in the first run and in a second one.
    void sameNameDistinctFiles()
    {
        QByteArray list;
        QList<QByteArray> contents;
        for (int i = 0; i < 4; ++i) {
            const QByteArray name = "/same/" + QByteArray::number(i) + "/a.bin";
            contents << MisbehavingServer::makeData(96 * KiB + i, 70 + i);
            m_server.setFile(name, contents.last());
            MisbehavingServer::Behaviour slow;
            slow.bytesPerSecond = 192 * KiB; // half a second each: they overlap
            m_server.setBehaviour(name, slow);
            list += url(name.constData()) + "\n";
        }
        QVERIFY(QDir().mkpath(path(u"out"_s)));
        QVERIFY(writeFile(path(u"out/a.bin"_s), "keep me"));
        // Another download's partial file of that name, with a control file
        // that cannot be read: neither is taken over nor touched.
        QVERIFY(writeFile(path(u"out/a (1).bin.part"_s), "partial"));
        QVERIFY(writeFile(path(u"out/a (1).bin.part.ferry"_s), "{\"format\":\"ferry-control\"}"));
        QVERIFY(writeFile(path(u"same.txt"_s), list));
        for (int run = 0; run < 2; ++run) {
            const CommandResult r = ferryGet({u"-q"_s, u"-j"_s, u"4"_s, u"-i"_s, u"same.txt"_s, u"-o"_s, u"out"_s});
            QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        }
        QCOMPARE(readAll(path(u"out/a.bin"_s)), "keep me"_ba);
        QCOMPARE(readAll(path(u"out/a (1).bin.part"_s)), "partial"_ba);
        QCOMPARE(readAll(path(u"out/a (1).bin.part.ferry"_s)), "{\"format\":\"ferry-control\"}"_ba);
        QStringList names = filesBelow(path(u"out"_s));
        for (const QString &old : {u"a.bin"_s, u"a (1).bin.part"_s, u"a (1).bin.part.ferry"_s})
            QVERIFY(names.removeOne(old));
        QCOMPARE(names.size(), 8); // two runs of four files, each under a name of its own
        QList<QByteArray> found;
        for (const QString &name : std::as_const(names)) {
            QVERIFY2(name.startsWith(u"a ("_s) && name.endsWith(u").bin"_s), qPrintable(names.join(u", "_s)));
            found << readAll(path(u"out/"_s + name));
        }
        for (const QByteArray &content : std::as_const(contents))
            QCOMPARE(found.count(content), 2);
    }

    // Keep-alive across downloads (docs/engine.md "Shared connections"),
    // counted where it happens: the server numbers the TCP connections it
    // accepted. With one manager per download this was one connection per file.
    void thousandSmallFilesFewConnections()
    {
        constexpr int kFiles = 1000;
        QByteArray list;
        for (int i = 0; i < kFiles; ++i) {
            const QByteArray name = "/many/" + QByteArray::number(i) + ".bin";
            m_server.setFile(name, MisbehavingServer::makeData(4 * KiB, 1000 + i));
            list += url(name.constData()) + "\n";
        }
        QVERIFY(writeFile(path(u"many.txt"_s), list));
        const CommandResult r = ferryGet({u"-q"_s, u"-i"_s, u"many.txt"_s, u"-o"_s, u"out"_s});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QSet<int> connections;
        int requests = 0;
        for (const auto &request : m_server.requests()) {
            if (!request.path.startsWith("/many/"))
                continue;
            connections.insert(request.connection);
            ++requests;
        }
        QCOMPARE(requests, kFiles); // one request per file: nothing was fetched twice
        // -j 3 (the default) on two worker threads: three connections at once
        // at most, a few more where Qt closed one (an abort at the last byte).
        QVERIFY2(connections.size() <= 12, qPrintable(u"%1 connections for %2 files"_s.arg(connections.size()).arg(kFiles)));
        for (int i = 0; i < kFiles; i += 97)
            QCOMPARE(readAll(path(u"out/%1.bin"_s.arg(i))), m_server.fileData("/many/" + QByteArray::number(i) + ".bin"));
        QCOMPARE(filesBelow(path(u"out"_s)).size(), kFiles);
    }

private:
    MisbehavingServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestGetInputList)
#include "tst_get_inputlist.moc"
