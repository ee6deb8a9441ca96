// Wires the window's Sharing panel (ui/, which knows nothing of the server)
// to the share server (server/ShareService) and the live-events hub: the
// panel's requests start and stop the server, and the server's reports come
// back to the panel as plain values, peers at most four times a second. The
// token and link secret are the saved ones `ferry serve` uses too; "New link"
// replaces the token (and restarts a running server, which ends the old
// sessions and live connections); "Link to a file" signs a link with the
// secret.
#pragma once

#include "server/UploadSnapshot.h"
#include "ui/PeerTransferRow.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <memory>

namespace ferry {

class DownloadEngine;
class ShareService;
class SharingPanel;

class SharingBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharingBridge)

public:
    // `engine` may be null; with one, and "Show my downloads on the peer page"
    // ticked, peers' browsers see its downloads live over /ws.
    SharingBridge(SharingPanel &panel, DownloadEngine *engine, QObject *parent = nullptr);
    ~SharingBridge() override;

    // Starts sharing when it was on when the window last closed and the user
    // asked to share again at start (SharingPreferences::resumeAtStart).
    void restore();

    // The server's report converted for the panel (pure; tests use it).
    static PeerTransferRow toRow(const UploadSnapshot &upload);

private:
    void start(quint16 port, const QStringList &folders);
    void stop();
    void renewLink();
    void makeFileLink(const QString &localPath, qint64 seconds);
    ShareService &service();
    void shareDownloads(bool share);
    void onUploadStarted(const UploadSnapshot &upload);
    void onUploadsProgress(const QList<UploadSnapshot> &uploads);
    void onUploadFinished(const UploadSnapshot &upload);
    void schedulePeers();
    void publishPeers();

    SharingPanel &m_panel;
    DownloadEngine *m_engine;
    bool m_downloadsShared = false;
    std::unique_ptr<ShareService> m_service; // made on first start: no server thread for a window that never shares
    QMap<quint64, UploadSnapshot> m_active;   // by id: oldest first
    QList<UploadSnapshot> m_finished;         // newest first, a few kept so short transfers are seen at all
    QTimer m_peersTimer;
    QStringList m_folders; // what is shared now
    bool m_running = false;
};

} // namespace ferry
