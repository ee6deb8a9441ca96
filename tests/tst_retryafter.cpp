// parseRetryAfterMs: delay-seconds and HTTP-dates (the date grammar itself: tst_httpdate).
#include "core/RetryAfter.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using ferry::parseRetryAfterMs;

namespace {
// Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example, is the reference "now".
QDateTime referenceNow()
{
    return QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
}
} // namespace

class TestRetryAfter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryAfter_data();
    void retryAfter();
    void invalid_data();
    void invalid();
    void invalidNowRejectsDatesButNotSeconds();
};

void TestRetryAfter::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs");

    QTest::addRow("zero") << "0"_ba << qint64(0);
    QTest::addRow("seconds") << "120"_ba << qint64(120000);
    QTest::addRow("whitespace") << "  5 "_ba << qint64(5000);
    QTest::addRow("leading zeros") << "007"_ba << qint64(7000);
    QTest::addRow("huge saturates") << "99999999999999999999999"_ba << std::numeric_limits<qint64>::max();
    QTest::addRow("imf-fixdate 1 min later") << "Sun, 06 Nov 1994 08:50:37 GMT"_ba << qint64(60000);
    QTest::addRow("imf-fixdate now") << "Sun, 06 Nov 1994 08:49:37 GMT"_ba << qint64(0);
    QTest::addRow("imf-fixdate in the past is zero") << "Sat, 05 Nov 1994 08:49:37 GMT"_ba << qint64(0);
    QTest::addRow("rfc850 1 h later") << "Sunday, 06-Nov-94 09:49:37 GMT"_ba << qint64(3600000);
    QTest::addRow("asctime 1 day later") << "Mon Nov  7 08:49:37 1994"_ba << qint64(86400000);
    QTest::addRow("asctime two-digit day") << "Sun Nov 06 08:49:47 1994"_ba << qint64(10000);
    QTest::addRow("date with surrounding spaces") << " Sun, 06 Nov 1994 08:49:38 GMT "_ba << qint64(1000);
}

void TestRetryAfter::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    const std::optional<qint64> ms = parseRetryAfterMs(value, referenceNow());
    QVERIFY2(ms.has_value(), value.constData());
    QCOMPARE(*ms, expectedMs);
}

void TestRetryAfter::invalid_data()
{
    QTest::addColumn<QByteArray>("value");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("spaces") << "   "_ba;
    QTest::addRow("negative") << "-5"_ba;
    QTest::addRow("plus") << "+5"_ba;
    QTest::addRow("fraction") << "1.5"_ba;
    QTest::addRow("trailing text") << "10s"_ba;
    QTest::addRow("words") << "soon"_ba;
    QTest::addRow("bad day name") << "Sux, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("bad month") << "Sun, 06 Nox 1994 08:49:37 GMT"_ba;
    QTest::addRow("no GMT") << "Sun, 06 Nov 1994 08:49:37"_ba;
    QTest::addRow("other zone") << "Sun, 06 Nov 1994 08:49:37 UTC"_ba;
    QTest::addRow("one-digit day in imf") << "Sun, 6 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("day 32") << "Sun, 32 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("31 November") << "Sun, 31 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("29 Feb non-leap") << "Sun, 29 Feb 1994 08:49:37 GMT"_ba;
    QTest::addRow("hour 24") << "Sun, 06 Nov 1994 24:00:00 GMT"_ba;
    QTest::addRow("minute 60") << "Sun, 06 Nov 1994 08:60:00 GMT"_ba;
    QTest::addRow("second 61") << "Sun, 06 Nov 1994 08:49:61 GMT"_ba;
    QTest::addRow("long day in imf") << "Sunday, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("short day in rfc850") << "Sun, 06-Nov-94 08:49:37 GMT"_ba;
    QTest::addRow("four-digit year in rfc850") << "Sunday, 06-Nov-1994 08:49:37 GMT"_ba;
    QTest::addRow("asctime without year") << "Sun Nov  6 08:49:37"_ba;
    QTest::addRow("trailing junk") << "Sun, 06 Nov 1994 08:49:37 GMT x"_ba;
    QTest::addRow("iso date") << "1994-11-06T08:49:37Z"_ba;
}

void TestRetryAfter::invalid()
{
    QFETCH(QByteArray, value);
    QVERIFY2(!parseRetryAfterMs(value, referenceNow()).has_value(), value.constData());
}

void TestRetryAfter::invalidNowRejectsDatesButNotSeconds()
{
    QCOMPARE(parseRetryAfterMs("3", QDateTime()), std::optional<qint64>(3000));
    QVERIFY(!parseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", QDateTime()).has_value());
}

QTEST_APPLESS_MAIN(TestRetryAfter)
#include "tst_retryafter.moc"
