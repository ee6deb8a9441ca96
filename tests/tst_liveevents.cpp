// The live-events hub against real clients over loopback: a share server with
// the hub attached (as `ferry serve` does), QWebSocket clients for the protocol
// (hello, snapshot, batched progress, immediate state, peer transfers, ping)
// and the access rules (token, Origin), and a raw socket that stops reading to
// show that a slow client never makes the server buffer without bound.
// Downloads are hand-made DownloadSnapshots fed through the hub's slots.
#include "server/LiveEvents.h"
#include "server/ShareServer.h"
#include "tests/support/LiveShare.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>

using namespace Qt::StringLiterals;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::LiveEvents;
using ferry::test::LiveShare;

namespace {

// --- a share server with the hub attached --------------------------------------

class LiveHub final
{
    Q_DISABLE_COPY_MOVE(LiveHub)

public:
    LiveHub() = default;

    bool start(const std::function<void(ferry::ShareSettings &)> &adjust = {})
    {
        if (!m_share.start(adjust))
            return false;
        std::atomic<LiveEvents *> made {nullptr};
        m_share.service().runOnServerThread(
            [&made](ferry::ShareServer &server) { made = LiveEvents::attachTo(server, u"test-host"_s); });
        if (!QTest::qWaitFor([&] { return made.load() != nullptr; }, 10'000))
            return false;
        m_hub = made.load();
        return true;
    }

    quint16 port() const { return m_share.port(); }
    LiveShare &share() { return m_share; }
    LiveEvents *hub() const { return m_hub; }

    // Runs `task` on the server thread with the hub and waits for it.
    void run(const std::function<void(LiveEvents &)> &task)
    {
        QMetaObject::invokeMethod(m_hub, [hub = m_hub, task] { task(*hub); }, Qt::BlockingQueuedConnection);
    }
    // Queues `task` on the server thread (the way the engine's signals arrive).
    void post(std::function<void(LiveEvents &)> task)
    {
        QMetaObject::invokeMethod(m_hub, [hub = m_hub, task = std::move(task)] { task(*hub); },
                                  Qt::QueuedConnection);
    }

    int clientCount()
    {
        int n = 0;
        run([&n](LiveEvents &hub) { n = hub.clientCount(); });
        return n;
    }
    qint64 peakBacklog()
    {
        qint64 n = 0;
        run([&n](LiveEvents &hub) { n = hub.peakBacklog(); });
        return n;
    }

private:
    LiveShare m_share;
    LiveEvents *m_hub = nullptr; // lives on the server thread, child of the ShareServer
};

DownloadSnapshot download(ferry::DownloadId id, const QString &name, qint64 received = 0, qint64 total = 1'000'000,
                          DownloadState state = DownloadState::Downloading)
{
    DownloadSnapshot d;
    d.id = id;
    d.url = QUrl(u"https://example.org/files/%1?session=SECRET-SESSION-42"_s.arg(id));
    d.fileName = name;
    d.filePath = u"/home/someone/Downloads/"_s + name;
    d.state = state;
    d.totalBytes = total;
    d.receivedBytes = received;
    d.bytesPerSecond = 1234.5;
    d.etaSeconds = 60;
    d.connections = 4;
    d.resumable = true;
    d.added = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    return d;
}

QByteArray bearer()
{
    return "Bearer "_ba + QByteArray(LiveShare::Token);
}

// --- a QWebSocket client that keeps every message --------------------------------

class WsClient final
{
    Q_DISABLE_COPY_MOVE(WsClient)

public:
    WsClient()
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &text) {
            m_raw.append(text);
            m_messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QObject::connect(&m_socket, &QWebSocket::stateChanged, &m_socket, [this](QAbstractSocket::SocketState s) {
            if (s == QAbstractSocket::ConnectedState)
                m_connected = true;
            if (s == QAbstractSocket::UnconnectedState)
                m_gone = true;
        });
        // A refused handshake (401, 403) is reported as an error while the
        // HTTP connection may stay open: it ends the wait just the same.
        QObject::connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &m_socket, [this](QAbstractSocket::SocketError error) {
            m_errors.append(error);
            m_gone = true;
        });
    }

    // True once the handshake succeeded; false when the server refused it.
    bool open(quint16 port, const QList<QPair<QByteArray, QByteArray>> &headers, const QString &query = {})
    {
        QUrl url(u"ws://127.0.0.1:%1/ws"_s.arg(port));
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest request(url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        m_socket.open(request);
        [[maybe_unused]] const bool settled = QTest::qWaitFor([this] { return m_connected || m_gone; }, 10'000);
        return m_connected && !m_gone;
    }
    bool openWithToken(quint16 port) { return open(port, {{"Authorization"_ba, bearer()}}); }

    QWebSocket &socket() { return m_socket; }
    const QList<QJsonObject> &messages() const { return m_messages; }
    const QStringList &raw() const { return m_raw; }
    bool gone() const { return m_gone; }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : m_messages) {
            if (m.value(u"type"_s).toString() == type)
                out.append(m);
        }
        return out;
    }
    qsizetype count(const QString &type) const { return ofType(type).size(); }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    QStringList m_raw;
    QList<QAbstractSocket::SocketError> m_errors;
    bool m_connected = false;
    bool m_gone = false;
};

// --- a raw client that can stop reading -----------------------------------------
//
// A plain blocking socket with a tiny receive buffer, so the kernel cannot hide
// a slow reader behind megabytes of buffering: after the handshake it reads
// nothing until told to, and then parses the server's (unmasked) frames itself.

class StalledClient final
{
    Q_DISABLE_COPY_MOVE(StalledClient)

public:
    StalledClient() = default;
    ~StalledClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectAndUpgrade(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return false;
        const int small = 4096;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small); // before connect: small window
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            return false;
        const QByteArray request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"_ba + QByteArray::number(port)
            + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: "_ba
            + bearer() + "\r\n\r\n"_ba;
        if (::send(m_fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
            return false;
        // Read the answer's head only (a byte at a time: nothing beyond it is taken).
        QByteArray head;
        while (!head.endsWith("\r\n\r\n")) {
            char c = 0;
            if (!waitReadable(10'000) || ::recv(m_fd, &c, 1, 0) != 1)
                return false;
            head.append(c);
            if (head.size() > 8192)
                return false;
        }
        return head.startsWith("HTTP/1.1 101");
    }

    // Reads and parses frames until `done` says so, the connection ends, or the time is up.
    void readUntil(const std::function<bool()> &done, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        char buffer[64 * 1024];
        while (!done() && !m_closed && clock.elapsed() < timeoutMs) {
            if (!waitReadable(100))
                continue;
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                if (n < 0 && errno == EINTR)
                    continue;
                m_closed = true;
                break;
            }
            m_pending.append(buffer, qsizetype(n));
            parseFrames();
        }
    }

    const QList<QJsonObject> &messages() const { return m_messages; }
    qsizetype largestMessage() const { return m_largest; }
    bool closed() const { return m_closed; }

private:
    bool waitReadable(int timeoutMs)
    {
        pollfd p {m_fd, POLLIN, 0};
        return ::poll(&p, 1, timeoutMs) > 0;
    }

    void parseFrames()
    {
        for (;;) {
            if (m_pending.size() < 2)
                return;
            const auto b0 = quint8(m_pending.at(0));
            const auto b1 = quint8(m_pending.at(1));
            const bool fin = b0 & 0x80;
            const int opcode = b0 & 0x0f;
            qint64 length = b1 & 0x7f;
            qsizetype at = 2;
            if (length == 126) {
                if (m_pending.size() < 4)
                    return;
                length = (qint64(quint8(m_pending.at(2))) << 8) | quint8(m_pending.at(3));
                at = 4;
            } else if (length == 127) {
                if (m_pending.size() < 10)
                    return;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | quint8(m_pending.at(2 + i));
                at = 10;
            }
            if (m_pending.size() < at + length)
                return;
            const QByteArray payload = m_pending.mid(at, qsizetype(length));
            m_pending.remove(0, at + qsizetype(length));
            if (opcode == 0x8) { // close
                m_closed = true;
                return;
            }
            if (opcode == 0x1 || opcode == 0x0) {
                m_message += payload;
                if (fin) {
                    m_largest = std::max(m_largest, m_message.size());
                    m_messages.append(QJsonDocument::fromJson(m_message).object());
                    m_message.clear();
                }
            }
        }
    }

    int m_fd = -1;
    QByteArray m_pending;
    QByteArray m_message;
    QList<QJsonObject> m_messages;
    qsizetype m_largest = 0;
    bool m_closed = false;
};

} // namespace

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
    void webSocketsCountUnderTheCaps();
    void uploadSpeedIsWhatThePeerReads();
    void pingPong();
    void browserAccess();
    void refused_data();
    void refused();
    void tooManyClients();
    void slowReaderProgressCoalesced();
    void slowReaderDroppedAtCap();
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

// After the upgrade a live-events client still holds its connection slot:
// WebSockets cannot be used to get past the per-address cap. A slot comes
// back when its client goes.
void TestLiveEvents::webSocketsCountUnderTheCaps()
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

void TestLiveEvents::browserAccess()
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

void TestLiveEvents::refused_data()
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

void TestLiveEvents::refused()
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

void TestLiveEvents::tooManyClients()
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

void TestLiveEvents::slowReaderProgressCoalesced()
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

void TestLiveEvents::slowReaderDroppedAtCap()
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

QTEST_GUILESS_MAIN(TestLiveEvents)
#include "tst_liveevents.moc"
