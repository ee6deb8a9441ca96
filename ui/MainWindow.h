// The main window: the download table with its filter box, the toolbar and
// context menu, the status bar with the total speed, and URLs arriving by
// paste, drag-and-drop, the command line or another `ferry` process. It talks
// to the engine only through its non-blocking calls and signals.
#pragma once

#include "core/DownloadState.h"
#include "ui/AppSettings.h"
#include "ui/TrayIcon.h"

#include <QList>
#include <QMainWindow>
#include <QTimer>
#include <QUrl>

#include <memory>

class QDockWidget;
class QTableView;

namespace ferry {

class ClipboardOffer;
class ClipboardWatcher;
class DetailsPanel;
class DownloadEngine;
class DownloadFilterModel;
class DownloadListModel;
class DownloadView;
class QueueControls;
class SchedulerControl;
class FileActions;
class PendingRemovals;
struct DownloadSnapshot;
struct UrlList;
class SharingPanel;
class StatusSummary;
class WindowActions;
class UrlIntake;
class WindowDialogs;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(DownloadEngine &engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    DownloadListModel *model() const { return m_model; }
    DownloadFilterModel *filterModel() const { return m_filter; }
    // Removed rows wait here for the undo time before the engine forgets them.
    PendingRemovals *pendingRemovals() const { return m_removals; }
    QTableView *view() const;
    // The Sharing panel, in a dock under the table; app/ connects it to the share server.
    SharingPanel *sharingPanel() const { return m_sharingPanel; }
    QDockWidget *sharingDock() const { return m_sharingDock; }
    // Details of the current download (View → Details, Ctrl+I), in a dock at the right.
    DetailsPanel *detailsPanel() const { return m_detailsPanel; }
    QDockWidget *detailsDock() const { return m_detailsDock; }

    // The alternative speed limit's toggle and the schedule (Settings → Scheduler).
    SchedulerControl *scheduler() const { return m_scheduler; }

    AppSettings settings() const { return m_settings; }
    // Saves the settings and applies them to the engine and the tray at once.
    void applySettings(const AppSettings &settings);
    // Puts an entry of a layer the window knows nothing of (app/'s Remote
    // Control…) into the File menu, after Settings and Sharing.
    void addSettingsEntry(QAction *action);

    // With a tray, closing the window hides it (saying so the first time);
    // without, closing quits (asking first while downloads run).
    // `shown`: whether the desktop shows the tray (without one, closing quits).
    void setTrayIcon(TrayIcon *tray, bool shown = TrayIcon::isAvailable());

    // Adds downloads with the folder and connections from the settings; asks
    // about those that exist already (UrlIntake). Returns how many were added at once.
    int addUrls(const QList<QUrl> &urls, bool start = true);
    // Text or MIME data from paste and drop: adds the URLs, reports the rest.
    int addFromText(const QString &text);

    QList<DownloadId> selectedIds() const;
    void selectIds(const QList<DownloadId> &ids);

    void showWarning(const QString &message);
    void bringToFront();
    void toggleVisible();
    // Set once quitting has begun: closing then really closes.
    void setQuitting(bool quitting) { m_quitting = quitting; }

public Q_SLOTS:
    void addDownloads();
    void resumeSelected();
    void pauseSelected();
    void cancelSelected();
    void removeSelected();
    void openFolder();
    void openSettings();
    void copyUrls();
    void paste();
    void pauseAll();
    void resumeAll();
    void openDownload(const QModelIndex &index);
    // Quit from the menu, the tray or closing without a tray: asks while
    // downloads run (unless told not to), then emits quitRequested().
    void requestQuit();

Q_SIGNALS:
    void quitRequested();
    // After the window wrote its texts in a new language (entries of other layers follow it).
    void languageChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void quitNow();
    void pauseWithWarning(const QList<DownloadSnapshot> &downloads);
    void onPendingRemovalsChanged();
    void connectActions();
    void updateActions();
    void updateStatus();
    void updateSharingStatus();
    void showContextMenu(const QPoint &pos);
    void reportAdded(int added, const QStringList &invalid, int asked = 0);
    int addList(const UrlList &list);
    void watchClipboard();
    QList<DownloadSnapshot> selectedSnapshots() const;

    DownloadEngine &m_engine;
    AppSettings m_settings;
    DownloadListModel *m_model = nullptr;
    DownloadFilterModel *m_filter = nullptr;
    DownloadView *m_view = nullptr;
    QueueControls *m_queue = nullptr;
    StatusSummary *m_status = nullptr;
    std::unique_ptr<WindowActions> m_actions; // its QActions are the window's children
    PendingRemovals *m_removals = nullptr;
    UrlIntake *m_intake = nullptr;
    FileActions *m_files = nullptr;
    SharingPanel *m_sharingPanel = nullptr;
    QDockWidget *m_sharingDock = nullptr;
    DetailsPanel *m_detailsPanel = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    TrayIcon *m_tray = nullptr;
    QTimer m_statusTimer; // coalesces the model's changes into one updateStatus()
    ClipboardWatcher *m_clipboard = nullptr;
    ClipboardOffer *m_clipboardOffer = nullptr;
    SchedulerControl *m_scheduler = nullptr;
    WindowDialogs *m_dialogs = nullptr; // Add, Settings (Network, 401 logins), Change link, About
    bool m_quitting = false;
    bool m_trayShown = false;

};

} // namespace ferry
