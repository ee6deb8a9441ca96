// RateMeter: speed over a 5 s sliding window, with injected time.
#include "core/RateMeter.h"

#include <QTest>

using ferry::RateMeter;

namespace {
// Feeds `bytesPerTick` every `tickMs` from `fromMs` (inclusive) to `toMs` (exclusive).
void feed(RateMeter &meter, qint64 bytesPerTick, qint64 tickMs, qint64 fromMs, qint64 toMs)
{
    for (qint64 t = fromMs; t < toMs; t += tickMs)
        meter.add(bytesPerTick, t);
}

bool near(double value, double expected, double tolerance)
{
    return std::abs(value - expected) <= expected * tolerance;
}
} // namespace

class TestRateMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyIsZero();
    void steadyRate_data();
    void steadyRate();
    void firstSecondIsNotUnderestimated();
    void stallFallsToZero();
    void followsAChangeWithinTheWindow();
    void oldDataLeavesTheWindow();
    void resetForgets();
    void oddInputIsHarmless();
};

void TestRateMeter::emptyIsZero()
{
    RateMeter meter;
    QCOMPARE(meter.bytesPerSecond(0), 0.0);
    QCOMPARE(meter.bytesPerSecond(123456), 0.0);
}

void TestRateMeter::steadyRate_data()
{
    QTest::addColumn<qint64>("bytesPerTick");
    QTest::addColumn<qint64>("tickMs");
    QTest::addColumn<double>("expected");

    QTest::addRow("1 MB/s in 10 ms ticks") << qint64(10000) << qint64(10) << 1e6;
    QTest::addRow("16 KiB every 100 ms") << qint64(16384) << qint64(100) << 163840.0;
    QTest::addRow("slow: 100 B every 250 ms") << qint64(100) << qint64(250) << 400.0;
    QTest::addRow("every millisecond") << qint64(1) << qint64(1) << 1000.0;
    QTest::addRow("odd tick 37 ms") << qint64(3700) << qint64(37) << 100000.0;
    QTest::addRow("1 GB/s") << qint64(1000000) << qint64(1) << 1e9;
}

void TestRateMeter::steadyRate()
{
    QFETCH(qint64, bytesPerTick);
    QFETCH(qint64, tickMs);
    QFETCH(double, expected);

    RateMeter meter;
    qint64 fed = 0; // data up to this time is in
    for (qint64 now = 6000; now < 20000; now += 97) { // a steady rate reads steady, wherever you look
        feed(meter, bytesPerTick, tickMs, fed, now + 1);
        fed = ((now + 1 + tickMs - 1) / tickMs) * tickMs;
        const double rate = meter.bytesPerSecond(now);
        QVERIFY2(near(rate, expected, 0.06), qPrintable(QStringLiteral("%1 at %2 ms").arg(rate).arg(now)));
    }
}

void TestRateMeter::firstSecondIsNotUnderestimated()
{
    RateMeter meter;
    feed(meter, 1000, 10, 100000, 101000); // 100 kB/s for one second, starting at an arbitrary time
    const double rate = meter.bytesPerSecond(101000);
    QVERIFY2(near(rate, 100000, 0.05), qPrintable(QString::number(rate)));
}

void TestRateMeter::stallFallsToZero()
{
    RateMeter meter;
    feed(meter, 1000, 10, 0, 10000);
    QVERIFY(meter.bytesPerSecond(10000) > 90000);
    const double halfway = meter.bytesPerSecond(12500);
    QVERIFY2(near(halfway, 50000, 0.1), qPrintable(QString::number(halfway)));
    QCOMPARE(meter.bytesPerSecond(15250), 0.0);
    QCOMPARE(meter.bytesPerSecond(60000), 0.0);
}

void TestRateMeter::followsAChangeWithinTheWindow()
{
    RateMeter meter;
    feed(meter, 1000, 10, 0, 10000);       // 100 kB/s
    feed(meter, 5000, 10, 10000, 16000);   // then 500 kB/s
    const double rate = meter.bytesPerSecond(15999);
    QVERIFY2(near(rate, 500000, 0.05), qPrintable(QString::number(rate)));
}

// A bucket slot is reused when time comes round again: old bytes must not linger.
void TestRateMeter::oldDataLeavesTheWindow()
{
    RateMeter meter;
    meter.add(1000000, 0);
    meter.add(10, 5000); // the same slot, one window later
    const double rate = meter.bytesPerSecond(5000);
    QVERIFY2(rate < 100, qPrintable(QString::number(rate)));
    meter.add(10, 100000); // far later: only the new bytes count
    QVERIFY(meter.bytesPerSecond(100000) < 100);
}

void TestRateMeter::resetForgets()
{
    RateMeter meter;
    feed(meter, 1000, 10, 0, 5000);
    QVERIFY(meter.bytesPerSecond(5000) > 0);
    meter.reset();
    QCOMPARE(meter.bytesPerSecond(5000), 0.0);
    feed(meter, 1000, 10, 5000, 6000);
    QVERIFY(near(meter.bytesPerSecond(6000), 100000, 0.05));
}

void TestRateMeter::oddInputIsHarmless()
{
    RateMeter meter;
    meter.add(0, 10);
    meter.add(-100, 20);
    QCOMPARE(meter.bytesPerSecond(30), 0.0);
    meter.add(1000, 1000);
    meter.add(1000, 900); // a little back in time
    QVERIFY(meter.bytesPerSecond(1000) > 0);
    QCOMPARE(meter.bytesPerSecond(500), 0.0); // asking about a time before the first sample
    meter.add(1000, 100); // further back than the window slot it would land in
    QVERIFY(meter.bytesPerSecond(1000) >= 0);
}

QTEST_APPLESS_MAIN(TestRateMeter)
#include "tst_ratemeter.moc"
