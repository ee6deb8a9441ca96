// Failures that heal (core/AutomaticRetry through DownloadEngine, as the
// window runs it): a download that failed Retryable — the server refused the
// connection, or kept answering 503 past the retry budget — is tried again on
// its own with a doubling back-off, says when in its snapshot, and completes
// byte-exact once the server serves. A NeedsUser failure (404) is not retried;
// pausing stops the retries; `ferry get`'s engine (the option off) never
// schedules one. Small intervals through EngineOptions.
#include "core/AutomaticRetry.h"
#include "core/DownloadEngine.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::AutomaticRetry;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::EngineOptions;
using ferry::ErrorKind;
using ferry::test::MisbehavingServer;
using ferry::test::readAll;
using ferry::test::closedPort;

namespace {

constexpr int kBaseMs = 300;
constexpr int kMaxMs = 1200;

EngineOptions healingOptions(bool automaticRetry = true)
{
    EngineOptions o;
    o.automaticRetry = automaticRetry;
    o.automaticRetryBaseMs = kBaseMs;
    o.automaticRetryMaxMs = kMaxMs;
    o.maxRetries = 1;
    o.retryBaseMs = 20;
    o.retryMaxMs = 40;
    o.checkpointIntervalMs = 100;
    return o;
}

// Each Failed snapshot of one download, with how far ahead its retry was due.
struct FailureLog {
    QList<DownloadSnapshot> failures;
    QList<qint64> delaysMs; // retryAt − the moment it was reported, -1 without one
    QList<DownloadState> states;
};

void watch(DownloadEngine &engine, FailureLog &log)
{
    QObject::connect(&engine, &DownloadEngine::stateChanged, &engine, [&log](const DownloadSnapshot &s) {
        log.states << s.state;
        if (s.state != DownloadState::Failed)
            return;
        log.failures << s;
        log.delaysMs << (s.retryAt.isValid() ? QDateTime::currentDateTimeUtc().msecsTo(s.retryAt) : -1);
    });
}

} // namespace

class TestEngineAutoRetry final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<DownloadId>("ferry::DownloadId"); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() { m_dir.reset(); }

    // The server is away (refused) or overloaded (503 past the budget) for
    // two rounds, then serves: the download heals on its own.
    void healsWhenTheServerComesBack_data()
    {
        QTest::addColumn<bool>("refused"); // else 503
        QTest::addRow("connection refused") << true;
        QTest::addRow("503 after the retry budget") << false;
    }

    void healsWhenTheServerComesBack()
    {
        QFETCH(bool, refused);
        const QByteArray data = MisbehavingServer::makeData(300 * 1024, 71);
        MisbehavingServer server;
        server.setFile("/heal.bin"_ba, data);
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        if (!refused) {
            QVERIFY(server.listen(port));
            MisbehavingServer::Behaviour busy;
            busy.errorStatus = 503;
            busy.misbehaveRequests = 4; // two failed downloads of two attempts each (maxRetries 1)
            server.setBehaviour("/heal.bin"_ba, busy);
        }

        DownloadEngine engine(healingOptions());
        FailureLog log;
        watch(engine, log);
        ferry::DownloadRequest request;
        request.url = QUrl(u"http://127.0.0.1:%1/heal.bin"_s.arg(port));
        request.directory = m_dir->path();
        const DownloadId id = engine.add(request);

        QTRY_COMPARE_WITH_TIMEOUT(log.failures.size(), 2, 20000);
        if (refused)
            QVERIFY(server.listen(port)); // the server is back
        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, 20000);
        QCOMPARE(readAll(QDir(m_dir->path()).filePath(u"heal.bin"_s)), data);
        QVERIFY(!engine.snapshot(id).retryAt.isValid());

        for (const DownloadSnapshot &failure : std::as_const(log.failures)) {
            QCOMPARE(failure.errorKind, ErrorKind::Retryable);
            QVERIFY2(failure.retryAt.isValid(), "a failure waiting for its retry says when");
        }
        // 300 ms, then doubled (each with ±20 % jitter).
        QVERIFY2(log.delaysMs[0] > kBaseMs * 7 / 10 && log.delaysMs[0] <= kBaseMs * 12 / 10,
                 qPrintable(QString::number(log.delaysMs[0])));
        QVERIFY2(log.delaysMs[1] > 2 * kBaseMs * 7 / 10 && log.delaysMs[1] <= 2 * kBaseMs * 12 / 10,
                 qPrintable(QString::number(log.delaysMs[1])));
        // Between the failures the row went back to Queued at once, so the window shows it retrying.
        QVERIFY(log.states.count(DownloadState::Queued) >= 2);
        if (!refused)
            QCOMPARE(server.requestCount("/heal.bin"), 5);
    }

    // A 404 needs the user (a new link): no automatic retry is scheduled.
    void needsUserIsNotRetried()
    {
        MisbehavingServer server;
        QVERIFY(server.listen());
        server.removeFile("/gone.bin"_ba);
        DownloadEngine engine(healingOptions());
        ferry::DownloadRequest request;
        request.url = server.url("/gone.bin");
        request.directory = m_dir->path();
        const DownloadId id = engine.add(request);
        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Failed, 20000);
        QCOMPARE(engine.snapshot(id).errorKind, ErrorKind::NeedsUser);
        QVERIFY(!engine.snapshot(id).retryAt.isValid());
    }

    // Pause on a failed download that waits for its retry: the schedule is
    // gone and the user's intent is "stopped"; resume retries at once.
    void pauseStopsTheRetries()
    {
        EngineOptions options = healingOptions();
        options.automaticRetryBaseMs = 60 * 1000; // far away: only the user acts here
        options.automaticRetryMaxMs = 60 * 1000;
        DownloadEngine engine(options);
        FailureLog log;
        watch(engine, log);
        ferry::DownloadRequest request;
        const quint16 port = closedPort();
        request.url = QUrl(u"http://127.0.0.1:%1/p.bin"_s.arg(port));
        request.directory = m_dir->path();
        const DownloadId id = engine.add(request);
        QTRY_COMPARE_WITH_TIMEOUT(log.failures.size(), 1, 20000);
        QVERIFY(engine.snapshot(id).retryAt.isValid());
        engine.pause(id);
        QVERIFY(!engine.snapshot(id).retryAt.isValid());
        QVERIFY(!engine.snapshot(id).wanted);
        QCOMPARE(engine.snapshot(id).state, DownloadState::Failed);

        MisbehavingServer server;
        server.setFile("/p.bin"_ba, MisbehavingServer::makeData(1000, 72));
        QVERIFY(server.listen(port));
        engine.resume(id);
        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, 20000);
    }

    // `ferry get` keeps exiting: with the option off a failure stays final.
    void offForTheCommandLine()
    {
        DownloadEngine engine(healingOptions(false));
        ferry::DownloadRequest request;
        request.url = QUrl(u"http://127.0.0.1:%1/off.bin"_s.arg(closedPort()));
        request.directory = m_dir->path();
        const DownloadId id = engine.add(request);
        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Failed, 20000);
        QCOMPARE(engine.snapshot(id).errorKind, ErrorKind::Retryable);
        QVERIFY(!engine.snapshot(id).retryAt.isValid());
    }

    // The schedule itself: doubling to the cap, the network coming back makes
    // everything due at once, forget() ends a schedule.
    void scheduleDoublesAndNetworkReturnFiresAll()
    {
        AutomaticRetry retry(30 * 1000, 15 * 60 * 1000, false);
        QSignalSpy due(&retry, &AutomaticRetry::retryDue);
        const QDateTime start = QDateTime::currentDateTimeUtc();
        qint64 previous = 0;
        for (int attempt = 1; attempt <= 8; ++attempt) {
            const qint64 delay = start.msecsTo(retry.failed(7));
            const qint64 nominal = std::min<qint64>(30 * 1000LL << (attempt - 1), 15 * 60 * 1000);
            QVERIFY2(delay >= nominal * 8 / 10 - 50 && delay <= std::min<qint64>(nominal * 12 / 10, 15 * 60 * 1000) + 50,
                     qPrintable(u"attempt %1: %2 ms"_s.arg(attempt).arg(delay)));
            QVERIFY(delay >= previous * 8 / 12 - 50); // never shorter than the jitter allows
            previous = delay;
        }
        QCOMPARE(retry.attempts(7), 8);
        retry.failed(8);
        retry.failed(9);
        retry.forget(9);
        QVERIFY(!retry.dueAt(9).isValid());
        retry.retryAllNow();
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).at(0).value<DownloadId>(), DownloadId(7));
        QCOMPARE(due.at(1).at(0).value<DownloadId>(), DownloadId(8));
        QVERIFY(!retry.dueAt(7).isValid()); // due: waiting for the engine's next word
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestEngineAutoRetry)
#include "tst_engine_autoretry.moc"
