// The pure parts of the RPC: the JSON-RPC envelope (one call, batches,
// system.multicall, the token, every kind of bad input answered with exactly
// one JSON-RPC error), GET requests, GIDs and their prefixes, aria2's option
// values, the status structs and the HTTP head reader.
#include "core/ProxyUrl.h"
#include "rpc/Aria2Options.h"
#include "rpc/Aria2Proxy.h"
#include "rpc/Aria2Status.h"
#include "rpc/GidMap.h"
#include "rpc/RpcDispatcher.h"
#include "rpc/RpcHttpHead.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace ferry;

// JSON written as it is, without raw strings (moc cannot read those).
#define J(...) #__VA_ARGS__

namespace {
QJsonValue parse(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}
} // namespace

class RpcDispatcherTest final : public QObject
{
    Q_OBJECT

private:
    RpcDispatcher m_d;
    QJsonArray m_lastParams;

private Q_SLOTS:
    void init()
    {
        m_d = RpcDispatcher();
        m_d.setSecret(QByteArray("s3cret"));
        m_d.addMethod(u"aria2.echo"_s, [this](const QJsonArray &p) {
            m_lastParams = p;
            return RpcResult::success(p);
        });
        m_d.addMethod(u"aria2.fail"_s, [](const QJsonArray &) { return RpcResult::failure(u"it failed"_s); });
        m_d.setNotifications({u"aria2.onDownloadStart"_s});
    }

    void oneCall()
    {
        const auto reply = m_d.handleBody(J({"jsonrpc":"2.0","id":"q1","method":"aria2.echo","params":["token:s3cret",1,"x"]}));
        QCOMPARE(reply.httpStatus, 200);
        QVERIFY(reply.authorized);
        QVERIFY(!reply.unauthorized);
        const QJsonObject o = parse(reply.body).toObject();
        QCOMPARE(o.value(u"id"_s).toString(), u"q1"_s);
        QCOMPARE(o.value(u"jsonrpc"_s).toString(), u"2.0"_s);
        // The token is taken off before the method sees its parameters.
        QCOMPARE(o.value(u"result"_s).toArray(), (QJsonArray{1, u"x"_s}));
    }

    void idsAreEchoed_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addRow("number") << QByteArray("7");
        QTest::addRow("zero") << QByteArray("0");
        QTest::addRow("string") << QByteArray("\"abc\"");
        QTest::addRow("null") << QByteArray("null");
    }
    void idsAreEchoed()
    {
        QFETCH(QByteArray, id);
        const auto reply = m_d.handleBody(QByteArray("{\"id\":" + id + ",\"method\":\"aria2.echo\",\"params\":[\"token:s3cret\"]}"));
        QCOMPARE(parse(reply.body).toObject().value(u"id"_s), parse("[" + id + "]").toArray().first());
    }

    // Each bad input: one JSON-RPC error with aria2's code and message, and the HTTP status aria2 gives it.
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("http");
        QTest::addRow("malformed JSON") << QByteArray("{\"id\":1,") << -32700 << u"Parse error."_s << 500;
        QTest::addRow("not JSON at all") << QByteArray("GET / HTTP/1.1") << -32700 << u"Parse error."_s << 500;
        QTest::addRow("empty body") << QByteArray() << -32700 << u"Parse error."_s << 500;
        QTest::addRow("a number") << QByteArray("42") << -32600 << u"Invalid Request."_s << 400;
        QTest::addRow("no id") << QByteArray(J({"method":"aria2.echo"})) << -32600 << u"Invalid Request."_s << 400;
        QTest::addRow("method not a string") << QByteArray(J({"id":1,"method":5})) << -32600 << u"Invalid Request."_s << 400;
        QTest::addRow("no method") << QByteArray(J({"id":1})) << -32600 << u"Invalid Request."_s << 400;
        QTest::addRow("params an object") << QByteArray(J({"id":1,"method":"aria2.echo","params":{"a":1}})) << -32602
                                          << u"Invalid params."_s << 500;
        QTest::addRow("params a string") << QByteArray(J({"id":1,"method":"aria2.echo","params":"token:s3cret"}))
                                         << -32602 << u"Invalid params."_s << 500;
        QTest::addRow("unknown method") << QByteArray(J({"id":1,"method":"aria2.nope","params":["token:s3cret"]})) << 1
                                        << u"No such method: aria2.nope"_s << 400;
        QTest::addRow("no token") << QByteArray(J({"id":1,"method":"aria2.echo","params":[]})) << 1
                                  << u"Unauthorized"_s << 400;
        QTest::addRow("wrong token") << QByteArray(J({"id":1,"method":"aria2.echo","params":["token:s3cre"]})) << 1
                                     << u"Unauthorized"_s << 400;
        QTest::addRow("token not first") << QByteArray(J({"id":1,"method":"aria2.echo","params":[1,"token:s3cret"]}))
                                         << 1 << u"Unauthorized"_s << 400;
        QTest::addRow("unknown method, wrong token") << QByteArray(J({"id":1,"method":"aria2.nope","params":["token:x"]}))
                                                     << 1 << u"Unauthorized"_s << 400;
        QTest::addRow("method's own error") << QByteArray(J({"id":1,"method":"aria2.fail","params":["token:s3cret"]}))
                                            << 1 << u"it failed"_s << 400;
    }
    void badInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(int, http);
        const auto reply = m_d.handleBody(body);
        const QJsonObject o = parse(reply.body).toObject();
        QVERIFY2(!o.contains(u"result"_s), reply.body.constData());
        QCOMPARE(o.value(u"error"_s).toObject().value(u"code"_s).toInt(), code);
        QCOMPARE(o.value(u"error"_s).toObject().value(u"message"_s).toString(), message);
        QCOMPARE(reply.httpStatus, http);
        QCOMPARE(reply.unauthorized, message == u"Unauthorized");
    }

    void hugeBodyIsRefusedUnread()
    {
        QByteArray body = "{\"id\":1,\"method\":\"aria2.echo\",\"params\":[\"token:s3cret\",\"";
        body += QByteArray(RpcDispatcher::MaxBodyBytes, 'x') + "\"]}";
        const auto reply = m_d.handleBody(body);
        QCOMPARE(reply.httpStatus, 413);
        QCOMPARE(parse(reply.body).toObject().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);
        QVERIFY(m_lastParams.isEmpty());
    }

    void batch()
    {
        const auto reply = m_d.handleBody(J([{"id":1,"method":"aria2.echo","params":["token:s3cret","a"]},
            7, "junk",
            {"id":2,"method":"aria2.nope","params":["token:s3cret"]},
            {"id":3,"method":"system.listNotifications"},
            {"id":4,"method":"aria2.echo","params":["token:bad"]}]));
        QCOMPARE(reply.httpStatus, 200); // a batch is 200 whatever its members say, as aria2
        QVERIFY(reply.unauthorized);
        const QJsonArray answers = parse(reply.body).toArray();
        QCOMPARE(answers.size(), 4); // members that are not objects get no answer (aria2)
        QCOMPARE(answers[0].toObject().value(u"result"_s).toArray(), QJsonArray{u"a"_s});
        QCOMPARE(answers[1].toObject().value(u"error"_s).toObject().value(u"message"_s).toString(), u"No such method: aria2.nope"_s);
        QCOMPARE(answers[2].toObject().value(u"result"_s).toArray(), QJsonArray{u"aria2.onDownloadStart"_s});
        QCOMPARE(answers[3].toObject().value(u"error"_s).toObject().value(u"message"_s).toString(), u"Unauthorized"_s);
        QCOMPARE(parse(m_d.handleBody("[]").body).toArray(), QJsonArray());
    }

    void multicall()
    {
        const auto reply = m_d.handleBody(J({"id":9,"method":"system.multicall","params":[[
            {"methodName":"aria2.echo","params":["token:s3cret",1]},
            {"methodName":"aria2.echo","params":[2]},
            {"methodName":"aria2.fail","params":["token:s3cret"]},
            {"methodName":"system.multicall","params":[[]]},
            {"params":[]},
            "not a struct",
            {"methodName":"aria2.nope","params":["token:s3cret"]}]]}));
        const QJsonArray r = parse(reply.body).toObject().value(u"result"_s).toArray();
        QCOMPARE(r.size(), 7);
        QCOMPARE(r[0], QJsonValue(QJsonArray{QJsonArray{1}})); // a success is wrapped in a one-element array
        QCOMPARE(r[1].toObject().value(u"message"_s).toString(), u"Unauthorized"_s); // each entry carries its token
        QCOMPARE(r[2].toObject().value(u"message"_s).toString(), u"it failed"_s);
        QCOMPARE(r[3].toObject().value(u"message"_s).toString(), u"Recursive system.multicall forbidden."_s);
        QCOMPARE(r[4].toObject().value(u"message"_s).toString(), u"Missing methodName."_s);
        QCOMPARE(r[5].toObject().value(u"message"_s).toString(), u"system.multicall expected struct."_s);
        QCOMPARE(r[6].toObject().value(u"message"_s).toString(), u"No such method: aria2.nope"_s);
        QVERIFY(reply.unauthorized);
        const auto bad = m_d.handleBody(J({"id":9,"method":"system.multicall","params":[{"a":1}]}));
        QCOMPARE(parse(bad.body).toObject().value(u"error"_s).toObject().value(u"message"_s).toString(),
                 u"The parameter at 0 has wrong type."_s);
    }

    void systemMethodsNeedNoToken()
    {
        const QJsonArray names = parse(m_d.handleBody(J({"id":1,"method":"system.listMethods"})).body)
                                     .toObject().value(u"result"_s).toArray();
        QVERIFY(names.contains(u"aria2.echo"_s));
        QVERIFY(names.contains(u"system.multicall"_s));
    }

    void withoutSecretTheTokenIsStillTakenOff()
    {
        m_d.setSecret(std::nullopt);
        QVERIFY(!m_d.handleBody(J({"id":1,"method":"aria2.echo","params":[]})).unauthorized);
        const auto reply = m_d.handleBody(J({"id":1,"method":"aria2.echo","params":["token:anything","x"]}));
        QCOMPARE(parse(reply.body).toObject().value(u"result"_s).toArray(), QJsonArray{u"x"_s});
    }

    void getRequests()
    {
        const QByteArray params = QByteArray(J(["token:s3cret","p"])).toBase64();
        QUrlQuery q(u"method=aria2.echo&id=5&params="_s + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(params))));
        auto reply = m_d.handleQuery(q);
        QJsonObject o = parse(reply.body).toObject();
        QCOMPARE(o.value(u"id"_s).toString(), u"5"_s); // a GET's id arrives as a string, as in aria2
        QCOMPARE(o.value(u"result"_s).toArray(), QJsonArray{u"p"_s});
        // JSONP
        q.addQueryItem(u"jsoncallback"_s, u"cb_1"_s);
        reply = m_d.handleQuery(q);
        QVERIFY(reply.body.startsWith("cb_1({"));
        QVERIFY(reply.body.endsWith("})"));
        // A callback that would inject script is refused.
        QUrlQuery evil(u"method=aria2.echo&id=5&jsoncallback=alert(1)//"_s);
        reply = m_d.handleQuery(evil);
        QCOMPARE(reply.httpStatus, 400);
        QVERIFY(!reply.body.contains("alert"));
        // A whole batch in params, base64
        const QByteArray batch = QByteArray(J([{"id":1,"method":"aria2.echo","params":["token:s3cret"]}])).toBase64();
        reply = m_d.handleQuery(QUrlQuery(u"params="_s + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(batch)))));
        QCOMPARE(parse(reply.body).toArray().size(), 1);
        // Broken base64 JSON
        reply = m_d.handleQuery(QUrlQuery(u"method=aria2.echo&id=1&params=e30x"_s));
        QCOMPARE(parse(reply.body).toObject().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32700);
    }

    void gids()
    {
        GidMap map;
        QVERIFY(map.assign(1, u"2089b05ecca3d829"_s));
        QVERIFY(map.assign(2, u"2089b05ecca3d830"_s));
        QVERIFY(map.assign(3, u"ABCDEF0123456789"_s)); // stored lower-case
        QVERIFY(!map.assign(4, u"2089b05ecca3d829"_s)); // taken
        QVERIFY(!map.assign(4, u"2089b05ecca3d8"_s));   // not 16 digits
        QVERIFY(!map.assign(4, u"0000000000000000"_s)); // aria2 never uses 0
        using L = GidMap::Lookup;
        QCOMPARE(map.find(u"2089b05ecca3d829").status, L::Found);
        QCOMPARE(map.find(u"2089b05ecca3d829").id, DownloadId(1));
        QCOMPARE(map.find(u"2089b05ecca3d83").id, DownloadId(2)); // a unique prefix
        QCOMPARE(map.find(u"2089B05E").status, L::NotUnique);
        QCOMPARE(map.find(u"ab").id, DownloadId(3));
        QCOMPARE(map.find(u"AB").id, DownloadId(3));
        QCOMPARE(map.find(u"ffff").status, L::NotFound);
        QCOMPARE(map.find(u"").status, L::Invalid);
        QCOMPARE(map.find(u"xyz").status, L::Invalid);
        QCOMPARE(map.find(u"2089b05ecca3d8290").status, L::Invalid); // 17 digits
        map.forget(2);
        QCOMPARE(map.find(u"2089b05e").id, DownloadId(1));
        // Made ones: 16 lower-case hex digits, stable, distinct.
        const QString g = map.gidFor(10);
        QVERIFY(GidMap::isValidGid(g));
        QCOMPARE(g, g.toLower());
        QCOMPARE(map.gidFor(10), g);
        QVERIFY(map.gidFor(11) != g);
    }

    void addOptions()
    {
        Aria2GlobalOptions globals;
        globals.dir = u"/downloads"_s;
        QString error;
        auto add = aria2::addOptions(QJsonObject{{u"split"_s, u"8"_s}, {u"max-connection-per-server"_s, u"6"_s},
                                                 {u"header"_s, QJsonArray{u"X-A: 1"_s, u"X-B:2"_s}},
                                                 {u"referer"_s, u"http://r/"_s},
                                                 {u"checksum"_s, QString(u"sha-256="_s + QString(64, u'a'))},
                                                 {u"max-download-limit"_s, u"1M"_s}, {u"pause"_s, u"true"_s},
                                                 {u"out"_s, u"x.iso"_s}, {u"allow-overwrite"_s, u"true"_s},
                                                 {u"http-user"_s, u"me"_s}, {u"http-passwd"_s, u"pw"_s},
                                                 {u"unknown-option"_s, u"whatever"_s}},
                                     globals, &error);
        QVERIFY2(add, qPrintable(error));
        QCOMPARE(add->request.connections, 6); // aria2: at most max-connection-per-server from one server
        QCOMPARE(add->request.directory, u"/downloads"_s);
        QCOMPARE(add->request.fileName, u"x.iso"_s);
        QCOMPARE(add->request.speedLimit, qint64(1 << 20));
        QCOMPARE(add->request.checksum.algorithmName(), u"sha256"_s);
        QCOMPARE(add->request.conflict, ConflictPolicy::Overwrite);
        QVERIFY(add->paused);
        QCOMPARE(add->request.headers.size(), 4);
        QCOMPARE(add->request.headers.at(0).first, QByteArray("X-A"));
        QCOMPARE(add->request.headers.at(1).second, QByteArray("2"));
        QCOMPARE(add->request.headers.at(3).second, "Basic " + QByteArray("me:pw").toBase64());
    }

    void badOptions_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QJsonValue>("value");
        QTest::addRow("split 0") << u"split"_s << QJsonValue(u"0"_s);
        QTest::addRow("split 17") << u"split"_s << QJsonValue(u"17"_s);
        QTest::addRow("split word") << u"split"_s << QJsonValue(u"many"_s);
        QTest::addRow("out with folder") << u"out"_s << QJsonValue(u"../x"_s);
        QTest::addRow("out dot-dot") << u"out"_s << QJsonValue(u".."_s);
        QTest::addRow("header without colon") << u"header"_s << QJsonValue(u"nonsense"_s);
        QTest::addRow("header with CRLF") << u"header"_s << QJsonValue(u"X: a\r\nInjected: b"_s);
        QTest::addRow("checksum unknown") << u"checksum"_s << QJsonValue(u"crc32=abcd"_s);
        QTest::addRow("checksum short") << u"checksum"_s << QJsonValue(u"sha-256=abcd"_s);
        QTest::addRow("limit negative") << u"max-download-limit"_s << QJsonValue(u"-1"_s);
        QTest::addRow("pause yes") << u"pause"_s << QJsonValue(u"yes"_s);
        QTest::addRow("proxy socks4") << u"all-proxy"_s << QJsonValue(u"socks4://127.0.0.1:1080"_s);
        QTest::addRow("proxy bad port") << u"all-proxy"_s << QJsonValue(u"http://127.0.0.1:99999"_s);
        QTest::addRow("proxy no host") << u"all-proxy"_s << QJsonValue(u"http://"_s);
        QTest::addRow("proxy user CRLF") << u"all-proxy-user"_s << QJsonValue(u"a\r\nb"_s);
    }
    void badOptions()
    {
        QFETCH(QString, name);
        QFETCH(QJsonValue, value);
        QString error;
        QVERIFY(!aria2::addOptions(QJsonObject{{name, value}}, Aria2GlobalOptions(), &error));
        QVERIFY2(error.contains(u"'--"_s + name + u'\''), qPrintable(error));
    }

    void globalOptions()
    {
        Aria2GlobalOptions g;
        QString error;
        QVERIFY(aria2::changeGlobal(QJsonObject{{u"max-concurrent-downloads"_s, u"7"_s},
                                                {u"max-overall-download-limit"_s, u"512K"_s}}, &g, &error));
        QCOMPARE(g.maxConcurrentDownloads, 7);
        QCOMPARE(g.maxOverallDownloadLimit, qint64(512 * 1024));
        const QJsonObject json = g.toJson();
        for (auto it = json.begin(); it != json.end(); ++it)
            QVERIFY2(it.value().isString(), qPrintable(it.key()));
        // A bad value changes nothing, not even the good names beside it.
        QVERIFY(!aria2::changeGlobal(QJsonObject{{u"split"_s, u"2"_s}, {u"max-concurrent-downloads"_s, u"0"_s}}, &g, &error));
        QCOMPARE(g.split, 4);
        QCOMPARE(g.maxConcurrentDownloads, 7);
        // The proxy names: kept for the downloads added later, shown without the password.
        QVERIFY(!g.toJson().contains(u"all-proxy"_s)); // as aria2: absent until set
        QVERIFY2(aria2::changeGlobal(QJsonObject{{u"all-proxy"_s, u"127.0.0.1:3128"_s}, {u"all-proxy-user"_s, u"bob"_s},
                                                 {u"all-proxy-passwd"_s, u"s3cret"_s}, {u"no-proxy"_s, u"localhost,.lan"_s}},
                                     &g, &error),
                 qPrintable(error));
        const QJsonObject shown = g.toJson();
        QCOMPARE(shown.value(u"all-proxy"_s).toString(), u"http://127.0.0.1:3128/"_s);
        QCOMPARE(shown.value(u"all-proxy-user"_s).toString(), u"bob"_s);
        QCOMPARE(shown.value(u"no-proxy"_s).toString(), u"localhost,.lan"_s);
        QVERIFY(!shown.contains(u"all-proxy-passwd"_s));
        QVERIFY(!QJsonDocument(shown).toJson().contains("s3cret"));
        auto add = aria2::addOptions(QJsonObject(), g, &error);
        QVERIFY(add);
        QCOMPARE(add->request.proxy.mode, ProxyMode::Manual);
        QCOMPARE(add->request.proxy.url, u"http://bob:s3cret@127.0.0.1:3128"_s);
        QCOMPARE(add->request.proxy.noProxy, u"localhost,.lan"_s);
        // A bad one changes nothing.
        QVERIFY(!aria2::changeGlobal(QJsonObject{{u"all-proxy"_s, u"socks5x://h:1"_s}, {u"split"_s, u"2"_s}}, &g, &error));
        QCOMPARE(error, u"We encountered a problem while processing the option '--all-proxy'."_s);
        QCOMPARE(g.toJson().value(u"all-proxy"_s).toString(), u"http://127.0.0.1:3128/"_s);
        QCOMPARE(g.split, 4);
        // "" is no proxy of its own again: the *_proxy variables.
        QVERIFY(aria2::changeGlobal(QJsonObject{{u"all-proxy"_s, u""_s}}, &g, &error));
        QCOMPARE(g.toJson().value(u"all-proxy"_s).toString(), QString());
        add = aria2::addOptions(QJsonObject(), g, &error);
        QCOMPARE(add->request.proxy.mode, ProxyMode::System);
        QCOMPARE(add->request.proxy.noProxy, u"localhost,.lan"_s);

        // In the window the proxy is Settings → Network's: refused, with where to go.
        Aria2GlobalOptions window;
        window.proxyInSettings = true;
        QVERIFY(!aria2::changeGlobal(QJsonObject{{u"all-proxy"_s, u"http://127.0.0.1:3128"_s}}, &window, &error));
        QVERIFY2(error.contains(u"Settings → Network"_s), qPrintable(error));
        QVERIFY(!window.toJson().contains(u"all-proxy"_s));
        // ... while one download's own proxy is still taken.
        add = aria2::addOptions(QJsonObject{{u"all-proxy"_s, u"socks5h://127.0.0.1:1080"_s}}, window, &error);
        QVERIFY2(add, qPrintable(error));
        QCOMPARE(add->request.proxy.url, u"socks5h://127.0.0.1:1080"_s);
        QCOMPARE(aria2::downloadOptions(add->request, window).value(u"all-proxy"_s).toString(),
                 u"socks5h://127.0.0.1:1080/"_s);
    }

    // aria2c 1.36's own answers (changeGlobalOption, then getGlobalOption),
    // and where Ferry goes further (SOCKS5).
    void proxyValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("normal"); // "!" = refused
        QTest::addRow("no scheme") << u"127.0.0.1:3128"_s << u"http://127.0.0.1:3128/"_s;
        QTest::addRow("name only") << u"proxy.lan"_s << u"http://proxy.lan/"_s;
        QTest::addRow("http") << u"http://127.0.0.1:3128"_s << u"http://127.0.0.1:3128/"_s;
        QTest::addRow("https is http") << u"https://127.0.0.1:3128"_s << u"http://127.0.0.1:3128/"_s;
        QTest::addRow("ftp is http") << u"ftp://127.0.0.1:21"_s << u"http://127.0.0.1:21/"_s;
        QTest::addRow("login") << u"http://u:p@127.0.0.1:3128"_s << u"http://u:p@127.0.0.1:3128/"_s;
        QTest::addRow("ipv6") << u"http://[::1]:3128"_s << u"http://[::1]:3128/"_s;
        QTest::addRow("path kept") << u"127.0.0.1:3128/path"_s << u"http://127.0.0.1:3128/path"_s;
        QTest::addRow("empty") << QString() << QString();
        QTest::addRow("port 99999") << u"http://127.0.0.1:99999"_s << u"!"_s;
        QTest::addRow("no host") << u"http://"_s << u"!"_s;
        QTest::addRow("socks4") << u"socks4://127.0.0.1:1080"_s << u"!"_s;
        // Beyond aria2, which refuses these:
        QTest::addRow("socks5") << u"socks5://127.0.0.1:1080"_s << u"socks5://127.0.0.1:1080/"_s;
        QTest::addRow("socks5h") << u"SOCKS5H://127.0.0.1:1080"_s << u"socks5h://127.0.0.1:1080/"_s;
        // aria2 takes port 0 (and then connects to 80); nothing listens there.
        QTest::addRow("port 0") << u"http://127.0.0.1:0"_s << u"!"_s;
    }
    void proxyValues()
    {
        QFETCH(QString, value);
        QFETCH(QString, normal);
        const auto got = aria2::normalizeAllProxy(value);
        if (normal == u"!")
            QVERIFY2(!got, qPrintable(got.value_or(QString())));
        else
            QCOMPARE(got.value_or(u"!"_s), normal);
    }

    // The ProxySetting a download gets, and back (changeOption works on top of it).
    void proxySettings()
    {
        Aria2Proxy p;
        QVERIFY(aria2::setProxyOption(&p, u"all-proxy"_s, u"proxy.lan"_s));
        QCOMPARE(p.setting().url, u"http://proxy.lan:80"_s); // aria2's port for http
        QVERIFY(aria2::setProxyOption(&p, u"all-proxy"_s, u"socks5://u:p@127.0.0.1"_s));
        QCOMPARE(p.setting().url, u"socks5://u:p@127.0.0.1:1080"_s);
        QVERIFY(aria2::setProxyOption(&p, u"all-proxy-passwd"_s, u"p@ss:w"_s));
        QCOMPARE(p.setting().url, u"socks5://u:p%40ss:w@127.0.0.1:1080"_s);
        QCOMPARE(parseProxyUrl(p.setting().url).proxy.password(), u"p@ss:w"_s); // what the engine reads
        const Aria2Proxy back = aria2::proxyOf(p.setting());
        QCOMPARE(back.setting(), p.setting());
        QJsonObject shown;
        back.insertInto(shown);
        QCOMPARE(shown, (QJsonObject{{u"all-proxy"_s, u"socks5://127.0.0.1:1080/"_s}, {u"all-proxy-user"_s, u"u"_s}}));
        QCOMPARE(aria2::proxyOf(ProxySetting{ProxyMode::Manual, u"http://h:80"_s, {}}).allProxy.value_or(QString()),
                 u"http://h/"_s);
    }

    void statusWordsAndErrorCodes_data()
    {
        QTest::addColumn<DownloadState>("state");
        QTest::addColumn<bool>("wanted");
        QTest::addColumn<FailureCause>("cause");
        QTest::addColumn<bool>("removed");
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("code");
        using S = DownloadState;
        using C = FailureCause;
        QTest::addRow("downloading") << S::Downloading << true << C::None << false << u"active"_s << 0;
        QTest::addRow("verifying") << S::Verifying << true << C::None << false << u"active"_s << 0;
        QTest::addRow("queued") << S::Queued << true << C::None << false << u"waiting"_s << 0;
        QTest::addRow("paused") << S::Paused << false << C::None << false << u"paused"_s << 0;
        QTest::addRow("completed") << S::Completed << true << C::None << false << u"complete"_s << 0;
        QTest::addRow("removed") << S::Downloading << false << C::None << true << u"removed"_s << 31;
        QTest::addRow("404") << S::Failed << true << C::NotFound << false << u"error"_s << 3;
        QTest::addRow("disk full") << S::Failed << true << C::NoSpace << false << u"error"_s << 9;
        QTest::addRow("checksum") << S::Failed << true << C::Checksum << false << u"error"_s << 32;
        QTest::addRow("network") << S::Failed << true << C::Network << false << u"error"_s << 6;
        QTest::addRow("no such host") << S::Failed << true << C::HostNotFound << false << u"error"_s << 19;
        QTest::addRow("other status") << S::Failed << true << C::HttpStatus << false << u"error"_s << 22;
        QTest::addRow("redirects") << S::Failed << true << C::TooManyRedirects << false << u"error"_s << 23;
        QTest::addRow("file") << S::Failed << true << C::FileError << false << u"error"_s << 17;
        QTest::addRow("restored failure") << S::Failed << true << C::None << false << u"error"_s << 1;
    }
    void statusWordsAndErrorCodes()
    {
        QFETCH(DownloadState, state);
        QFETCH(bool, wanted);
        QFETCH(FailureCause, cause);
        QFETCH(bool, removed);
        QFETCH(QString, word);
        QFETCH(int, code);
        Aria2Entry e;
        e.gid = u"0123456789abcdef"_s;
        e.snapshot.state = state;
        e.snapshot.wanted = wanted;
        e.snapshot.cause = cause;
        e.snapshot.errorMessage = u"why"_s;
        e.snapshot.totalBytes = 3 * 1024 * 1024 + 1;
        e.snapshot.receivedBytes = 1000;
        e.removed = removed;
        e.request.url = QUrl(u"http://user:pw@host/f.bin"_s);
        e.request.directory = u"/d"_s;
        QCOMPARE(aria2::statusWord(e.snapshot, removed), word);
        const QJsonObject s = aria2::status(e);
        QCOMPARE(s.value(u"status"_s).toString(), word);
        QCOMPARE(s.value(u"numPieces"_s).toString(), u"4"_s);
        // Every value a string (files is the one list).
        for (auto it = s.begin(); it != s.end(); ++it)
            QVERIFY2(it.value().isString() || it.key() == u"files", qPrintable(it.key()));
        const bool stopped = word == u"complete" || word == u"error" || word == u"removed";
        QCOMPARE(s.contains(u"errorCode"_s), stopped);
        if (stopped)
            QCOMPARE(s.value(u"errorCode"_s).toString(), QString::number(code));
        // A login never shows.
        QVERIFY(!QJsonDocument(s).toJson().contains("pw"));
        // keys filter
        const QJsonObject some = aria2::status(e, {u"gid"_s, u"totalLength"_s, u"nonsense"_s});
        QCOMPARE(some.keys(), (QStringList{u"gid"_s, u"totalLength"_s}));
    }

    void httpHead_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        using S = RpcHttpHead::Status;
        QTest::addRow("post") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello") << int(S::Complete);
        QTest::addRow("incomplete") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\n") << int(S::Incomplete);
        QTest::addRow("no host") << QByteArray("POST /jsonrpc HTTP/1.1\r\n\r\n") << int(S::BadRequest);
        QTest::addRow("bare LF") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\nA: b\r\n\r\n") << int(S::BadRequest);
        QTest::addRow("two lengths") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << int(S::BadRequest);
        QTest::addRow("bad length") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << int(S::BadRequest);
        QTest::addRow("chunked") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n") << int(S::LengthRequired);
        QTest::addRow("huge body") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 2097153\r\n\r\n") << int(S::BodyTooLarge);
        QTest::addRow("overflowing length") << QByteArray("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n") << int(S::BadRequest);
        QTest::addRow("huge head") << QByteArray("GET /jsonrpc HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(20000, 'a')) << int(S::TooLarge);
        QTest::addRow("not http") << QByteArray("HELLO\r\n\r\n") << int(S::BadRequest);
        QTest::addRow("NUL") << QByteArray("GET /json\0rpc HTTP/1.1\r\nHost: x\r\n\r\n", 37) << int(S::BadRequest);
    }
    void httpHead()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QCOMPARE(int(RpcHttpHead::parse(bytes, RpcDispatcher::MaxBodyBytes).status), status);
    }

    void httpHeadFields()
    {
        const RpcHttpHead h = RpcHttpHead::parse("GET /jsonrpc?method=x&id=1 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\n"
                                                 "Upgrade: websocket\r\nOrigin: http://a\r\n\r\n", 100);
        QCOMPARE(h.status, RpcHttpHead::Status::Complete);
        QCOMPARE(h.path, u"/jsonrpc"_s);
        QCOMPARE(h.query, u"method=x&id=1"_s);
        QVERIFY(h.webSocketUpgrade);
        QCOMPARE(h.header("origin"), QByteArray("http://a"));
        const RpcHttpHead old = RpcHttpHead::parse("POST /jsonrpc HTTP/1.0\r\n\r\n", 100);
        QCOMPARE(old.status, RpcHttpHead::Status::Complete);
        QVERIFY(!old.keepAlive);
    }
};

QTEST_APPLESS_MAIN(RpcDispatcherTest)
#include "tst_rpc_dispatcher.moc"
