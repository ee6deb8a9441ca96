// checkResponse: what the engine does with a response before writing a byte
// of it, row by row against CONFORMANCE "Client: resume without corruption"
// (and DESIGN "A download's life": retries, errors that need the user).
#include "core/ResponseCheck.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using ferry::ErrorKind;
using ferry::KnownFacts;
using ferry::ResponseFacts;
using ferry::ResponseVerdict;
using Action = ferry::ResponseVerdict::Action;

Q_DECLARE_METATYPE(ferry::KnownFacts)
Q_DECLARE_METATYPE(ferry::ResponseFacts)
Q_DECLARE_METATYPE(ferry::ResponseVerdict::Action)

namespace {

const QByteArray kEtag = "\"v1\""_ba;
const QByteArray kDate = "Tue, 01 Dec 2026 10:00:00 GMT"_ba;
const QDateTime kNow = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);

KnownFacts probe()
{
    KnownFacts k;
    k.probe = true;
    return k;
}

// A resumable download of 1000 bytes asking for bytes from `offset` on.
KnownFacts resuming(qint64 offset, QByteArray etag = kEtag, QByteArray lastModified = kDate)
{
    KnownFacts k;
    k.resumable = true;
    k.total = 1000;
    k.offset = offset;
    k.etag = etag;
    k.lastModified = lastModified;
    return k;
}

KnownFacts plainStream()
{
    KnownFacts k;
    k.total = 1000;
    return k;
}

ResponseFacts answer(int status, QByteArray contentRange = {}, qint64 length = -1, QByteArray etag = kEtag,
                     QByteArray lastModified = kDate)
{
    ResponseFacts r;
    r.status = status;
    r.contentRange = contentRange;
    r.contentLength = length;
    r.etag = etag;
    r.lastModified = lastModified;
    return r;
}

ResponseFacts withRetryAfter(ResponseFacts r, QByteArray value)
{
    r.retryAfter = value;
    return r;
}

} // namespace

class TestResponseCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdict_data();
    void verdict();
    void retryAfter_data();
    void retryAfter();
    void strongETag();
};

void TestResponseCheck::verdict_data()
{
    QTest::addColumn<KnownFacts>("known");
    QTest::addColumn<ResponseFacts>("response");
    QTest::addColumn<Action>("action");
    QTest::addColumn<bool>("resumable"); // on Accept
    QTest::addColumn<qint64>("total");   // on Accept
    QTest::addColumn<ErrorKind>("kind"); // on Fail

    const auto none = ErrorKind::None;
    // The first request (Range: bytes=0-) learns what the server can do.
    QTest::addRow("probe: 206 from 0 with total → resumable")
        << probe() << answer(206, "bytes 0-999/1000") << Action::Accept << true << qint64(1000) << none;
    QTest::addRow("probe: 206 starting elsewhere is not data")
        << probe() << answer(206, "bytes 5-999/1000") << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("probe: 206 without a total cannot be planned")
        << probe() << answer(206, "bytes 0-999/*") << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("probe: 206 without Content-Range")
        << probe() << answer(206) << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("probe: 200 → one plain stream of Content-Length")
        << probe() << answer(200, {}, 1000) << Action::Accept << false << qint64(1000) << none;
    QTest::addRow("probe: 200 without length → until the connection closes")
        << probe() << answer(200) << Action::Accept << false << qint64(-1) << none;
    QTest::addRow("probe: 416 */0 → an empty file")
        << probe() << answer(416, "bytes */0") << Action::Accept << true << qint64(0) << none;
    QTest::addRow("probe: 416 of a non-empty file needs the user")
        << probe() << answer(416, "bytes */5") << Action::Fail << false << qint64(-1) << ErrorKind::NeedsUser;
    QTest::addRow("probe: 404 needs the user")
        << probe() << answer(404) << Action::Fail << false << qint64(-1) << ErrorKind::NeedsUser;
    QTest::addRow("probe: 403 needs the user")
        << probe() << answer(403) << Action::Fail << false << qint64(-1) << ErrorKind::NeedsUser;
    QTest::addRow("probe: 503 is retried")
        << probe() << answer(503) << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("probe: 429 is retried")
        << probe() << answer(429) << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("probe: 408 is retried")
        << probe() << answer(408) << Action::Retry << false << qint64(-1) << none;

    // Append only on a 206 whose Content-Range starts at the offset asked and
    // whose total is the known total.
    QTest::addRow("range: 206 at the offset, same total and ETag → append")
        << resuming(500) << answer(206, "bytes 500-999/1000") << Action::Accept << true << qint64(1000) << none;
    QTest::addRow("range: 206 without ETag (some servers omit it) → append")
        << resuming(500) << answer(206, "bytes 500-999/1000", -1, {}) << Action::Accept << true << qint64(1000) << none;
    QTest::addRow("range: 206 at another offset is an error of that connection")
        << resuming(500) << answer(206, "bytes 400-999/1000") << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("range: 206 with total * is not trusted")
        << resuming(500) << answer(206, "bytes 500-999/*") << Action::Retry << false << qint64(-1) << none;
    QTest::addRow("range: 206 with another total → the file changed")
        << resuming(500) << answer(206, "bytes 500-1199/1200") << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: 206 with another strong ETag → the file changed")
        << resuming(500) << answer(206, "bytes 500-999/1000", -1, "\"v2\"") << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: a weak ETag validates nothing")
        << resuming(500) << answer(206, "bytes 500-999/1000", -1, "W/\"v2\"") << Action::Accept << true << qint64(1000) << none;
    QTest::addRow("range: without ETag, another Last-Modified → the file changed")
        << resuming(500, {}) << answer(206, "bytes 500-999/1000", -1, {}, "Wed, 02 Dec 2026 10:00:00 GMT")
        << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: with ETag, Last-Modified alone may change")
        << resuming(500) << answer(206, "bytes 500-999/1000", -1, kEtag, "Wed, 02 Dec 2026 10:00:00 GMT")
        << Action::Accept << true << qint64(1000) << none;

    // Never append a 200 body to a range; the same strong ETag and length is
    // the same file with Range ignored once: keep the data, retry the range.
    QTest::addRow("range: 200 with the same strong ETag and length → retry the range")
        << resuming(500) << answer(200, {}, 1000, kEtag) << Action::Retry << false << qint64(-1) << none;
    KnownFacts ignoredBefore = resuming(500);
    ignoredBefore.rangeIgnoredBefore = true;
    QTest::addRow("range: 200 with the same strong ETag and length again → read through to the offset")
        << ignoredBefore << answer(200, {}, 1000, kEtag) << Action::ReadThrough << false << qint64(-1) << none;
    QTest::addRow("range: 200 with the same weak ETag → cannot tell, restart")
        << resuming(500, {}) << answer(200, {}, 1000, "W/\"v1\"") << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: 200 without length, same ETag → cannot tell, restart")
        << resuming(500) << answer(200, {}, -1, kEtag) << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: 200 with another ETag → the file changed")
        << resuming(500) << answer(200, {}, 1000, "\"v2\"") << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: 200 with another length → the file changed")
        << resuming(500) << answer(200, {}, 1200, kEtag) << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: 200 without validators → cannot tell, restart")
        << resuming(500, {}, {}) << answer(200, {}, 1000, {}, {}) << Action::Restart << false << qint64(-1) << none;

    // 416 bytes */LEN: done when LEN is the complete local size, else restart.
    KnownFacts complete = resuming(1000);
    complete.complete = true;
    QTest::addRow("range: 416 */total with every byte on disk → done")
        << complete << answer(416, "bytes */1000") << Action::Complete << false << qint64(-1) << none;
    QTest::addRow("range: 416 */total with bytes missing → restart")
        << resuming(500) << answer(416, "bytes */1000") << Action::Restart << false << qint64(-1) << none;
    QTest::addRow("range: 416 */other → restart")
        << complete << answer(416, "bytes */800") << Action::Restart << false << qint64(-1) << none;

    // Error pages are never written.
    QTest::addRow("range: 404 needs the user")
        << resuming(500) << answer(404) << Action::Fail << false << qint64(-1) << ErrorKind::NeedsUser;
    QTest::addRow("range: 410 needs the user")
        << resuming(500) << answer(410) << Action::Fail << false << qint64(-1) << ErrorKind::NeedsUser;
    QTest::addRow("range: 500 is retried")
        << resuming(500) << answer(500) << Action::Retry << false << qint64(-1) << none;

    // A plain stream (no ranges) starts again from its first byte.
    QTest::addRow("stream: a retried 200 is accepted from byte 0")
        << plainStream() << answer(200, {}, 1000) << Action::Accept << false << qint64(1000) << none;
    QTest::addRow("stream: 503 is retried")
        << plainStream() << answer(503) << Action::Retry << false << qint64(-1) << none;
}

void TestResponseCheck::verdict()
{
    QFETCH(KnownFacts, known);
    QFETCH(ResponseFacts, response);
    QFETCH(Action, action);
    QFETCH(bool, resumable);
    QFETCH(qint64, total);
    QFETCH(ErrorKind, kind);

    const ResponseVerdict v = ferry::checkResponse(response, known, kNow);
    QCOMPARE(v.action, action);
    if (action == Action::Accept) {
        QCOMPARE(v.resumable, resumable);
        QCOMPARE(v.total, total);
    }
    if (action == Action::Fail)
        QCOMPARE(v.kind, kind);
    if (action == Action::Fail || action == Action::Retry || action == Action::Restart)
        QVERIFY2(!v.message.isEmpty(), "every failure, retry and restart says why");
}

void TestResponseCheck::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("ms");

    QTest::addRow("none") << QByteArray() << qint64(-1);
    QTest::addRow("seconds") << "7"_ba << qint64(7000);
    QTest::addRow("date") << "Tue, 01 Dec 2026 12:00:30 GMT"_ba << qint64(30000);
    QTest::addRow("capped at an hour") << "999999"_ba << qint64(3600 * 1000);
    QTest::addRow("garbage is ignored") << "soon"_ba << qint64(-1);
}

void TestResponseCheck::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, ms);
    for (const int status : {429, 503}) {
        const ResponseVerdict v = ferry::checkResponse(withRetryAfter(answer(status), value), resuming(0), kNow);
        QCOMPARE(v.action, Action::Retry);
        QCOMPARE(v.retryAfterMs, ms);
    }
}

void TestResponseCheck::strongETag()
{
    QCOMPARE(ferry::strongETag("\"abc\""), "\"abc\""_ba);
    QCOMPARE(ferry::strongETag("  \"abc\" "), "\"abc\""_ba);
    QCOMPARE(ferry::strongETag("W/\"abc\""), QByteArray());
    QCOMPARE(ferry::strongETag(QByteArray()), QByteArray());
}

QTEST_APPLESS_MAIN(TestResponseCheck)
#include "tst_responsecheck.moc"
