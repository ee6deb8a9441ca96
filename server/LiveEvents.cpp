// The live-events hub: JSON over WebSocket for the peer web page. See
// LiveEvents.h for the flow control and docs/protocol.md for the messages.
#include "server/LiveEvents.h"

#include "server/ShareServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QHostAddress>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <chrono>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// Peers only ever send "ping"; anything larger is not ours.
constexpr quint64 MaxIncomingMessageBytes = 4 * 1024;
constexpr auto HandshakeTimeout = std::chrono::seconds(10);

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

qint64 secondsSinceEpoch(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : 0;
}

// Only the host of a download's URL goes to peers: a full URL may carry a
// session token or a signed query that is nobody else's business.
QString sourceHost(const DownloadSnapshot &d)
{
    const QUrl &url = d.finalUrl.isValid() ? d.finalUrl : d.url;
    return url.host();
}

QJsonObject downloadObject(const DownloadSnapshot &d)
{
    return QJsonObject {
        {u"id"_s, qint64(d.id)},
        {u"name"_s, d.fileName},
        {u"host"_s, sourceHost(d)},
        {u"state"_s, QString::fromLatin1(stateKey(d.state))},
        {u"wanted"_s, d.wanted},
        {u"received"_s, d.receivedBytes},
        {u"total"_s, d.totalBytes},
        {u"speed"_s, qRound64(d.bytesPerSecond)},
        {u"eta"_s, d.etaSeconds},
        {u"connections"_s, d.connections},
        {u"resumable"_s, d.resumable},
        {u"errorKind"_s, QString::fromLatin1(errorKindKey(d.errorKind))},
        {u"error"_s, d.errorMessage},
        {u"added"_s, secondsSinceEpoch(d.added)},
        {u"finished"_s, secondsSinceEpoch(d.finished)},
    };
}

QJsonObject downloadProgressObject(const DownloadSnapshot &d)
{
    return QJsonObject {
        {u"id"_s, qint64(d.id)},
        {u"received"_s, d.receivedBytes},
        {u"total"_s, d.totalBytes},
        {u"speed"_s, qRound64(d.bytesPerSecond)},
        {u"eta"_s, d.etaSeconds},
        {u"connections"_s, d.connections},
    };
}

// A peer sees its own transfers with its address and other peers' with
// their file names only: where another device is on the LAN is not its
// business. (Paths are shared paths, never local ones.)
QJsonObject uploadObject(const UploadSnapshot &u, const QString &viewer)
{
    const bool mine = !viewer.isEmpty() && u.peer == viewer;
    return QJsonObject {
        {u"id"_s, qint64(u.id)},
        {u"peer"_s, mine ? u.peer : QString()},
        {u"mine"_s, mine},
        {u"path"_s, u.path},
        {u"sent"_s, u.sentBytes},
        {u"total"_s, u.totalBytes},
        {u"speed"_s, qRound64(u.bytesPerSecond)},
        {u"status"_s, u.status},
        {u"started"_s, secondsSinceEpoch(u.started)},
        {u"finished"_s, u.finished},
    };
}

QJsonObject uploadProgressObject(const UploadSnapshot &u)
{
    return QJsonObject {
        {u"id"_s, qint64(u.id)},
        {u"sent"_s, u.sentBytes},
        {u"total"_s, u.totalBytes},
        {u"speed"_s, qRound64(u.bytesPerSecond)},
    };
}

// What happened, in the words of the protocol ("started" rather than "downloading").
QString stateEvent(DownloadState state)
{
    switch (state) {
    case DownloadState::Queued: return u"queued"_s;
    case DownloadState::Downloading: return u"started"_s;
    case DownloadState::Paused: return u"paused"_s;
    case DownloadState::Verifying: return u"verifying"_s;
    case DownloadState::Completed: return u"completed"_s;
    case DownloadState::Failed: return u"failed"_s;
    }
    return u"queued"_s;
}

bool isPing(const QString &message)
{
    if (message.trimmed() == u"ping")
        return true;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8());
    return doc.isObject() && doc.object().value(u"type"_s).toString() == u"ping";
}
} // namespace

LiveEvents::LiveEvents(const QString &serverName, QObject *parent)
    : QObject(parent)
    , m_serverName(serverName.isEmpty() ? QSysInfo::machineHostName() : serverName)
    , m_wsServer(new QWebSocketServer(u"Ferry"_s, QWebSocketServer::NonSecureMode, this))
{
    // The share server did the access and Origin checks before handing the
    // socket over; this server never listens, it only completes handshakes.
    m_wsServer->setHandshakeTimeout(HandshakeTimeout);
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &LiveEvents::onNewConnection);
    m_progressTimer.setInterval(m_limits.progressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &LiveEvents::sendProgress);
}

LiveEvents::~LiveEvents()
{
    for (const auto &client : m_clients) {
        client->socket->disconnect(this);
        client->socket->close(QWebSocketProtocol::CloseCodeGoingAway);
    }
    m_clients.clear();
}

void LiveEvents::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_progressTimer.setInterval(m_limits.progressIntervalMs);
}

void LiveEvents::handleUpgrade(QTcpSocket *socket)
{
    if (!socket)
        return;
    if (socket->thread() != thread()) {
        // A socket from another thread cannot be adopted safely; refuse it.
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_wsServer->handleConnection(socket);
}

LiveEvents *LiveEvents::attachTo(ShareServer &server, const QString &serverName)
{
    auto *hub = new LiveEvents(serverName, &server);
    server.setUpgradeHandler([hub](QTcpSocket *socket) { hub->handleUpgrade(socket); });
    connect(&server, &ShareServer::uploadStarted, hub, &LiveEvents::uploadStarted);
    connect(&server, &ShareServer::uploadsProgress, hub, &LiveEvents::uploadsProgress);
    connect(&server, &ShareServer::uploadFinished, hub, &LiveEvents::uploadFinished);
    return hub;
}

// --- clients ----------------------------------------------------------------

void LiveEvents::onNewConnection()
{
    while (QWebSocket *socket = m_wsServer->nextPendingConnection()) {
        socket->setParent(this);
        if (clientCount() >= m_limits.maxClients) {
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, tr("Too many live connections"));
            continue;
        }
        socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageBytes);
        socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageBytes);

        auto client = std::make_unique<Client>();
        client->socket = socket;
        bool isV4 = false;
        const quint32 v4 = socket->peerAddress().toIPv4Address(&isV4);
        client->address = isV4 ? QHostAddress(v4).toString() : socket->peerAddress().toString();
        m_clients.push_back(std::move(client));

        connect(socket, &QWebSocket::disconnected, this, [this, socket] { onClientGone(socket); });
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &message) { onTextMessage(socket, message); });
        connect(socket, &QWebSocket::bytesWritten, this, [this, socket](qint64) { onBytesWritten(socket); });

        // hello and snapshot go out whatever their size: the backlog is empty now.
        socket->sendTextMessage(QString::fromUtf8(helloMessage()));
        socket->sendTextMessage(QString::fromUtf8(snapshotMessage(m_clients.back()->address)));
        m_peakBacklog = std::max(m_peakBacklog, socket->bytesToWrite());
        Q_EMIT clientConnected(clientCount());
    }
}

LiveEvents::Client *LiveEvents::findClient(QWebSocket *socket)
{
    for (const auto &client : m_clients) {
        if (client->socket == socket)
            return client.get();
    }
    return nullptr;
}

void LiveEvents::onClientGone(QWebSocket *socket)
{
    const auto it = std::find_if(m_clients.begin(), m_clients.end(),
                                 [socket](const auto &client) { return client->socket == socket; });
    if (it == m_clients.end())
        return;
    m_clients.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
    Q_EMIT clientDisconnected(clientCount());
}

void LiveEvents::dropClient(QWebSocket *socket)
{
    const auto it = std::find_if(m_clients.begin(), m_clients.end(),
                                 [socket](const auto &client) { return client->socket == socket; });
    if (it == m_clients.end())
        return;
    m_clients.erase(it);
    socket->disconnect(this);
    // Its backlog is what we refuse to keep: no closing handshake behind it.
    socket->abort();
    socket->deleteLater();
    Q_EMIT clientDropped();
    Q_EMIT clientDisconnected(clientCount());
}

void LiveEvents::onTextMessage(QWebSocket *socket, const QString &message)
{
    // Peers can only read: everything but a ping is ignored.
    if (!isPing(message))
        return;
    if (Client *client = findClient(socket))
        enqueue(*client, toBytes(QJsonObject {{u"type"_s, u"pong"_s}}));
}

void LiveEvents::onBytesWritten(QWebSocket *socket)
{
    const Client *client = findClient(socket);
    if (!client || (client->pendingDownloads.isEmpty() && client->pendingUploads.isEmpty()))
        return;
    if (socket->bytesToWrite() <= m_limits.progressWatermark)
        scheduleProgress(); // drained: the held-back progress goes out at the next tick
}

bool LiveEvents::enqueue(Client &client, const QByteArray &message)
{
    QWebSocket *socket = client.socket;
    if (socket->bytesToWrite() + message.size() > m_limits.backlogCap) {
        dropClient(socket);
        return false;
    }
    socket->sendTextMessage(QString::fromUtf8(message));
    m_peakBacklog = std::max(m_peakBacklog, socket->bytesToWrite());
    return true;
}

void LiveEvents::broadcast(const QByteArray &message)
{
    broadcastEach([&message](const Client &) { return message; });
}

void LiveEvents::broadcastEach(const std::function<QByteArray(const Client &)> &message)
{
    // enqueue() may drop a client, so walk a copy of the sockets.
    QList<QWebSocket *> sockets;
    sockets.reserve(qsizetype(m_clients.size()));
    for (const auto &client : m_clients)
        sockets.append(client->socket);
    for (QWebSocket *socket : sockets) {
        if (Client *client = findClient(socket))
            enqueue(*client, message(*client));
    }
}

// --- messages ---------------------------------------------------------------

QByteArray LiveEvents::helloMessage() const
{
    return toBytes(QJsonObject {
        {u"type"_s, u"hello"_s},
        {u"protocol"_s, ProtocolVersion},
        {u"server"_s, m_serverName},
        {u"version"_s, QStringLiteral(FERRY_VERSION)},
    });
}

QByteArray LiveEvents::snapshotMessage(const QString &viewer) const
{
    QJsonArray downloads;
    for (const DownloadId id : m_order)
        downloads.append(downloadObject(m_downloads.value(id)));
    QList<UploadSnapshot> uploads = m_uploads.values();
    std::sort(uploads.begin(), uploads.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    QJsonArray uploadArray;
    for (const UploadSnapshot &u : uploads)
        uploadArray.append(uploadObject(u, viewer));
    return toBytes(QJsonObject {
        {u"type"_s, u"snapshot"_s},
        {u"downloads"_s, downloads},
        {u"uploads"_s, uploadArray},
    });
}

// --- progress ---------------------------------------------------------------

void LiveEvents::scheduleProgress()
{
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void LiveEvents::sendProgress()
{
    const QSet<DownloadId> downloads = std::exchange(m_changedDownloads, {});
    const QSet<quint64> uploads = std::exchange(m_changedUploads, {});
    QList<QWebSocket *> sockets;
    for (const auto &client : m_clients) {
        client->pendingDownloads.unite(downloads);
        client->pendingUploads.unite(uploads);
        sockets.append(client->socket);
    }
    for (QWebSocket *socket : sockets) {
        if (Client *client = findClient(socket))
            flushProgress(*client);
    }
    // Clients still holding progress are waiting to drain; bytesWritten restarts the timer.
    m_progressTimer.stop();
}

void LiveEvents::flushProgress(Client &client)
{
    if (client.pendingDownloads.isEmpty() && client.pendingUploads.isEmpty())
        return;
    if (client.socket->bytesToWrite() > m_limits.progressWatermark)
        return; // slow: keep the ids, the values sent later will be the latest

    QJsonArray downloads;
    for (const DownloadId id : std::as_const(client.pendingDownloads)) {
        const auto it = m_downloads.constFind(id);
        if (it != m_downloads.cend())
            downloads.append(downloadProgressObject(*it));
    }
    QJsonArray uploads;
    for (const quint64 id : std::as_const(client.pendingUploads)) {
        const auto it = m_uploads.constFind(id);
        if (it != m_uploads.cend())
            uploads.append(uploadProgressObject(*it));
    }
    client.pendingDownloads.clear();
    client.pendingUploads.clear();
    if (downloads.isEmpty() && uploads.isEmpty())
        return;
    enqueue(client, toBytes(QJsonObject {
        {u"type"_s, u"progress"_s},
        {u"downloads"_s, downloads},
        {u"uploads"_s, uploads},
    }));
}

// --- inputs -----------------------------------------------------------------

void LiveEvents::setDownloads(const QList<DownloadSnapshot> &downloads)
{
    m_downloads.clear();
    m_order.clear();
    m_changedDownloads.clear();
    for (const DownloadSnapshot &d : downloads) {
        if (!m_downloads.contains(d.id))
            m_order.append(d.id);
        m_downloads.insert(d.id, d);
    }
    for (const auto &client : m_clients)
        client->pendingDownloads.clear();
    broadcastEach([this](const Client &client) { return snapshotMessage(client.address); });
}

void LiveEvents::updateDownloads(const QList<DownloadSnapshot> &changed)
{
    for (const DownloadSnapshot &d : changed) {
        if (!m_downloads.contains(d.id))
            m_order.append(d.id);
        m_downloads.insert(d.id, d);
        m_changedDownloads.insert(d.id);
    }
    if (!changed.isEmpty() && !m_clients.empty())
        scheduleProgress();
    if (m_clients.empty())
        m_changedDownloads.clear(); // nobody to tell; a new client gets the snapshot
}

void LiveEvents::downloadAdded(const DownloadSnapshot &download)
{
    if (!m_downloads.contains(download.id))
        m_order.append(download.id);
    m_downloads.insert(download.id, download);
    if (!m_clients.empty()) {
        broadcast(toBytes(QJsonObject {
            {u"type"_s, u"state"_s},
            {u"event"_s, u"added"_s},
            {u"download"_s, downloadObject(download)},
        }));
    }
}

void LiveEvents::downloadStateChanged(const DownloadSnapshot &download)
{
    if (!m_downloads.contains(download.id))
        m_order.append(download.id);
    m_downloads.insert(download.id, download);
    if (!m_clients.empty()) {
        broadcast(toBytes(QJsonObject {
            {u"type"_s, u"state"_s},
            {u"event"_s, stateEvent(download.state)},
            {u"download"_s, downloadObject(download)},
        }));
    }
}

void LiveEvents::downloadRemoved(DownloadId id)
{
    if (!m_downloads.remove(id))
        return;
    m_order.removeOne(id);
    m_changedDownloads.remove(id);
    for (const auto &client : m_clients)
        client->pendingDownloads.remove(id);
    if (!m_clients.empty()) {
        broadcast(toBytes(QJsonObject {
            {u"type"_s, u"state"_s},
            {u"event"_s, u"removed"_s},
            {u"download"_s, QJsonObject {{u"id"_s, qint64(id)}, {u"state"_s, u"removed"_s}}},
        }));
    }
}

void LiveEvents::uploadStarted(const UploadSnapshot &upload)
{
    m_uploads.insert(upload.id, upload);
    broadcastEach([&upload](const Client &client) {
        return toBytes(QJsonObject {
            {u"type"_s, u"peer"_s},
            {u"event"_s, u"started"_s},
            {u"upload"_s, uploadObject(upload, client.address)},
        });
    });
}

void LiveEvents::uploadsProgress(const QList<UploadSnapshot> &uploads)
{
    for (const UploadSnapshot &u : uploads) {
        // A late progress report must not bring a finished transfer back.
        const auto it = m_uploads.find(u.id);
        if (it == m_uploads.end())
            continue;
        *it = u;
        m_changedUploads.insert(u.id);
    }
    if (m_clients.empty())
        m_changedUploads.clear();
    else if (!m_changedUploads.isEmpty())
        scheduleProgress();
}

void LiveEvents::uploadFinished(const UploadSnapshot &upload)
{
    m_uploads.remove(upload.id);
    m_changedUploads.remove(upload.id);
    for (const auto &client : m_clients)
        client->pendingUploads.remove(upload.id);
    UploadSnapshot finished = upload;
    finished.finished = true;
    broadcastEach([&finished](const Client &client) {
        return toBytes(QJsonObject {
            {u"type"_s, u"peer"_s},
            {u"event"_s, u"finished"_s},
            {u"upload"_s, uploadObject(finished, client.address)},
        });
    });
}

} // namespace ferry
