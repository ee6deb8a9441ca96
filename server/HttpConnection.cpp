#include "server/HttpConnection.h"

#include "core/HttpDate.h"
#include "server/HttpRequestParser.h"
#include "server/ShareServer.h"

#include <QDateTime>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// Qt's read buffer per connection: a head is at most 16 KiB, the rest waits in
// the kernel (TCP backpressure) until we are ready for the next request.
constexpr qint64 ReadBufferSize = 64 * 1024;
// How much of the socket buffer a head is parsed from.
constexpr qint64 PeekLimit = 64 * 1024;
// A client that takes none of a response's bytes for this long is dropped.
constexpr int SendStallTimeoutMs = 60'000;
// Answers a connection may have queued (in Qt's write buffer) before its
// next request is read: a peer that pipelines without reading is left with
// its requests waiting in the kernel (TCP backpressure) until it drains.
constexpr qint64 OutputWatermark = 128 * 1024;
// Pipelined requests answered in one turn of the event loop before the other
// connections get theirs: a peer with a full buffer of requests must not
// keep a newcomer from another address waiting.
constexpr int RequestsPerTurn = 16;
// After an error answer we stop sending, then drain the peer's bytes this long
// so our answer is not destroyed by a reset (the "lingering close").
constexpr int LingerTimeoutMs = 2'000;
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, ShareServer *server, Timeouts timeouts, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_server(server)
    , m_timeouts(timeouts)
    , m_peer(socket->peerAddress())
    , m_timer(this)
{
    m_socket->setParent(this);
    bool isV4 = false;
    const quint32 v4 = m_peer.toIPv4Address(&isV4);
    if (isV4)
        m_peer = QHostAddress(v4);
    m_peerText = m_peer.toString();
    m_socket->setReadBufferSize(ReadBufferSize);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
}

// The server ends every connection (finishClose) before it goes away itself.
HttpConnection::~HttpConnection() = default;

void HttpConnection::start()
{
    // A fresh connection must send its first head within the header timeout.
    m_timer.start(m_timeouts.headerMs);
    m_headerTimerRunning = true;
    processInput();
}

void HttpConnection::abort()
{
    if (m_state == State::Done)
        return;
    disarmWriteNotifier(); // before the descriptor is closed
    m_socket->abort();
    finishClose();
}

bool HttpConnection::closeIfPeerGone()
{
    // Only between requests or in the closing handshake, with nothing unread
    // and nothing of the last answer still in Qt's buffer: a peer that sent a
    // request and then half-closed still waits for its answer. (Closing
    // leaves what the kernel holds to be delivered.)
    if ((m_state != State::Reading && m_state != State::Closing) || !m_socket || m_socket->bytesAvailable() > 0
        || m_socket->bytesToWrite() > 0)
        return false;
    char byte = 0;
    const ssize_t n = ::recv(static_cast<int>(m_socket->socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    const bool gone = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
    if (gone)
        abort();
    return gone;
}

QByteArray HttpConnection::firstLineOf(QByteArrayView data) const
{
    const qsizetype end = data.indexOf('\n');
    QByteArrayView line = end < 0 ? data : data.first(end);
    if (line.endsWith('\r'))
        line.chop(1);
    return line.toByteArray();
}

void HttpConnection::armReadTimer()
{
    if (m_socket->bytesAvailable() > 0) {
        if (!m_headerTimerRunning) {
            m_timer.start(m_timeouts.headerMs);
            m_headerTimerRunning = true;
        }
    } else if (!m_headerTimerRunning) {
        m_timer.start(m_timeouts.idleMs);
    }
}

void HttpConnection::processInput()
{
    if (m_state == State::Closing) {
        m_socket->readAll(); // draining before close
        return;
    }
    m_inputQueued = false;
    int answered = 0;
    while (m_state == State::Reading) {
        if (answered == RequestsPerTurn) {
            if (!m_inputQueued) {
                m_inputQueued = true;
                QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
            }
            return;
        }
        if (m_socket->bytesToWrite() >= OutputWatermark) {
            // Whatever kind of answer it was: parse nothing more until it
            // drains (onBytesWritten resumes); a peer that never reads is
            // dropped after the stall timeout.
            m_outputPaused = true;
            m_headerTimerRunning = false;
            m_timer.start(SendStallTimeoutMs);
            return;
        }
        if (m_socket->bytesAvailable() <= 0) {
            armReadTimer();
            return;
        }
        const QByteArray data = m_socket->peek(qMin(m_socket->bytesAvailable(), PeekLimit));
        const ParseResult result = parseHttpRequest(data);
        if (result.status == ParseResult::Status::Incomplete) {
            armReadTimer();
            return;
        }
        m_timer.stop();
        m_headerTimerRunning = false;
        m_exchangeClock.start();

        if (result.status == ParseResult::Status::Error) {
            HttpResponse response = HttpResponse::plain(result.errorStatus > 0 ? result.errorStatus : 400,
                                                        HttpResponse::reasonPhrase(result.errorStatus));
            response.closeAfter = true;
            m_server->decorate(response);
            sendResponse(std::move(response), firstLineOf(data));
            return;
        }

        const HttpRequest &request = result.request;
        m_requestLine = request.method + ' ' + request.target + " HTTP/1."_ba + QByteArray::number(request.versionMinor);
        HttpResponse response = m_server->respond(request, *this);
        if (response.handOver) {
            // The upgrade request is still unread in the socket: the WebSocket
            // server reads the handshake itself.
            m_server->logExchange(*this, m_requestLine, 101, 0, m_exchangeClock.elapsed());
            m_timer.stop();
            m_socket->disconnect(this);
            QTcpSocket *socket = m_socket;
            socket->setParent(nullptr);
            socket->setReadBufferSize(0);
            m_socket = nullptr;
            m_state = State::Done;
            m_server->handOverUpgrade(socket, m_peer);
            Q_EMIT closed();
            deleteLater();
            return;
        }
        m_socket->skip(result.consumed);
        ++answered;
        if (!request.keepAlive() || result.closeConnection)
            response.closeAfter = true;
        if (!sendResponse(std::move(response), m_requestLine))
            return;
    }
}

bool HttpConnection::sendResponse(HttpResponse &&response, QByteArrayView requestLine)
{
    m_response = std::move(response);
    m_requestLine = requestLine.toByteArray();
    if (m_server->isStopping())
        m_response.closeAfter = true;

    QByteArray head = "HTTP/1.1 "_ba + QByteArray::number(m_response.status) + ' '
        + HttpResponse::reasonPhrase(m_response.status) + "\r\n"_ba;
    for (const auto &h : std::as_const(m_response.headers))
        head += h.first + ": "_ba + h.second + "\r\n"_ba;
    head += "Date: "_ba + formatHttpDate(QDateTime::currentDateTimeUtc()) + "\r\n"_ba;
    head += "Server: Ferry/"_ba + QByteArrayLiteral(FERRY_VERSION) + "\r\n"_ba;
    head += m_response.closeAfter ? "Connection: close\r\n\r\n"_ba : "Connection: keep-alive\r\n\r\n"_ba;

    const qint64 bodyLength = m_response.wireBodyLength();
    const bool streamed = m_response.file && bodyLength >= FileBody::SendfileMinimum;
    if (!m_response.file && bodyLength > 0) {
        head += m_response.body; // small bodies go out with the head in one write
    } else if (m_response.file && bodyLength > 0 && !streamed) {
        // So do small files: read now, at most SendfileMinimum bytes.
        if (!m_response.file->readAllInto(head)) {
            m_server->logExchange(*this, m_requestLine, m_response.status, 0, m_exchangeClock.elapsed());
            abort(); // the file shrank or cannot be read: nothing was sent
            return false;
        }
    }
    if (m_response.file && bodyLength > 0 && !m_response.uploadPath.isEmpty())
        m_uploadId = m_server->uploadTracker().begin(m_peerText, m_response.uploadPath, bodyLength,
                                                     m_response.status, [this] { return deliveredBodyBytes(); });

    if (m_socket->bytesToWrite() == 0) {
        int flags = MSG_NOSIGNAL | MSG_DONTWAIT;
        if (streamed) {
            // Corked for the whole body (nginx's tcp_nopush): the kernel sends
            // only full segments while sendfile feeds it slice by slice,
            // instead of pushing out each slice's ragged end. Measured on
            // loopback: 1 GiB took ~1.4x nginx's time uncorked, ~1.1x corked.
            setCorked(true);
            flags |= MSG_MORE;
        }
        // Straight to the kernel. Through Qt the bytes would wait for the next
        // turn of the event loop (and Qt's write notifier be switched on and
        // off for them: a 4 KiB file took 18 system calls, now 12), and a
        // body's sendfile could not start behind them.
        const ssize_t n = ::send(static_cast<int>(m_socket->socketDescriptor()), head.constData(),
                                 static_cast<size_t>(head.size()), flags);
        if (n > 0)
            head.remove(0, n); // the rest (or all, on an error Qt then reports) through Qt
    }
    if (!head.isEmpty())
        m_socket->write(head);

    if (streamed) {
        m_state = State::Writing;
        m_timer.start(SendStallTimeoutMs);
        m_inSend = true;
        pumpBody();
        m_inSend = false;
        return m_state == State::Reading;
    }
    finishExchange();
    return m_state == State::Reading;
}

void HttpConnection::pumpBody()
{
    m_pumpQueued = false;
    if (m_state != State::Writing)
        return;
    const qint64 sentBefore = m_response.file->sentBytes();
    const FileBody::Progress progress = m_response.file->pump(m_socket);
    // Bytes sendfile hands the kernel bring no bytesWritten: progress of any
    // kind keeps a reading peer from the stall timeout.
    if (m_response.file->sentBytes() != sentBefore)
        m_timer.start(SendStallTimeoutMs);
    switch (progress) {
    case FileBody::Progress::Failed:
        // The headers promised bytes we cannot deliver: the peer must see a cut.
        m_server->logExchange(*this, m_requestLine, m_response.status, m_response.file->sentBytes(),
                              m_exchangeClock.elapsed());
        if (m_uploadId != 0)
            m_server->uploadTracker().end(std::exchange(m_uploadId, 0), m_response.file->sentBytes());
        abort();
        return;
    case FileBody::Progress::Done:
        setCorked(false); // the last partial segment goes now, not after the cork's 200 ms
        finishExchange();
        if (m_state == State::Reading && !m_inSend)
            processInput(); // the next pipelined request, if one is waiting
        return;
    case FileBody::Progress::More:
        // Nothing left in Qt's buffer means no bytesWritten will come: pump
        // again from the event loop, after the other connections had a turn.
        if (m_socket->bytesToWrite() == 0 && !m_pumpQueued) {
            m_pumpQueued = true;
            QMetaObject::invokeMethod(this, &HttpConnection::pumpBody, Qt::QueuedConnection);
        }
        return;
    case FileBody::Progress::Blocked:
        // The kernel's send buffer is full and Qt holds nothing: wait for room
        // on the descriptor itself, then sendfile again (no copy through Qt).
        armWriteNotifier();
        return;
    }
}

qint64 HttpConnection::deliveredBodyBytes() const
{
    if (!m_socket || !m_response.file)
        return 0;
    // What is still queued — in Qt's buffer, or in the kernel's send queue
    // (SIOCOUTQ: not yet acknowledged by the peer) — is the tail of what was
    // handed over, and nothing of this answer is behind the body.
    int inKernel = 0;
    if (::ioctl(static_cast<int>(m_socket->socketDescriptor()), SIOCOUTQ, &inKernel) != 0)
        inKernel = 0;
    const qint64 queued = qint64(inKernel) + m_socket->bytesToWrite();
    return qMax(qint64(0), m_response.file->sentBytes() - queued);
}

void HttpConnection::setCorked(bool corked)
{
    if (m_corked == corked)
        return;
    m_corked = corked;
    const int value = corked ? 1 : 0;
    ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
}

void HttpConnection::armWriteNotifier()
{
    // Qt's write notifier on this descriptor is off while its buffer is empty;
    // two enabled notifiers of one type on one descriptor would clash.
    Q_ASSERT(m_socket->bytesToWrite() == 0);
    if (!m_writeNotifier) {
        m_writeNotifier = new QSocketNotifier(m_socket->socketDescriptor(), QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &HttpConnection::onWritable);
    }
    m_writeNotifier->setEnabled(true);
}

void HttpConnection::disarmWriteNotifier()
{
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
}

void HttpConnection::onWritable()
{
    // Level-triggered: off at once, pumpBody arms it again if the kernel is still full.
    disarmWriteNotifier();
    pumpBody();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Reading && m_outputPaused) {
        if (m_socket->bytesToWrite() >= OutputWatermark / 2) {
            m_timer.start(SendStallTimeoutMs); // it reads, slowly
            return;
        }
        m_outputPaused = false;
        m_timer.stop();
        processInput();
        return;
    }
    if (m_state == State::Writing) {
        m_timer.start(SendStallTimeoutMs);
        pumpBody();
    } else if (m_state == State::Closing && m_socket->bytesToWrite() == 0 && !m_lingering) {
        beginGracefulClose();
    }
}

void HttpConnection::finishExchange()
{
    const qint64 sent = m_response.file ? m_response.file->sentBytes() : m_response.wireBodyLength();
    m_server->logExchange(*this, m_requestLine, m_response.status, sent, m_exchangeClock.elapsed());
    if (m_uploadId != 0)
        m_server->uploadTracker().end(std::exchange(m_uploadId, 0), sent);
    const bool close = m_response.closeAfter;
    m_response = HttpResponse();
    m_timer.stop();
    if (close) {
        m_state = State::Closing;
        if (m_socket->bytesToWrite() == 0)
            beginGracefulClose();
        else
            m_timer.start(SendStallTimeoutMs); // onBytesWritten starts the close once the answer is out
        return;
    }
    m_state = State::Reading;
    m_headerTimerRunning = false;
    armReadTimer();
}

void HttpConnection::beginGracefulClose()
{
    // Half-close: the peer reads our answer to the end, we drain what it still sends.
    m_lingering = true;
    m_socket->flush();
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    m_socket->readAll();
    m_timer.start(LingerTimeoutMs);
}

void HttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Reading:
        if (m_headerTimerRunning && m_socket->bytesAvailable() > 0) {
            m_timer.stop();
            m_headerTimerRunning = false;
            m_exchangeClock.start();
            HttpResponse response = HttpResponse::plain(408, "Request Timeout"_ba);
            response.closeAfter = true;
            m_server->decorate(response);
            sendResponse(std::move(response), firstLineOf(m_socket->peek(qMin(m_socket->bytesAvailable(), PeekLimit))));
            return;
        }
        // Idle keep-alive, or a connection that never said anything.
        abort();
        return;
    case State::Writing:
        // The peer stopped taking bytes.
        m_server->logExchange(*this, m_requestLine, m_response.status,
                              m_response.file ? m_response.file->sentBytes() : 0, m_exchangeClock.elapsed());
        abort();
        return;
    case State::Closing:
        abort();
        return;
    case State::Done:
        return;
    }
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Writing) {
        m_server->logExchange(*this, m_requestLine, m_response.status,
                              m_response.file ? m_response.file->sentBytes() : 0, m_exchangeClock.elapsed());
    }
    finishClose();
}

void HttpConnection::finishClose()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timer.stop();
    // The descriptor is closed or about to be (and its number reused): the
    // notifier must not outlive it, not even until deleteLater.
    delete std::exchange(m_writeNotifier, nullptr);
    if (m_uploadId != 0)
        m_server->uploadTracker().end(std::exchange(m_uploadId, 0), m_response.file ? m_response.file->sentBytes() : 0);
    m_response = HttpResponse();
    if (m_socket)
        m_socket->disconnect(this);
    Q_EMIT closed();
    deleteLater();
}

} // namespace ferry
