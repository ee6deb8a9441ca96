// parseHttpRequest() and HttpRequest against the framing rules of
// CONFORMANCE.md ("Server: framing and hostile input") and RFC 9112: every
// hostile row is a data row here, and so are the limits at their boundaries.
#include "server/HttpRequestParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

using Status = ParseResult::Status;

// A request head from its lines, CRLF-terminated, with the blank line.
QByteArray head(const QByteArray &requestLine, const QList<QByteArray> &fields = {"Host: x"_ba})
{
    QByteArray out = requestLine + "\r\n";
    for (const QByteArray &f : fields)
        out += f + "\r\n";
    return out + "\r\n";
}

QByteArray get(const QList<QByteArray> &fields)
{
    return head("GET / HTTP/1.1"_ba, fields);
}

// Field lines "X-F<n>: v…" making the whole GET head exactly `total` bytes.
QByteArray headOfSize(qsizetype total)
{
    QByteArray h = "GET / HTTP/1.1\r\nHost: x\r\n"_ba;
    const QByteArray prefix = "X-Fill: "_ba;
    const qsizetype fixed = h.size() + prefix.size() + 2 /* CRLF */ + 2 /* blank line */;
    h += prefix + QByteArray(total - fixed, 'a') + "\r\n\r\n";
    return h;
}

QByteArray manyFields(int count)
{
    QList<QByteArray> fields{"Host: x"_ba};
    for (int i = 1; i < count; ++i)
        fields.append("X-F" + QByteArray::number(i) + ": v");
    return get(fields);
}

} // namespace

class TestHttpRequestParser final : public QObject
{
    Q_OBJECT

private slots:
    void framing_data();
    void framing();
    void fields_data();
    void fields();
    void headerAccessors();
    void pipelinedRequests();
    void everyPrefixOfAValidHeadIsIncomplete();
    void limitsApplyWhileIncomplete_data();
    void limitsApplyWhileIncomplete();
    void keepAlive_data();
    void keepAlive();
    void webSocketUpgrade_data();
    void webSocketUpgrade();
};

void TestHttpRequestParser::framing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");      // Status as int
    QTest::addColumn<int>("errorStatus"); // for Error

    const int complete = int(Status::Complete);
    const int incomplete = int(Status::Incomplete);
    const int error = int(Status::Error);

    // Valid requests.
    QTest::addRow("simple GET") << get({"Host: x"}) << complete << 0;
    QTest::addRow("HEAD") << head("HEAD /a HTTP/1.1") << complete << 0;
    QTest::addRow("unknown method is the router's business") << head("BREW /pot HTTP/1.1") << complete << 0;
    QTest::addRow("HTTP/1.0 without Host") << head("GET / HTTP/1.0", {}) << complete << 0;
    QTest::addRow("HTTP/1.2 is HTTP/1.x") << get({"Host: x"}).replace("1.1", "1.2") << complete << 0;
    QTest::addRow("one leading CRLF") << QByteArray("\r\n" + get({"Host: x"})) << complete << 0;
    QTest::addRow("several leading CRLFs") << QByteArray("\r\n\r\n\n\r\n" + get({"Host: x"})) << complete << 0;
    QTest::addRow("bare LF line ends") << "GET / HTTP/1.1\nHost: x\n\n"_ba << complete << 0;
    QTest::addRow("Host with port") << get({"Host: example.com:8686"}) << complete << 0;
    QTest::addRow("Host IPv6 literal") << get({"Host: [::1]:8686"}) << complete << 0;
    QTest::addRow("empty Host is allowed") << get({"Host:"}) << complete << 0;
    QTest::addRow("Content-Length: 0") << get({"Host: x", "Content-Length: 0"}) << complete << 0;
    QTest::addRow("Content-Length: 000") << get({"Host: x", "Content-Length: 000"}) << complete << 0;
    QTest::addRow("Content-Length: 0 twice") << get({"Host: x", "Content-Length: 0", "Content-Length: 0"}) << complete << 0;
    QTest::addRow("empty field value") << get({"Host: x", "X-Empty:"}) << complete << 0;
    QTest::addRow("tab in value") << get({"Host: x", "X-Tab: a\tb"}) << complete << 0;
    QTest::addRow("obs-text in value") << get({"Host: x", "X-Utf8: \xe4\xb8\xad"}) << complete << 0;
    QTest::addRow("absolute-form") << head("GET http://example.com/a?b HTTP/1.1") << complete << 0;
    QTest::addRow("origin-form starting with //") << head("GET //evil.example/%2e%2e HTTP/1.1") << complete << 0;
    QTest::addRow("exactly 100 field lines") << manyFields(100) << complete << 0;
    QTest::addRow("request line of exactly 8 KiB")
        << head("GET /" + QByteArray(8192 - 14, 'a') + " HTTP/1.1") << complete << 0;
    QTest::addRow("head of exactly 16 KiB") << headOfSize(16384) << complete << 0;

    // Not there yet.
    QTest::addRow("empty") << QByteArray() << incomplete << 0;
    QTest::addRow("method only") << "GET"_ba << incomplete << 0;
    QTest::addRow("request line only") << "GET / HTTP/1.1\r\n"_ba << incomplete << 0;
    QTest::addRow("no blank line") << "GET / HTTP/1.1\r\nHost: x\r\n"_ba << incomplete << 0;
    QTest::addRow("CR of the blank line") << "GET / HTTP/1.1\r\nHost: x\r\n\r"_ba << incomplete << 0;
    QTest::addRow("only a CR") << "\r"_ba << incomplete << 0;
    QTest::addRow("only empty lines") << "\r\n\r\n"_ba << incomplete << 0;

    // Host (RFC 9112 §3.2).
    QTest::addRow("HTTP/1.1 without Host") << get({"Accept: */*"}) << error << 400;
    QTest::addRow("two Host lines") << get({"Host: a", "Host: a"}) << error << 400;
    QTest::addRow("HTTP/1.0 with two Host lines") << head("GET / HTTP/1.0", {"Host: a", "Host: b"}) << error << 400;
    QTest::addRow("Host with a space") << get({"Host: a b"}) << error << 400;
    QTest::addRow("Host with a slash") << get({"Host: a/b"}) << error << 400;
    QTest::addRow("Host with userinfo") << get({"Host: u@a"}) << error << 400;

    // Field syntax.
    QTest::addRow("space before colon") << get({"Host : x"}) << error << 400;
    QTest::addRow("tab before colon") << get({"Host\t: x"}) << error << 400;
    QTest::addRow("obs-fold") << get({"Host: x", "X-A: a", " b"}) << error << 400;
    QTest::addRow("obs-fold with tab") << get({"Host: x", "X-A: a", "\tb"}) << error << 400;
    QTest::addRow("whitespace before first field") << get({" Host: x"}) << error << 400;
    QTest::addRow("no colon") << get({"Host: x", "Nocolon"}) << error << 400;
    QTest::addRow("empty name") << get({"Host: x", ": v"}) << error << 400;
    QTest::addRow("name not a token") << get({"Host: x", "X(a): v"}) << error << 400;
    QTest::addRow("non-ASCII name") << get({"Host: x", "X-\xc3\xa9: v"}) << error << 400;
    QTest::addRow("bare CR in value") << get({"Host: x", "X-A: a\rb"}) << error << 400;
    QTest::addRow("CR CR LF") << "GET / HTTP/1.1\r\nHost: x\r\r\n\r\n"_ba << error << 400;
    QTest::addRow("NUL in value") << get({"Host: x", QByteArray("X-A: a\0b", 8)}) << error << 400;
    QTest::addRow("SOH in value") << get({"Host: x", "X-A: a\x01"}) << error << 400;
    QTest::addRow("DEL in value") << get({"Host: x", "X-A: a\x7f"}) << error << 400;
    QTest::addRow("ESC in value") << get({"Host: x", "X-A: \x1b[31m"}) << error << 400;

    // Request line.
    QTest::addRow("bare CR in request line") << "GET /\r HTTP/1.1\r\nHost: x\r\n\r\n"_ba << error << 400;
    QTest::addRow("NUL in target") << head(QByteArray("GET /a\0b HTTP/1.1", 17)) << error << 400;
    QTest::addRow("tab as separator") << head("GET\t/ HTTP/1.1") << error << 400;
    QTest::addRow("double space") << head("GET  / HTTP/1.1") << error << 400;
    QTest::addRow("trailing space") << head("GET / HTTP/1.1 ") << error << 400;
    QTest::addRow("leading space") << head(" GET / HTTP/1.1") << error << 400;
    QTest::addRow("HTTP/0.9 style, no version") << "GET /\r\n\r\n"_ba << error << 400;
    QTest::addRow("method not a token") << head("G@T / HTTP/1.1") << error << 400;
    QTest::addRow("empty method") << head(" / HTTP/1.1") << error << 400;
    QTest::addRow("fragment in target") << head("GET /a#b HTTP/1.1") << error << 400;
    QTest::addRow("asterisk-form") << head("OPTIONS * HTTP/1.1") << error << 400;
    QTest::addRow("authority-form") << head("CONNECT example.com:443 HTTP/1.1") << error << 400;
    QTest::addRow("https absolute-form") << head("GET https://example.com/ HTTP/1.1") << error << 400;
    QTest::addRow("absolute-form without host") << head("GET http:///etc/passwd HTTP/1.1") << error << 400;
    QTest::addRow("absolute-form with userinfo") << head("GET http://u@example.com/ HTTP/1.1") << error << 400;
    QTest::addRow("relative target") << head("GET a/b HTTP/1.1") << error << 400;
    QTest::addRow("lower-case version") << head("GET / http/1.1") << error << 400;
    QTest::addRow("version 1.10") << head("GET / HTTP/1.10") << error << 400;
    QTest::addRow("version without minor") << head("GET / HTTP/1") << error << 400;
    QTest::addRow("garbage version") << head("GET / FOO/1.1") << error << 400;
    QTest::addRow("HTTP/2.0") << head("GET / HTTP/2.0") << error << 505;
    QTest::addRow("HTTP/3.0") << head("GET / HTTP/3.0") << error << 505;
    QTest::addRow("HTTP/0.9") << head("GET / HTTP/0.9") << error << 505;
    QTest::addRow("nine leading empty lines") << QByteArray(QByteArray("\r\n").repeated(9) + get({"Host: x"})) << error << 400;

    // Bodies and their framing (RFC 9112 §6).
    QTest::addRow("Content-Length with Transfer-Encoding")
        << get({"Host: x", "Content-Length: 0", "Transfer-Encoding: chunked"}) << error << 400;
    QTest::addRow("Transfer-Encoding with Content-Length")
        << get({"Host: x", "Transfer-Encoding: chunked", "Content-Length: 5"}) << error << 400;
    QTest::addRow("two different Content-Length") << get({"Host: x", "Content-Length: 5", "Content-Length: 6"}) << error << 400;
    QTest::addRow("Content-Length list that disagrees") << get({"Host: x", "Content-Length: 5, 6"}) << error << 400;
    QTest::addRow("Content-Length +5") << get({"Host: x", "Content-Length: +5"}) << error << 400;
    QTest::addRow("Content-Length 0x05") << get({"Host: x", "Content-Length: 0x05"}) << error << 400;
    QTest::addRow("Content-Length -1") << get({"Host: x", "Content-Length: -1"}) << error << 400;
    QTest::addRow("Content-Length empty") << get({"Host: x", "Content-Length:"}) << error << 400;
    QTest::addRow("Content-Length 1 2") << get({"Host: x", "Content-Length: 1 2"}) << error << 400;
    QTest::addRow("Content-Length: 5") << get({"Host: x", "Content-Length: 5"}) << error << 413;
    QTest::addRow("Content-Length 5 twice") << get({"Host: x", "Content-Length: 5", "Content-Length: 05"}) << error << 413;
    QTest::addRow("Content-Length beyond 64 bits")
        << get({"Host: x", "Content-Length: 184467440737095516160000"}) << error << 413;
    QTest::addRow("Transfer-Encoding: chunked") << get({"Host: x", "Transfer-Encoding: chunked"}) << error << 413;
    QTest::addRow("Transfer-Encoding: gzip, chunked") << get({"Host: x", "Transfer-Encoding: gzip, chunked"}) << error << 413;
    QTest::addRow("Transfer-Encoding split over lines")
        << get({"Host: x", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked"}) << error << 413;
    QTest::addRow("Transfer-Encoding not ending in chunked") << get({"Host: x", "Transfer-Encoding: chunked, gzip"}) << error << 400;
    QTest::addRow("Transfer-Encoding: gzip") << get({"Host: x", "Transfer-Encoding: gzip"}) << error << 400;
    QTest::addRow("Transfer-Encoding empty") << get({"Host: x", "Transfer-Encoding:"}) << error << 400;
    QTest::addRow("Transfer-Encoding unknown coding") << get({"Host: x", "Transfer-Encoding: foo, chunked"}) << error << 501;
    QTest::addRow("Transfer-Encoding on HTTP/1.0")
        << head("GET / HTTP/1.0", {"Transfer-Encoding: chunked"}) << error << 400;

    // Limits at their boundaries.
    QTest::addRow("request line of 8 KiB + 1")
        << head("GET /" + QByteArray(8192 - 13, 'a') + " HTTP/1.1") << error << 414;
    QTest::addRow("101 field lines") << manyFields(101) << error << 431;
    QTest::addRow("head of 16 KiB + 1") << headOfSize(16385) << error << 431;
}

void TestHttpRequestParser::framing()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(int, errorStatus);

    const ParseResult r = parseHttpRequest(input);
    QCOMPARE(int(r.status), status);
    QCOMPARE(r.errorStatus, errorStatus);
    QVERIFY(r.consumed <= input.size());
    switch (r.status) {
    case Status::Complete:
        QCOMPARE(r.consumed, input.size()); // every row is exactly one head
        break;
    case Status::Incomplete:
        QCOMPARE(r.consumed, 0);
        QVERIFY(!r.closeConnection);
        break;
    case Status::Error:
        QVERIFY(r.closeConnection); // the framing is lost: never read on
        break;
    }
}

void TestHttpRequestParser::fields_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("versionMinor");

    QTest::addRow("origin-form") << head("GET /files/a%20b.txt HTTP/1.1") << "GET"_ba
                                 << "/files/a%20b.txt"_ba << "/files/a%20b.txt"_ba << QByteArray() << 1;
    QTest::addRow("query split at the first ?") << head("HEAD /api/files?path=a?b&x=1 HTTP/1.0")
                                                << "HEAD"_ba << "/api/files?path=a?b&x=1"_ba
                                                << "/api/files"_ba << "path=a?b&x=1"_ba << 0;
    QTest::addRow("empty query") << head("GET /a? HTTP/1.1") << "GET"_ba << "/a?"_ba << "/a"_ba
                                 << QByteArray() << 1;
    QTest::addRow("absolute-form takes the path") << head("GET http://example.com:8686/files/x?t=1 HTTP/1.1")
                                                  << "GET"_ba << "http://example.com:8686/files/x?t=1"_ba
                                                  << "/files/x"_ba << "t=1"_ba << 1;
    QTest::addRow("absolute-form scheme is case-insensitive") << head("GET HTTP://Example.com/a HTTP/1.1")
                                                              << "GET"_ba << "HTTP://Example.com/a"_ba
                                                              << "/a"_ba << QByteArray() << 1;
    QTest::addRow("absolute-form without path") << head("GET http://example.com HTTP/1.1") << "GET"_ba
                                                << "http://example.com"_ba << "/"_ba << QByteArray() << 1;
    QTest::addRow("absolute-form with query only") << head("GET http://example.com?x HTTP/1.1") << "GET"_ba
                                                   << "http://example.com?x"_ba << "/"_ba << "x"_ba << 1;
    QTest::addRow("double slash stays a path") << head("GET //evil.example/%2e%2e HTTP/1.1") << "GET"_ba
                                               << "//evil.example/%2e%2e"_ba << "//evil.example/%2e%2e"_ba
                                               << QByteArray() << 1;
    QTest::addRow("method case is kept") << head("get / HTTP/1.1") << "get"_ba << "/"_ba << "/"_ba
                                         << QByteArray() << 1;
}

void TestHttpRequestParser::fields()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QFETCH(int, versionMinor);

    const ParseResult r = parseHttpRequest(input);
    QCOMPARE(r.status, Status::Complete);
    QCOMPARE(r.request.method, method);
    QCOMPARE(r.request.target, target);
    QCOMPARE(r.request.path, path);
    QCOMPARE(r.request.query, query);
    QCOMPARE(r.request.versionMinor, versionMinor);
}

void TestHttpRequestParser::headerAccessors()
{
    const QByteArray input = "GET / HTTP/1.1\r\nHOST: example\r\nX-Multi: one\r\n"
                             "x-multi:\t two words \t\r\nAccept:*/*\r\nX-Empty:   \r\n\r\n"_ba;
    const ParseResult r = parseHttpRequest(input);
    QCOMPARE(r.status, Status::Complete);
    const HttpRequest &q = r.request;
    QCOMPARE(q.headers.size(), 5);
    QCOMPARE(q.headers.at(0).first, "host"_ba); // names lower-cased
    QCOMPARE(q.header("host"), "example"_ba);
    QCOMPARE(q.header("x-multi"), "one"_ba);
    QCOMPARE(q.headerValues("x-multi"), QList<QByteArray>({"one"_ba, "two words"_ba}));
    QCOMPARE(q.header("accept"), "*/*"_ba);
    QVERIFY(q.hasHeader("x-empty"));
    QCOMPARE(q.header("x-empty"), QByteArray());
    QVERIFY(!q.hasHeader("range"));
    QCOMPARE(q.header("range"), QByteArray());
    QVERIFY(q.headerValues("range").isEmpty());
}

void TestHttpRequestParser::pipelinedRequests()
{
    const QByteArray first = get({"Host: x", "X-N: 1"});
    const QByteArray second = "\r\n" + head("HEAD /b HTTP/1.1", {"Host: x", "Connection: close"});
    const QByteArray third = "GET /c HTTP/1.1\r\nHo"_ba;
    const QByteArray all = first + second + third;

    const ParseResult a = parseHttpRequest(all);
    QCOMPARE(a.status, Status::Complete);
    QCOMPARE(a.consumed, first.size());
    QCOMPARE(a.request.header("x-n"), "1"_ba);
    QVERIFY(!a.closeConnection);

    const ParseResult b = parseHttpRequest(QByteArrayView(all).sliced(a.consumed));
    QCOMPARE(b.status, Status::Complete);
    QCOMPARE(b.consumed, second.size()); // the leading CRLF belongs to it
    QCOMPARE(b.request.method, "HEAD"_ba);
    QCOMPARE(b.request.path, "/b"_ba);
    QVERIFY(b.closeConnection);

    const ParseResult c = parseHttpRequest(QByteArrayView(all).sliced(a.consumed + b.consumed));
    QCOMPARE(c.status, Status::Incomplete);
    QCOMPARE(c.consumed, 0);
}

void TestHttpRequestParser::everyPrefixOfAValidHeadIsIncomplete()
{
    const QByteArray input = "\r\n" + head("GET http://h/p?q HTTP/1.1",
                                           {"Host: h:1", "Range: bytes=0-1", "X-T:\tv ", "Content-Length: 0"});
    QCOMPARE(parseHttpRequest(input).status, Status::Complete);
    for (qsizetype n = 0; n < input.size(); ++n) {
        const ParseResult r = parseHttpRequest(QByteArrayView(input).first(n));
        QVERIFY2(r.status == Status::Incomplete, QByteArray::number(n).constData());
    }
}

void TestHttpRequestParser::limitsApplyWhileIncomplete_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("errorStatus");

    QTest::addRow("no LF within 8 KiB") << QByteArray("GET /" + QByteArray(9000, 'a')) << 414;
    QTest::addRow("no LF after leading CRLFs") << QByteArray("\r\n\r\nGET /" + QByteArray(8200, 'a')) << 414;
    QTest::addRow("101 field lines, no blank line") << manyFields(101).chopped(2) << 431;
    QTest::addRow("16 KiB of fields, no blank line")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + QByteArray(16384, 'a')) << 431;
    QTest::addRow("bad request line, head unfinished") << "GET / HTTP/1.1 x\r\nHost"_ba << 400;
    QTest::addRow("obs-fold, head unfinished") << "GET / HTTP/1.1\r\nHost: x\r\n y\r\n"_ba << 400;
}

void TestHttpRequestParser::limitsApplyWhileIncomplete()
{
    QFETCH(QByteArray, input);
    QFETCH(int, errorStatus);
    const ParseResult r = parseHttpRequest(input);
    QCOMPARE(r.status, Status::Error);
    QCOMPARE(r.errorStatus, errorStatus);
    QVERIFY(r.closeConnection);

    // Just under the limits, the same kind of input is merely incomplete.
    QCOMPARE(parseHttpRequest(QByteArray("GET /" + QByteArray(8000, 'a'))).status, Status::Incomplete);
    QCOMPARE(parseHttpRequest(manyFields(100).chopped(2)).status, Status::Incomplete);
}

void TestHttpRequestParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connection"); // empty: no Connection field
    QTest::addColumn<bool>("keepAlive");

    QTest::addRow("1.1 default") << "HTTP/1.1"_ba << QByteArray() << true;
    QTest::addRow("1.1 close") << "HTTP/1.1"_ba << "close"_ba << false;
    QTest::addRow("1.1 Close") << "HTTP/1.1"_ba << "Close"_ba << false;
    QTest::addRow("1.1 close in a list") << "HTTP/1.1"_ba << "Upgrade,  close"_ba << false;
    QTest::addRow("1.1 keep-alive") << "HTTP/1.1"_ba << "keep-alive"_ba << true;
    QTest::addRow("1.1 closed is not close") << "HTTP/1.1"_ba << "closed"_ba << true;
    QTest::addRow("1.0 default") << "HTTP/1.0"_ba << QByteArray() << false;
    QTest::addRow("1.0 keep-alive") << "HTTP/1.0"_ba << "keep-alive"_ba << true;
    QTest::addRow("1.0 Keep-Alive") << "HTTP/1.0"_ba << "Keep-Alive"_ba << true;
    QTest::addRow("1.0 keep-alive and close") << "HTTP/1.0"_ba << "keep-alive, close"_ba << false;
}

void TestHttpRequestParser::keepAlive()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connection);
    QFETCH(bool, keepAlive);

    QList<QByteArray> fields{"Host: x"_ba};
    if (!connection.isEmpty())
        fields.append("Connection: " + connection);
    const ParseResult r = parseHttpRequest(head("GET / " + version, fields));
    QCOMPARE(r.status, Status::Complete);
    QCOMPARE(r.request.keepAlive(), keepAlive);
    QCOMPARE(r.closeConnection, !keepAlive);
}

void TestHttpRequestParser::webSocketUpgrade_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("upgrade");

    QTest::addRow("browser upgrade")
        << head("GET /ws HTTP/1.1", {"Host: x", "Connection: keep-alive, Upgrade", "Upgrade: websocket",
                                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"})
        << true;
    QTest::addRow("case-insensitive tokens")
        << head("GET /ws HTTP/1.1", {"Host: x", "Connection: UPGRADE", "Upgrade: WebSocket"}) << true;
    QTest::addRow("plain GET") << head("GET /ws HTTP/1.1") << false;
    QTest::addRow("no Connection: upgrade") << head("GET /ws HTTP/1.1", {"Host: x", "Upgrade: websocket"}) << false;
    QTest::addRow("other protocol")
        << head("GET /ws HTTP/1.1", {"Host: x", "Connection: upgrade", "Upgrade: h2c"}) << false;
    QTest::addRow("HTTP/1.0")
        << head("GET /ws HTTP/1.0", {"Connection: upgrade", "Upgrade: websocket"}) << false;
    QTest::addRow("not GET")
        << head("HEAD /ws HTTP/1.1", {"Host: x", "Connection: upgrade", "Upgrade: websocket"}) << false;
}

void TestHttpRequestParser::webSocketUpgrade()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, upgrade);
    const ParseResult r = parseHttpRequest(input);
    QCOMPARE(r.status, Status::Complete);
    QCOMPARE(r.request.isWebSocketUpgrade(), upgrade);
}

QTEST_APPLESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
