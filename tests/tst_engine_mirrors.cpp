// Mirrors (issue #8, core/DownloadLinks.cpp): a download with further links
// moves on to the next one when its link fails in a way another server could
// mend, through the path of "Change link": the file on disk is byte-exact,
// the data is kept when the mirror has the same file (length and
// validator), a mirror with another file starts again from zero, each
// failed link is named in the log, and only the last link's failure is the
// download's. Real servers on loopback (two MisbehavingServers: the same
// data set first on each has the same ETag, as two mirrors of one release).
#include "core/DownloadEngine.h"
#include "tests/support/AccessRule.h"
#include "tests/support/Behaviours.h"
#include "tests/support/EngineFixture.h"
#include "tests/support/MisbehavingServer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestEngineMirrors final : public QObject, private EngineFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        setUpEngine();
        m_first = std::make_unique<MisbehavingServer>();
        m_mirror = std::make_unique<MisbehavingServer>();
        QVERIFY(m_first->listen());
        QVERIFY(m_mirror->listen());
        m_log.clear();
        connect(m_engine.get(), &DownloadEngine::logMessage, this,
                [this](DownloadId, const QString &message) { m_log << message; });
    }

    void cleanup()
    {
        tearDownEngine();
        m_first.reset();
        m_mirror.reset();
    }

    void notFoundMovesToTheMirror()
    {
        const QByteArray data = MisbehavingServer::makeData(700 * KiB, 1);
        m_first->setBehaviour("/f.bin", errorFor(404));
        m_mirror->setFile("/f.bin", data);
        const DownloadId id = addWithMirrors(m_first->url("/f.bin"), {m_mirror->url("/f.bin")});
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QCOMPARE(m_engine->snapshot(id).url, m_mirror->url("/f.bin"));
        QVERIFY(m_engine->request(id).mirrors.isEmpty());
        QVERIFY2(logNames(m_first->url("/f.bin")), qPrintable(m_log.join(u'\n')));
    }

    void refusedConnectionsMoveToTheMirror()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl dead(u"http://127.0.0.1:%1/f.bin"_s.arg(closed.serverPort()));
        closed.close(); // nothing listens there now: every connection is refused
        const QByteArray data = MisbehavingServer::makeData(500 * KiB, 2);
        m_mirror->setFile("/f.bin", data);
        const DownloadId id = addWithMirrors(dead, {m_mirror->url("/f.bin")});
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QVERIFY2(logNames(dead), qPrintable(m_log.join(u'\n')));
    }

    void linkDyingHalfWayKeepsItsDataOnTheMirror()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 3);
        m_first->setFile("/f.bin", data);
        m_mirror->setFile("/f.bin", data);
        QCOMPARE(m_first->etag("/f.bin"), m_mirror->etag("/f.bin")); // the same file on both
        m_first->setSequence("/f.bin", {dropAt(MiB), errorFor(410)}); // the link expires mid-way
        const DownloadId id = addWithMirrors(m_first->url("/f.bin"), {m_mirror->url("/f.bin")}, 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QVERIFY2(logNames(m_first->url("/f.bin")), qPrintable(m_log.join(u'\n')));
        // The mirror served only the rest: ranges from where the first link stopped.
        QVERIFY2(m_mirror->bodyBytesSent("/f.bin") <= data.size() - MiB,
                 qPrintable(describeRequests(m_mirror->requests("/f.bin"))));
        for (const MisbehavingServer::Request &r : m_mirror->requests("/f.bin"))
            QVERIFY2(r.rangeStart() >= MiB && r.status == 206, qPrintable(describeRequests(m_mirror->requests("/f.bin"))));
    }

    void mirrorWithAnotherFileStartsAgain()
    {
        const QByteArray first = MisbehavingServer::makeData(2 * MiB, 4);
        const QByteArray other = MisbehavingServer::makeData(2 * MiB + 5000, 5); // another length, another ETag
        m_first->setFile("/f.bin", first);
        m_mirror->setFile("/f.bin", other);
        m_first->setSequence("/f.bin", {dropAt(MiB), errorFor(404)});
        const DownloadId id = addWithMirrors(m_first->url("/f.bin"), {m_mirror->url("/f.bin")}, 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, other); // never a splice of the two
        const QString log = m_log.join(u'\n');
        QVERIFY2(logNames(m_first->url("/f.bin")), qPrintable(log));
        QVERIFY2(log.contains(u"starting again"_s), qPrintable(log));
    }

    void everyLinkFailedFailsTheDownload()
    {
        const QByteArray data = MisbehavingServer::makeData(10 * KiB, 7);
        m_first->setBehaviour("/f.bin", errorFor(404)); // no file there: 404
        m_mirror->setFile("/f.bin", data);
        m_mirror->setBehaviour("/f.bin", errorFor(403));
        MisbehavingServer third;
        QVERIFY(third.listen());
        third.setFile("/f.bin", data);
        third.setBehaviour("/f.bin", errorFor(410));
        const DownloadId id = addWithMirrors(m_first->url("/f.bin"), {m_mirror->url("/f.bin"), third.url("/f.bin")});
        QVERIFY(waitEnd(id));
        verifyFailed(id, ErrorKind::None);
        QCOMPARE(m_engine->snapshot(id).cause, FailureCause::NotFound); // the last link's (410)
        QVERIFY2(logNames(m_first->url("/f.bin")) && logNames(m_mirror->url("/f.bin")), qPrintable(m_log.join(u'\n')));
        QVERIFY(third.requestCount("/f.bin") > 0);
    }

    void loginRefusedIsNotTheLinksFault()
    {
        m_first->setFile("/f.bin", MisbehavingServer::makeData(10 * KiB, 6));
        AccessRule rule;
        rule.login = AccessRule::Login::Basic;
        rule.user = "reader";
        rule.password = "secret";
        m_first->setAccessRule("/f.bin", rule);
        m_mirror->setFile("/f.bin", MisbehavingServer::makeData(10 * KiB, 6));
        const DownloadId id = addWithMirrors(m_first->url("/f.bin"), {m_mirror->url("/f.bin")});
        QVERIFY(waitEnd(id));
        QCOMPARE(m_engine->snapshot(id).state, DownloadState::Failed);
        QCOMPARE(m_engine->snapshot(id).cause, FailureCause::LoginRequired);
        QCOMPARE(m_mirror->requestCount("/f.bin"), 0);
        QCOMPARE(m_engine->request(id).mirrors, (QList<QUrl>{m_mirror->url("/f.bin")}));
    }

    void onlyUsableMirrorsAreKept()
    {
        const QUrl ok(u"https://m.example/f"_s);
        const QList<QUrl> given{QUrl(u"ftp://m.example/f"_s), ok, QUrl(u"http://u:p@m.example/f"_s), QUrl(u"nonsense"_s)};
        QCOMPARE(DownloadEngine::usableMirrors(given), (QList<QUrl>{ok}));
    }

private:
    DownloadId addWithMirrors(const QUrl &url, const QList<QUrl> &mirrors, int connections = 4)
    {
        DownloadRequest request;
        request.url = url;
        request.mirrors = mirrors;
        request.directory = m_dir->path();
        request.connections = connections;
        return m_engine->add(request);
    }

    bool logNames(const QUrl &link) const
    {
        const QString shown = link.toDisplayString();
        for (const QString &line : m_log)
            if (line.contains(u"The link "_s + shown + u" failed"_s))
                return true;
        return false;
    }

    std::unique_ptr<MisbehavingServer> m_first;
    std::unique_ptr<MisbehavingServer> m_mirror;
    QStringList m_log;
};

QTEST_GUILESS_MAIN(TestEngineMirrors)
#include "tst_engine_mirrors.moc"
