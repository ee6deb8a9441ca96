// parseHttpDate() and formatHttpDate(): the three HTTP-date formats of
// RFC 9110 §5.6.7 (with its two-digit-year rule), what is not a date, and
// English output whatever the locale.
#include "core/HttpDate.h"

#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}

} // namespace

class TestHttpDate final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void twoDigitYears_data();
    void twoDigitYears();
    void format_data();
    void format();
    void formatIgnoresTheLocale();
    void roundTrip_data();
    void roundTrip();
};

void TestHttpDate::parse_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("expected"); // invalid: nullopt expected

    const QDateTime rfcExample = utc(1994, 11, 6, 8, 49, 37);
    const QDateTime none;

    QTest::addRow("IMF-fixdate") << "Sun, 06 Nov 1994 08:49:37 GMT"_ba << rfcExample;
    QTest::addRow("RFC 850") << "Sunday, 06-Nov-94 08:49:37 GMT"_ba << rfcExample;
    QTest::addRow("asctime") << "Sun Nov  6 08:49:37 1994"_ba << rfcExample;
    QTest::addRow("asctime, two-digit day") << "Wed Nov 16 08:49:37 1994"_ba << utc(1994, 11, 16, 8, 49, 37);
    QTest::addRow("names in lower case") << "sun, 06 nov 1994 08:49:37 GMT"_ba << rfcExample;
    QTest::addRow("surrounding whitespace") << " \tSun, 06 Nov 1994 08:49:37 GMT \t"_ba << rfcExample;
    QTest::addRow("leap second") << "Sat, 31 Dec 2016 23:59:60 GMT"_ba << utc(2016, 12, 31, 23, 59, 59);
    QTest::addRow("29 February in a leap year") << "Thu, 29 Feb 2024 00:00:00 GMT"_ba << utc(2024, 2, 29, 0, 0, 0);
    QTest::addRow("epoch") << "Thu, 01 Jan 1970 00:00:00 GMT"_ba << utc(1970, 1, 1, 0, 0, 0);
    QTest::addRow("weekday is not checked") << "Mon, 06 Nov 1994 08:49:37 GMT"_ba << rfcExample;

    QTest::addRow("empty") << QByteArray() << none;
    QTest::addRow("garbage") << "yesterday"_ba << none;
    QTest::addRow("UTC instead of GMT") << "Sun, 06 Nov 1994 08:49:37 UTC"_ba << none;
    QTest::addRow("numeric zone") << "Sun, 06 Nov 1994 08:49:37 +0000"_ba << none;
    QTest::addRow("one-digit day") << "Sun, 6 Nov 1994 08:49:37 GMT"_ba << none;
    QTest::addRow("two-digit year in IMF-fixdate") << "Sun, 06 Nov 94 08:49:37 GMT"_ba << none;
    QTest::addRow("trailing text") << "Sun, 06 Nov 1994 08:49:37 GMT; length=12"_ba << none;
    QTest::addRow("31 February") << "Sun, 31 Feb 1994 08:49:37 GMT"_ba << none;
    QTest::addRow("29 February in a common year") << "Tue, 29 Feb 2022 00:00:00 GMT"_ba << none;
    QTest::addRow("day 00") << "Sun, 00 Nov 1994 08:49:37 GMT"_ba << none;
    QTest::addRow("hour 24") << "Sun, 06 Nov 1994 24:00:00 GMT"_ba << none;
    QTest::addRow("minute 60") << "Sun, 06 Nov 1994 08:60:00 GMT"_ba << none;
    QTest::addRow("second 61") << "Sun, 06 Nov 1994 08:49:61 GMT"_ba << none;
    QTest::addRow("unknown month") << "Sun, 06 Foo 1994 08:49:37 GMT"_ba << none;
    QTest::addRow("short day name in RFC 850") << "Sun, 06-Nov-94 08:49:37 GMT"_ba << none;
    QTest::addRow("asctime, unpadded day") << "Sun Nov 6 08:49:37 1994"_ba << none;
    QTest::addRow("asctime, zero-padded day") << "Sun Nov 06 08:49:37 1994"_ba << rfcExample;
    QTest::addRow("cut short") << "Sun, 06 Nov 1994 08:49"_ba << none;
    QTest::addRow("signs in numbers") << "Sun, +6 Nov 1994 08:49:37 GMT"_ba << none;
    QTest::addRow("NUL inside") << QByteArray("Sun, 06 Nov 1994\0 08:49:37 GMT", 30) << none;
}

void TestHttpDate::parse()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);

    const auto parsed = parseHttpDate(value, QDate(2026, 6, 1));
    if (!expected.isValid()) {
        QVERIFY2(!parsed.has_value(), parsed ? qPrintable(parsed->toString(Qt::ISODate)) : "");
        return;
    }
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
}

void TestHttpDate::twoDigitYears_data()
{
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QByteArray>("yy");
    QTest::addColumn<int>("year");

    const QDate today(2026, 6, 1);
    QTest::addRow("94 is 1994") << today << "94"_ba << 1994;
    QTest::addRow("26 is this year") << today << "26"_ba << 2026;
    QTest::addRow("00 is 2000") << today << "00"_ba << 2000;
    QTest::addRow("76 is 50 years ahead: kept") << today << "76"_ba << 2076;
    QTest::addRow("77 is 51 years ahead: past") << today << "77"_ba << 1977;
    QTest::addRow("late in a century, 00 is next") << QDate(2099, 1, 1) << "00"_ba << 2100;
    QTest::addRow("late in a century, 49 is 50 ahead") << QDate(2099, 1, 1) << "49"_ba << 2149;
    QTest::addRow("late in a century, 50 is past") << QDate(2099, 1, 1) << "50"_ba << 2050;
}

void TestHttpDate::twoDigitYears()
{
    QFETCH(QDate, today);
    QFETCH(QByteArray, yy);
    QFETCH(int, year);

    const auto parsed = parseHttpDate(QByteArray("Sunday, 06-Nov-" + yy + " 08:49:37 GMT"), today);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->date(), QDate(year, 11, 6));
}

void TestHttpDate::format_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("RFC example") << utc(1994, 11, 6, 8, 49, 37) << "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("single digits padded") << utc(2001, 2, 3, 4, 5, 6) << "Sat, 03 Feb 2001 04:05:06 GMT"_ba;
    QTest::addRow("milliseconds dropped")
        << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), QTimeZone::utc())
        << "Thu, 29 Feb 2024 23:59:59 GMT"_ba;
    QTest::addRow("offset converted to UTC")
        << QDateTime(QDate(1994, 11, 6), QTime(10, 49, 37), QTimeZone(7200)) << "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("offset across midnight")
        << QDateTime(QDate(2000, 1, 1), QTime(1, 0, 0), QTimeZone(3600 * 3)) << "Fri, 31 Dec 1999 22:00:00 GMT"_ba;
    QTest::addRow("invalid") << QDateTime() << QByteArray();
}

void TestHttpDate::format()
{
    QFETCH(QDateTime, time);
    QFETCH(QByteArray, expected);
    QCOMPARE(formatHttpDate(time), expected);
}

void TestHttpDate::formatIgnoresTheLocale()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QByteArray german = formatHttpDate(utc(2023, 3, 5, 12, 0, 0));
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    const QByteArray chinese = formatHttpDate(utc(2023, 3, 5, 12, 0, 0));
    QLocale::setDefault(previous);
    QCOMPARE(german, "Sun, 05 Mar 2023 12:00:00 GMT"_ba);
    QCOMPARE(chinese, german);
}

void TestHttpDate::roundTrip_data()
{
    QTest::addColumn<QDateTime>("time");
    // One per month and weekday, so every English name is written and read back.
    for (int month = 1; month <= 12; ++month) {
        const QDateTime t = utc(1990 + month * 3, month, month + 10, month, month * 4, 59 - month);
        QTest::addRow("%s", formatHttpDate(t).constData()) << t;
    }
    for (int day = 5; day <= 11; ++day) { // Sunday to Saturday
        const QDateTime t = utc(2023, 3, day, 23, 59, 59);
        QTest::addRow("%s", formatHttpDate(t).constData()) << t;
    }
}

void TestHttpDate::roundTrip()
{
    QFETCH(QDateTime, time);
    const QByteArray text = formatHttpDate(time);
    QCOMPARE(text.size(), 29);
    const auto parsed = parseHttpDate(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, time);
}

QTEST_APPLESS_MAIN(TestHttpDate)
#include "tst_httpdate.moc"
