// The live-events hub's door against real clients over loopback: the access
// rules of /ws (token, Origin, a browser's cookie), the caps on WebSockets,
// and a raw socket that stops reading, to show that a slow client never makes
// the server buffer without bound. The protocol itself: tst_liveevents.
#include "tests/support/LiveEventsClients.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::LiveEvents;
using namespace ferry::test;

class TestLiveEventsAccess final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webSocketsCountUnderTheCaps();
    void browserAccess();
    void refused_data();
    void refused();
    void tooManyClients();
    void slowReaderProgressCoalesced();
    void slowReaderDroppedAtCap();
};

// After the upgrade a live-events client still holds its connection slot:
// WebSockets cannot be used to get past the per-address cap. A slot comes
// back when its client goes.
void TestLiveEventsAccess::webSocketsCountUnderTheCaps()
{
    LiveHub live;
    QVERIFY(live.start([](ferry::ShareSettings &s) { s.maxConnectionsPerAddress = 4; }));
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<WsClient>());
        QVERIFY(clients.back()->openWithToken(live.port()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 4, 10'000);
    // A fifth WebSocket, and a plain request, from the same address: refused.
    WsClient fifth;
    QVERIFY(!fifth.open(live.port(), {{"Authorization"_ba, bearer()}}));
    const auto refused = live.share().get("/api/status"_ba);
    QCOMPARE(refused.status, 503);
    // Another address is not affected.
    ferry::test::RawHttpClient other;
    QVERIFY(other.connectTo(live.port(), QHostAddress(u"127.0.0.2"_s)));
    QVERIFY(other.send(live.share().requestHead("GET"_ba, "/api/status"_ba)));
    QCOMPARE(other.readResponse().status, 200);
    // One client leaves: its slot is free again.
    clients.front()->socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 3, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(live.share().get("/api/status"_ba).status, 200, 10'000);
    WsClient again;
    QVERIFY(again.openWithToken(live.port()));
}

void TestLiveEventsAccess::browserAccess()
{
    LiveHub live;
    QVERIFY(live.start());
    const QByteArray origin = "http://127.0.0.1:"_ba + QByteArray::number(live.port());
    // What a page opened with ?token= does: the same-origin cookie, and an Origin header.
    const auto opened = live.share().get("/?token="_ba + QByteArray(LiveShare::Token), {}, false);
    const QByteArray setCookie = opened.header("set-cookie");
    QVERIFY2(setCookie.startsWith("ferry_session="), setCookie.constData());
    WsClient withCookie;
    QVERIFY(withCookie.open(live.port(), {{"Cookie"_ba, setCookie.left(setCookie.indexOf(';'))},
                                          {"Origin"_ba, origin}}));
    QTRY_COMPARE_WITH_TIMEOUT(withCookie.messages().size(), 2, 10'000);
    WsClient withQuery;
    QVERIFY(withQuery.open(live.port(), {{"Origin"_ba, origin}}, u"token="_s + QString::fromLatin1(LiveShare::Token)));
    QTRY_COMPARE_WITH_TIMEOUT(withQuery.messages().size(), 2, 10'000);
    QCOMPARE(live.clientCount(), 2);

    // Without a token the page is open to anyone, but the Origin still counts.
    LiveHub open;
    QVERIFY(open.start([](ferry::ShareSettings &s) { s.requireToken = false; }));
    WsClient anyone;
    QVERIFY(anyone.open(open.port(), {{"Origin"_ba, "http://127.0.0.1:"_ba + QByteArray::number(open.port())}}));
    QTRY_COMPARE_WITH_TIMEOUT(anyone.messages().size(), 2, 10'000);
    WsClient foreign;
    QVERIFY(!foreign.open(open.port(), {{"Origin"_ba, "http://evil.example"_ba}}));
    QCOMPARE(open.clientCount(), 1);
}

void TestLiveEventsAccess::refused_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("cookie");
    const QByteArray good = bearer();
    QTest::addRow("no token") << QByteArray() << QByteArray() << QByteArray();
    QTest::addRow("wrong token") << "Bearer wrong-token-123456789"_ba << QByteArray() << QByteArray();
    QTest::addRow("wrong cookie") << QByteArray() << QByteArray() << "ferry_session=nope"_ba;
    QTest::addRow("token as cookie") << QByteArray() << QByteArray() << "ferry_token="_ba + QByteArray(LiveShare::Token);
    QTest::addRow("foreign origin") << good << "http://evil.example"_ba << QByteArray();
    QTest::addRow("foreign origin, same host other port") << good << "http://127.0.0.1:1"_ba << QByteArray();
    QTest::addRow("null origin") << good << "null"_ba << QByteArray();
    QTest::addRow("file origin") << good << "file://"_ba << QByteArray();
    QTest::addRow("foreign origin with bearer") << bearer() << "http://evil.example:80"_ba << QByteArray();
}

void TestLiveEventsAccess::refused()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, cookie);
    LiveHub live;
    QVERIFY(live.start());
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization"_ba, authorization});
    if (!origin.isEmpty())
        headers.append({"Origin"_ba, origin});
    if (!cookie.isEmpty())
        headers.append({"Cookie"_ba, cookie});
    WsClient client;
    QVERIFY(!client.open(live.port(), headers));
    QCOMPARE(client.messages().size(), 0);
    QCOMPARE(live.clientCount(), 0);

    // The same server still takes a proper client.
    WsClient good;
    QVERIFY(good.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(good.messages().size(), 2, 10'000);
}

void TestLiveEventsAccess::tooManyClients()
{
    LiveHub live;
    QVERIFY(live.start());
    live.run([](LiveEvents &hub) {
        LiveEvents::Limits limits = hub.limits();
        limits.maxClients = 2;
        hub.setLimits(limits);
    });
    WsClient a;
    WsClient b;
    WsClient c;
    QVERIFY(a.openWithToken(live.port()));
    QVERIFY(b.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 2, 10'000);
    c.openWithToken(live.port());
    QTRY_VERIFY_WITH_TIMEOUT(c.gone(), 10'000);
    QCOMPARE(c.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(c.count(u"hello"_s), 0);
    QCOMPARE(live.clientCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(a.count(u"hello"_s), 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(b.count(u"hello"_s), 1, 10'000);
}

void TestLiveEventsAccess::slowReaderProgressCoalesced()
{
    // A client that stops reading while thousands of downloads progress: their
    // progress is held back and coalesced — it is neither buffered without
    // bound nor a reason to drop the client — and once it reads again it gets
    // the latest values.
    constexpr int Downloads = 10'000;
    constexpr int Rounds = 40;
    LiveHub live;
    QVERIFY(live.start());
    LiveEvents::Limits limits;
    live.run([&](LiveEvents &hub) {
        limits = hub.limits();
        limits.progressIntervalMs = 50; // more offered than any reader could take
        hub.setLimits(limits);
    });
    int dropped = 0;
    QObject context; // queued reports die with it, never outliving `dropped`
    connect(live.hub(), &LiveEvents::clientDropped, &context, [&dropped] { ++dropped; });

    StalledClient client;
    QVERIFY(client.connectAndUpgrade(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 1, 10'000);

    auto round = [](int r) {
        QList<DownloadSnapshot> changed;
        changed.reserve(Downloads);
        for (int i = 1; i <= Downloads; ++i) {
            DownloadSnapshot d;
            d.id = ferry::DownloadId(i);
            d.state = DownloadState::Downloading;
            d.totalBytes = 1'000'000'000;
            d.receivedBytes = qint64(r) * 1'000'000 + i;
            d.bytesPerSecond = 1e6;
            d.etaSeconds = 1000 - r;
            d.connections = 4;
            changed.append(d);
        }
        return changed;
    };
    for (int r = 1; r <= Rounds; ++r) {
        live.post([changed = round(r)](LiveEvents &hub) { hub.updateDownloads(changed); });
        QTest::qWait(60);
    }
    QTest::qWait(500);
    const qint64 peak = live.peakBacklog();
    QCOMPARE(dropped, 0);
    QCOMPARE(live.clientCount(), 1);

    // Now read everything: the last values must win.
    QHash<qint64, qint64> latest;
    qsizetype applied = 0;
    const qint64 finalBase = qint64(Rounds) * 1'000'000;
    auto caughtUp = [&] {
        for (; applied < client.messages().size(); ++applied) {
            const QJsonObject &m = client.messages().at(applied);
            if (m.value(u"type"_s).toString() != u"progress")
                continue;
            for (const QJsonValue &v : m.value(u"downloads"_s).toArray())
                latest.insert(v.toObject().value(u"id"_s).toInteger(), v.toObject().value(u"received"_s).toInteger());
        }
        if (latest.size() != Downloads)
            return false;
        for (int i = 1; i <= Downloads; ++i) {
            if (latest.value(i) != finalBase + i)
                return false;
        }
        return true;
    };
    client.readUntil(caughtUp, 60'000);
    QVERIFY2(caughtUp(), qPrintable(u"%1 messages read, %2 downloads known"_s.arg(client.messages().size()).arg(latest.size())));
    QVERIFY(!client.closed());

    const qint64 progressMessage = client.largestMessage();
    const qsizetype progressCount = client.messages().size() - 2;
    qInfo("peak backlog %lld bytes, %lld progress messages of up to %lld bytes for %d rounds", peak,
          qint64(progressCount), qint64(progressMessage), Rounds);
    // The reader really fell behind (the kernel could not hide it)...
    QVERIFY2(peak > limits.progressWatermark, qPrintable(u"peak %1"_s.arg(peak)));
    // ...yet at most one progress message ever sat above the watermark.
    QVERIFY2(peak <= limits.progressWatermark + progressMessage + 1024,
             qPrintable(u"peak %1, watermark %2, message %3"_s.arg(peak).arg(limits.progressWatermark).arg(progressMessage)));
    QVERIFY2(progressCount < Rounds, qPrintable(u"%1 progress messages for %2 rounds"_s.arg(progressCount).arg(Rounds)));
}

void TestLiveEventsAccess::slowReaderDroppedAtCap()
{
    // State messages are never skipped, so a client that stops reading while
    // they keep coming is disconnected once its backlog reaches the cap —
    // never buffered past it.
    LiveHub live;
    QVERIFY(live.start());
    LiveEvents::Limits limits;
    live.run([&](LiveEvents &hub) { limits = hub.limits(); });
    int dropped = 0;
    QObject context; // queued reports die with it, never outliving `dropped`
    connect(live.hub(), &LiveEvents::clientDropped, &context, [&dropped] { ++dropped; });

    StalledClient client;
    QVERIFY(client.connectAndUpgrade(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 1, 10'000);
    WsClient reader; // a healthy client beside it keeps its connection
    QVERIFY(reader.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 2, 10'000);

    // 8 KiB names: 4,000 state changes offer about 32 MiB, far beyond the
    // kernel's buffers plus the 4 MiB cap.
    const QString longName = QString(8 * 1024, u'n');
    qint64 offered = 0;
    int batch = 0;
    for (; batch < 400 && dropped == 0; ++batch) {
        live.post([longName, batch](LiveEvents &hub) {
            for (int i = 0; i < 10; ++i) {
                const auto state = (batch + i) % 2 ? DownloadState::Paused : DownloadState::Downloading;
                hub.downloadStateChanged(download(ferry::DownloadId(batch * 10 + i + 1), longName, 0, 100, state));
            }
        });
        offered += 10 * (longName.size() + 300);
        QTest::qWait(10); // slow enough for the healthy reader beside it
    }
    QTRY_COMPARE_WITH_TIMEOUT(dropped, 1, 30'000);
    qInfo("dropped after %d batches (about %lld bytes offered)", batch, offered);
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 1, 10'000);
    const qint64 peak = live.peakBacklog();
    QVERIFY2(peak <= limits.backlogCap, qPrintable(u"peak backlog %1 over the cap %2"_s.arg(peak).arg(limits.backlogCap)));

    // The stalled client finds its connection gone once it reads; the reader is still served.
    client.readUntil([] { return false; }, 30'000);
    QVERIFY(client.closed());
    QVERIFY(!reader.gone());
    reader.socket().sendTextMessage(u"ping"_s);
    QTRY_COMPARE_WITH_TIMEOUT(reader.count(u"pong"_s), 1, 30'000);
}

QTEST_GUILESS_MAIN(TestLiveEventsAccess)
#include "tst_liveevents_access.moc"
