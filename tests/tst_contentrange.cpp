// parseContentRange: what a 206 or 416 says about the bytes it carries.
#include "core/ContentRange.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ferry::ContentRange;
using ferry::parseContentRange;

class TestContentRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
};

void TestContentRange::valid_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<bool>("unsatisfied");

    QTest::addRow("range with total") << "bytes 0-99/1000"_ba << qint64(0) << qint64(99) << qint64(1000) << false;
    QTest::addRow("last byte") << "bytes 999-999/1000"_ba << qint64(999) << qint64(999) << qint64(1000) << false;
    QTest::addRow("unknown total") << "bytes 0-99/*"_ba << qint64(0) << qint64(99) << qint64(-1) << false;
    QTest::addRow("unsatisfied") << "bytes */1000"_ba << qint64(-1) << qint64(-1) << qint64(1000) << true;
    QTest::addRow("unsatisfied empty file") << "bytes */0"_ba << qint64(-1) << qint64(-1) << qint64(0) << true;
    QTest::addRow("unit upper case") << "BYTES 5-9/10"_ba << qint64(5) << qint64(9) << qint64(10) << false;
    QTest::addRow("unit mixed case") << "Bytes 5-9/10"_ba << qint64(5) << qint64(9) << qint64(10) << false;
    QTest::addRow("several spaces after unit") << "bytes   5-9/10"_ba << qint64(5) << qint64(9) << qint64(10) << false;
    QTest::addRow("tab after unit") << "bytes\t5-9/10"_ba << qint64(5) << qint64(9) << qint64(10) << false;
    QTest::addRow("no space after unit") << "bytes5-9/10"_ba << qint64(5) << qint64(9) << qint64(10) << false;
    QTest::addRow("surrounding whitespace") << "  bytes 5-9/10 "_ba << qint64(5) << qint64(9) << qint64(10) << false;
    QTest::addRow("leading zeros") << "bytes 007-010/0100"_ba << qint64(7) << qint64(10) << qint64(100) << false;
    QTest::addRow("largest qint64")
        << "bytes 0-9223372036854775806/9223372036854775807"_ba << qint64(0)
        << qint64(9223372036854775806LL) << qint64(9223372036854775807LL) << false;
}

void TestContentRange::valid()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(qint64, total);
    QFETCH(bool, unsatisfied);

    const std::optional<ContentRange> r = parseContentRange(value);
    QVERIFY2(r.has_value(), value.constData());
    QCOMPARE(r->first, first);
    QCOMPARE(r->last, last);
    QCOMPARE(r->total, total);
    QCOMPARE(r->unsatisfied, unsatisfied);
    QCOMPARE(r->length(), unsatisfied ? 0 : last - first + 1);
}

void TestContentRange::invalid_data()
{
    QTest::addColumn<QByteArray>("value");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("garbage") << "hello"_ba;
    QTest::addRow("unit only") << "bytes"_ba;
    QTest::addRow("unit and space") << "bytes "_ba;
    QTest::addRow("other unit") << "items 0-9/10"_ba;
    QTest::addRow("unit prefix only") << "byte 0-9/10"_ba;
    QTest::addRow("no unit") << "0-9/10"_ba;
    QTest::addRow("no total") << "bytes 0-9"_ba;
    QTest::addRow("empty total") << "bytes 0-9/"_ba;
    QTest::addRow("no last") << "bytes 0-/10"_ba;
    QTest::addRow("no first") << "bytes -9/10"_ba;
    QTest::addRow("no dash") << "bytes 09/10"_ba;
    QTest::addRow("plus sign") << "bytes +0-9/10"_ba;
    QTest::addRow("minus sign") << "bytes -1-9/10"_ba;
    QTest::addRow("signed total") << "bytes 0-9/+10"_ba;
    QTest::addRow("first after last") << "bytes 9-0/10"_ba;
    QTest::addRow("last equals total") << "bytes 0-10/10"_ba;
    QTest::addRow("last beyond total") << "bytes 0-99/50"_ba;
    QTest::addRow("star star") << "bytes */*"_ba;
    QTest::addRow("star range with unknown total") << "bytes *"_ba;
    QTest::addRow("overflow first") << "bytes 9223372036854775808-9223372036854775809/*"_ba;
    QTest::addRow("overflow last") << "bytes 0-18446744073709551616/*"_ba;
    QTest::addRow("overflow total") << "bytes 0-1/99999999999999999999"_ba;
    QTest::addRow("hex") << "bytes 0x0-0x9/10"_ba;
    QTest::addRow("space inside range") << "bytes 0 - 9/10"_ba;
    QTest::addRow("space before slash") << "bytes 0-9 /10"_ba;
    QTest::addRow("two ranges") << "bytes 0-9,20-29/100"_ba;
    QTest::addRow("trailing junk") << "bytes 0-9/10x"_ba;
    QTest::addRow("two slashes") << "bytes 0-9/10/10"_ba;
    QTest::addRow("decimal") << "bytes 0-9.5/10"_ba;
}

void TestContentRange::invalid()
{
    QFETCH(QByteArray, value);
    QVERIFY2(!parseContentRange(value).has_value(), value.constData());
}

QTEST_APPLESS_MAIN(TestContentRange)
#include "tst_contentrange.moc"
