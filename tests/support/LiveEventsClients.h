// The clients and the hub of the live-events suites (tst_liveevents,
// tst_liveevents_access): a share server with the hub attached (as `ferry
// serve` does), a QWebSocket client that keeps every message, and a raw
// client with a tiny receive buffer that can stop reading, for the slow
// reader a server must not buffer for without bound.
#pragma once

#include "core/DownloadSnapshot.h"
#include "server/LiveEvents.h"
#include "server/ShareServer.h"
#include "tests/support/LiveShare.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTest>
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

namespace ferry::test {

using namespace Qt::StringLiterals;

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
        std::atomic<ferry::LiveEvents *> made {nullptr};
        m_share.service().runOnServerThread(
            [&made](ferry::ShareServer &server) { made = ferry::LiveEvents::attachTo(server, u"test-host"_s); });
        if (!QTest::qWaitFor([&] { return made.load() != nullptr; }, 10'000))
            return false;
        m_hub = made.load();
        return true;
    }

    quint16 port() const { return m_share.port(); }
    LiveShare &share() { return m_share; }
    ferry::LiveEvents *hub() const { return m_hub; }

    // Runs `task` on the server thread with the hub and waits for it.
    void run(const std::function<void(ferry::LiveEvents &)> &task)
    {
        QMetaObject::invokeMethod(m_hub, [hub = m_hub, task] { task(*hub); }, Qt::BlockingQueuedConnection);
    }
    // Queues `task` on the server thread (the way the engine's signals arrive).
    void post(std::function<void(ferry::LiveEvents &)> task)
    {
        QMetaObject::invokeMethod(m_hub, [hub = m_hub, task = std::move(task)] { task(*hub); },
                                  Qt::QueuedConnection);
    }

    int clientCount()
    {
        int n = 0;
        run([&n](ferry::LiveEvents &hub) { n = hub.clientCount(); });
        return n;
    }
    qint64 peakBacklog()
    {
        qint64 n = 0;
        run([&n](ferry::LiveEvents &hub) { n = hub.peakBacklog(); });
        return n;
    }

private:
    LiveShare m_share;
    ferry::LiveEvents *m_hub = nullptr; // lives on the server thread, child of the ShareServer
};

inline ferry::DownloadSnapshot download(ferry::DownloadId id, const QString &name, qint64 received = 0, qint64 total = 1'000'000,
                          ferry::DownloadState state = ferry::DownloadState::Downloading)
{
    ferry::DownloadSnapshot d;
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

inline QByteArray bearer()
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

} // namespace ferry::test
