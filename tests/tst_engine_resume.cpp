// The engine resuming: requests that carry If-Range and start where the data
// on disk ends, pause and resume, a file that changes while it downloads, a
// .part cut short behind its control file's back, an engine destroyed while
// checkpoints run — each ends byte-exact, never with data the engine did not
// check.
#include "core/ControlFile.h"
#include "core/DownloadEngine.h"
#include "tests/support/Behaviours.h"
#include "tests/support/EngineFixture.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QJsonDocument>
#include <QMutex>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;
using Behaviour = MisbehavingServer::Behaviour;

namespace {
const QByteArray kPath = "/file.bin"_ba;
} // namespace

class TestEngineResume final : public QObject, private EngineFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
    }

    void init()
    {
        setUpEngine();
        m_server.clearLog();
    }

    void cleanup()
    {
        tearDownEngine();
    }

    // Resume requests carry If-Range with the strong ETag (else Last-Modified)
    // and start where the data on disk ends.
    void resumeRequestsCarryIfRange_data()
    {
        QTest::addColumn<bool>("withEtag");
        QTest::addRow("ETag") << true;
        QTest::addRow("Last-Modified only") << false;
    }

    void resumeRequestsCarryIfRange()
    {
        QFETCH(bool, withEtag);
        const QByteArray data = MisbehavingServer::makeData(1 * MiB, 11);
        m_server.setFile(kPath, data);
        Behaviour b;
        b.sendEtag = withEtag;
        Behaviour first = b;
        first.dropAfterBytes = 300 * KiB;
        m_server.setSequence(kPath, {first, b});
        const DownloadId id = add(m_server.url(kPath), 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto resumes = rangedRequestsAfterProbe(m_server, kPath);
        QVERIFY(!resumes.isEmpty());
        const QByteArray expected = withEtag ? m_server.etag(kPath) : m_server.lastModified(kPath);
        for (const auto &r : resumes) {
            QCOMPARE(r.header("if-range"), expected);
            QVERIFY2(r.rangeStart() > 0, r.header("range").constData());
            QVERIFY2(r.rangeStart() <= 300 * KiB, r.header("range").constData());
        }
    }

    // The file changes on the server while a throttled download runs.
    void fileChangesMidDownload()
    {
        const QByteArray data = MisbehavingServer::makeData(2 * MiB, 13);
        const QByteArray changed = MisbehavingServer::makeData(2 * MiB, 14);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(512 * KiB));
        const DownloadId id = add(m_server.url(kPath), 3);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 512 * KiB, kEndTimeoutMs);
        m_server.setFile(kPath, changed);
        // Every running request is cut, so new ones meet the new file.
        m_server.close();
        QVERIFY(m_server.listen(m_server.port()));
        QVERIFY(waitEnd(id));
        verifyExact(id, changed);
    }

    void pauseResume()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 15);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(1 * MiB));
        const DownloadId id = add(m_server.url(kPath), 2);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 1 * MiB, kEndTimeoutMs);

        const QString finalPath = m_engine->snapshot(id).filePath;
        QVERIFY(!finalPath.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(finalPath + u".part.ferry"_s), 5000);
        QJsonParseError error{};
        QJsonDocument::fromJson(readAll(finalPath + u".part.ferry"_s), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(QFile::exists(finalPath + u".part"_s));
        QVERIFY(!QFile::exists(finalPath));

        m_engine->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Paused, 10000);
        QVERIFY(!m_engine->snapshot(id).wanted);
        const qint64 receivedAtPause = m_engine->snapshot(id).receivedBytes;
        QVERIFY(receivedAtPause > 0);
        const int requestsAtPause = m_server.requestCount(kPath);
        QTest::qWait(300);
        QCOMPARE(m_server.requestCount(kPath), requestsAtPause);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, 5000); // paused: no connection kept busy

        m_engine->resume(id);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto requests = m_server.requests(kPath);
        QVERIFY(requests.size() > requestsAtPause);
        for (qsizetype i = requestsAtPause; i < requests.size(); ++i) {
            QVERIFY2(requests.at(i).rangeStart() > 0, requests.at(i).header("range").constData());
            QCOMPARE(requests.at(i).header("if-range"), m_server.etag(kPath));
        }
        QVERIFY2(m_server.totalBodyBytesSent() < data.size() * 13 / 10,
                 qPrintable(u"fetched %1 bytes for a %2-byte file"_s.arg(m_server.totalBodyBytesSent()).arg(data.size())));
    }

    // A .part cut short after a crash (or by a sync tool): the control file
    // claims more than the file holds. Those claims are void and fetched
    // again; the result is never a file with zeros where data was claimed.
    void truncatedPartFile()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 22);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(2 * MiB));
        const DownloadId id = add(m_server.url(kPath), 1, u"cut.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 2 * MiB, kEndTimeoutMs);
        m_engine->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Paused, 10000);
        stopEngine();

        const QString part = m_dir->filePath(u"cut.bin.part"_s);
        QVERIFY(QFile::exists(part + u".ferry"_s));
        QVERIFY(QFile::resize(part, 1 * MiB)); // the control file still claims >= 2 MiB

        makeEngine(fastOptions());
        m_server.setBehaviour(kPath, {});
        const DownloadId again = add(m_server.url(kPath), 2, u"cut.bin"_s);
        QVERIFY(waitEnd(again));
        verifyExact(again, data);
    }

    // An engine destroyed without shutdown() while checkpoints run on the
    // thread pool: the jobs outlive their Download and must not call back into
    // it (they once did, through a bare `this`). Then the files still resume.
    void destroyedWithoutShutdownMidCheckpoint()
    {
        const QByteArray data = MisbehavingServer::makeData(2 * MiB, 23);
        m_server.setFile(kPath, data);
        Behaviour b;
        b.bytesPerSecond = 512 * KiB;
        m_server.setBehaviour(kPath, b);
        EngineOptions options = fastOptions();
        options.checkpointIntervalMs = 1; // a pool job nearly always in flight
        for (int round = 0; round < 5; ++round) {
            makeEngine(options);
            const DownloadId id = add(m_server.url(kPath), 4, u"file.bin"_s);
            QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes > 0, kEndTimeoutMs);
            QTest::qWait(20 * round);
            m_engine.reset(); // no shutdown()
            QTest::qWait(50);
        }
        m_server.setBehaviour(kPath, {});
        makeEngine(fastOptions());
        const DownloadId id = add(m_server.url(kPath), 4, u"file.bin"_s);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
    }

    // A restart from zero (the file changed on the server) voids the control
    // file on disk before it truncates the .part: at the moment of the cut no
    // control file claims a byte. A crash there would otherwise leave claims
    // over a file that the fresh probe then reserves full of zeros.
    void restartVoidsControlFileBeforeTruncating()
    {
        const QByteArray data = MisbehavingServer::makeData(2 * MiB, 24);
        const QByteArray changed = MisbehavingServer::makeData(2 * MiB, 25);
        m_server.setFile(kPath, data);
        Behaviour first = dropAt(1 * MiB);
        first.bytesPerSecond = 1 * MiB; // about a second: checkpoints record what arrived
        Behaviour later;
        later.changeAfterRequests = 1; // the resume meets another file: 200, a new ETag
        later.changedData = changed;
        m_server.setSequence(kPath, {first, later});

        struct Seen {
            QMutex mutex;
            int truncations = 0;
            QStringList claims; // what a control file on disk claimed at a truncation
        };
        auto seen = std::make_shared<Seen>();
        EngineOptions options = fastOptions();
        options.beforeRestartTruncate = [seen](const QString &part) { // on the download's thread
            QString error;
            const auto recorded = ControlFile::read(ControlFile::pathForPart(part), &error);
            qint64 claimed = 0;
            for (const ByteSpan &span : recorded ? recorded->finished : QList<ByteSpan>())
                claimed += span.end - span.begin;
            QMutexLocker lock(&seen->mutex);
            ++seen->truncations;
            if (claimed > 0)
                seen->claims << u"%1 bytes"_s.arg(claimed);
        };
        makeEngine(options);
        const DownloadId id = add(m_server.url(kPath), 1, u"restart.bin"_s);
        QVERIFY2(waitEnd(id), qPrintable(describe(m_engine->snapshot(id))));
        verifyExact(id, changed);
        QMutexLocker lock(&seen->mutex);
        QVERIFY2(seen->truncations >= 1, "the download never restarted from zero");
        QVERIFY2(seen->claims.isEmpty(),
                 qPrintable(u"the control file still claimed %1 when the .part was truncated"_s.arg(seen->claims.join(u", "_s))));
    }

private:
    MisbehavingServer m_server;
};

QTEST_GUILESS_MAIN(TestEngineResume)
#include "tst_engine_resume.moc"
