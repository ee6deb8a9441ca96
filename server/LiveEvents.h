// The live-events hub: pushes downloads and peers' transfers to browsers over
// WebSocket (/ws) as JSON text messages — hello, snapshot, progress, state,
// peer — documented in docs/protocol.md. Lives on the server thread; inputs
// from other threads arrive through queued connections carrying value types.
//
// A slow client never makes the server buffer without bound: progress is only
// written to a client whose unsent bytes are under a watermark; otherwise the
// changed items are remembered by id and the latest values are sent once the
// client has drained. State messages are small and always queued, but a client
// whose backlog passes the hard cap is disconnected.
#pragma once

#include "core/DownloadSnapshot.h"
#include "server/UploadSnapshot.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace ferry {

class ShareServer;

class LiveEvents final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveEvents)

public:
    static constexpr int ProtocolVersion = 1;

    struct Limits {
        int progressIntervalMs = 250;            // at most 4 progress messages a second per client
        qint64 progressWatermark = 64 * 1024;    // unsent bytes above which progress is held back
        qint64 backlogCap = 4 * 1024 * 1024;     // unsent bytes above which a client is dropped
        int maxClients = 64;                     // further clients are closed right after the handshake
    };

    // `serverName` is what peers see in hello (the host name by default).
    explicit LiveEvents(const QString &serverName = QString(), QObject *parent = nullptr);
    ~LiveEvents() override;

    void setLimits(const Limits &limits);
    const Limits &limits() const { return m_limits; }

    int clientCount() const { return int(m_clients.size()); }
    // The largest unsent backlog any client has had, in bytes (for tests and diagnostics).
    qint64 peakBacklog() const { return m_peakBacklog; }

    // Takes ownership of the still-unread socket of an accepted /ws upgrade.
    void handleUpgrade(QTcpSocket *socket);

    // Creates a hub beside `server` (its child, so on its thread and gone with
    // it), hands it the server's /ws upgrades and feeds it the server's upload
    // reports directly, without a hop through another thread. Call on the
    // server's thread (ShareService::runOnServerThread). Downloads, where there
    // are any, are the caller's to connect to the returned hub's slots.
    static LiveEvents *attachTo(ShareServer &server, const QString &serverName = QString());

public Q_SLOTS:
    void setDownloads(const QList<ferry::DownloadSnapshot> &downloads); // the full list; resent to clients
    void updateDownloads(const QList<ferry::DownloadSnapshot> &changed); // progress
    void downloadAdded(const ferry::DownloadSnapshot &download);
    void downloadStateChanged(const ferry::DownloadSnapshot &download);
    void downloadRemoved(ferry::DownloadId id);
    void uploadStarted(const ferry::UploadSnapshot &upload);
    void uploadsProgress(const QList<ferry::UploadSnapshot> &uploads);
    void uploadFinished(const ferry::UploadSnapshot &upload);

Q_SIGNALS:
    void clientConnected(int clients);
    void clientDisconnected(int clients);
    void clientDropped(); // disconnected for passing the backlog cap

private:
    struct Client {
        QWebSocket *socket = nullptr;
        QString address; // the peer's, as uploads name it
        QSet<DownloadId> pendingDownloads; // changed since the last progress sent to it
        QSet<quint64> pendingUploads;
    };

    void onNewConnection();
    void onClientGone(QWebSocket *socket);
    void onTextMessage(QWebSocket *socket, const QString &message);
    void onBytesWritten(QWebSocket *socket);
    Client *findClient(QWebSocket *socket);
    void sendProgress();
    void flushProgress(Client &client);
    bool enqueue(Client &client, const QByteArray &message); // false: the client was dropped
    void broadcast(const QByteArray &message);
    // A message made for each client (what it may see depends on who it is).
    void broadcastEach(const std::function<QByteArray(const Client &)> &message);
    void dropClient(QWebSocket *socket);
    void scheduleProgress();

    QByteArray helloMessage() const;
    QByteArray snapshotMessage(const QString &viewer) const;

    QString m_serverName;
    Limits m_limits;
    QWebSocketServer *m_wsServer;
    std::vector<std::unique_ptr<Client>> m_clients;
    QHash<DownloadId, DownloadSnapshot> m_downloads;
    QList<DownloadId> m_order; // downloads in the order they were added
    QHash<quint64, UploadSnapshot> m_uploads; // active only
    QSet<DownloadId> m_changedDownloads; // since the last tick, not yet handed to clients
    QSet<quint64> m_changedUploads;
    QTimer m_progressTimer;
    qint64 m_peakBacklog = 0;
};

} // namespace ferry
