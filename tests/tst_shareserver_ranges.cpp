// The share server's Range and conditional-request behaviour over a real
// socket: every row of CONFORMANCE.md "Server: ranges" and "Server: validators
// and preconditions", with exact status, headers and body bytes.
#include "core/HttpDate.h"
#include "tests/support/LiveShare.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::test::BytePart;
using ferry::test::LiveShare;
using ferry::test::RawResponse;

namespace {
using Span = QPair<qint64, qint64>; // first, last (inclusive)
constexpr auto DataPath = "/files/share/data.bin";
}

class TestShareServerRanges final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ranges_data();
    void ranges();
    void overflowingNumbers();
    void multipartIsStreamedInRequestOrder();
    void anyRangeOnEmptyFile();
    void headMatchesGet();
    void preconditions_data();
    void preconditions();
    void notModifiedHasNoBody();
    void etagIsStrongAndChangesWithTheFile();

private:
    QByteArray substitute(QByteArray value) const;
    void checkEntityHeaders(const RawResponse &r);

    LiveShare m_share;
    QByteArray m_etag;
    QDateTime m_lastModified;
};

void TestShareServerRanges::initTestCase()
{
    QVERIFY(m_share.start());
    const RawResponse r = m_share.get(DataPath);
    QCOMPARE(r.status, 200);
    m_etag = r.header("etag");
    QVERIFY(!m_etag.isEmpty());
    const auto parsed = ferry::parseHttpDate(r.header("last-modified"));
    QVERIFY(parsed.has_value());
    m_lastModified = *parsed;
}

void TestShareServerRanges::cleanupTestCase()
{
    m_share.stop();
}

void TestShareServerRanges::checkEntityHeaders(const RawResponse &r)
{
    QCOMPARE(r.header("etag"), m_etag);
    QVERIFY(r.hasHeader("last-modified"));
    QVERIFY(r.hasHeader("date"));
    QVERIFY(ferry::parseHttpDate(r.header("date")).has_value());
    QVERIFY(r.header("server").startsWith("Ferry/"));
    QCOMPARE(r.header("x-content-type-options"), "nosniff"_ba);
}

void TestShareServerRanges::ranges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<Span>>("parts"); // 206 only; one part = single range

    const QList<Span> none;
    QTest::addRow("0-0") << "bytes=0-0"_ba << 206 << QList<Span> {{0, 0}};
    QTest::addRow("suffix") << "bytes=-500"_ba << 206 << QList<Span> {{500, 999}};
    QTest::addRow("suffix longer than file") << "bytes=-5000"_ba << 206 << QList<Span> {{0, 999}};
    QTest::addRow("last byte open") << "bytes=999-"_ba << 206 << QList<Span> {{999, 999}};
    QTest::addRow("end past the file") << "bytes=0-99999"_ba << 206 << QList<Span> {{0, 999}};
    QTest::addRow("middle") << "bytes=100-199"_ba << 206 << QList<Span> {{100, 199}};
    QTest::addRow("start at size") << "bytes=1000-"_ba << 416 << none;
    QTest::addRow("past the end") << "bytes=5000-6000"_ba << 416 << none;
    QTest::addRow("-0") << "bytes=-0"_ba << 416 << none;
    QTest::addRow("reversed") << "bytes=5-1"_ba << 416 << none;
    QTest::addRow("--6") << "bytes=--6"_ba << 416 << none;
    QTest::addRow("-6-") << "bytes=-6-"_ba << 416 << none;
    QTest::addRow("alpha") << "bytes=alpha"_ba << 416 << none;
    QTest::addRow("no dash") << "bytes=10"_ba << 416 << none;
    QTest::addRow("unit case-insensitive") << "Bytes=0-4"_ba << 206 << QList<Span> {{0, 4}};
    QTest::addRow("unknown unit") << "items=0-5"_ba << 200 << none;
    QTest::addRow("empty set") << "bytes="_ba << 200 << none;
    QTest::addRow("spaces, two ranges") << "bytes= 0-9, 20-29"_ba << 206 << QList<Span> {{0, 9}, {20, 29}};
    QTest::addRow("unsatisfiable one dropped")
        << "bytes=0-9, -10, 100000-, 10-19"_ba << 206 << QList<Span> {{0, 9}, {990, 999}, {10, 19}};
    QTest::addRow("sum of ranges over size") << "bytes=0-,1-,2-,3-,4-"_ba << 200 << none;
    QByteArray many = "bytes="_ba;
    for (int i = 0; i < 40; ++i)
        many += QByteArray::number(i * 20) + '-' + QByteArray::number(i * 20 + 1) + (i < 39 ? ","_ba : ""_ba);
    QTest::addRow("more ranges than the cap") << many << 200 << none;
}

void TestShareServerRanges::ranges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QList<Span>, parts);

    const QByteArray data = LiveShare::knownBytes();
    const RawResponse r = m_share.get(DataPath, {"Range: "_ba + range});
    QVERIFY(r.valid);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("content-length").toLongLong(), qint64(r.body.size()));
    QCOMPARE(r.headerCount("content-length"), 1);
    checkEntityHeaders(r);

    if (status == 200) {
        QCOMPARE(r.body, data);
        QCOMPARE(r.header("accept-ranges"), "bytes"_ba);
        QCOMPARE(r.header("content-type"), "application/octet-stream"_ba);
        QVERIFY(!r.hasHeader("content-range"));
        return;
    }
    if (status == 416) {
        QCOMPARE(r.header("content-range"), "bytes */1000"_ba);
        QVERIFY(!r.body.contains(range));
        return;
    }
    QCOMPARE(status, 206);
    if (parts.size() == 1) {
        const Span s = parts.first();
        QCOMPARE(r.header("content-type"), "application/octet-stream"_ba); // never multipart for one range
        QCOMPARE(r.header("content-range"),
                 "bytes "_ba + QByteArray::number(s.first) + '-' + QByteArray::number(s.second) + "/1000"_ba);
        QCOMPARE(r.body, data.mid(s.first, s.second - s.first + 1));
        return;
    }
    const QByteArray type = r.header("content-type");
    QVERIFY2(type.startsWith("multipart/byteranges; boundary="), type.constData());
    QVERIFY(!r.hasHeader("content-range"));
    const QByteArray boundary = type.mid(type.indexOf("boundary=") + 9);
    QList<BytePart> got;
    QVERIFY2(ferry::test::parseMultipart(r.body, boundary, &got), r.body.left(300).constData());
    QCOMPARE(got.size(), parts.size());
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const Span s = parts[i];
        QCOMPARE(got[i].contentType, "application/octet-stream"_ba);
        QCOMPARE(got[i].contentRange,
                 "bytes "_ba + QByteArray::number(s.first) + '-' + QByteArray::number(s.second) + "/1000"_ba);
        QCOMPARE(got[i].data, data.mid(s.first, s.second - s.first + 1));
    }
}

void TestShareServerRanges::overflowingNumbers()
{
    const QByteArray data = LiveShare::knownBytes();
    for (const QByteArray &range : {"bytes=0-18446744073709551616"_ba, "bytes=0-99999999999999999999999999"_ba,
                                    "bytes=18446744073709551616-"_ba, "bytes=-18446744073709551616"_ba,
                                    "bytes=9223372036854775807-9223372036854775807"_ba}) {
        const RawResponse r = m_share.get(DataPath, {"Range: "_ba + range});
        QVERIFY2(r.valid, range.constData());
        if (r.status == 416) {
            QCOMPARE(r.header("content-range"), "bytes */1000"_ba);
        } else {
            // Clamped to the file, never wrapped around.
            QCOMPARE(r.status, 206);
            QCOMPARE(r.header("content-range"), "bytes 0-999/1000"_ba);
            QCOMPARE(r.body, data);
        }
    }
}

void TestShareServerRanges::multipartIsStreamedInRequestOrder()
{
    const QByteArray data = LiveShare::knownBytes();
    const RawResponse r = m_share.get(DataPath, {"Range: bytes=900-909,0-0,500-"_ba});
    QCOMPARE(r.status, 206);
    const QByteArray type = r.header("content-type");
    const QByteArray boundary = type.mid(type.indexOf("boundary=") + 9);
    QList<BytePart> got;
    QVERIFY(ferry::test::parseMultipart(r.body, boundary, &got));
    QCOMPARE(got.size(), 3);
    QCOMPARE(got[0].contentRange, "bytes 900-909/1000"_ba);
    QCOMPARE(got[0].data, data.mid(900, 10));
    QCOMPARE(got[1].contentRange, "bytes 0-0/1000"_ba);
    QCOMPARE(got[2].contentRange, "bytes 500-999/1000"_ba);
    QCOMPARE(got[2].data, data.mid(500));
    QCOMPARE(r.header("content-length").toLongLong(), qint64(r.body.size()));
}

void TestShareServerRanges::anyRangeOnEmptyFile()
{
    for (const QByteArray &range : {"bytes=0-0"_ba, "bytes=-5"_ba, "bytes=0-"_ba, "bytes=5-10"_ba}) {
        const RawResponse r = m_share.get("/files/share/empty.bin"_ba, {"Range: "_ba + range});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-length"), "0"_ba);
        QVERIFY(r.body.isEmpty());
        QVERIFY(!r.hasHeader("content-range"));
    }
}

void TestShareServerRanges::headMatchesGet()
{
    for (const QByteArray &range : {QByteArray(), "bytes=10-19"_ba, "bytes=0-1,5-6"_ba, "bytes=2000-"_ba}) {
        const QList<QByteArray> extra = range.isEmpty() ? QList<QByteArray> {} : QList<QByteArray> {"Range: "_ba + range};
        const RawResponse g = m_share.get(DataPath, extra);
        // HEAD first on a kept-alive connection, then GET: if HEAD leaked body
        // bytes, the GET's answer would be garbled.
        ferry::test::RawHttpClient client;
        QVERIFY(client.connectTo(m_share.port()));
        QVERIFY(client.send(m_share.requestHead("HEAD"_ba, DataPath, extra)));
        const RawResponse h = client.readResponse(true);
        QVERIFY(client.send(m_share.requestHead("GET"_ba, DataPath, extra)));
        const RawResponse g2 = client.readResponse();
        QCOMPARE(h.status, g.status);
        for (const QByteArray &name : {"content-length"_ba, "content-type"_ba, "etag"_ba, "last-modified"_ba,
                                      "accept-ranges"_ba, "content-disposition"_ba, "content-range"_ba}) {
            if (name == "content-type" && g.header(name).startsWith("multipart/"))
                QVERIFY(h.header(name).startsWith("multipart/byteranges; boundary="));
            else
                QCOMPARE(h.header(name), g.header(name));
        }
        QCOMPARE(g2.status, g.status);
        if (!g.header("content-type").startsWith("multipart/"))
            QCOMPARE(g2.body, g.body);
        else
            QCOMPARE(g2.body.size(), g.body.size());
    }
}

QByteArray TestShareServerRanges::substitute(QByteArray value) const
{
    const QDateTime lm = m_lastModified.toUTC();
    const QLocale c = QLocale::c();
    const QByteArray rfc850 = c.toString(lm, u"dddd, dd-MMM-yy HH:mm:ss 'GMT'"_s).toLatin1();
    QByteArray asctime = c.toString(lm, u"ddd MMM "_s).toLatin1()
        + QByteArray::number(lm.date().day()).rightJustified(2, ' ') + c.toString(lm, u" HH:mm:ss yyyy"_s).toLatin1();
    const QByteArray weak = "W/"_ba + m_etag;
    value.replace("$WEAK", weak);
    value.replace("$ETAG", m_etag);
    value.replace("$LM850", rfc850);
    value.replace("$LMASC", asctime);
    value.replace("$LMPLUS1", ferry::formatHttpDate(lm.addSecs(1)));
    value.replace("$LMMINUS1", ferry::formatHttpDate(lm.addSecs(-1)));
    value.replace("$LM", ferry::formatHttpDate(lm));
    return value;
}

void TestShareServerRanges::preconditions_data()
{
    QTest::addColumn<QList<QByteArray>>("headers");
    QTest::addColumn<int>("status");

    const QByteArray past = "Sat, 01 Jan 2000 00:00:00 GMT"_ba;
    // If-Match: strong comparison; * matches.
    QTest::addRow("If-Match same") << QList<QByteArray> {"If-Match: $ETAG"} << 200;
    QTest::addRow("If-Match star") << QList<QByteArray> {"If-Match: *"} << 200;
    QTest::addRow("If-Match in list") << QList<QByteArray> {"If-Match: \"x\", $ETAG"} << 200;
    QTest::addRow("If-Match other") << QList<QByteArray> {"If-Match: \"other\""} << 412;
    QTest::addRow("If-Match weak") << QList<QByteArray> {"If-Match: $WEAK"} << 412;
    // If-Unmodified-Since, only without If-Match.
    QTest::addRow("IUS equal") << QList<QByteArray> {"If-Unmodified-Since: $LM"} << 200;
    QTest::addRow("IUS past") << QList<QByteArray> {"If-Unmodified-Since: " + past} << 412;
    QTest::addRow("IUS past ignored with If-Match")
        << QList<QByteArray> {"If-Match: $ETAG", "If-Unmodified-Since: " + past} << 200;
    // If-None-Match: weak comparison, lists with spaces and tabs.
    QTest::addRow("INM same") << QList<QByteArray> {"If-None-Match: $ETAG"} << 304;
    QTest::addRow("INM weak form") << QList<QByteArray> {"If-None-Match: $WEAK"} << 304;
    QTest::addRow("INM list with tabs") << QList<QByteArray> {"If-None-Match: \"a\",\t $ETAG ,\"b\""} << 304;
    QTest::addRow("INM star") << QList<QByteArray> {"If-None-Match: *"} << 304;
    QTest::addRow("INM other") << QList<QByteArray> {"If-None-Match: \"other\""} << 200;
    QTest::addRow("INM malformed comma") << QList<QByteArray> {"If-None-Match: ,"} << 200;
    QTest::addRow("If-Match beats INM") << QList<QByteArray> {"If-Match: \"other\"", "If-None-Match: $ETAG"} << 412;
    // If-Modified-Since, only without If-None-Match; all three date formats.
    QTest::addRow("IMS equal") << QList<QByteArray> {"If-Modified-Since: $LM"} << 304;
    QTest::addRow("IMS later") << QList<QByteArray> {"If-Modified-Since: $LMPLUS1"} << 304;
    QTest::addRow("IMS earlier") << QList<QByteArray> {"If-Modified-Since: $LMMINUS1"} << 200;
    QTest::addRow("IMS rfc850") << QList<QByteArray> {"If-Modified-Since: $LM850"} << 304;
    QTest::addRow("IMS asctime") << QList<QByteArray> {"If-Modified-Since: $LMASC"} << 304;
    QTest::addRow("IMS invalid") << QList<QByteArray> {"If-Modified-Since: yesterday"} << 200;
    QTest::addRow("IMS ignored with INM")
        << QList<QByteArray> {"If-None-Match: \"other\"", "If-Modified-Since: $LM"} << 200;
    // If-Range: only with Range; strong match or the exact date, else the full file.
    QTest::addRow("If-Range etag") << QList<QByteArray> {"Range: bytes=0-9", "If-Range: $ETAG"} << 206;
    QTest::addRow("If-Range weak") << QList<QByteArray> {"Range: bytes=0-9", "If-Range: $WEAK"} << 200;
    QTest::addRow("If-Range other") << QList<QByteArray> {"Range: bytes=0-9", "If-Range: \"other\""} << 200;
    QTest::addRow("If-Range date equal") << QList<QByteArray> {"Range: bytes=0-9", "If-Range: $LM"} << 206;
    QTest::addRow("If-Range date later") << QList<QByteArray> {"Range: bytes=0-9", "If-Range: $LMPLUS1"} << 200;
    QTest::addRow("If-Range without Range") << QList<QByteArray> {"If-Range: \"other\""} << 200;
    QTest::addRow("If-Range never 412") << QList<QByteArray> {"Range: bytes=2000-", "If-Range: \"other\""} << 200;
}

void TestShareServerRanges::preconditions()
{
    QFETCH(QList<QByteArray>, headers);
    QFETCH(int, status);
    for (QByteArray &h : headers)
        h = substitute(h);
    const QByteArray data = LiveShare::knownBytes();
    for (const QByteArray &method : {"GET"_ba, "HEAD"_ba}) {
        const bool isHead = method == "HEAD";
        const RawResponse r =
            ferry::test::fetchRaw(m_share.port(), m_share.requestHead(method, DataPath, headers), isHead);
        QVERIFY(r.valid);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("etag"), m_etag);
        QVERIFY(r.hasHeader("date"));
        if (status == 200) {
            QCOMPARE(r.header("content-length"), "1000"_ba);
            if (!isHead)
                QCOMPARE(r.body, data);
        } else if (status == 206) {
            QCOMPARE(r.header("content-range"), "bytes 0-9/1000"_ba);
            if (!isHead)
                QCOMPARE(r.body, data.left(10));
        } else if (status == 304) {
            QVERIFY(!r.hasHeader("content-length"));
            QVERIFY(!r.hasHeader("content-type"));
        }
    }
}

void TestShareServerRanges::notModifiedHasNoBody()
{
    // A 304 followed by a pipelined request: any body bytes would corrupt the second answer.
    ferry::test::RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    const QByteArray both = m_share.requestHead("GET"_ba, DataPath, {"If-None-Match: "_ba + m_etag})
        + m_share.requestHead("GET"_ba, DataPath, {"Range: bytes=0-3"_ba});
    QVERIFY(client.send(both));
    const RawResponse first = client.readResponse();
    QCOMPARE(first.status, 304);
    const RawResponse second = client.readResponse();
    QCOMPARE(second.status, 206);
    QCOMPARE(second.body, LiveShare::knownBytes().left(4));
}

void TestShareServerRanges::etagIsStrongAndChangesWithTheFile()
{
    QVERIFY(m_etag.startsWith('"') && m_etag.endsWith('"'));
    QVERIFY(!m_etag.startsWith("W/"));
    const QString path = m_share.rootPath() + u"/changing.txt"_s;
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("one");
    f.close();
    const RawResponse a = m_share.get("/files/share/changing.txt"_ba);
    QCOMPARE(a.body, "one"_ba);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
    f.write("two");
    f.close();
    const RawResponse b = m_share.get("/files/share/changing.txt"_ba, {"If-Range: "_ba + a.header("etag"), "Range: bytes=3-"_ba});
    QVERIFY(a.header("etag") != b.header("etag"));
    QCOMPARE(b.status, 200); // the old tag no longer matches: whole new file
    QCOMPARE(b.body, "onetwo"_ba);
    QFile::remove(path);
}

QTEST_GUILESS_MAIN(TestShareServerRanges)
#include "tst_shareserver_ranges.moc"
