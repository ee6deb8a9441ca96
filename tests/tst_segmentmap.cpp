// SegmentMap: the record of finished bytes, the first split and work stealing.
// Spans in the data rows are written "begin:end,begin:end" to keep rows readable
// and failures legible.
#include "core/SegmentMap.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::ByteSpan;
using ferry::SegmentMap;

namespace {

QList<ByteSpan> spans(const QString &text)
{
    QList<ByteSpan> result;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype colon = part.indexOf(u':', 1); // a leading '-' belongs to the number
        result.append({part.first(colon).toLongLong(), part.sliced(colon + 1).toLongLong()});
    }
    return result;
}

QString text(const QList<ByteSpan> &list)
{
    QStringList parts;
    for (const ByteSpan &s : list)
        parts << u"%1:%2"_s.arg(s.begin).arg(s.end);
    return parts.join(u',');
}

qint64 totalLength(const QList<ByteSpan> &list)
{
    qint64 n = 0;
    for (const ByteSpan &s : list)
        n += s.length();
    return n;
}

} // namespace

class TestSegmentMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void markFinished_data();
    void markFinished();
    void markFinishedAgreesWithABitmap();
    void resetForgets();
    void isFinished();
    void setFinished_data();
    void setFinished();
    void plan_data();
    void plan();
    void planCoversExactlyTheMissingBytes();
    void stealPoint_data();
    void stealPoint();
};

void TestSegmentMap::markFinished_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("marks");
    QTest::addColumn<QString>("finished");
    QTest::addColumn<QString>("missing");

    QTest::addRow("nothing") << qint64(100) << u""_s << u""_s << u"0:100"_s;
    QTest::addRow("one span") << qint64(100) << u"10:20"_s << u"10:20"_s << u"0:10,20:100"_s;
    QTest::addRow("adjacent merge") << qint64(100) << u"0:10,10:20"_s << u"0:20"_s << u"20:100"_s;
    QTest::addRow("adjacent merge before") << qint64(100) << u"10:20,0:10"_s << u"0:20"_s << u"20:100"_s;
    QTest::addRow("overlap merge") << qint64(100) << u"0:15,10:30"_s << u"0:30"_s << u"30:100"_s;
    QTest::addRow("bridge") << qint64(100) << u"0:10,20:30,5:25"_s << u"0:30"_s << u"30:100"_s;
    QTest::addRow("swallow several") << qint64(100) << u"10:20,30:40,50:60,5:70"_s << u"5:70"_s << u"0:5,70:100"_s;
    QTest::addRow("out of order") << qint64(100) << u"50:60,10:20,30:40"_s << u"10:20,30:40,50:60"_s
                                  << u"0:10,20:30,40:50,60:100"_s;
    QTest::addRow("contained") << qint64(100) << u"0:50,10:20"_s << u"0:50"_s << u"50:100"_s;
    QTest::addRow("same twice") << qint64(100) << u"10:20,10:20"_s << u"10:20"_s << u"0:10,20:100"_s;
    QTest::addRow("clip below zero") << qint64(100) << u"-10:5"_s << u"0:5"_s << u"5:100"_s;
    QTest::addRow("clip past size") << qint64(100) << u"90:150"_s << u"90:100"_s << u"0:90"_s;
    QTest::addRow("entirely past size") << qint64(100) << u"100:200"_s << u""_s << u"0:100"_s;
    QTest::addRow("entirely below zero") << qint64(100) << u"-50:0"_s << u""_s << u"0:100"_s;
    QTest::addRow("empty span") << qint64(100) << u"5:5"_s << u""_s << u"0:100"_s;
    QTest::addRow("reversed span") << qint64(100) << u"20:10"_s << u""_s << u"0:100"_s;
    QTest::addRow("complete in pieces") << qint64(100) << u"50:100,0:50"_s << u"0:100"_s << u""_s;
    QTest::addRow("zero size") << qint64(0) << u"0:10"_s << u""_s << u""_s;
}

void TestSegmentMap::markFinished()
{
    QFETCH(qint64, size);
    QFETCH(QString, marks);
    QFETCH(QString, finished);
    QFETCH(QString, missing);

    SegmentMap map(size);
    for (const ByteSpan &s : spans(marks))
        map.markFinished(s);
    QCOMPARE(map.size(), size);
    QCOMPARE(text(map.finished()), finished);
    QCOMPARE(text(map.missing()), missing);
    QCOMPARE(map.finishedBytes(), totalLength(spans(finished)));
    QCOMPARE(map.isComplete(), missing.isEmpty());
}

// Random marks against a plain byte array: the merged spans must say exactly the same.
void TestSegmentMap::markFinishedAgreesWithABitmap()
{
    QRandomGenerator rng(20240601);
    for (int round = 0; round < 200; ++round) {
        const qint64 size = rng.bounded(1, 300);
        SegmentMap map(size);
        QByteArray bits(size, '\0');
        const int marks = rng.bounded(0, 30);
        for (int i = 0; i < marks; ++i) {
            const qint64 a = rng.bounded(-20, int(size) + 20);
            const qint64 b = a + rng.bounded(0, 60);
            map.markFinished({a, b});
            for (qint64 p = std::max<qint64>(a, 0); p < std::min(b, size); ++p)
                bits[p] = 1;
        }
        QList<ByteSpan> expected;
        for (qint64 p = 0; p < size; ++p) {
            if (!bits[p])
                continue;
            if (!expected.isEmpty() && expected.last().end == p)
                expected.last().end = p + 1;
            else
                expected.append({p, p + 1});
        }
        QCOMPARE(text(map.finished()), text(expected));
        QCOMPARE(map.finishedBytes(), qint64(bits.count('\1')));
        QCOMPARE(totalLength(map.missing()), size - map.finishedBytes());
    }
}

void TestSegmentMap::resetForgets()
{
    SegmentMap map(100);
    map.markFinished({0, 100});
    QVERIFY(map.isComplete());
    map.reset(50);
    QCOMPARE(map.size(), qint64(50));
    QCOMPARE(map.finishedBytes(), qint64(0));
    QVERIFY(map.finished().isEmpty());
    QCOMPARE(text(map.missing()), u"0:50"_s);
    QVERIFY(!map.isComplete());
}

void TestSegmentMap::isFinished()
{
    SegmentMap map(100);
    map.markFinished({10, 20});
    map.markFinished({30, 40});
    QVERIFY(map.isFinished({10, 20}));
    QVERIFY(map.isFinished({12, 18}));
    QVERIFY(!map.isFinished({10, 21}));
    QVERIFY(!map.isFinished({15, 35}));
    QVERIFY(!map.isFinished({0, 1}));
    QVERIFY(map.isFinished({50, 50}));
}

void TestSegmentMap::setFinished_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("finished");

    QTest::addRow("none") << u""_s << true << u""_s;
    QTest::addRow("sorted") << u"0:10,50:60"_s << true << u"0:10,50:60"_s;
    QTest::addRow("unsorted") << u"50:60,0:10"_s << true << u"0:10,50:60"_s;
    QTest::addRow("adjacent merge") << u"0:10,10:20"_s << true << u"0:20"_s;
    QTest::addRow("whole file") << u"0:100"_s << true << u"0:100"_s;
    QTest::addRow("overlap") << u"0:10,5:20"_s << false << u""_s;
    QTest::addRow("overlap unsorted") << u"5:20,0:10"_s << false << u""_s;
    QTest::addRow("duplicate") << u"0:10,0:10"_s << false << u""_s;
    QTest::addRow("contained") << u"0:50,10:20"_s << false << u""_s;
    QTest::addRow("past the end") << u"90:101"_s << false << u""_s;
    QTest::addRow("beyond the end") << u"200:300"_s << false << u""_s;
    QTest::addRow("negative") << u"-1:5"_s << false << u""_s;
    QTest::addRow("empty span") << u"5:5"_s << false << u""_s;
    QTest::addRow("reversed") << u"20:10"_s << false << u""_s;
    QTest::addRow("one bad among good") << u"0:10,20:30,95:105"_s << false << u""_s;
}

void TestSegmentMap::setFinished()
{
    QFETCH(QString, input);
    QFETCH(bool, accepted);
    QFETCH(QString, finished);

    SegmentMap map(100);
    map.markFinished({70, 80}); // must not survive either outcome
    QCOMPARE(map.setFinished(spans(input)), accepted);
    QCOMPARE(text(map.finished()), finished);
    QCOMPARE(map.finishedBytes(), totalLength(spans(finished)));
    QCOMPARE(map.size(), qint64(100));
}

void TestSegmentMap::plan_data()
{
    QTest::addColumn<QString>("missing");
    QTest::addColumn<int>("connections");
    QTest::addColumn<qint64>("minBytes");
    QTest::addColumn<QString>("expected");

    QTest::addRow("four quarters") << u"0:100"_s << 4 << qint64(10) << u"0:25,25:50,50:75,75:100"_s;
    QTest::addRow("three") << u"0:100"_s << 3 << qint64(10) << u"0:25,25:50,50:100"_s;
    QTest::addRow("one connection") << u"0:100"_s << 1 << qint64(10) << u"0:100"_s;
    QTest::addRow("zero connections means one") << u"0:100"_s << 0 << qint64(10) << u"0:100"_s;
    QTest::addRow("too small to split") << u"0:100"_s << 4 << qint64(60) << u"0:100"_s;
    QTest::addRow("exactly two halves") << u"0:100"_s << 4 << qint64(50) << u"0:50,50:100"_s;
    QTest::addRow("odd length") << u"0:101"_s << 2 << qint64(50) << u"0:50,50:101"_s;
    QTest::addRow("odd length too small") << u"0:99"_s << 2 << qint64(50) << u"0:99"_s;
    QTest::addRow("more spans than connections") << u"0:10,20:30,40:50"_s << 2 << qint64(1) << u"0:10,20:30,40:50"_s;
    QTest::addRow("as many spans as connections") << u"0:10,20:100"_s << 2 << qint64(1) << u"0:10,20:100"_s;
    QTest::addRow("splits the largest") << u"0:10,20:100"_s << 4 << qint64(10) << u"0:10,20:40,40:60,60:100"_s;
    QTest::addRow("unsorted and empty input") << u"50:60,0:10,30:30"_s << 2 << qint64(1) << u"0:10,50:60"_s;
    QTest::addRow("nothing missing") << u""_s << 4 << qint64(1) << u""_s;
    QTest::addRow("zero minimum means one byte") << u"0:3"_s << 8 << qint64(0) << u"0:1,1:2,2:3"_s;
    QTest::addRow("large file") << u"0:4294967296"_s << 2 << qint64(1048576) << u"0:2147483648,2147483648:4294967296"_s;
}

void TestSegmentMap::plan()
{
    QFETCH(QString, missing);
    QFETCH(int, connections);
    QFETCH(qint64, minBytes);
    QFETCH(QString, expected);
    QCOMPARE(text(SegmentMap::plan(spans(missing), connections, minBytes)), expected);
}

void TestSegmentMap::planCoversExactlyTheMissingBytes()
{
    QRandomGenerator rng(7);
    for (int round = 0; round < 300; ++round) {
        SegmentMap map(rng.bounded(1, 100000));
        for (int i = rng.bounded(0, 8); i > 0; --i) {
            const qint64 a = rng.bounded(0, int(map.size()));
            map.markFinished({a, a + rng.bounded(1, 20000)});
        }
        const QList<ByteSpan> missing = map.missing();
        const int connections = rng.bounded(1, 17);
        const qint64 minBytes = rng.bounded(1, 5000);
        const QList<ByteSpan> planned = SegmentMap::plan(missing, connections, minBytes);

        QCOMPARE(totalLength(planned), totalLength(missing));
        SegmentMap check(map.size());
        check.setFinished(map.finished());
        for (int i = 0; i < planned.size(); ++i) {
            const ByteSpan &s = planned.at(i);
            QVERIFY(s.begin < s.end);
            if (i > 0)
                QVERIFY(planned.at(i - 1).end <= s.begin); // sorted, no overlap
            const qint64 before = check.finishedBytes();
            check.markFinished(s);
            QCOMPARE(check.finishedBytes(), before + s.length()); // none of it was finished already
        }
        QVERIFY(check.isComplete());
        QVERIFY(planned.size() <= std::max<qsizetype>(connections, missing.size()));
        if (planned.size() > missing.size()) { // it split: every piece it made is big enough
            for (const ByteSpan &s : planned) {
                const bool original = missing.contains(s);
                QVERIFY(original || s.length() >= minBytes);
            }
        }
    }
}

void TestSegmentMap::stealPoint_data()
{
    QTest::addColumn<QString>("remaining");
    QTest::addColumn<qint64>("minBytes");
    QTest::addColumn<qint64>("point"); // -1 = none

    QTest::addRow("middle") << u"0:100"_s << qint64(10) << qint64(50);
    QTest::addRow("odd: busy keeps the extra byte") << u"0:101"_s << qint64(10) << qint64(51);
    QTest::addRow("offset span") << u"1000:3000"_s << qint64(1000) << qint64(2000);
    QTest::addRow("both exactly minimum") << u"0:20"_s << qint64(10) << qint64(10);
    QTest::addRow("one byte short") << u"0:19"_s << qint64(10) << qint64(-1);
    QTest::addRow("small remainder") << u"500:600"_s << qint64(1048576) << qint64(-1);
    QTest::addRow("empty") << u"0:0"_s << qint64(1) << qint64(-1);
    QTest::addRow("one byte") << u"0:1"_s << qint64(0) << qint64(-1);
    QTest::addRow("two bytes no minimum") << u"0:2"_s << qint64(0) << qint64(1);
    QTest::addRow("big") << u"0:10737418240"_s << qint64(1048576) << qint64(5368709120);
}

void TestSegmentMap::stealPoint()
{
    QFETCH(QString, remaining);
    QFETCH(qint64, minBytes);
    QFETCH(qint64, point);
    const ByteSpan span = spans(remaining).value(0);
    const std::optional<qint64> result = SegmentMap::stealPoint(span, minBytes);
    QCOMPARE(result.value_or(-1), point);
    if (result) {
        QVERIFY(*result - span.begin >= std::max<qint64>(minBytes, 1));
        QVERIFY(span.end - *result >= std::max<qint64>(minBytes, 1));
    }
}

QTEST_APPLESS_MAIN(TestSegmentMap)
#include "tst_segmentmap.moc"
