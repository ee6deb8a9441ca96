// Downloads of one worker thread share their QNetworkAccessManagers, hence
// kept-alive connections (core/AccessManagerPool, docs/engine.md "Shared
// connections") — and nothing else: each keeps its own cookies (loaded and
// set by its servers, on a redirect hop too), and a login is never lent to a
// download that was not given it. Every check is what the server saw: which
// TCP connection carried a request, which Cookie and Authorization it held.
// Redirects are followed by the download itself, and header credentials stay
// with their origin.
#include "core/DownloadEngine.h"
#include "tests/support/AccessRule.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadRequest;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::EngineOptions;
using ferry::ErrorKind;
using ferry::test::AccessRule;
using ferry::test::MisbehavingServer;

namespace {

constexpr qint64 KiB = 1024;
constexpr int kEndTimeoutMs = 30000;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray cookiesTxt(const QByteArray &name, const QByteArray &value)
{
    return "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\t" + name + '\t' + value + '\n';
}

} // namespace

class TestEngineSharedConnections final : public QObject
{
    Q_OBJECT

private:
    // One worker thread and one download at a time: every download runs
    // where the one before it left its connection open.
    void makeEngine()
    {
        EngineOptions options;
        options.workerThreads = 1;
        options.maxActive = 1;
        options.minSplitBytes = 1024 * KiB;
        m_engine = std::make_unique<DownloadEngine>(options);
    }

    DownloadRequest request(const QByteArray &path) const
    {
        DownloadRequest r;
        r.url = m_server.url(path);
        r.directory = m_dir->path();
        r.connections = 1;
        r.useNetrc = false; // no ~/.netrc of the machine's user answers a 401 here
        return r;
    }

    bool waitEnd(DownloadId id)
    {
        QDeadlineTimer deadline(kEndTimeoutMs);
        while (!m_engine->snapshot(id).isFinal() && !deadline.hasExpired())
            QTest::qWait(10);
        return m_engine->snapshot(id).isFinal();
    }

    QSet<int> connectionsOf(QByteArrayView path) const
    {
        QSet<int> found;
        for (const auto &r : m_server.requests(path))
            found.insert(r.connection);
        return found;
    }

    static QString describe(const DownloadSnapshot &s)
    {
        return u"state=%1 kind=%2 message='%3'"_s.arg(QString::fromLatin1(ferry::stateKey(s.state)),
                                                      QString::fromLatin1(ferry::errorKindKey(s.errorKind)), s.errorMessage);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.listen()); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server.clearLog();
        makeEngine();
    }

    void cleanup()
    {
        QSignalSpy done(m_engine.get(), &DownloadEngine::shutdownFinished);
        m_engine->shutdown();
        done.wait(10000);
        m_engine.reset();
        m_dir.reset();
    }

    // Two downloads from the same host, one after the other on the same
    // connection, each with its own loaded cookie; the first also gets one on
    // a redirect hop that its next request needs. Each sends only its own.
    void cookiesStayWithTheirDownload()
    {
        const QByteArray data = MisbehavingServer::makeData(32 * KiB, 7);
        m_server.setFile("/a.bin", data);
        m_server.setFile("/b.bin", data);
        AccessRule sets;
        sets.setCookie = "hop=a; Path=/";
        m_server.setAccessRule("/a-start", sets);
        m_server.setRedirect("/a-start", "/a.bin");
        AccessRule needsHop;
        needsHop.requiredCookie = "hop=a";
        m_server.setAccessRule("/a.bin", needsHop);

        DownloadRequest a = request("/a-start");
        a.cookies = cookiesTxt("own", "a");
        DownloadRequest b = request("/b.bin");
        b.cookies = cookiesTxt("own", "b");
        const DownloadId idA = m_engine->add(a);
        const DownloadId idB = m_engine->add(b);
        QVERIFY(waitEnd(idA));
        QVERIFY(waitEnd(idB));
        QVERIFY2(m_engine->snapshot(idA).state == DownloadState::Completed, qPrintable(describe(m_engine->snapshot(idA))));
        QVERIFY2(m_engine->snapshot(idB).state == DownloadState::Completed, qPrintable(describe(m_engine->snapshot(idB))));
        QCOMPARE(readAll(m_dir->filePath(u"a.bin"_s)), data);
        QCOMPARE(readAll(m_dir->filePath(u"b.bin"_s)), data);

        for (const QByteArray &path : {"/a-start"_ba, "/a.bin"_ba}) {
            QVERIFY(!m_server.requests(path).isEmpty());
            for (const auto &r : m_server.requests(path)) {
                QVERIFY2(r.header("cookie").contains("own=a"), r.header("cookie").constData());
                QVERIFY2(!r.header("cookie").contains("own=b"), r.header("cookie").constData());
            }
        }
        for (const auto &r : m_server.requests("/a.bin"))
            QVERIFY2(r.header("cookie").contains("hop=a"), r.header("cookie").constData());
        QVERIFY(!m_server.requests("/b.bin").isEmpty());
        for (const auto &r : m_server.requests("/b.bin"))
            QCOMPARE(r.header("cookie"), "own=b"_ba); // neither A's loaded cookie nor the one A's server set
        // And they did share: B's request went over the connection A used.
        QVERIFY2(connectionsOf("/a.bin").intersects(connectionsOf("/b.bin")), "the downloads did not share a connection");
    }

    // A login given to one download is never sent for another on the same
    // host: Qt repeats a login on the connection that was given it and
    // answers the next 401 of the host from its cache, so downloads with
    // another login (or none) do not share its managers. Downloads with the
    // same login do.
    void loginStaysWithItsDownload()
    {
        const QByteArray data = MisbehavingServer::makeData(16 * KiB, 9);
        AccessRule login;
        login.login = AccessRule::Login::Basic;
        login.user = "alice";
        login.password = "wonderland";
        for (const QByteArray &path : {"/l1.bin"_ba, "/l2.bin"_ba, "/l3.bin"_ba, "/l4.bin"_ba}) {
            m_server.setFile(path, data);
            m_server.setAccessRule(path, login);
        }
        DownloadRequest first = request("/l1.bin");
        first.user = u"alice"_s;
        first.password = u"wonderland"_s;
        DownloadRequest without = request("/l2.bin");
        DownloadRequest same = request("/l3.bin");
        same.user = u"alice"_s;
        same.password = u"wonderland"_s;
        DownloadRequest wrong = request("/l4.bin");
        wrong.user = u"alice"_s;
        wrong.password = u"guess"_s;
        const DownloadId id1 = m_engine->add(first);
        const DownloadId id2 = m_engine->add(without);
        const DownloadId id3 = m_engine->add(same);
        const DownloadId id4 = m_engine->add(wrong);
        for (const DownloadId id : {id1, id2, id3, id4})
            QVERIFY(waitEnd(id));

        QVERIFY2(m_engine->snapshot(id1).state == DownloadState::Completed, qPrintable(describe(m_engine->snapshot(id1))));
        QCOMPARE(readAll(m_dir->filePath(u"l1.bin"_s)), data);
        // Without a login: the server's 401, and no login was ever sent for it.
        const DownloadSnapshot s2 = m_engine->snapshot(id2);
        QVERIFY2(s2.state == DownloadState::Failed && s2.errorKind == ErrorKind::NeedsUser, qPrintable(describe(s2)));
        QVERIFY2(s2.errorMessage.contains(u"401"_s), qPrintable(s2.errorMessage));
        QVERIFY(!QFile::exists(m_dir->filePath(u"l2.bin"_s)));
        QVERIFY(!m_server.requests("/l2.bin").isEmpty());
        for (const auto &r : m_server.requests("/l2.bin"))
            QVERIFY2(!r.hasHeader("authorization"), r.header("authorization").constData());
        // With a wrong password: refused, though the right one was given on this host before.
        const DownloadSnapshot s4 = m_engine->snapshot(id4);
        QVERIFY2(s4.state == DownloadState::Failed && s4.errorKind == ErrorKind::NeedsUser, qPrintable(describe(s4)));
        QVERIFY(!QFile::exists(m_dir->filePath(u"l4.bin"_s)));
        for (const auto &r : m_server.requests("/l4.bin"))
            QVERIFY2(r.status != 200, "the wrong password was not the one sent");
        // The same login shares the first one's connection.
        QVERIFY2(m_engine->snapshot(id3).state == DownloadState::Completed, qPrintable(describe(m_engine->snapshot(id3))));
        QCOMPARE(readAll(m_dir->filePath(u"l3.bin"_s)), data);
        QVERIFY2(connectionsOf("/l1.bin").intersects(connectionsOf("/l3.bin")), "equal logins did not share a connection");
        QVERIFY(!connectionsOf("/l1.bin").intersects(connectionsOf("/l2.bin")));
        QVERIFY(!connectionsOf("/l1.bin").intersects(connectionsOf("/l4.bin")));
    }

    // Redirects are followed by the download, not by Qt (each hop's cookies):
    // credentials given as headers go to the URL's own origin only
    // (CONFORMANCE "Client"; curl's rule), other headers to every hop.
    void headerCredentialsStayWithTheirOrigin()
    {
        MisbehavingServer other; // another port: another origin
        QVERIFY(other.listen());
        const QByteArray data = MisbehavingServer::makeData(8 * KiB, 11);
        other.setFile("/moved.bin", data);
        m_server.setRedirect("/go", other.url("/moved.bin").toEncoded(), 307);
        DownloadRequest r = request("/go");
        r.headers = {{"Authorization", "Bearer t0ken"}, {"Proxy-Authorization", "Basic cHJveHk6cHc="}, {"Cookie", "given=1"},
                     {"X-Trace", "7"}};
        const DownloadId id = m_engine->add(r);
        QVERIFY(waitEnd(id));
        QVERIFY2(m_engine->snapshot(id).state == DownloadState::Completed, qPrintable(describe(m_engine->snapshot(id))));
        QCOMPARE(readAll(m_dir->filePath(u"moved.bin"_s)), data);
        QCOMPARE(m_engine->snapshot(id).finalUrl, other.url("/moved.bin"));
        QCOMPARE(m_server.requests("/go").size(), 1);
        const auto first = m_server.requests("/go").constFirst();
        QCOMPARE(first.header("authorization"), "Bearer t0ken"_ba);
        QCOMPARE(first.header("cookie"), "given=1"_ba);
        QCOMPARE(first.header("proxy-authorization"), "Basic cHJveHk6cHc="_ba);
        QVERIFY(!other.requests("/moved.bin").isEmpty());
        for (const auto &hop : other.requests("/moved.bin")) {
            QVERIFY2(!hop.hasHeader("authorization"), hop.header("authorization").constData());
            QVERIFY2(!hop.hasHeader("cookie"), hop.header("cookie").constData());
            QVERIFY2(!hop.hasHeader("proxy-authorization"), hop.header("proxy-authorization").constData());
            QCOMPARE(hop.header("x-trace"), "7"_ba);
        }
    }

private:
    MisbehavingServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DownloadEngine> m_engine;
};

QTEST_GUILESS_MAIN(TestEngineSharedConnections)
#include "tst_engine_sharedconnections.moc"
