// Interop: `ferry get -x 8` against a real nginx that takes two connections
// per address and answers the rest 503 (limit_conn, limit_conn_status 503 —
// a common mirror setup; issue 6 saw Ferry give up there after 26 s while
// aria2c finished). The refused connections give their ranges back and
// retire; the file ends byte-exact and the command exits 0. nginx's access
// log shows the limit really refused connections. A second file from the
// host starts with the two connections nginx served and is refused nothing.
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"
#include "tests/support/NginxServer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ferry::test;

class TestGetLimitConn final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eightConnectionsAgainstTwoPerAddress()
    {
        NginxServer nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        // Four seconds with two connections: far longer than the retry budget
        // below, so refused connections do run out of tries and retire.
        const qint64 size = 4 * NginxServer::kLimitedConnections * NginxServer::kLimitedRate;
        const QByteArray data = MisbehavingServer::makeData(size, 65);
        QVERIFY(writeFile(nginx.wwwPath(u"limited/big.bin"_s), data));
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString target = out.filePath(u"big.bin"_s);
        const CommandResult r = runFerryGet({u"-x"_s, u"8"_s, u"--max-tries"_s, u"4"_s, u"--retry-wait"_s,
                                            u"0.2"_s, u"-O"_s, target, nginx.url(u"/limited/big.bin"_s).toString()}, QString(), 60000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(readAll(target) == data, "the downloaded file differs from nginx's");
        QVERIFY(!QFile::exists(target + u".part"_s));
        QVERIFY(!QFile::exists(target + u".part.ferry"_s));
        const auto log = nginx.log(u"/limited/big.bin"_s);
        const auto refused = std::count_if(log.cbegin(), log.cend(), [](const auto &l) { return l.status == 503; });
        QVERIFY2(refused > 0, "nginx never refused a connection: the limit was not tested");
        // Each refused connection asks at most its four tries, then retires: a
        // refused one that was woken for a freed range without waiting out its
        // back-off asked thousands of times.
        QVERIFY2(refused <= 8 * 4, qPrintable(u"%1 requests refused"_s.arg(refused)));
        for (const auto &l : log)
            QVERIFY2(l.status == 206 || l.status == 503, qPrintable(u"nginx answered %1"_s.arg(l.status)));
        qInfo("nginx answered %d requests, %lld of them 503", int(log.size()), qint64(refused));
    }

    // Two files of one list, one after the other (-j 1), -x 8 each: the first
    // learns that nginx serves two at once; the second starts with two and
    // nginx refuses none of its requests (core/HostLimits).
    void secondFileFromTheHostStartsWithWhatItServed()
    {
        NginxServer nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        const qint64 size = 2 * NginxServer::kLimitedConnections * NginxServer::kLimitedRate; // two seconds each
        const QByteArray first = MisbehavingServer::makeData(size, 66);
        const QByteArray second = MisbehavingServer::makeData(size, 67);
        QVERIFY(writeFile(nginx.wwwPath(u"limited/first.bin"_s), first));
        QVERIFY(writeFile(nginx.wwwPath(u"limited/second.bin"_s), second));
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString list = out.filePath(u"list.txt"_s);
        QVERIFY(writeFile(list, (nginx.url(u"/limited/first.bin"_s).toString() + u'\n'
                                 + nginx.url(u"/limited/second.bin"_s).toString() + u'\n').toUtf8()));
        const CommandResult r = runFerryGet({u"-x"_s, u"8"_s, u"-j"_s, u"1"_s, u"--retry-wait"_s, u"0.2"_s,
                                            u"-o"_s, out.path(), u"-i"_s, list}, QString(), 60000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(readAll(out.filePath(u"first.bin"_s)) == first, "first.bin differs from nginx's");
        QVERIFY2(readAll(out.filePath(u"second.bin"_s)) == second, "second.bin differs from nginx's");
        const auto refusedOf = [&nginx](const QString &uri) {
            const auto log = nginx.log(uri);
            return std::count_if(log.cbegin(), log.cend(), [](const auto &l) { return l.status == 503; });
        };
        QVERIFY2(refusedOf(u"/limited/first.bin"_s) > 0, "nginx never refused the first file: nothing to learn");
        QCOMPARE(refusedOf(u"/limited/second.bin"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestGetLimitConn)
#include "tst_get_limitconn.moc"
