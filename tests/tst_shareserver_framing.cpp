// The share server's HTTP/1.1 framing over a real socket: hostile heads
// (CONFORMANCE.md "framing and hostile input"), keep-alive, pipelining,
// Connection: close, the header and idle timeouts, the connection caps, and a
// crowd of idle and trickling clients that must not stop a normal request.
#include "tests/support/LiveShare.h"

#include <QSemaphore>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using ferry::test::LiveShare;
using ferry::test::RawHttpClient;
using ferry::test::RawResponse;

class TestShareServerFraming final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hostileHeads_data();
    void hostileHeads();
    void otherMethods_data();
    void otherMethods();
    void keepAliveServesSeveralRequests();
    void pipelinedRequestsAnsweredInOrder();
    void connectionCloseHonoured();
    void http10ClosesByDefault();
    void headerTimeoutAnswers408();
    void idleKeepAliveIsClosed();
    void perAddressCap();
    void closedConnectionFreesItsSlotAtOnce_data();
    void closedConnectionFreesItsSlotAtOnce();
    void totalCap();
    void idleAndTricklingClientsDoNotBlock();

private:
    LiveShare m_share;
};

void TestShareServerFraming::initTestCase()
{
    QVERIFY(m_share.start());
}

void TestShareServerFraming::cleanupTestCase()
{
    m_share.stop();
}

void TestShareServerFraming::hostileHeads_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("mustClose");

    const QByteArray auth = "Authorization: Bearer "_ba + QByteArray(LiveShare::Token) + "\r\n"_ba;
    const QByteArray host = "Host: 127.0.0.1\r\n"_ba;
    const QByteArray ok = "GET /files/share/data.bin HTTP/1.1\r\n"_ba;

    QTest::addRow("request line over 8 KiB")
        << "GET /files/share/"_ba + QByteArray(9000, 'a') + " HTTP/1.1\r\n"_ba + host + auth + "\r\n"_ba
        << QList<int> {414} << true;
    QByteArray bigHeaders = ok + host + auth;
    for (int i = 0; i < 20; ++i)
        bigHeaders += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray(1000, 'b') + "\r\n";
    QTest::addRow("headers over 16 KiB") << bigHeaders + "\r\n"_ba << QList<int> {431} << true;
    QByteArray manyLines = ok + host + auth;
    for (int i = 0; i < 120; ++i)
        manyLines += "X-L" + QByteArray::number(i) + ": v\r\n";
    QTest::addRow("over 100 header lines") << manyLines + "\r\n"_ba << QList<int> {431} << true;
    QTest::addRow("HTTP/1.1 without Host") << ok + auth + "\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("two Host lines") << ok + host + host + auth + "\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("space before colon") << ok + "Host : 127.0.0.1\r\n"_ba + auth + "\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("obs-fold") << ok + host + auth + "X-A: a\r\n b\r\n\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("bare CR in request line")
        << "GET /files/share/da\rta.bin HTTP/1.1\r\n"_ba + host + auth + "\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("NUL in a value") << ok + host + auth + "X-A: a\0b\r\n\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("control byte in a value") << ok + host + auth + "X-A: a\x01z\r\n\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("Content-Length with Transfer-Encoding")
        << ok + host + auth + "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << QList<int> {400} << true;
    QTest::addRow("two different Content-Length")
        << ok + host + auth + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello"_ba << QList<int> {400} << true;
    QTest::addRow("Content-Length +5") << ok + host + auth + "Content-Length: +5\r\n\r\nhello"_ba << QList<int> {400} << true;
    QTest::addRow("Content-Length 0x05") << ok + host + auth + "Content-Length: 0x05\r\n\r\nhello"_ba << QList<int> {400} << true;
    QTest::addRow("body on GET") << ok + host + auth + "Content-Length: 5\r\n\r\nhello"_ba << QList<int> {400, 413} << true;
    QTest::addRow("chunked body on GET")
        << ok + host + auth + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"_ba << QList<int> {400, 413, 501}
        << true;
    QTest::addRow("bad percent in path")
        << "GET /files/share/%zz.bin HTTP/1.1\r\n"_ba + host + auth + "\r\n"_ba << QList<int> {400} << false;
    QTest::addRow("truncated percent in path")
        << "GET /files/share/data.bin%2 HTTP/1.1\r\n"_ba + host + auth + "\r\n"_ba << QList<int> {400} << false;
    QTest::addRow("garbage") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"_ba << QList<int> {400, 505} << true;
}

void TestShareServerFraming::hostileHeads()
{
    QFETCH(QByteArray, raw);
    QFETCH(QList<int>, statuses);
    QFETCH(bool, mustClose);

    RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    QVERIFY(client.send(raw));
    const RawResponse r = client.readResponse();
    QVERIFY2(r.valid, r.rawHead.constData());
    QVERIFY2(statuses.contains(r.status), QByteArray::number(r.status).constData());
    QCOMPARE(r.header("content-length").toLongLong(), qint64(r.body.size()));
    QVERIFY(!r.body.contains("data.bin"));
    QVERIFY(!r.body.contains("aaaa"));
    if (mustClose) {
        QCOMPARE(r.header("connection"), "close"_ba);
        QVERIFY(client.waitForClose());
    }
}

void TestShareServerFraming::otherMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    for (const char *m : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get"})
        QTest::addRow("%s", m) << QByteArray(m);
}

void TestShareServerFraming::otherMethods()
{
    QFETCH(QByteArray, method);
    // No token: a 405 must come before (and regardless of) the access check.
    const RawResponse r = ferry::test::fetchRaw(
        m_share.port(), method + " /files/share/data.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"_ba);
    QVERIFY(r.valid);
    if (r.status == 501 || r.status == 400) {
        // Methods the parser refuses outright are fine too, as long as nothing is served.
        QVERIFY(!r.body.contains(LiveShare::knownBytes().left(20)));
        return;
    }
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), "GET, HEAD"_ba);
}

void TestShareServerFraming::keepAliveServesSeveralRequests()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    for (int i = 0; i < 5; ++i) {
        QVERIFY(client.send(m_share.requestHead("GET"_ba, "/files/share/data.bin"_ba)));
        const RawResponse r = client.readResponse();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, LiveShare::knownBytes());
        QCOMPARE(r.header("connection"), "keep-alive"_ba);
    }
}

void TestShareServerFraming::pipelinedRequestsAnsweredInOrder()
{
    const QByteArray data = LiveShare::knownBytes();
    QByteArray all;
    all += m_share.requestHead("GET"_ba, "/files/share/data.bin"_ba, {"Range: bytes=10-19"_ba});
    all += m_share.requestHead("GET"_ba, "/files/share/sub/inner.txt"_ba);
    all += m_share.requestHead("HEAD"_ba, "/files/share/data.bin"_ba);
    all += m_share.requestHead("GET"_ba, "/nothing-here"_ba);
    all += m_share.requestHead("GET"_ba, "/files/share/data.bin"_ba);
    all += m_share.requestHead("GET"_ba, "/files/share/empty.bin"_ba, {"Connection: close"_ba});
    RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    QVERIFY(client.send(all));
    RawResponse r = client.readResponse();
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, data.mid(10, 10));
    r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "inner file\n"_ba);
    r = client.readResponse(true);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-length"), "1000"_ba);
    r = client.readResponse();
    QCOMPARE(r.status, 404);
    r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, data);
    r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-length"), "0"_ba);
    QCOMPARE(r.header("connection"), "close"_ba);
    QVERIFY(client.waitForClose());
}

void TestShareServerFraming::connectionCloseHonoured()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    QVERIFY(client.send(m_share.requestHead("GET"_ba, "/files/share/data.bin"_ba, {"Connection: close"_ba})));
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
    QCOMPARE(r.header("connection"), "close"_ba);
    QVERIFY(client.waitForClose());
}

void TestShareServerFraming::http10ClosesByDefault()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    const QByteArray head = "GET /files/share/sub/inner.txt HTTP/1.0\r\nAuthorization: Bearer "_ba
        + QByteArray(LiveShare::Token) + "\r\n\r\n"_ba;
    QVERIFY(client.send(head));
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "inner file\n"_ba);
    QVERIFY(client.waitForClose());
}

void TestShareServerFraming::headerTimeoutAnswers408()
{
    LiveShare share;
    QVERIFY(share.start([](ferry::ShareSettings &s) { s.headerTimeoutMs = 1500; }));
    RawHttpClient client;
    QVERIFY(client.connectTo(share.port()));
    // Trickle a head one byte every 200 ms: it never completes before the timeout.
    const QByteArray head = share.requestHead("GET"_ba, "/files/share/data.bin"_ba);
    QVERIFY(client.send(head.left(5)));
    RawResponse r;
    for (qsizetype i = 5; i < head.size() - 2; ++i) {
        QTest::qWait(200);
        if (client.socket().bytesAvailable() > 0 || client.socket().state() != QAbstractSocket::ConnectedState)
            break;
        client.send(head.mid(i, 1));
    }
    r = client.readResponse(false, 20'000);
    QVERIFY(r.valid);
    QCOMPARE(r.status, 408);
    QVERIFY(client.waitForClose());

    // The default stays the documented 10 s.
    QCOMPARE(ferry::ShareSettings().headerTimeoutMs, 10'000);
    QCOMPARE(ferry::ShareSettings().idleTimeoutMs, 15'000);
}

void TestShareServerFraming::idleKeepAliveIsClosed()
{
    LiveShare share;
    QVERIFY(share.start([](ferry::ShareSettings &s) { s.idleTimeoutMs = 1000; }));
    RawHttpClient client;
    QVERIFY(client.connectTo(share.port()));
    QVERIFY(client.send(share.requestHead("GET"_ba, "/files/share/sub/inner.txt"_ba)));
    QCOMPARE(client.readResponse().status, 200);
    QVERIFY(client.waitForClose(15'000));
}

void TestShareServerFraming::perAddressCap()
{
    LiveShare share;
    QVERIFY(share.start([](ferry::ShareSettings &s) { s.maxConnectionsPerAddress = 8; }));
    const QHostAddress from(u"127.0.0.7"_s);
    std::vector<std::unique_ptr<RawHttpClient>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(held.back()->connectTo(share.port(), from));
    }
    // Make sure the server has taken all eight before the next arrives.
    QVERIFY(held.front()->send(share.requestHead("GET"_ba, "/api/status"_ba)));
    QCOMPARE(held.front()->readResponse().status, 200);

    RawHttpClient extra;
    QVERIFY(extra.connectTo(share.port(), from));
    const RawResponse refused = extra.readResponse();
    QCOMPARE(refused.status, 503);
    QVERIFY(extra.waitForClose());

    // Another address is not affected.
    RawHttpClient other;
    QVERIFY(other.connectTo(share.port(), QHostAddress(u"127.0.0.8"_s)));
    QVERIFY(other.send(share.requestHead("GET"_ba, "/files/share/sub/inner.txt"_ba)));
    QCOMPARE(other.readResponse().status, 200);

    // A freed slot can be used again.
    held.pop_back();
    // QTRY evaluates its condition more than once: once served, stay served, or
    // the next attempt races the server's close of this one for the slot.
    const auto attempt = [&] {
        RawHttpClient c;
        if (!c.connectTo(share.port(), from) || !c.send(share.requestHead("GET"_ba, "/api/status"_ba)))
            return false;
        return c.readResponse(false, 5'000).status == 200;
    };
    bool served = false;
    QTRY_VERIFY_WITH_TIMEOUT(served || (served = attempt()), 30'000);
    QCOMPARE(ferry::ShareSettings().maxConnectionsPerAddress, 32);
}

// A client that closes a connection and opens another at once (wrk does it
// with its probe; browsers and download managers do it all the time) must not
// meet "Too many connections" because the server has not yet seen the close:
// at the cap, connections whose peer has gone are closed before refusing.
// The server's thread is held busy while the close and the new connection
// happen, so both wait for it together. Idle keep-alive connections, and
// connections closing after a `Connection: close` answer (a client doing one
// request per connection), both free their slot.
void TestShareServerFraming::closedConnectionFreesItsSlotAtOnce_data()
{
    QTest::addColumn<bool>("closeAfterEach");
    QTest::addRow("keep-alive") << false;
    QTest::addRow("Connection: close") << true;
}

void TestShareServerFraming::closedConnectionFreesItsSlotAtOnce()
{
    QFETCH(bool, closeAfterEach);
    const QList<QByteArray> extra = closeAfterEach ? QList<QByteArray> {"Connection: close"_ba} : QList<QByteArray> {};
    LiveShare share;
    QVERIFY(share.start([](ferry::ShareSettings &s) { s.maxConnectionsPerAddress = 4; }));
    const QHostAddress from(u"127.0.0.9"_s);
    for (int round = 0; round < 3; ++round) {
        std::vector<std::unique_ptr<RawHttpClient>> held;
        for (int i = 0; i < 4; ++i) {
            held.push_back(std::make_unique<RawHttpClient>());
            QVERIFY(held.back()->connectTo(share.port(), from));
            QVERIFY(held.back()->send(share.requestHead("GET"_ba, "/api/status"_ba, extra)));
            QCOMPARE(held.back()->readResponse().status, 200); // taken and counted
        }
        QSemaphore busy;
        QSemaphore release;
        share.service().runOnServerThread([&](ferry::ShareServer &) {
            busy.release();
            release.tryAcquire(1, 10'000);
        });
        QVERIFY(busy.tryAcquire(1, 10'000));
        held.front().reset(); // closed while the server cannot look
        RawHttpClient next;
        QVERIFY(next.connectTo(share.port(), from)); // the kernel completes the handshake
        QVERIFY(next.send(share.requestHead("GET"_ba, "/api/status"_ba)));
        release.release();
        QCOMPARE(next.readResponse().status, 200);
    }
}

void TestShareServerFraming::totalCap()
{
    LiveShare share;
    QVERIFY(share.start([](ferry::ShareSettings &s) { s.maxConnections = 10; }));
    std::vector<std::unique_ptr<RawHttpClient>> held;
    for (int i = 0; i < 10; ++i) {
        held.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(held.back()->connectTo(share.port(), QHostAddress(u"127.0.1.%1"_s.arg(i + 1))));
    }
    QVERIFY(held.back()->send(share.requestHead("GET"_ba, "/api/status"_ba)));
    QCOMPARE(held.back()->readResponse().status, 200);
    RawHttpClient extra;
    QVERIFY(extra.connectTo(share.port(), QHostAddress(u"127.0.2.1"_s)));
    QCOMPARE(extra.readResponse().status, 503);
    QCOMPARE(ferry::ShareSettings().maxConnections, 512);
}

void TestShareServerFraming::idleAndTricklingClientsDoNotBlock()
{
    // 200 idle connections from 10 addresses (under the per-address cap), plus
    // a few clients trickling a head one byte at a time.
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 200; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        QVERIFY(s->bind(QHostAddress(u"127.0.3.%1"_s.arg(i % 10 + 1)), 0));
        s->connectToHost(QHostAddress::LocalHost, m_share.port());
        idle.push_back(std::move(s));
    }
    for (auto &s : idle)
        QVERIFY(s->state() == QAbstractSocket::ConnectedState || s->waitForConnected(10'000));

    std::vector<std::unique_ptr<RawHttpClient>> tricklers;
    const QByteArray head = m_share.requestHead("GET"_ba, "/files/share/data.bin"_ba);
    for (int i = 0; i < 5; ++i) {
        tricklers.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(tricklers.back()->connectTo(m_share.port(), QHostAddress(u"127.0.4.1"_s)));
    }
    for (int step = 0; step < 5; ++step) {
        for (auto &t : tricklers)
            t->send(head.mid(step, 1));
        QTest::qWait(50);
    }

    RawHttpClient normal;
    QVERIFY(normal.connectTo(m_share.port()));
    QVERIFY(normal.send(m_share.requestHead("GET"_ba, "/files/share/data.bin"_ba)));
    const RawResponse r = normal.readResponse(false, 10'000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
}

QTEST_GUILESS_MAIN(TestShareServerFraming)
#include "tst_shareserver_framing.moc"
