// Who may read from the share server, over a real socket: the token (bearer,
// ?token= → cookie, wrong, throttled), signed links, open sharing, foreign
// Hosts, the security headers and active types as attachments, unfinished
// downloads and FIFOs, the /ws hand-over with its Origin check, the access
// log and upload reports. What lies inside the roots: tst_shareserver_paths.
#include "server/ShareServer.h"
#include "server/SignedLink.h"
#include "tests/support/LiveShare.h"
#include "tests/support/ShareServerPair.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QDateTime>
#include <QDir>
#include <QSysInfo>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using ferry::test::kLinkSecret;
using ferry::test::LiveShare;
using ferry::test::startShareServerPair;
using ferry::test::RawHttpClient;
using ferry::test::RawResponse;

class TestShareServerAccess final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // access
    void tokenRequired_data();
    void tokenRequired();
    void bearerAndCookie();
    void wrongTokensAreThrottled();
    void signedLinks();
    void signedLinkFromTheApi();
    void openSharing();
    void foreignHostIsMisdirected_data();
    void foreignHostIsMisdirected();
    void securityPolicies();
    void activeTypesAreAttachments_data();
    void activeTypesAreAttachments();
    void unfinishedDownloadsAreNotServed();
    void fifoNeverBlocks();

    // WebSocket hand-over
    void webSocketWithoutHandlerIs404();
    void webSocketHandOver();

    // reports
    void accessLogLines();
    void uploadsReported();

private:
    LiveShare m_share;   // token required
    LiveShare m_open;    // --no-auth, so the sandbox alone must stop the paths
};

void TestShareServerAccess::initTestCase()
{
    QVERIFY(startShareServerPair(m_share, m_open));
}

void TestShareServerAccess::cleanupTestCase()
{
    m_share.stop();
    m_open.stop();
}

// --- access --------------------------------------------------------------------

void TestShareServerAccess::tokenRequired_data()
{
    QTest::addColumn<QByteArray>("target");
    for (const char *t : {"/", "/api/status", "/api/files?path=share", "/files/share/data.bin", "/files/share/",
                          "/files/", "/assets/index.html", "/ws"})
        QTest::addRow("%s", t) << QByteArray(t);
}

void TestShareServerAccess::tokenRequired()
{
    QFETCH(QByteArray, target);
    static int peer = 0;
    for (const QList<QByteArray> &creds : QList<QList<QByteArray>> {
             {}, {"Authorization: Bearer wrong"_ba}, {"Authorization: Basic dGVzdDp0ZXN0"_ba},
             {"Cookie: ferry_session=stale"_ba}, {"Cookie: ferry_token="_ba + QByteArray(LiveShare::Token)}}) {
        // Each from its own address, so the failure throttle stays out of the way.
        RawHttpClient client;
        QVERIFY(client.connectTo(m_share.port(), QHostAddress(u"127.0.5.%1"_s.arg(++peer))));
        QVERIFY(client.send(m_share.requestHead("GET"_ba, target, creds, false)));
        const RawResponse r = client.readResponse();
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("www-authenticate").startsWith("Bearer"));
        QVERIFY(!r.body.contains(target.mid(1)) || target == "/");
        QVERIFY(!r.body.contains(LiveShare::knownBytes().left(16)));
        QVERIFY(!r.hasHeader("set-cookie"));
        // The bare address in a browser explains what to ask for.
        if (target == "/") {
            QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
            QVERIFY2(r.body.contains("?token="), r.body.constData());
        }
    }
}

void TestShareServerAccess::bearerAndCookie()
{
    // Each address has its own failure count; use a fresh one.
    const QByteArray token(LiveShare::Token);
    RawResponse r = m_share.get("/api/status"_ba, {"Authorization: bearer "_ba + token}, false);
    QCOMPARE(r.status, 200);

    r = m_share.get("/?token="_ba + token, {}, false);
    QCOMPARE(r.status, 200);
    const QByteArray cookie = r.header("set-cookie");
    // A random session id kept by the server, not the token: a cookie can
    // leak (a backup of the browser profile, a shared machine) where the
    // token must not.
    QVERIFY2(cookie.startsWith("ferry_session="), cookie.constData());
    QVERIFY(!cookie.contains(token));
    QVERIFY(cookie.indexOf(';') - int(qstrlen("ferry_session=")) >= 40);
    QVERIFY(cookie.contains("HttpOnly"));
    QVERIFY(cookie.contains("SameSite=Strict"));
    QVERIFY(cookie.contains("Path=/"));
    // The cookie alone works for the next requests (links and fetches in the page).
    const QByteArray cookieHeader = "Cookie: theme=dark; "_ba + cookie.left(cookie.indexOf(';'));
    r = m_share.get("/files/share/data.bin"_ba, {cookieHeader}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
    r = m_share.get("/api/files?path=share"_ba, {cookieHeader}, false);
    QCOMPARE(r.status, 200);

    r = m_share.get("/files/share/data.bin?token="_ba + token, {}, false);
    QCOMPARE(r.status, 200);
    r = m_share.get("/?token=nope"_ba, {}, false);
    QCOMPARE(r.status, 401);
    QVERIFY(!r.hasHeader("set-cookie"));
    // Each ?token= opens a session of its own.
    r = m_share.get("/?token="_ba + token, {}, false);
    QVERIFY(r.header("set-cookie").startsWith("ferry_session="));
    QVERIFY(r.header("set-cookie") != cookie);
    // A made-up session id is nothing.
    r = m_share.get("/api/files?path=share"_ba, {"Cookie: ferry_session="_ba + QByteArray(44, 'A')}, false);
    QCOMPARE(r.status, 401);
}

void TestShareServerAccess::wrongTokensAreThrottled()
{
    const QHostAddress attacker(u"127.0.0.66"_s);
    auto fetchFrom = [&](const QHostAddress &from, const QByteArray &token) {
        RawHttpClient c;
        if (!c.connectTo(m_share.port(), from))
            return RawResponse();
        c.send(QByteArray("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "_ba + token
                          + "\r\n\r\n"_ba));
        return c.readResponse();
    };
    for (int i = 0; i < 10; ++i)
        QCOMPARE(fetchFrom(attacker, "guess-"_ba + QByteArray::number(i)).status, 401);
    // From now on wrong tokens from that address get 429…
    const RawResponse r = fetchFrom(attacker, "guess-more"_ba);
    QCOMPARE(r.status, 429);
    const int retryAfter = r.header("retry-after").toInt();
    QVERIFY(retryAfter > 0 && retryAfter <= 60);
    // …but the right token never does: any page the user opens can make their
    // browser send ten wrong ones (<img src="http://host:8686/?token=x">).
    QCOMPARE(fetchFrom(attacker, LiveShare::Token).status, 200);
    QCOMPARE(fetchFrom(attacker, "guess-again"_ba).status, 429);
    // Other peers are served as before.
    QCOMPARE(fetchFrom(QHostAddress(u"127.0.0.67"_s), LiveShare::Token).status, 200);
}

// "Copy link" in the page: /api/link makes a link to one file that works
// without the token, then expires.
void TestShareServerAccess::signedLinkFromTheApi()
{
    RawResponse r = m_share.get("/api/link?path=share%2Fdata.bin&ttl=2"_ba);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("cache-control"), "no-store"_ba);
    const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
    const QByteArray link = answer.value(u"link"_s).toString().toLatin1();
    QVERIFY2(link.startsWith("/files/share/data.bin?exp="), r.body.constData());
    QVERIFY(!link.contains(LiveShare::Token));
    const qint64 expires = answer.value(u"expires"_s).toInteger();
    QVERIFY(qAbs(expires - QDateTime::currentSecsSinceEpoch() - 2) <= 1);
    r = m_share.get(link, {}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
    // It grants that file only.
    QByteArray other = link;
    other.replace("data.bin", "empty.bin");
    QCOMPARE(m_share.get(other, {}, false).status, 401);
    // The default is a day; folders, hidden files and bad lifetimes get no link.
    r = m_share.get("/api/link?path=share/sub/inner.txt"_ba);
    QCOMPARE(r.status, 200);
    const qint64 day = QJsonDocument::fromJson(r.body).object().value(u"expires"_s).toInteger();
    QVERIFY(qAbs(day - QDateTime::currentSecsSinceEpoch() - 24 * 3600) <= 2);
    QCOMPARE(m_share.get("/api/link?path=share/sub"_ba).status, 400);
    QCOMPARE(m_share.get("/api/link?path=share/.hidden"_ba).status, 404);
    QCOMPARE(m_share.get("/api/link?path=share/data.bin&ttl=0"_ba).status, 400);
    QCOMPARE(m_share.get("/api/link?path=share/data.bin&ttl=99999999"_ba).status, 400);
    // Making one needs the token.
    QCOMPARE(m_share.get("/api/link?path=share/data.bin"_ba, {}, false).status, 401);
    // And then it expires.
    QTRY_COMPARE_WITH_TIMEOUT(m_share.get(link, {}, false).status, 401, 10'000);
}

void TestShareServerAccess::signedLinks()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray valid = ferry::SignedLink::makeTarget(kLinkSecret, u"share/data.bin"_s, now.addSecs(600));
    RawResponse r = m_share.get(valid, {}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
    r = m_share.get(valid, {"Range: bytes=10-19"_ba}, false);
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, LiveShare::knownBytes().mid(10, 10));

    const QByteArray chinese = ferry::SignedLink::makeTarget(kLinkSecret, u"share/中文 名字.txt"_s, now.addSecs(600));
    QCOMPARE(m_share.get(chinese, {}, false).status, 200);

    const QByteArray expired = ferry::SignedLink::makeTarget(kLinkSecret, u"share/data.bin"_s, now.addSecs(-1));
    QCOMPARE(m_share.get(expired, {}, false).status, 401);

    QByteArray tampered = valid;
    tampered[tampered.size() - 1] = tampered.back() == '0' ? '1' : '0';
    QCOMPARE(m_share.get(tampered, {}, false).status, 401);

    // A signature for one file does not open another, nor a folder.
    QByteArray moved = valid;
    moved.replace("data.bin", "empty.bin");
    QCOMPARE(m_share.get(moved, {}, false).status, 401);
    const QByteArray folder = ferry::SignedLink::makeTarget(kLinkSecret, u"share/sub"_s, now.addSecs(600));
    QCOMPARE(m_share.get(folder, {}, false).status, 401);
    const QByteArray other = ferry::SignedLink::makeTarget(QByteArray(32, 'z'), u"share/data.bin"_s, now.addSecs(600));
    QCOMPARE(m_share.get(other, {}, false).status, 401);
}

void TestShareServerAccess::openSharing()
{
    RawResponse r = m_open.get("/files/share/data.bin"_ba, {}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
    r = m_open.get("/"_ba, {}, false);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.hasHeader("set-cookie"));
}

// DNS rebinding: a page from another site whose name now points at this
// machine sends its own name as Host. 421, token or not, open sharing too.
void TestShareServerAccess::foreignHostIsMisdirected_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    QTest::addRow("127.0.0.1") << "127.0.0.1"_ba << true;
    QTest::addRow("127.0.0.1 with port") << "127.0.0.1:8686"_ba << true;
    QTest::addRow("another loopback") << "127.0.0.5"_ba << true;
    QTest::addRow("localhost") << "localhost:8686"_ba << true;
    QTest::addRow("LOCALHOST.") << "LOCALHOST.:8686"_ba << true;
    QTest::addRow("[::1]") << "[::1]:8686"_ba << true;
    QTest::addRow("host name") << QSysInfo::machineHostName().toUtf8() << true;
    QTest::addRow("host name .local") << QSysInfo::machineHostName().section(u'.', 0, 0).toUtf8() + ".local:8686"_ba
                                      << true;
    QTest::addRow("rebinding name") << "evil.example:8686"_ba << false;
    QTest::addRow("localhost as a subdomain") << "localhost.evil.example"_ba << false;
    QTest::addRow("a LAN address not ours") << "192.0.2.1:8686"_ba << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void TestShareServerAccess::foreignHostIsMisdirected()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    for (LiveShare *share : {&m_share, &m_open}) {
        for (const bool withToken : {true, false}) {
            QByteArray head = "GET /api/status HTTP/1.1\r\nHost: "_ba + host + "\r\n"_ba;
            if (withToken)
                head += "Authorization: Bearer "_ba + QByteArray(LiveShare::Token) + "\r\n"_ba;
            const RawResponse r = ferry::test::fetchRaw(share->port(), head + "\r\n"_ba);
            const int expected = !allowed ? 421 : (withToken || share == &m_open ? 200 : 401);
            QVERIFY2(r.status == expected, qPrintable(u"%1 (token %2, %3): %4"_s.arg(QString::fromUtf8(host))
                                                          .arg(withToken)
                                                          .arg(share == &m_open ? u"open"_s : u"token"_s)
                                                          .arg(r.status)));
            if (!allowed)
                QVERIFY(!r.body.contains("activeTransfers"));
        }
    }
    // A Host with userinfo is not even a valid request (400, from the parser).
    const RawResponse r = ferry::test::fetchRaw(m_open.port(), "GET /api/status HTTP/1.1\r\nHost: evil@127.0.0.1\r\n\r\n"_ba);
    QCOMPARE(r.status, 400);
}

// The page and API under a strict policy; everything under /files/ sandboxed.
void TestShareServerAccess::securityPolicies()
{
    for (const QByteArray &target : {"/"_ba, "/api/files?path=share"_ba, "/api/status"_ba, "/assets/app.js"_ba,
                                     "/nothing"_ba}) {
        const RawResponse r = m_share.get(target);
        const QByteArray csp = r.header("content-security-policy");
        QVERIFY2(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), target.constData());
        QVERIFY2(!csp.contains("unsafe"), csp.constData());
        QCOMPARE(r.header("referrer-policy"), "no-referrer"_ba);
    }
    // The page without the token: its own styles by hash, nothing else.
    const RawResponse denied = m_share.get("/"_ba, {}, false);
    QCOMPARE(denied.status, 401);
    QVERIFY(denied.header("content-security-policy").contains("style-src 'sha256-"));
    QVERIFY(denied.header("content-security-policy").contains("frame-ancestors 'none'"));
    for (const QByteArray &target : {"/files/share/data.bin"_ba, "/files/share/"_ba, "/files/share/sub"_ba,
                                     "/files/share/missing.txt"_ba}) {
        const RawResponse r = m_share.get(target);
        const QByteArray csp = r.header("content-security-policy");
        QVERIFY2(csp.startsWith("sandbox"), target.constData());
        QVERIFY2(!csp.contains("allow-"), csp.constData());
    }
}

void TestShareServerAccess::activeTypesAreAttachments_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("attachment");
    QTest::addRow("html") << u"page.html"_s << true;
    QTest::addRow("htm") << u"page.HTM"_s << true;
    QTest::addRow("xhtml") << u"page.xhtml"_s << true;
    QTest::addRow("svg") << u"image.svg"_s << true;
    QTest::addRow("xml") << u"feed.xml"_s << true;
    QTest::addRow("js") << u"script.js"_s << true;
    QTest::addRow("mjs") << u"module.mjs"_s << true;
    QTest::addRow("text") << u"notes.txt"_s << false;
    QTest::addRow("png") << u"picture.png"_s << false;
    QTest::addRow("unknown") << u"blob.bin"_s << false;
}

void TestShareServerAccess::activeTypesAreAttachments()
{
    QFETCH(QString, name);
    QFETCH(bool, attachment);
    QVERIFY(QDir().mkpath(m_share.rootPath() + u"/active"_s));
    QFile f(m_share.rootPath() + u"/active/"_s + name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<script>parent.stolen = 1</script>");
    f.close();
    const RawResponse r = m_share.get("/files/share/active/"_ba + QUrl::toPercentEncoding(name));
    QCOMPARE(r.status, 200);
    const QByteArray disposition = r.header("content-disposition");
    QVERIFY2(disposition.startsWith(attachment ? "attachment;" : "inline;"), disposition.constData());
    QVERIFY(r.header("content-security-policy").startsWith("sandbox"));
    QCOMPARE(r.header("x-content-type-options"), "nosniff"_ba);
}

// A shared Downloads folder: Ferry's own unfinished downloads stay private.
void TestShareServerAccess::unfinishedDownloadsAreNotServed()
{
    const QString dir = m_share.rootPath() + u"/downloads"_s;
    QVERIFY(QDir().mkpath(dir));
    for (const QString &name : {u"movie.mkv.part"_s, u"movie.mkv.part.ferry"_s, u"own.part"_s}) {
        QFile f(dir + u'/' + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"url\":\"https://example.com/movie.mkv?X-Amz-Signature=secret\"}");
    }
    for (const QByteArray &name : {"movie.mkv.part"_ba, "movie.mkv.part.ferry"_ba}) {
        QCOMPARE(m_share.get("/files/share/downloads/"_ba + name).status, 404);
        QCOMPARE(m_open.get("/files/share/downloads/"_ba + name).status, 404);
    }
    QCOMPARE(m_share.get("/files/share/downloads/own.part"_ba).status, 200);
    for (const RawResponse &listing : {m_share.get("/api/files?path=share/downloads"_ba),
                                       m_share.get("/files/share/downloads/"_ba)}) {
        QCOMPARE(listing.status, 200);
        QVERIFY2(!listing.body.contains("movie.mkv"), listing.body.constData());
        QVERIFY2(listing.body.contains("own.part"), listing.body.constData());
    }
}

// A FIFO in the share is neither listed nor opened: opening one for reading
// would wait for a writer and hold the server thread.
void TestShareServerAccess::fifoNeverBlocks()
{
    const QByteArray fifo = QFile::encodeName(m_share.rootPath() + u"/pipe"_s);
    QCOMPARE(::mkfifo(fifo.constData(), 0644), 0);
    const RawResponse r = m_share.get("/files/share/pipe"_ba);
    QCOMPARE(r.status, 403);
    const RawResponse listing = m_share.get("/api/files?path=share"_ba);
    QVERIFY(!listing.body.contains("\"pipe\""));
    // The server is still there for everyone.
    QCOMPARE(m_share.get("/files/share/data.bin"_ba).body, LiveShare::knownBytes());
    QVERIFY(QFile::remove(QFile::decodeName(fifo)));
}

// --- WebSocket -----------------------------------------------------------------

void TestShareServerAccess::webSocketWithoutHandlerIs404()
{
    const RawResponse r = m_share.get("/ws"_ba, {"Connection: Upgrade"_ba, "Upgrade: websocket"_ba,
                                                 "Sec-WebSocket-Version: 13"_ba,
                                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="_ba});
    QCOMPARE(r.status, 404);
}

void TestShareServerAccess::webSocketHandOver()
{
    LiveShare share;
    QVERIFY(share.start());
    // A real QWebSocketServer on the server thread takes the handed-over sockets.
    share.service().runOnServerThread([](ferry::ShareServer &server) {
        auto *ws = new QWebSocketServer(u"test"_s, QWebSocketServer::NonSecureMode, &server);
        QObject::connect(ws, &QWebSocketServer::newConnection, ws, [ws] {
            while (QWebSocket *socket = ws->nextPendingConnection()) {
                socket->setParent(ws);
                socket->sendTextMessage(u"hello "_s + socket->requestUrl().path());
            }
        });
        server.setUpgradeHandler([ws](QTcpSocket *socket) { ws->handleConnection(socket); });
    });

    auto open = [&](const QList<QPair<QByteArray, QByteArray>> &headers, QString *message) {
        QWebSocket client;
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(share.port())));
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        bool gone = false;
        QObject::connect(&client, &QWebSocket::stateChanged, &client, [&](QAbstractSocket::SocketState state) {
            gone = gone || state == QAbstractSocket::UnconnectedState;
        });
        client.open(request);
        [[maybe_unused]] const bool settled =
            QTest::qWaitFor([&] { return !received.isEmpty() || gone; }, 10'000);
        if (!received.isEmpty())
            *message = received.first().first().toString();
        return !received.isEmpty();
    };

    const QByteArray bearer = "Bearer "_ba + QByteArray(LiveShare::Token);
    const QByteArray sameOrigin = "http://127.0.0.1:"_ba + QByteArray::number(share.port());
    QString message;
    QVERIFY(open({{"Authorization"_ba, bearer}}, &message)); // no Origin: not a browser
    QCOMPARE(message, u"hello /ws"_s);
    message.clear();
    QVERIFY(open({{"Authorization"_ba, bearer}, {"Origin"_ba, sameOrigin}}, &message));
    QCOMPARE(message, u"hello /ws"_s);
    QVERIFY(!open({{"Authorization"_ba, bearer}, {"Origin"_ba, "http://evil.example"_ba}}, &message));
    QVERIFY(!open({{"Authorization"_ba, bearer}, {"Origin"_ba, "http://127.0.0.1:1"_ba}}, &message));
    QVERIFY(!open({{"Authorization"_ba, bearer}, {"Origin"_ba, "null"_ba}}, &message));
    QVERIFY(!open({}, &message)); // no token
    QVERIFY(!open({{"Authorization"_ba, "Bearer wrong"_ba}}, &message));

    // The refusals are plain HTTP answers.
    RawResponse r = share.get("/ws"_ba, {"Connection: Upgrade"_ba, "Upgrade: websocket"_ba, "Sec-WebSocket-Version: 13"_ba,
                                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="_ba, "Origin: http://evil.example"_ba});
    QCOMPARE(r.status, 403);
    r = share.get("/ws"_ba);
    QCOMPARE(r.status, 400);
}

// --- reports -------------------------------------------------------------------

void TestShareServerAccess::accessLogLines()
{
    QTemporaryDir dir;
    const QString logPath = dir.filePath(u"access.log"_s);
    LiveShare share;
    QVERIFY(share.start([&](ferry::ShareSettings &s) { s.accessLogPath = logPath; }));
    QSignalSpy lines(&share.service(), &ferry::ShareService::accessLogged);
    QCOMPARE(share.get("/files/share/data.bin"_ba, {"Range: bytes=0-99"_ba}).status, 206);
    QCOMPARE(share.get("/nope"_ba).status, 404);
    QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 2, 10'000);
    const QString first = lines.at(0).first().toString();
    QVERIFY2(first.startsWith(u"127.0.0.1 ["_s), qPrintable(first));
    QVERIFY2(first.contains(u"\"GET /files/share/data.bin HTTP/1.1\" 206 100 "_s), qPrintable(first));
    QVERIFY(first.endsWith(u"ms"_s));
    QVERIFY(lines.at(1).first().toString().contains(u"\"GET /nope HTTP/1.1\" 404 "_s));
    share.stop();
    QFile log(logPath);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QList<QByteArray> fileLines = log.readAll().trimmed().split('\n');
    QCOMPARE(fileLines.size(), 2);
    QCOMPARE(QString::fromUtf8(fileLines[0]), first);
}

void TestShareServerAccess::uploadsReported()
{
    LiveShare share;
    QVERIFY(share.start());
    QSignalSpy started(&share.service(), &ferry::ShareService::uploadStarted);
    QSignalSpy finished(&share.service(), &ferry::ShareService::uploadFinished);
    QCOMPARE(share.get("/files/share/data.bin"_ba, {"Range: bytes=100-"_ba}).status, 206);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
    QCOMPARE(started.size(), 1);
    const auto s = started.first().first().value<ferry::UploadSnapshot>();
    const auto f = finished.first().first().value<ferry::UploadSnapshot>();
    QCOMPARE(s.id, f.id);
    QCOMPARE(s.peer, u"127.0.0.1"_s);
    QCOMPARE(s.path, u"share/data.bin"_s);
    QCOMPARE(s.totalBytes, 900);
    QCOMPARE(s.status, 206);
    QVERIFY(!s.finished);
    QCOMPARE(f.sentBytes, 900);
    QVERIFY(f.finished);
    // HEAD and listings are not uploads.
    QCOMPARE(share.head("/files/share/data.bin"_ba).status, 200);
    QCOMPARE(share.get("/api/files?path=share"_ba).status, 200);
    QTest::qWait(300);
    QCOMPARE(started.size(), 1);
}

QTEST_GUILESS_MAIN(TestShareServerAccess)
#include "tst_shareserver_access.moc"
