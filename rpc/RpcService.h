// Remote control in one object: the aria2 method table over an engine, the
// dispatcher, the RPC port and its WebSocket hub, and the notifications.
// `ferry daemon` and the window's Remote control page each own one.
#pragma once

#include "rpc/Aria2Methods.h"
#include "rpc/RpcDispatcher.h"
#include "rpc/RpcSettings.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace ferry {

class DownloadEngine;
class RpcServer;
class RpcWebSocketHub;

class RpcService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcService)

public:
    RpcService(DownloadEngine &engine, const Aria2GlobalOptions &globals, QObject *parent = nullptr);
    ~RpcService() override;

    // Opens (or reopens) the port. false and a translated *error when it cannot.
    bool start(const RpcSettings &settings, QString *error);
    void stop();
    bool isRunning() const;
    quint16 port() const;
    // What to paste into AriaNg: http://127.0.0.1:PORT/jsonrpc (or this host's address).
    QUrl address() const;

    Aria2Methods &methods() { return m_methods; }
    const RpcDispatcher &dispatcher() const { return m_dispatcher; }

private:
    void onProgress(const QList<DownloadSnapshot> &changed);

    DownloadEngine &m_engine;
    Aria2Methods m_methods;
    RpcDispatcher m_dispatcher;
    std::unique_ptr<RpcWebSocketHub> m_hub;
    std::unique_ptr<RpcServer> m_server;
    RpcSettings m_settings;
};

} // namespace ferry
