// One peer's TCP connection to the share server: reads request heads (from the
// socket's own buffer, so a WebSocket upgrade can be handed on unread), answers
// them in order (keep-alive and pipelining), streams file bodies with bounded
// memory, and enforces the per-connection timeouts. Lives on the server thread.
#pragma once

#include "server/HttpResponse.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QSocketNotifier;
class QTcpSocket;

namespace ferry {

struct HttpRequest;
class ShareServer;

class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    struct Timeouts {
        int headerMs = 10'000; // from the first byte of a head (or the accept) to its end
        int idleMs = 15'000;   // keep-alive with no request under way
    };

    // Takes ownership of `socket` (connected, on this thread).
    HttpConnection(QTcpSocket *socket, ShareServer *server, Timeouts timeouts, QObject *parent = nullptr);
    ~HttpConnection() override;

    QHostAddress peerAddress() const { return m_peer; }
    QString peerText() const { return m_peerText; }

    // Starts reading; data that arrived before the call is handled too.
    void start();
    // Ends at once (server stopping, a failed body, a timeout).
    void abort();
    // Ends the connection if it waits for a request and its peer has already
    // closed it, news the event loop has not delivered yet. True if it ended.
    bool closeIfPeerGone();

Q_SIGNALS:
    // The connection is gone; the server forgets it. Emitted once.
    void closed();

private:
    enum class State { Reading, Writing, Closing, Done };

    void processInput();
    void onBytesWritten();
    void onTimeout();
    void onDisconnected();
    bool sendResponse(HttpResponse &&response, QByteArrayView requestLine);
    void pumpBody();
    // Body bytes of the answer under way that the peer has taken (handed to
    // the kernel and no longer in its send queue).
    qint64 deliveredBodyBytes() const;
    void setCorked(bool corked);
    void armWriteNotifier();
    void disarmWriteNotifier();
    void onWritable();
    void finishExchange();
    void beginGracefulClose();
    void finishClose();
    void armReadTimer();
    QByteArray firstLineOf(QByteArrayView data) const;

    QTcpSocket *m_socket;
    ShareServer *m_server;
    Timeouts m_timeouts;
    QHostAddress m_peer;
    QString m_peerText;
    State m_state = State::Reading;
    QTimer m_timer;
    // Writability of the socket's descriptor while a sendfile waits for room in
    // the kernel; only armed while Qt's own write buffer (and so Qt's write
    // notifier on the same descriptor) is empty. Made on first need.
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_headerTimerRunning = false;
    bool m_pumpQueued = false;
    bool m_inSend = false;
    // TCP_CORK is on while a large body goes out (see sendResponse).
    bool m_corked = false;
    bool m_lingering = false;
    // Reading stopped because the answers queued are past the watermark.
    bool m_outputPaused = false;
    bool m_inputQueued = false; // a processInput() waits in the event loop

    // The exchange in progress.
    HttpResponse m_response;
    QByteArray m_requestLine;
    QElapsedTimer m_exchangeClock;
    qint64 m_uploadId = 0;
};

} // namespace ferry
