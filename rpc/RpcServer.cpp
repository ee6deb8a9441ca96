// See RpcServer.h. The CORS answers are aria2's with --rpc-allow-origin-all
// (HttpServerBodyCommand.cc) plus Private Network Access, but only while a
// secret protects the port; without one, requests from web pages (they carry
// an Origin) are refused, so no page a browser shows can drive Ferry.
#include "rpc/RpcServer.h"

#include "rpc/RpcDispatcher.h"
#include "rpc/RpcHttpHead.h"
#include "rpc/RpcWebSocketHub.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int UnauthorizedDelayMs = 1000; // aria2 delays "Unauthorized" by a second too
constexpr int LingerTimeoutMs = 2000;
const QString kPath = u"/jsonrpc"_s;

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}
} // namespace

struct RpcServer::Connection {
    QByteArray headBuffer;
    std::optional<RpcHttpHead> head; // read, waiting for its body
    bool busy = false;               // an answer is being delayed, or the connection is closing
    bool closing = false;            // the last answer is being written
    bool lingering = false;          // written and half-closed: draining what the peer still sends
    QTimer idle;
};

RpcServer::RpcServer(const RpcDispatcher &dispatcher, RpcWebSocketHub &hub, QObject *parent)
    : QObject(parent)
    , m_dispatcher(dispatcher)
    , m_hub(hub)
{
}

RpcServer::~RpcServer()
{
    close();
}

bool RpcServer::listen(const RpcSettings &settings, QString *error)
{
    close();
    m_settings = settings;
    auto openOne = [this](const QHostAddress &address, quint16 port) {
        auto server = std::make_unique<QTcpServer>();
        server->setMaxPendingConnections(64);
        if (!server->listen(address, port))
            return std::pair{std::unique_ptr<QTcpServer>(), server->errorString()};
        QTcpServer *raw = server.get();
        connect(raw, &QTcpServer::newConnection, this, [this, raw] { onNewConnection(raw); });
        return std::pair{std::move(server), QString()};
    };
    auto [first, message] = openOne(settings.listenAll ? QHostAddress(QHostAddress::Any) : QHostAddress(QHostAddress::LocalHost),
                                    settings.port);
    if (!first) {
        if (error)
            *error = QCoreApplication::translate("RpcServer", "cannot listen on port %1: %2").arg(settings.port).arg(message);
        return false;
    }
    m_port = first->serverPort();
    m_v4 = std::move(first);
    if (!settings.listenAll) {
        // Browsers may try "localhost" as ::1 first. No IPv6 is no failure.
        m_v6 = std::move(openOne(QHostAddress(QHostAddress::LocalHostIPv6), m_port).first);
    }
    return true;
}

void RpcServer::close()
{
    m_v4.reset();
    m_v6.reset();
    m_port = 0;
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_connections.clear();
}

void RpcServer::onNewConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        if (m_connections.size() >= MaxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        socket->setParent(this);
        // Room for one whole request; beyond it Qt stops reading and TCP
        // holds the sender back.
        socket->setReadBufferSize(RpcDispatcher::MaxBodyBytes + 2 * RpcHttpHead::MaxHeadBytes);
        auto connection = std::make_shared<Connection>();
        connection->idle.setSingleShot(true);
        connection->idle.setInterval(IdleTimeoutMs);
        connect(&connection->idle, &QTimer::timeout, socket, [this, socket] { finish(socket); });
        connection->idle.start();
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
            const auto it = m_connections.constFind(socket);
            if (it != m_connections.cend() && (*it)->closing && !(*it)->lingering && socket->bytesToWrite() == 0)
                linger(socket, **it);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { finish(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void RpcServer::onReadyRead(QTcpSocket *socket)
{
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend())
        return;
    const std::shared_ptr<Connection> c = *found;
    if (c->lingering) {
        socket->readAll(); // drained, not read: the answer is out
        return;
    }
    if (c->busy)
        return; // pipelined requests wait in the socket for the delayed answer
    c->idle.start();

    if (!c->head) {
        // Peek, so that a WebSocket upgrade reaches the hub unread.
        const QByteArray peeked = socket->peek(RpcHttpHead::MaxHeadBytes + 4);
        RpcHttpHead head = RpcHttpHead::parse(peeked, RpcDispatcher::MaxBodyBytes);
        using S = RpcHttpHead::Status;
        switch (head.status) {
        case S::Incomplete: return;
        case S::TooLarge: respond(socket, 431, {}, {}, false); return;
        case S::BadRequest: respond(socket, 400, {}, {}, false); return;
        case S::LengthRequired: respond(socket, 411, {}, {}, false); return;
        case S::BodyTooLarge:
            respond(socket, 413, RpcDispatcher::errorBody(-32600, u"Request too large."_s), "application/json-rpc", false);
            return;
        case S::Complete: break;
        }
        const bool refuseOrigin = !m_settings.secret && head.headers.contains("origin");
        if (head.webSocketUpgrade && head.path == kPath && !refuseOrigin) {
            c->idle.stop();
            m_connections.remove(socket);
            socket->disconnect(this);
            m_hub.handleUpgrade(socket);
            return;
        }
        socket->skip(head.headBytes);
        c->head = std::move(head);
    }
    if (socket->bytesAvailable() < c->head->contentLength)
        return;
    const RpcHttpHead head = std::move(*c->head);
    c->head.reset();
    const QByteArray body = socket->read(head.contentLength);
    const bool keepAlive = head.keepAlive;

    if (head.path != kPath) {
        respond(socket, 404, {}, {}, keepAlive);
        return;
    }
    if (!m_settings.secret && head.headers.contains("origin")) {
        respond(socket, 403,
                RpcDispatcher::errorBody(1, u"Requests from web pages need a secret: start Ferry's RPC with one."_s),
                "application/json-rpc", keepAlive);
        return;
    }
    if (head.method == "OPTIONS") {
        QByteArray cors;
        if (head.headers.contains("origin") && head.headers.contains("access-control-request-method")) {
            cors += "Access-Control-Allow-Methods: POST, GET, OPTIONS\r\nAccess-Control-Max-Age: 1728000\r\n";
            const QByteArray requested = head.header("access-control-request-headers");
            if (!requested.isEmpty())
                cors += "Access-Control-Allow-Headers: " + requested + "\r\n";
            cors += "Access-Control-Allow-Private-Network: true\r\n";
        }
        respond(socket, 200, {}, {}, keepAlive, cors);
        return;
    }
    RpcDispatcher::Reply reply;
    if (head.method == "POST") {
        reply = m_dispatcher.handleBody(body);
    } else if (head.method == "GET") {
        reply = m_dispatcher.handleQuery(QUrlQuery(head.query));
    } else {
        respond(socket, 405, {}, {}, keepAlive, "Allow: GET, POST, OPTIONS\r\n");
        return;
    }
    const QByteArray type = QUrlQuery(head.query).hasQueryItem(u"jsoncallback"_s) && head.method == "GET"
        ? QByteArray("text/javascript")
        : QByteArray("application/json-rpc");
    if (!reply.unauthorized) {
        respond(socket, reply.httpStatus, reply.body, type, keepAlive);
        return;
    }
    c->busy = true;
    QTimer::singleShot(UnauthorizedDelayMs, socket, [this, socket, c, reply, type, keepAlive] {
        c->busy = false;
        respond(socket, reply.httpStatus, reply.body, type, keepAlive);
    });
}

void RpcServer::respond(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &contentType,
                        bool keepAlive, const QByteArray &extraHeaders)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-cache\r\n";
    if (m_settings.secret)
        out += "Access-Control-Allow-Origin: *\r\n";
    out += extraHeaders;
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    out += body;
    socket->write(out);
    if (!keepAlive) {
        const auto it = m_connections.constFind(socket);
        if (it == m_connections.cend()) {
            socket->disconnectFromHost();
            return;
        }
        (*it)->busy = true; // read nothing more
        (*it)->closing = true;
        if (socket->bytesToWrite() == 0)
            linger(socket, **it);
        return;
    }
    if (socket->bytesAvailable() > 0) {
        // A pipelined request is already here.
        QTimer::singleShot(0, socket, [this, socket] { onReadyRead(socket); });
    }
}

// Half-close after the last answer and drain what the peer still sends (a
// refused body), so closing does not reset the connection before the peer
// has read the answer.
void RpcServer::linger(QTcpSocket *socket, Connection &c)
{
    c.lingering = true;
    socket->flush();
    ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    socket->readAll();
    c.idle.start(LingerTimeoutMs);
}

void RpcServer::finish(QTcpSocket *socket)
{
    if (!m_connections.remove(socket))
        return;
    socket->disconnect(this);
    if (socket->state() != QAbstractSocket::UnconnectedState)
        socket->abort();
    socket->deleteLater();
}

} // namespace ferry
