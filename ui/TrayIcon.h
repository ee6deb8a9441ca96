// The tray icon, when the desktop has a tray: a menu (Show/Hide, Pause all,
// Resume all, Quit) and a message when a download completes or fails. It keeps
// the last state it saw per download so a repeated stateChanged (a new URL,
// a restored session) never notifies twice.
#pragma once

#include "core/DownloadSnapshot.h"

#include <QHash>
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace ferry {

class DownloadEngine;

class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();

    void setEngine(DownloadEngine *engine);
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }
    bool notificationsEnabled() const { return m_notify; }
    void setVisible(bool visible);
    void setWindowVisible(bool visible); // updates the Show/Hide entry
    void setToolTip(const QString &text);

public Q_SLOTS:
    void trackDownload(const ferry::DownloadSnapshot &snapshot);
    void onStateChanged(const ferry::DownloadSnapshot &snapshot);
    void forgetDownload(ferry::DownloadId id);

Q_SIGNALS:
    void toggleWindowRequested();
    void pauseAllRequested();
    void resumeAllRequested();
    void quitRequested();
    // Emitted for every completion or failure the user should hear about,
    // whether or not a tray is there to show it (tests and logs use it).
    void notified(const QString &title, const QString &message);

private:
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_toggle = nullptr;
    QHash<DownloadId, DownloadState> m_states;
    bool m_notify = true;
};

} // namespace ferry
