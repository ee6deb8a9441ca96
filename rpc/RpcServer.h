// The RPC port: accepts TCP connections on loopback (or everywhere when the
// user allows other devices), reads HTTP/1.1 requests for /jsonrpc (POST,
// GET, the CORS preflight) with bounded heads and bodies, answers them
// through the dispatcher, and hands WebSocket upgrades to the hub.
#pragma once

#include "rpc/RpcSettings.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace ferry {

class RpcDispatcher;
class RpcWebSocketHub;

class RpcServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcServer)

public:
    static constexpr int MaxConnections = 256;
    static constexpr int IdleTimeoutMs = 30000; // aria2 gives a body 30 s too

    RpcServer(const RpcDispatcher &dispatcher, RpcWebSocketHub &hub, QObject *parent = nullptr);
    ~RpcServer() override;

    // false and *error (translated) when the port cannot be opened.
    bool listen(const RpcSettings &settings, QString *error);
    void close();
    quint16 port() const { return m_port; }
    bool isListening() const { return m_port != 0; }

private:
    struct Connection;
    void onNewConnection(QTcpServer *server);
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &contentType,
                 bool keepAlive, const QByteArray &extraHeaders = {});
    void linger(QTcpSocket *socket, Connection &c);
    void finish(QTcpSocket *socket);

    const RpcDispatcher &m_dispatcher;
    RpcWebSocketHub &m_hub;
    RpcSettings m_settings;
    std::unique_ptr<QTcpServer> m_v4;
    std::unique_ptr<QTcpServer> m_v6;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    quint16 m_port = 0;
};

} // namespace ferry
