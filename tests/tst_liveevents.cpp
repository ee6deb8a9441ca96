// The live-events hub's protocol against real clients over loopback: a share
// server with the hub attached (as `ferry serve` does) and QWebSocket clients
// for hello, snapshot, batched progress, immediate state, peer transfers,
// upload speed and ping. Downloads are hand-made DownloadSnapshots fed through
// the hub's slots. Who may connect and slow readers: tst_liveevents_access.
#include "tests/support/LiveEventsClients.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::LiveEvents;
using namespace ferry::test;

class TestLiveEvents final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helloThenSnapshot();
    void progressIsBatched();
    void stateIsImmediate();
    void stateEvents_data();
    void stateEvents();
    void removedAndAdded();
    void peerTransfers();
    void otherPeersAddressesStayHidden();
    void uploadSpeedIsWhatThePeerReads();
    void pingPong();
};

void TestLiveEvents::helloThenSnapshot()
{
    LiveHub live;
    QVERIFY(live.start());
    live.run([](LiveEvents &hub) {
        hub.setDownloads({download(7, u"第一个.iso"_s, 250'000), download(3, u"second.bin"_s, 0, -1, DownloadState::Queued)});
    });

    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    const QJsonObject hello = client.messages().at(0);
    QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
    QCOMPARE(hello.value(u"protocol"_s).toInt(), LiveEvents::ProtocolVersion);
    QCOMPARE(hello.value(u"server"_s).toString(), u"test-host"_s);
    QCOMPARE(hello.value(u"version"_s).toString(), QStringLiteral(FERRY_VERSION));

    const QJsonObject snapshot = client.messages().at(1);
    QCOMPARE(snapshot.value(u"type"_s).toString(), u"snapshot"_s);
    const QJsonArray downloads = snapshot.value(u"downloads"_s).toArray();
    QCOMPARE(downloads.size(), 2);
    // In the order they were given, with every field the page shows.
    const QJsonObject first = downloads.at(0).toObject();
    QCOMPARE(first.value(u"id"_s).toInteger(), 7);
    QCOMPARE(first.value(u"name"_s).toString(), u"第一个.iso"_s);
    QCOMPARE(first.value(u"host"_s).toString(), u"example.org"_s);
    QCOMPARE(first.value(u"state"_s).toString(), u"downloading"_s);
    QCOMPARE(first.value(u"received"_s).toInteger(), 250'000);
    QCOMPARE(first.value(u"total"_s).toInteger(), 1'000'000);
    QCOMPARE(first.value(u"connections"_s).toInt(), 4);
    QCOMPARE(first.value(u"added"_s).toInteger(), 1'700'000'000);
    const QJsonObject second = downloads.at(1).toObject();
    QCOMPARE(second.value(u"id"_s).toInteger(), 3);
    QCOMPARE(second.value(u"state"_s).toString(), u"queued"_s);
    QCOMPARE(second.value(u"total"_s).toInteger(), -1);
    QVERIFY(snapshot.value(u"uploads"_s).isArray());
    QCOMPARE(snapshot.value(u"uploads"_s).toArray().size(), 0);

    // Peers see the host of a download, never its full URL or local path.
    const QString all = client.raw().join(u'\n');
    QVERIFY2(!all.contains(u"SECRET-SESSION-42"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"/home/someone"_s), qPrintable(all));
    QCOMPARE(live.clientCount(), 1);
}

void TestLiveEvents::progressIsBatched()
{
    LiveHub live;
    QVERIFY(live.start());
    const QList<ferry::DownloadId> ids {1, 2, 3};
    live.run([&](LiveEvents &hub) {
        QList<DownloadSnapshot> list;
        for (const auto id : ids)
            list.append(download(id, u"file-%1"_s.arg(id)));
        hub.setDownloads(list);
    });
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    // Feed every download's progress as fast as a busy engine might, for a second.
    QElapsedTimer clock;
    clock.start();
    int updates = 0;
    qint64 received = 0;
    while (clock.elapsed() < 1000) {
        received += 1000;
        QList<DownloadSnapshot> changed;
        for (const auto id : ids)
            changed.append(download(id, u"file-%1"_s.arg(id), received + qint64(id)));
        live.post([changed](LiveEvents &hub) { hub.updateDownloads(changed); });
        ++updates;
        QTest::qWait(5);
    }
    const auto lastArrived = [&] {
        const auto progress = client.ofType(u"progress"_s);
        if (progress.isEmpty())
            return false;
        // Entries come in no particular order.
        for (const QJsonValue &v : progress.last().value(u"downloads"_s).toArray()) {
            const QJsonObject d = v.toObject();
            if (d.value(u"received"_s).toInteger() != received + d.value(u"id"_s).toInteger())
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(lastArrived(), 10'000);
    const qint64 elapsed = clock.elapsed();

    const auto progress = client.ofType(u"progress"_s);
    const auto sent = progress.size();
    QVERIFY2(updates >= 20, qPrintable(u"only %1 updates fed"_s.arg(updates)));
    // At most one message per 250 ms since the first update, however many updates.
    QVERIFY2(sent <= elapsed / 250 + 1,
             qPrintable(u"%1 progress messages in %2 ms for %3 updates"_s.arg(sent).arg(elapsed).arg(updates)));
    QVERIFY2(sent * 5 <= updates, qPrintable(u"%1 messages for %2 updates"_s.arg(sent).arg(updates)));
    // Each message carries every changed download at once, latest values only.
    for (const QJsonObject &m : progress) {
        const QJsonArray list = m.value(u"downloads"_s).toArray();
        QCOMPARE(list.size(), ids.size());
        QSet<qint64> seen;
        for (const QJsonValue &v : list)
            seen.insert(v.toObject().value(u"id"_s).toInteger());
        QCOMPARE(seen, (QSet<qint64> {1, 2, 3}));
    }
    QHash<qint64, qint64> last;
    for (const QJsonValue &v : progress.last().value(u"downloads"_s).toArray())
        last.insert(v.toObject().value(u"id"_s).toInteger(), v.toObject().value(u"received"_s).toInteger());
    for (const auto id : ids)
        QCOMPARE(last.value(qint64(id)), received + qint64(id));
    QCOMPARE(client.count(u"state"_s), 0); // progress is not a state change
}

void TestLiveEvents::stateIsImmediate()
{
    LiveHub live;
    QVERIFY(live.start());
    // A progress tick far beyond the test's patience: only an immediate send can pass.
    live.run([](LiveEvents &hub) {
        LiveEvents::Limits limits = hub.limits();
        limits.progressIntervalMs = 120'000;
        hub.setLimits(limits);
        hub.setDownloads({download(5, u"five.bin"_s, 10)});
    });
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    live.post([](LiveEvents &hub) { hub.updateDownloads({download(5, u"five.bin"_s, 500)}); });
    live.post([](LiveEvents &hub) { hub.downloadStateChanged(download(5, u"five.bin"_s, 600, 1'000'000, DownloadState::Paused)); });
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"state"_s), 1, 10'000);
    const QJsonObject state = client.ofType(u"state"_s).first();
    QCOMPARE(state.value(u"event"_s).toString(), u"paused"_s);
    const QJsonObject d = state.value(u"download"_s).toObject();
    QCOMPARE(d.value(u"id"_s).toInteger(), 5);
    QCOMPARE(d.value(u"state"_s).toString(), u"paused"_s);
    QCOMPARE(d.value(u"received"_s).toInteger(), 600);
    QCOMPARE(client.count(u"progress"_s), 0); // still waiting for its tick
}

void TestLiveEvents::stateEvents_data()
{
    QTest::addColumn<int>("stateValue");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("key");
    const auto row = [](const char *name, DownloadState state, const QString &event, const QString &key) {
        QTest::addRow("%s", name) << int(state) << event << key;
    };
    row("started", DownloadState::Downloading, u"started"_s, u"downloading"_s);
    row("paused", DownloadState::Paused, u"paused"_s, u"paused"_s);
    row("queued", DownloadState::Queued, u"queued"_s, u"queued"_s);
    row("verifying", DownloadState::Verifying, u"verifying"_s, u"verifying"_s);
    row("completed", DownloadState::Completed, u"completed"_s, u"completed"_s);
    row("failed", DownloadState::Failed, u"failed"_s, u"failed"_s);
}

void TestLiveEvents::stateEvents()
{
    QFETCH(int, stateValue);
    const auto state = DownloadState(stateValue);
    QFETCH(QString, event);
    QFETCH(QString, key);
    LiveHub live;
    QVERIFY(live.start());
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    DownloadSnapshot d = download(9, u"nine.bin"_s, 1000, 1000, state);
    if (state == DownloadState::Failed) {
        d.errorKind = ferry::ErrorKind::NeedsUser;
        d.errorMessage = u"The link has expired (HTTP 403)"_s;
    }
    live.post([d](LiveEvents &hub) { hub.downloadStateChanged(d); });
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"state"_s), 1, 10'000);
    const QJsonObject m = client.ofType(u"state"_s).first();
    QCOMPARE(m.value(u"event"_s).toString(), event);
    QCOMPARE(m.value(u"download"_s).toObject().value(u"state"_s).toString(), key);
    if (state == DownloadState::Failed) {
        QCOMPARE(m.value(u"download"_s).toObject().value(u"errorKind"_s).toString(), u"needs-user"_s);
        QCOMPARE(m.value(u"download"_s).toObject().value(u"error"_s).toString(), u"The link has expired (HTTP 403)"_s);
    }
}

void TestLiveEvents::removedAndAdded()
{
    LiveHub live;
    QVERIFY(live.start());
    live.run([](LiveEvents &hub) { hub.setDownloads({download(1, u"one"_s)}); });
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    live.post([](LiveEvents &hub) { hub.downloadAdded(download(2, u"two"_s, 0, -1, DownloadState::Queued)); });
    live.post([](LiveEvents &hub) { hub.downloadRemoved(1); });
    live.post([](LiveEvents &hub) { hub.downloadRemoved(404); }); // unknown: nothing to say
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"state"_s), 2, 10'000);
    const auto states = client.ofType(u"state"_s);
    QCOMPARE(states.at(0).value(u"event"_s).toString(), u"added"_s);
    QCOMPARE(states.at(0).value(u"download"_s).toObject().value(u"name"_s).toString(), u"two"_s);
    QCOMPARE(states.at(1).value(u"event"_s).toString(), u"removed"_s);
    QCOMPARE(states.at(1).value(u"download"_s).toObject().value(u"id"_s).toInteger(), 1);

    // A client arriving now sees the list as it is.
    WsClient late;
    QVERIFY(late.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(late.messages().size(), 2, 10'000);
    const QJsonArray downloads = late.messages().at(1).value(u"downloads"_s).toArray();
    QCOMPARE(downloads.size(), 1);
    QCOMPARE(downloads.at(0).toObject().value(u"id"_s).toInteger(), 2);
    QTest::qWait(300);
    QCOMPARE(client.count(u"state"_s), 2);
}

void TestLiveEvents::peerTransfers()
{
    LiveHub live;
    QVERIFY(live.start());
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    // A real download from the share server shows up as a peer's transfer.
    const auto r = live.share().get("/files/share/data.bin"_ba, {"Range: bytes=100-"_ba});
    QCOMPARE(r.status, 206);
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"peer"_s), 2, 10'000);
    const auto peers = client.ofType(u"peer"_s);
    const QJsonObject started = peers.at(0).value(u"upload"_s).toObject();
    const QJsonObject finished = peers.at(1).value(u"upload"_s).toObject();
    QCOMPARE(peers.at(0).value(u"event"_s).toString(), u"started"_s);
    QCOMPARE(peers.at(1).value(u"event"_s).toString(), u"finished"_s);
    QCOMPARE(started.value(u"path"_s).toString(), u"share/data.bin"_s);
    QCOMPARE(started.value(u"peer"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(started.value(u"total"_s).toInteger(), 900);
    QCOMPARE(started.value(u"status"_s).toInt(), 206);
    QCOMPARE(started.value(u"finished"_s).toBool(), false);
    QCOMPARE(finished.value(u"id"_s), started.value(u"id"_s));
    QCOMPARE(finished.value(u"sent"_s).toInteger(), 900);
    QCOMPARE(finished.value(u"finished"_s).toBool(), true);

    // Progress of peers' transfers goes out batched like downloads'.
    ferry::UploadSnapshot u;
    u.id = 77;
    u.peer = u"192.0.2.7"_s;
    u.path = u"share/big.iso"_s;
    u.totalBytes = 1'000'000;
    live.post([u](LiveEvents &hub) { hub.uploadStarted(u); });
    for (int i = 1; i <= 50; ++i) {
        ferry::UploadSnapshot p = u;
        p.sentBytes = i * 1000;
        live.post([p](LiveEvents &hub) { hub.uploadsProgress({p}); });
    }
    const auto sentNow = [&] {
        const auto progress = client.ofType(u"progress"_s);
        return progress.isEmpty() ? qint64(-1)
                                  : progress.last().value(u"uploads"_s).toArray().at(0).toObject().value(u"sent"_s).toInteger();
    };
    QTRY_COMPARE_WITH_TIMEOUT(sentNow(), qint64(50'000), 10'000);
    QVERIFY(client.count(u"progress"_s) < 50);
    // A report arriving after the transfer ended does not bring it back.
    live.post([u](LiveEvents &hub) { hub.uploadFinished(u); });
    ferry::UploadSnapshot late = u;
    late.sentBytes = 999;
    live.post([late](LiveEvents &hub) { hub.uploadsProgress({late}); });
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"peer"_s), 4, 10'000);
    QTest::qWait(600);
    QCOMPARE(sentNow(), qint64(50'000));
}

// Live events show a peer its own transfers (with its address) and the file
// names of others' — never where another device is on the LAN.
void TestLiveEvents::otherPeersAddressesStayHidden()
{
    LiveHub live;
    QVERIFY(live.start());
    WsClient client; // from 127.0.0.1
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);

    // Another device (127.0.0.2) fetches a file, then this one does.
    ferry::test::RawHttpClient other;
    QVERIFY(other.connectTo(live.port(), QHostAddress(u"127.0.0.2"_s)));
    QVERIFY(other.send(live.share().requestHead("GET"_ba, "/files/share/data.bin"_ba)));
    QCOMPARE(other.readResponse().status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"peer"_s), 2, 10'000);
    QCOMPARE(live.share().get("/files/share/data.bin"_ba).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"peer"_s), 4, 10'000);
    const auto peers = client.ofType(u"peer"_s);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject theirs = peers.at(i).value(u"upload"_s).toObject();
        QCOMPARE(theirs.value(u"path"_s).toString(), u"share/data.bin"_s);
        QCOMPARE(theirs.value(u"peer"_s).toString(), QString());
        QCOMPARE(theirs.value(u"mine"_s).toBool(), false);
        const QJsonObject mine = peers.at(i + 2).value(u"upload"_s).toObject();
        QCOMPARE(mine.value(u"peer"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(mine.value(u"mine"_s).toBool(), true);
    }
    // Nor in a snapshot: a transfer under way when a client arrives.
    ferry::UploadSnapshot u;
    u.id = 91;
    u.peer = u"192.0.2.7"_s;
    u.path = u"share/big.iso"_s;
    u.totalBytes = 1'000'000;
    live.post([u](LiveEvents &hub) { hub.uploadStarted(u); });
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"peer"_s), 5, 10'000);
    WsClient late;
    QVERIFY(late.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(late.messages().size(), 2, 10'000);
    const QJsonArray uploads = late.messages().at(1).value(u"uploads"_s).toArray();
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(uploads.at(0).toObject().value(u"path"_s).toString(), u"share/big.iso"_s);
    for (const WsClient *c : {&client, &late}) {
        for (const QJsonObject &m : c->messages())
            QVERIFY2(!QJsonDocument(m).toJson().contains("192.0.2.7") && !QJsonDocument(m).toJson().contains("127.0.0.2"),
                     QJsonDocument(m).toJson().constData());
    }
}

// Honest numbers: a peer reads at a steady, limited rate (what has arrived,
// at most 160 KiB, every 50 ms, with small buffers); the speed /ws shows for
// its transfer is that rate (bytes count when they have left the kernel's send queue, not
// when handed to it, over a sliding window), and so is how fast `sent` grows.
// (curl --limit-rate is no steady reader: it reads in bursts and sleeps to
// keep its average.)
void TestLiveEvents::uploadSpeedIsWhatThePeerReads()
{
    LiveHub live;
    QVERIFY(live.start());
    constexpr qint64 KiB = 1024;
    constexpr qint64 MiB = 1024 * KiB;
    QFile big(live.share().rootPath() + u"/rate.bin"_s);
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(64 * MiB));
    big.close();
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);
    QElapsedTimer clock;
    QList<QPair<qint64, QJsonObject>> samples; // arrival ms, the upload's progress
    QObject::connect(&client.socket(), &QWebSocket::textMessageReceived, &client.socket(), [&](const QString &text) {
        const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
        if (m.value(u"type"_s).toString() != u"progress"_s)
            return;
        for (const auto &u : m.value(u"uploads"_s).toArray())
            samples.append({clock.elapsed(), u.toObject()});
    });

    QTcpSocket reader;
    reader.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, int(128 * KiB));
    reader.setReadBufferSize(64 * KiB);
    reader.connectToHost(QHostAddress::LocalHost, live.port());
    QVERIFY(reader.waitForConnected(5'000));
    reader.write(live.share().requestHead("GET"_ba, "/files/share/rate.bin"_ba));
    constexpr qint64 PerTick = 160 * KiB;
    constexpr int TickMs = 50;
    const double rate = double(PerTick) * 1000.0 / TickMs; // 3.2 MB/s
    qint64 read = 0;
    QList<QPair<qint64, qint64>> readAt; // ms, bytes read so far
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &reader, [&] {
        qint64 budget = PerTick;
        while (budget > 0) {
            const QByteArray data = reader.read(budget);
            if (data.isEmpty())
                break;
            budget -= data.size();
            read += data.size();
        }
        readAt.append({clock.elapsed(), read});
    });
    clock.start();
    tick.start(TickMs);
    QTest::qWait(8'000);
    tick.stop();
    reader.abort();

    const auto readBy = [&](qint64 ms) {
        qint64 bytes = 0;
        for (const auto &[at, total] : std::as_const(readAt)) {
            if (at <= ms)
                bytes = total;
        }
        return bytes;
    };
    // Past the first seconds (what the receive buffers take at once leaves the window).
    QList<double> speeds;
    qint64 firstMs = -1, lastMs = -1, firstSent = 0, lastSent = 0;
    for (const auto &[ms, u] : std::as_const(samples)) {
        if (ms < 3'000)
            continue;
        speeds.append(u.value(u"speed"_s).toDouble());
        if (firstMs < 0) {
            firstMs = ms;
            firstSent = u.value(u"sent"_s).toInteger();
        }
        lastMs = ms;
        lastSent = u.value(u"sent"_s).toInteger();
    }
    QVERIFY2(speeds.size() >= 8, qPrintable(u"%1 progress reports in 5 s"_s.arg(speeds.size())));
    std::sort(speeds.begin(), speeds.end());
    const double median = speeds.at(speeds.size() / 2);
    const double span = double(qMax<qint64>(1, lastMs - firstMs));
    const double fromSent = double(lastSent - firstSent) * 1000.0 / span;
    const double actual = double(readBy(lastMs) - readBy(firstMs)) * 1000.0 / span;
    qDebug("the peer read at %.0f B/s (aimed at %.0f); /ws said %.0f B/s (median of %lld), sent grew at %.0f B/s",
           actual, rate, median, qint64(speeds.size()), fromSent);
    QVERIFY2(qAbs(median - actual) <= 0.25 * actual, qPrintable(u"speed %1 for %2"_s.arg(median).arg(actual)));
    QVERIFY2(qAbs(fromSent - actual) <= 0.25 * actual, qPrintable(u"sent %1 for %2"_s.arg(fromSent).arg(actual)));
}

void TestLiveEvents::pingPong()
{
    LiveHub live;
    QVERIFY(live.start());
    WsClient client;
    QVERIFY(client.openWithToken(live.port()));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10'000);
    client.socket().sendTextMessage(u"ping"_s);
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"pong"_s), 1, 10'000);
    client.socket().sendTextMessage(u"{\"type\":\"ping\"}"_s);
    QTRY_COMPARE_WITH_TIMEOUT(client.count(u"pong"_s), 2, 10'000);
    // Anything else is ignored, and a message too large for a ping closes the socket.
    client.socket().sendTextMessage(u"{\"type\":\"pause\",\"id\":1}"_s);
    QTest::qWait(300);
    QCOMPARE(client.messages().size(), 4);
    client.socket().sendTextMessage(QString(64 * 1024, u'x'));
    QTRY_VERIFY_WITH_TIMEOUT(client.gone(), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(live.clientCount(), 0, 10'000);
}

QTEST_GUILESS_MAIN(TestLiveEvents)
#include "tst_liveevents.moc"
