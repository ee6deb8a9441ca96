// TokenBucket: the speed limiter, driven by a fake clock so ten simulated
// seconds take no real time and every result is exact.
#include "core/TokenBucket.h"

#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <vector>

using ferry::TokenBucket;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;

struct FakeClock {
    std::shared_ptr<std::atomic<qint64>> now = std::make_shared<std::atomic<qint64>>(0);
    TokenBucket::Clock function() const
    {
        return [n = now] { return n->load(); };
    }
    void advance(qint64 ms) const { *now += ms; }
    qint64 value() const { return now->load(); }
};

enum class Reader {
    WaitsAsTold, // like Download::onReadyRead: read until refused, then sleep msUntil (5..1000 ms)
    FixedTick,   // a timer every 20 ms that reads until refused
    RandomTicks, // irregular wake-ups of 1..100 ms
};

} // namespace

Q_DECLARE_METATYPE(Reader)

class TestTokenBucket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unlimitedGrantsEverything();
    void longRunRate_data();
    void longRunRate();
    void neverGrantsMoreThanAvailable();
    void burstSize_data();
    void burstSize();
    void msUntil();
    void loweringTheRateDropsExtraTokens();
    void switchingBetweenLimitedAndUnlimited();
    void longIdleDoesNotOverflow();
    void clockGoingBackwardsIsHarmless();
    void concurrentTakersShareTheRate();
    void giveBackReturnsUnusedTokens();
};

void TestTokenBucket::unlimitedGrantsEverything()
{
    FakeClock clock;
    TokenBucket bucket(0, clock.function());
    QCOMPARE(bucket.rate(), qint64(0));
    QCOMPARE(bucket.take(123456789), qint64(123456789));
    QCOMPARE(bucket.take(0), qint64(0));
    QCOMPARE(bucket.take(-5), qint64(0));
    QCOMPARE(bucket.msUntil(MiB), qint64(0));

    TokenBucket defaultClock; // the real clock works too
    QCOMPARE(defaultClock.take(42), qint64(42));
}

void TestTokenBucket::longRunRate_data()
{
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<qint64>("readSize");
    QTest::addColumn<Reader>("reader");

    const qint64 rates[] = {10 * KiB, 100 * 1000, MiB, 10 * MiB, 250 * MiB};
    const qint64 reads[] = {KiB, 16 * KiB, 64 * KiB, MiB};
    for (const qint64 rate : rates) {
        for (const qint64 read : reads) {
            QTest::addRow("%lld B/s, %lld B reads, waits", rate, read) << rate << read << Reader::WaitsAsTold;
            QTest::addRow("%lld B/s, %lld B reads, 20 ms ticks", rate, read) << rate << read << Reader::FixedTick;
            QTest::addRow("%lld B/s, %lld B reads, random ticks", rate, read) << rate << read << Reader::RandomTicks;
        }
    }
}

void TestTokenBucket::longRunRate()
{
    QFETCH(qint64, rate);
    QFETCH(qint64, readSize);
    QFETCH(Reader, reader);

    constexpr qint64 kDurationMs = 10000;
    FakeClock clock;
    TokenBucket bucket(rate, clock.function());
    QRandomGenerator rng(quint32(rate ^ readSize));
    qint64 granted = 0;
    while (clock.value() <= kDurationMs) {
        qint64 g = 0;
        while ((g = bucket.take(readSize)) > 0) {
            QVERIFY(g <= readSize);
            granted += g;
        }
        switch (reader) {
        case Reader::WaitsAsTold:
            clock.advance(std::clamp<qint64>(bucket.msUntil(readSize), 5, 1000));
            break;
        case Reader::FixedTick:
            clock.advance(20);
            break;
        case Reader::RandomTicks:
            clock.advance(rng.bounded(1, 101));
            break;
        }
    }
    const double expected = double(rate) * kDurationMs / 1000.0;
    const double error = (double(granted) - expected) / expected;
    QVERIFY2(std::abs(error) <= 0.02,
             qPrintable(QStringLiteral("granted %1 bytes, limit allows %2 (%3 %)")
                            .arg(granted)
                            .arg(expected, 0, 'f', 0)
                            .arg(error * 100, 0, 'f', 2)));
}

void TestTokenBucket::neverGrantsMoreThanAvailable()
{
    FakeClock clock;
    TokenBucket bucket(8 * MiB, clock.function());
    QCOMPARE(bucket.take(MiB), qint64(0)); // starts empty: no burst at the start of a download
    clock.advance(60000);
    QCOMPARE(bucket.take(100 * MiB), bucket.burst()); // a full bucket, no more
    QCOMPARE(bucket.take(1), qint64(0));
    clock.advance(1);
    QCOMPARE(bucket.take(100 * MiB), 8 * MiB / 1000); // exactly one millisecond's worth
    QCOMPARE(bucket.take(1), qint64(0));
}

// A download reads through its own bucket, then the global one
// (Download::onReadyRead); what the global bucket refuses goes back, so a
// busy global limit does not also eat the download's own allowance.
void TestTokenBucket::giveBackReturnsUnusedTokens()
{
    FakeClock clock;
    TokenBucket bucket(1 * MiB, clock.function());
    clock.advance(50); // 52428 bytes' worth
    const qint64 granted = bucket.take(64 * KiB);
    QCOMPARE(granted, 1 * MiB * 50 / 1000);
    QCOMPARE(bucket.take(1), qint64(0));
    bucket.giveBack(granted - 1000);
    QCOMPARE(bucket.take(64 * KiB), granted - 1000);
    bucket.giveBack(100 * MiB); // never more than the bucket holds
    QCOMPARE(bucket.take(100 * MiB), bucket.burst());
    TokenBucket unlimited(0, clock.function());
    unlimited.giveBack(MiB); // harmless
    QCOMPARE(unlimited.take(5 * MiB), 5 * MiB);
}

void TestTokenBucket::burstSize_data()
{
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<qint64>("burst");

    QTest::addRow("slow: minimum 16 KiB") << qint64(1000) << 16 * KiB;
    QTest::addRow("at the crossover") << 128 * KiB << 16 * KiB;
    QTest::addRow("fast: an eighth of a second") << 8 * MiB << MiB;
    QTest::addRow("unlimited") << qint64(0) << 16 * KiB;
}

void TestTokenBucket::burstSize()
{
    QFETCH(qint64, rate);
    QFETCH(qint64, burst);
    TokenBucket bucket(rate, FakeClock().function());
    QCOMPARE(bucket.burst(), burst);
}

void TestTokenBucket::msUntil()
{
    FakeClock clock;
    TokenBucket bucket(1000, clock.function()); // 1 byte per ms, burst 16 KiB
    QCOMPARE(bucket.msUntil(1000), qint64(1000));
    QCOMPARE(bucket.msUntil(0), qint64(0));
    clock.advance(400);
    QCOMPARE(bucket.msUntil(1000), qint64(600));
    QCOMPARE(bucket.msUntil(400), qint64(0));
    QCOMPARE(bucket.msUntil(MiB), 16 * KiB - 400); // capped at the burst: it could never hold more
    clock.advance(600);
    QCOMPARE(bucket.msUntil(1000), qint64(0));
    QCOMPARE(bucket.take(1000), qint64(1000)); // what msUntil promised is there
    QCOMPARE(bucket.msUntil(1), qint64(1));

    TokenBucket fractional(3000, clock.function()); // 3 bytes per ms: waits round up
    QCOMPARE(fractional.msUntil(10), qint64(4));
    clock.advance(4);
    QCOMPARE(fractional.take(10), qint64(10));
}

void TestTokenBucket::loweringTheRateDropsExtraTokens()
{
    FakeClock clock;
    TokenBucket bucket(8 * MiB, clock.function());
    clock.advance(10000);
    bucket.setRate(20 * KiB);
    QCOMPARE(bucket.rate(), 20 * KiB);
    QCOMPARE(bucket.take(10 * MiB), 16 * KiB);
}

void TestTokenBucket::switchingBetweenLimitedAndUnlimited()
{
    FakeClock clock;
    TokenBucket bucket(MiB, clock.function());
    QCOMPARE(bucket.take(KiB), qint64(0));
    bucket.setRate(0);
    QCOMPARE(bucket.take(10 * MiB), 10 * MiB);
    QCOMPARE(bucket.msUntil(10 * MiB), qint64(0));
    bucket.setRate(1000);
    // Time spent unlimited does not turn into a reserve.
    clock.advance(1);
    QCOMPARE(bucket.take(MiB), qint64(1));
    bucket.setRate(-5); // nonsense means unlimited
    QCOMPARE(bucket.rate(), qint64(0));
}

void TestTokenBucket::longIdleDoesNotOverflow()
{
    FakeClock clock;
    TokenBucket bucket(std::numeric_limits<qint64>::max(), clock.function()); // clamped to a sane maximum
    QVERIFY(bucket.rate() > 1000 * 1000 * MiB);
    clock.advance(qint64(1) << 50);
    const qint64 granted = bucket.take(std::numeric_limits<qint64>::max());
    QCOMPARE(granted, bucket.burst());
    QVERIFY(granted > 0);
}

void TestTokenBucket::clockGoingBackwardsIsHarmless()
{
    FakeClock clock;
    clock.advance(5000);
    TokenBucket bucket(1000, clock.function());
    clock.advance(100);
    QCOMPARE(bucket.take(1000), qint64(100));
    clock.advance(-3000);
    QCOMPARE(bucket.take(1000), qint64(0));
    QVERIFY(bucket.msUntil(10) >= 0);
    clock.advance(3010); // back where it was, plus 10 ms
    QCOMPARE(bucket.take(1000), qint64(10));
}

// Four threads share one bucket; the clock moves while they run. Whatever the
// interleaving, together they never get more than the rate allows.
void TestTokenBucket::concurrentTakersShareTheRate()
{
    constexpr qint64 kRate = 1000 * 1000; // 1000 bytes per ms
    FakeClock clock;
    TokenBucket bucket(kRate, clock.function());
    std::atomic<qint64> granted{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&bucket, &granted, &clock, t] {
            for (int i = 0; i < 20000; ++i) {
                granted += bucket.take(100 + t * 50);
                if (i % 16 == 0)
                    clock.advance(1);
            }
        }));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    const qint64 allowed = kRate * clock.value() / 1000;
    QVERIFY2(granted <= allowed, qPrintable(QStringLiteral("%1 > %2").arg(granted.load()).arg(allowed)));
    QVERIFY(granted > allowed / 2); // they did get most of it
}

QTEST_APPLESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
