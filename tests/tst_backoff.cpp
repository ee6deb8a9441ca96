// retryDelayMs: exponential back-off with jitter, pure.
#include "core/Backoff.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using ferry::retryDelayMs;

class TestBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delays_data();
    void delays();
    void staysInBoundsForEveryAttemptAndJitter();
    void jitterSpreadsRetries();
};

void TestBackoff::delays_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("base");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<qint64>("expected");

    // jitter 0.5 is the factor 1.0: the plain exponential sequence.
    QTest::addRow("attempt 1 is the base") << 1 << qint64(1000) << qint64(60000) << 0.5 << qint64(1000);
    QTest::addRow("attempt 2 doubles") << 2 << qint64(1000) << qint64(60000) << 0.5 << qint64(2000);
    QTest::addRow("attempt 3") << 3 << qint64(1000) << qint64(60000) << 0.5 << qint64(4000);
    QTest::addRow("attempt 6") << 6 << qint64(1000) << qint64(60000) << 0.5 << qint64(32000);
    QTest::addRow("attempt 7 capped") << 7 << qint64(1000) << qint64(60000) << 0.5 << qint64(60000);
    QTest::addRow("attempt 1000 capped, no overflow") << 1000 << qint64(1000) << qint64(60000) << 0.5 << qint64(60000);
    QTest::addRow("attempt max int") << std::numeric_limits<int>::max() << qint64(1000) << qint64(60000) << 0.5
                                     << qint64(60000);
    QTest::addRow("attempt 0 treated as 1") << 0 << qint64(1000) << qint64(60000) << 0.5 << qint64(1000);
    QTest::addRow("negative attempt treated as 1") << -3 << qint64(1000) << qint64(60000) << 0.5 << qint64(1000);
    QTest::addRow("lowest jitter") << 1 << qint64(1000) << qint64(60000) << 0.0 << qint64(800);
    QTest::addRow("highest jitter") << 1 << qint64(1000) << qint64(60000) << 0.999999 << qint64(1199);
    QTest::addRow("jitter 0.25") << 2 << qint64(1000) << qint64(60000) << 0.25 << qint64(1800);
    QTest::addRow("jitter above the cap is capped") << 7 << qint64(1000) << qint64(60000) << 0.99 << qint64(60000);
    QTest::addRow("jitter below the cap") << 7 << qint64(1000) << qint64(60000) << 0.0 << qint64(48000);
    QTest::addRow("jitter 1.0 clamped") << 1 << qint64(1000) << qint64(60000) << 1.0 << qint64(1199);
    QTest::addRow("negative jitter clamped") << 1 << qint64(1000) << qint64(60000) << -2.0 << qint64(800);
    QTest::addRow("NaN jitter") << 1 << qint64(1000) << qint64(60000) << std::nan("") << qint64(800);
    QTest::addRow("base above max") << 1 << qint64(5000) << qint64(3000) << 0.5 << qint64(3000);
    QTest::addRow("zero base") << 3 << qint64(0) << qint64(60000) << 0.5 << qint64(0);
    QTest::addRow("tiny base keeps half of it") << 1 << qint64(1) << qint64(100) << 0.0 << qint64(0);
    QTest::addRow("huge max no overflow") << 80 << qint64(1000) << std::numeric_limits<qint64>::max() << 0.5
                                          << std::numeric_limits<qint64>::max();
}

void TestBackoff::delays()
{
    QFETCH(int, attempt);
    QFETCH(qint64, base);
    QFETCH(qint64, max);
    QFETCH(double, jitter);
    QFETCH(qint64, expected);
    QCOMPARE(retryDelayMs(attempt, base, max, jitter), expected);
}

void TestBackoff::staysInBoundsForEveryAttemptAndJitter()
{
    const qint64 base = 1000;
    const qint64 max = 60000;
    for (int attempt = 1; attempt <= 40; ++attempt) {
        qint64 plain = base;
        for (int i = 1; i < attempt; ++i)
            plain = std::min(plain * 2, max);
        for (int step = 0; step < 1000; ++step) {
            const double jitter = step / 1000.0;
            const qint64 d = retryDelayMs(attempt, base, max, jitter);
            QVERIFY(d >= base / 2);
            QVERIFY(d <= max);
            QVERIFY(d >= qint64(plain * 0.8) - 1);
            QVERIFY(d < qint64(plain * 1.2) || d == max);
        }
    }
}

void TestBackoff::jitterSpreadsRetries()
{
    QSet<qint64> distinct;
    for (int step = 0; step < 100; ++step)
        distinct.insert(retryDelayMs(3, 1000, 60000, step / 100.0));
    QVERIFY2(distinct.size() >= 90, qPrintable(QString::number(distinct.size())));
}

QTEST_APPLESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
