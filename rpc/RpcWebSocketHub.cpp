// See RpcWebSocketHub.h.
#include "rpc/RpcWebSocketHub.h"

#include "rpc/RpcDispatcher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int HandshakeTimeoutMs = 10000;
constexpr int UnauthorizedDelayMs = 1000; // as aria2: slows down guessing the secret

QByteArray notification(const QString &method, const QJsonArray &params)
{
    return QJsonDocument(QJsonObject{{u"jsonrpc"_s, u"2.0"_s}, {u"method"_s, method}, {u"params"_s, params}})
        .toJson(QJsonDocument::Compact);
}
} // namespace

RpcWebSocketHub::RpcWebSocketHub(const RpcDispatcher &dispatcher, bool requireAuthorization, QObject *parent)
    : QObject(parent)
    , m_dispatcher(dispatcher)
    , m_requireAuthorization(requireAuthorization)
    , m_server(new QWebSocketServer(u"Ferry"_s, QWebSocketServer::NonSecureMode, this))
{
    m_server->setHandshakeTimeout(HandshakeTimeoutMs);
    connect(m_server, &QWebSocketServer::newConnection, this, &RpcWebSocketHub::onNewConnection);
}

RpcWebSocketHub::~RpcWebSocketHub()
{
    for (const Client &c : std::as_const(m_clients)) {
        c.socket->disconnect(this);
        c.socket->close(QWebSocketProtocol::CloseCodeGoingAway);
    }
}

void RpcWebSocketHub::handleUpgrade(QTcpSocket *socket)
{
    // Ours from now on: the RPC server may go before the hub does.
    socket->setParent(this);
    m_server->handleConnection(socket);
}

bool RpcWebSocketHub::wantsProgress() const
{
    return std::any_of(m_clients.cbegin(), m_clients.cend(),
                       [this](const Client &c) { return c.progress && (c.authorized || !m_requireAuthorization); });
}

void RpcWebSocketHub::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        if (m_clients.size() >= MaxClients) {
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Too many connections"_s);
            continue;
        }
        socket->setMaxAllowedIncomingMessageSize(quint64(RpcDispatcher::MaxBodyBytes));
        Client c;
        c.socket = socket;
        c.progress = QUrlQuery(socket->requestUrl()).queryItemValue(u"progress"_s) == u"1";
        m_clients.append(c);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &message) { onMessage(socket, message); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, socket](const QByteArray &message) { onMessage(socket, QString::fromUtf8(message)); });
        connect(socket, &QWebSocket::bytesWritten, this, [this, socket](qint64 n) {
            if (Client *c = client(socket))
                c->backlog = std::max<qint64>(0, c->backlog - n);
        });
        // Queued: close() inside send() may report at once, while m_clients is being walked.
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); }, Qt::QueuedConnection);
    }
}

void RpcWebSocketHub::onMessage(QWebSocket *socket, const QString &message)
{
    const RpcDispatcher::Reply reply = m_dispatcher.handleBody(message.toUtf8());
    Client *c = client(socket);
    if (!c)
        return;
    if (reply.authorized)
        c->authorized = true;
    if (!reply.unauthorized) {
        send(*c, reply.body);
        return;
    }
    QTimer::singleShot(UnauthorizedDelayMs, this, [this, socket, body = reply.body] {
        if (Client *later = client(socket))
            send(*later, body);
    });
}

void RpcWebSocketHub::send(Client &c, const QByteArray &text)
{
    if (c.backlog + text.size() > MaxBacklogBytes) {
        // It has stopped reading: close rather than buffer without bound.
        c.socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Not reading"_s);
        return;
    }
    c.backlog += text.size();
    c.socket->sendTextMessage(QString::fromUtf8(text));
}

void RpcWebSocketHub::notify(const QString &method, const QString &gid)
{
    const QByteArray text = notification(method, QJsonArray{QJsonObject{{u"gid"_s, gid}}});
    for (Client &c : m_clients)
        if (c.authorized || !m_requireAuthorization)
            send(c, text);
}

void RpcWebSocketHub::notifyProgress(const QJsonArray &changes)
{
    if (changes.isEmpty())
        return;
    const QByteArray text = notification(u"ferry.onDownloadProgress"_s, changes);
    for (Client &c : m_clients)
        if (c.progress && (c.authorized || !m_requireAuthorization))
            send(c, text);
}

RpcWebSocketHub::Client *RpcWebSocketHub::client(QWebSocket *socket)
{
    for (Client &c : m_clients)
        if (c.socket == socket)
            return &c;
    return nullptr;
}

void RpcWebSocketHub::drop(QWebSocket *socket)
{
    m_clients.erase(std::remove_if(m_clients.begin(), m_clients.end(),
                                   [socket](const Client &c) { return c.socket == socket; }),
                    m_clients.end());
    socket->deleteLater();
}

} // namespace ferry
