// The tray icon and the "download finished / failed" notifications.
//
// The tray (when the desktop has one): a menu (Show/Hide, Pause all, Resume
// all, the alternative speed limit, Quit) and a tooltip with the total speed and the counts per state.
// The notifications go to the desktop's notification server
// (DesktopNotifier) with actions — Open and Show in folder on completion,
// Retry on a retryable failure — and, where no server answers, to the tray's
// balloon. Completions and failures within GroupMs of each other make one
// notification ("12 downloads finished"). It keeps the last state it saw per
// download so a repeated stateChanged (a new URL, a restored session) never
// notifies twice.
#pragma once

#include "core/DownloadSnapshot.h"
#include "ui/DesktopNotifier.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

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
    static constexpr int GroupMs = 750; // finishes this close together are one notification

    // Where a notification went: the desktop's server, the tray's balloon, or
    // nowhere (no server and no tray).
    enum class Delivery { Desktop, TrayMessage, Nowhere };
    Q_ENUM(Delivery)

    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    // Whether a completion can be announced at all: a tray to show it, or a
    // desktop notification service (org.freedesktop.Notifications) on the session bus.
    static bool canNotify();

    void setEngine(DownloadEngine *engine);
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }
    bool notificationsEnabled() const { return m_notify; }
    void setVisible(bool visible);
    void setWindowVisible(bool visible); // updates the Show/Hide entry
    QString toolTip() const { return m_toolTip; }
    DesktopNotifier &desktopNotifier() { return m_desktop; }
    // A window action in the menu, before Quit (the alternative speed limit's toggle).
    void addMenuAction(QAction *action);
    // A message that is no download's ("Ferry keeps running"), delivered as the others.
    void showNotice(const QString &title, const QString &message);

public Q_SLOTS:
    void trackDownload(const ferry::DownloadSnapshot &snapshot);
    void onStateChanged(const ferry::DownloadSnapshot &snapshot);
    void onProgress(const QList<ferry::DownloadSnapshot> &changed);
    void forgetDownload(ferry::DownloadId id);

Q_SIGNALS:
    void toggleWindowRequested();
    void showWindowRequested(); // the notification itself was clicked
    void pauseAllRequested();
    void resumeAllRequested();
    void quitRequested();
    // Emitted for every notification the user should get, however it is
    // delivered (tests and logs use it).
    void notified(const QString &title, const QString &message, ferry::TrayIcon::Delivery delivery);

private:
    struct Finished {
        DownloadId id = 0;
        QString name;
        QString filePath;
        QString error;
        bool retryable = false;
    };

    void flushGroup();
    void notifyCompleted(const QList<Finished> &done);
    void notifyFailed(const QList<Finished> &failed);
    void deliver(const DesktopNotifier::Notification &notification);
    void showBalloon(const DesktopNotifier::Notification &notification);
    void onAction(const QString &key);
    void showInFolder(const QString &filePath);
    void count(DownloadState state, int delta);
    void updateToolTip();
    void retranslate();
    bool eventFilter(QObject *watched, QEvent *event) override; // the menu's LanguageChange

    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_toggle = nullptr;
    QAction *m_quitSeparator = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_quit = nullptr;
    bool m_windowVisible = true;
    QPointer<DownloadEngine> m_engine;
    DesktopNotifier m_desktop;
    QHash<DownloadId, DownloadState> m_states;
    QHash<DownloadId, double> m_speeds; // active downloads only
    int m_counts[6] = {};               // per DownloadState
    QString m_toolTip;
    QList<Finished> m_completed; // waiting for the group timer
    QList<Finished> m_failed;
    QTimer m_group;
    bool m_notify = true;
};

} // namespace ferry
