// The global speed limit shared fairly (issue 11: 2 MB/s over three
// downloads went 445 / 658 / 988 kB/s): three downloads with 1, 4 and 2
// connections from a server that could send far more than the limit; over a
// few seconds each gets its third within 15 %, and together they stay on the
// limit. The engine against the real test server; the exact rule is tested
// on a fake clock in tst_tokenbucket.
#include "core/DownloadEngine.h"
#include "tests/support/MisbehavingServer.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadState;
using ferry::test::MisbehavingServer;

namespace {
constexpr qint64 MiB = 1024 * 1024;
}

class TestEngineSpeedShare final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threeDownloadsShareTheLimit()
    {
        constexpr qint64 kLimit = 2 * MiB;
        constexpr int kWarmUpMs = 1500;
        constexpr int kMeasureMs = 3000;
        MisbehavingServer server;
        QVERIFY(server.listen());
        const QByteArray data = MisbehavingServer::makeData(8 * MiB, 81); // none finishes while measured
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        ferry::EngineOptions options;
        options.globalSpeedLimit = kLimit;
        DownloadEngine engine(options);
        QList<DownloadId> ids;
        const int connections[] = {1, 4, 2};
        for (int i = 0; i < 3; ++i) {
            const QByteArray path = "/share" + QByteArray::number(i) + ".bin";
            server.setFile(path, data);
            ferry::DownloadRequest request;
            request.url = server.url(path);
            request.directory = dir.path();
            request.connections = connections[i];
            ids << engine.add(request);
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(ids.cbegin(), ids.cend(),
                                             [&](DownloadId id) { return engine.snapshot(id).receivedBytes > 0; }),
                                 20000);
        QTest::qWait(kWarmUpMs); // every connection of every download has started
        QList<qint64> before;
        for (DownloadId id : std::as_const(ids))
            before << engine.snapshot(id).receivedBytes;
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(kMeasureMs);
        const qint64 elapsed = clock.elapsed();
        QList<qint64> got;
        qint64 total = 0;
        for (int i = 0; i < ids.size(); ++i) {
            QCOMPARE(engine.snapshot(ids[i]).state, DownloadState::Downloading);
            got << engine.snapshot(ids[i]).receivedBytes - before[i];
            total += got.last();
        }
        const QString shares = u"%1 / %2 / %3 kB/s over %4 ms"_s.arg(got[0] / elapsed).arg(got[1] / elapsed).arg(got[2] / elapsed)
                                   .arg(elapsed);
        for (qint64 g : std::as_const(got))
            QVERIFY2(std::abs(double(g) - total / 3.0) <= 0.15 * total / 3.0, qPrintable(shares));
        // Snapshots lag by up to a progress tick at either end: the sum is the limit within 20 %.
        const double expected = double(kLimit) * elapsed / 1000.0;
        QVERIFY2(std::abs(total - expected) <= 0.2 * expected, qPrintable(shares));
    }
};

QTEST_GUILESS_MAIN(TestEngineSpeedShare)
#include "tst_engine_speedshare.moc"
