// evaluateRange() row by row against the CONFORMANCE.md "Server: ranges"
// table (a 1000-byte file unless a row says otherwise), plus the overflow,
// list-syntax and DoS-guard variants, and the Content-Range values.
#include "server/ByteRanges.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

// "200", "416", or "206 a-b,c-d" — readable in a failure message.
QByteArray describe(const RangeDecision &d)
{
    switch (d.kind) {
    case RangeDecision::Kind::Full:
        return d.ranges.isEmpty() ? "200"_ba : "200 with ranges?"_ba;
    case RangeDecision::Kind::Unsatisfiable:
        return d.ranges.isEmpty() ? "416"_ba : "416 with ranges?"_ba;
    case RangeDecision::Kind::Partial:
        break;
    }
    QByteArray out = "206 "_ba;
    for (qsizetype i = 0; i < d.ranges.size(); ++i) {
        if (i > 0)
            out += ',';
        out += QByteArray::number(d.ranges[i].first) + '-' + QByteArray::number(d.ranges[i].last);
    }
    return out;
}

QByteArray manyRanges(int count)
{
    QByteArray out = "bytes="_ba;
    for (int i = 0; i < count; ++i)
        out += (i ? ","_ba : QByteArray()) + QByteArray::number(i * 10) + '-' + QByteArray::number(i * 10 + 4);
    return out;
}

QByteArray expectedMany(int count)
{
    QByteArray out = "206 "_ba;
    for (int i = 0; i < count; ++i)
        out += (i ? ","_ba : QByteArray()) + QByteArray::number(i * 10) + '-' + QByteArray::number(i * 10 + 4);
    return out;
}

} // namespace

class TestByteRanges final : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void contentRange_data();
    void contentRange();
    void unsatisfied();
    void length();
};

void TestByteRanges::evaluate_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");

    const qint64 k = 1000;
    const qint64 huge = std::numeric_limits<qint64>::max();

    // The CONFORMANCE.md table.
    QTest::addRow("bytes=0-0") << "bytes=0-0"_ba << k << "206 0-0"_ba;
    QTest::addRow("suffix") << "bytes=-500"_ba << k << "206 500-999"_ba;
    QTest::addRow("suffix longer than the file") << "bytes=-5000"_ba << k << "206 0-999"_ba;
    QTest::addRow("last byte") << "bytes=999-"_ba << k << "206 999-999"_ba;
    QTest::addRow("end past the file is clamped") << "bytes=0-99999"_ba << k << "206 0-999"_ba;
    QTest::addRow("start at the size") << "bytes=1000-"_ba << k << "416"_ba;
    QTest::addRow("start past the size") << "bytes=5000-6000"_ba << k << "416"_ba;
    QTest::addRow("empty suffix") << "bytes=-0"_ba << k << "416"_ba;
    QTest::addRow("reversed") << "bytes=5-1"_ba << k << "416"_ba;
    QTest::addRow("double dash") << "bytes=--6"_ba << k << "416"_ba;
    QTest::addRow("suffix with trailing dash") << "bytes=-6-"_ba << k << "416"_ba;
    QTest::addRow("alpha") << "bytes=alpha"_ba << k << "416"_ba;
    QTest::addRow("no dash") << "bytes=10"_ba << k << "416"_ba;
    QTest::addRow("end overflows 64 bits") << "bytes=0-18446744073709551616"_ba << k << "206 0-999"_ba;
    QTest::addRow("start overflows 64 bits") << "bytes=18446744073709551616-"_ba << k << "416"_ba;
    QTest::addRow("suffix overflows 64 bits") << "bytes=-18446744073709551616"_ba << k << "206 0-999"_ba;
    QTest::addRow("both overflow, reversed") << "bytes=99999999999999999999999-1"_ba << k << "416"_ba;
    QTest::addRow("both overflow") << "bytes=99999999999999999999-99999999999999999999"_ba << k << "416"_ba;
    QTest::addRow("int64 max end") << "bytes=1-9223372036854775807"_ba << k << "206 1-999"_ba;
    QTest::addRow("unit is case-insensitive") << "Bytes=0-4"_ba << k << "206 0-4"_ba;
    QTest::addRow("unit in capitals") << "BYTES=0-4"_ba << k << "206 0-4"_ba;
    QTest::addRow("unknown unit") << "items=0-5"_ba << k << "200"_ba;
    QTest::addRow("empty set") << "bytes="_ba << k << "200"_ba;
    QTest::addRow("spaces") << "bytes= 0-9, 20-29"_ba << k << "206 0-9,20-29"_ba;
    QTest::addRow("unsatisfiable part dropped") << "bytes=0-9, -10, 100000-, 10-19"_ba << k << "206 0-9,990-999,10-19"_ba;
    QTest::addRow("sum of ranges > size") << "bytes=0-,1-,2-,3-,4-"_ba << k << "200"_ba;
    QTest::addRow("16 ranges") << manyRanges(16) << k << expectedMany(16);
    QTest::addRow("17 ranges") << manyRanges(17) << k << "200"_ba;
    QTest::addRow("0-byte file, satisfiable-looking") << "bytes=0-0"_ba << qint64(0) << "200"_ba;
    QTest::addRow("0-byte file, suffix") << "bytes=-1"_ba << qint64(0) << "200"_ba;
    QTest::addRow("0-byte file, invalid") << "bytes=alpha"_ba << qint64(0) << "200"_ba;

    // Variants.
    QTest::addRow("whole file as a range") << "bytes=0-999"_ba << k << "206 0-999"_ba;
    QTest::addRow("open-ended from 0") << "bytes=0-"_ba << k << "206 0-999"_ba;
    QTest::addRow("ranges in request order") << "bytes=500-599,0-9"_ba << k << "206 500-599,0-9"_ba;
    QTest::addRow("two halves, sum equals size") << "bytes=0-499,500-999"_ba << k << "206 0-499,500-999"_ba;
    QTest::addRow("overlap beyond the size") << "bytes=0-599,400-999"_ba << k << "200"_ba;
    QTest::addRow("empty list members") << "bytes=0-9,,20-29,"_ba << k << "206 0-9,20-29"_ba;
    QTest::addRow("only commas") << "bytes=,"_ba << k << "200"_ba;
    QTest::addRow("tabs around members") << "bytes=\t0-9\t,\t20-29\t"_ba << k << "206 0-9,20-29"_ba;
    QTest::addRow("spaces around the value") << "  bytes=0-9  "_ba << k << "206 0-9"_ba;
    QTest::addRow("space inside a member") << "bytes=0 -9"_ba << k << "416"_ba;
    QTest::addRow("sign") << "bytes=+0-9"_ba << k << "416"_ba;
    QTest::addRow("negative end") << "bytes=5--9"_ba << k << "416"_ba;
    QTest::addRow("one invalid member spoils the set") << "bytes=0-9,abc"_ba << k << "416"_ba;
    QTest::addRow("all parts unsatisfiable") << "bytes=1000-,2000-3000,-0"_ba << k << "416"_ba;
    QTest::addRow("no equals sign") << "bytes"_ba << k << "200"_ba;
    QTest::addRow("empty header") << QByteArray() << k << "200"_ba;
    QTest::addRow("unit prefix is not the unit") << "bytesx=0-1"_ba << k << "200"_ba;
    QTest::addRow("one-byte file, whole") << "bytes=0-"_ba << qint64(1) << "206 0-0"_ba;
    QTest::addRow("one-byte file, suffix") << "bytes=-1"_ba << qint64(1) << "206 0-0"_ba;
    QTest::addRow("one-byte file, past end") << "bytes=1-"_ba << qint64(1) << "416"_ba;
    QTest::addRow("huge file, open end") << "bytes=100-"_ba << huge << "206 100-9223372036854775806"_ba;
    QTest::addRow("huge file, overflowing end")
        << "bytes=0-99999999999999999999"_ba << huge << "206 0-9223372036854775806"_ba;
    QTest::addRow("huge file, overflowing suffix") << "bytes=-99999999999999999999"_ba << huge
                                                   << "206 0-9223372036854775806"_ba;
    QTest::addRow("huge file, two large ranges")
        << "bytes=0-,1-"_ba << huge << "200"_ba; // the sum check must not overflow
}

void TestByteRanges::evaluate()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);

    const RangeDecision d = evaluateRange(header, size);
    QCOMPARE(describe(d), expected);
    for (const ByteRange &r : d.ranges) {
        QVERIFY(r.first >= 0);
        QVERIFY(r.first <= r.last);
        QVERIFY(r.last < size);
    }
}

void TestByteRanges::contentRange_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("first byte") << qint64(0) << qint64(0) << qint64(1000) << "bytes 0-0/1000"_ba;
    QTest::addRow("suffix") << qint64(500) << qint64(999) << qint64(1000) << "bytes 500-999/1000"_ba;
    QTest::addRow("beyond 32 bits") << qint64(5'000'000'000) << qint64(5'000'000'099) << qint64(6'000'000'000)
                                    << "bytes 5000000000-5000000099/6000000000"_ba;
}

void TestByteRanges::contentRange()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);
    QCOMPARE(contentRangeHeader(ByteRange{first, last}, size), expected);
}

void TestByteRanges::unsatisfied()
{
    QCOMPARE(unsatisfiedContentRange(1000), "bytes */1000"_ba);
    QCOMPARE(unsatisfiedContentRange(0), "bytes */0"_ba);
}

void TestByteRanges::length()
{
    QCOMPARE((ByteRange{0, 0}).length(), 1);
    QCOMPARE((ByteRange{500, 999}).length(), 500);
}

QTEST_APPLESS_MAIN(TestByteRanges)
#include "tst_byteranges.moc"
