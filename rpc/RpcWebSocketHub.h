// The WebSocket side of /jsonrpc: completes handshakes the RPC server hands
// over, answers calls sent as text messages, and pushes aria2's
// notifications (and Ferry's opt-in progress) to the clients that may see
// them. A client that stops reading is dropped, never buffered for without
// bound.
#pragma once

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace ferry {

class RpcDispatcher;

class RpcWebSocketHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcWebSocketHub)

public:
    static constexpr int MaxClients = 64;
    static constexpr qint64 MaxBacklogBytes = 8 * 1024 * 1024;

    // `requireAuthorization`: notifications only reach a client after one of
    // its calls passed the token check (there is a secret).
    RpcWebSocketHub(const RpcDispatcher &dispatcher, bool requireAuthorization, QObject *parent = nullptr);
    ~RpcWebSocketHub() override;

    // The upgrade request is still unread in the socket. A client that
    // connects to /jsonrpc?progress=1 also gets ferry.onDownloadProgress.
    void handleUpgrade(QTcpSocket *socket);

    void setRequireAuthorization(bool require) { m_requireAuthorization = require; }
    void notify(const QString &method, const QString &gid);
    void notifyProgress(const QJsonArray &changes);
    int clientCount() const { return int(m_clients.size()); }
    bool wantsProgress() const;

private:
    struct Client {
        QWebSocket *socket = nullptr;
        bool authorized = false;
        bool progress = false;
        qint64 backlog = 0; // bytes queued and not yet written
    };
    void onNewConnection();
    void onMessage(QWebSocket *socket, const QString &message);
    void send(Client &client, const QByteArray &text);
    Client *client(QWebSocket *socket);
    void drop(QWebSocket *socket);

    const RpcDispatcher &m_dispatcher;
    bool m_requireAuthorization;
    QWebSocketServer *m_server;
    QList<Client> m_clients;
};

} // namespace ferry
