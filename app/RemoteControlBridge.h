// Wires the window's Remote control page (ui/, which knows nothing of the RPC)
// to an RpcService over the window's own engine: the page's settings start,
// restart or stop the RPC, and the address or the error comes back to the
// page. A download added over the RPC is then an ordinary download of the
// window: in its list, in its session, in the tray's notifications.
#pragma once

#include "ui/RemoteControlSettings.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace ferry {

class DownloadEngine;
class RemoteControlDialog;
class RpcService;

class RemoteControlBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteControlBridge)

public:
    // `downloadFolder`: where downloads added over the RPC go unless they say.
    RemoteControlBridge(DownloadEngine &engine, const QString &downloadFolder, QObject *parent = nullptr);
    ~RemoteControlBridge() override;

    // Starts the RPC when it was on when the window last closed.
    void restore();
    // Saves and applies: starts, restarts or stops. False when it cannot listen (see status()).
    bool apply(RemoteControlSettings settings);
    void setDownloadFolder(const QString &folder);
    // What aria2.saveSession does on the window's engine (set before restore()).
    void setSaveSession(std::function<bool(QString *error)> save) { m_saveSession = std::move(save); }

    // Opens the page (one at a time) over `parent`.
    void openDialog(QWidget *parent);

    RemoteControlSettings settings() const { return m_settings; }
    bool isRunning() const;
    QString address() const; // http://…/jsonrpc while running
    QString status() const { return m_status; }

Q_SIGNALS:
    void statusChanged(const QString &address, const QString &status);

private:
    DownloadEngine &m_engine;
    QString m_downloadFolder;
    RemoteControlSettings m_settings;
    std::unique_ptr<RpcService> m_service;
    QString m_status;
    QPointer<RemoteControlDialog> m_dialog;
    std::function<bool(QString *)> m_saveSession;
};

} // namespace ferry
