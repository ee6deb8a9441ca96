// The main window: the download table with its filter box, the toolbar and
// context menu, the status bar with the total speed, and URLs arriving by
// paste, drag-and-drop, the command line or another `ferry` process. It talks
// to the engine only through its non-blocking calls and signals.
#pragma once

#include "core/DownloadState.h"
#include "ui/AppSettings.h"

#include <QList>
#include <QMainWindow>
#include <QUrl>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QToolButton;

namespace ferry {

class DownloadEngine;
class DownloadFilterModel;
class DownloadListModel;
struct DownloadSnapshot;
class SharingPanel;
class TrayIcon;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(DownloadEngine &engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    DownloadListModel *model() const { return m_model; }
    DownloadFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    // The Sharing panel, in a dock under the table; app/ connects it to the share server.
    SharingPanel *sharingPanel() const { return m_sharingPanel; }
    QDockWidget *sharingDock() const { return m_sharingDock; }

    AppSettings settings() const { return m_settings; }
    // Saves the settings and applies them to the engine and the tray at once.
    void applySettings(const AppSettings &settings);
    // Puts an entry of a layer the window knows nothing of (app/'s Remote
    // Control…) into the File menu, after Settings and Sharing.
    void addSettingsEntry(QAction *action);

    // With a tray, closing the window hides it; without, closing quits.
    void setTrayIcon(TrayIcon *tray);

    // Adds downloads with the folder and connections from the settings.
    // Returns how many were added.
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

Q_SIGNALS:
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void updateActions();
    void updateStatus();
    void updateSharingStatus();
    void showContextMenu(const QPoint &pos);
    void reportAdded(int added, const QStringList &invalid);
    QList<DownloadSnapshot> selectedSnapshots() const;
    QString folderOf(const DownloadSnapshot &snapshot) const;

    DownloadEngine &m_engine;
    AppSettings m_settings;
    DownloadListModel *m_model = nullptr;
    DownloadFilterModel *m_filter = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filterBox = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    QToolButton *m_sharingStatus = nullptr;
    QMenu *m_contextMenu = nullptr;
    SharingPanel *m_sharingPanel = nullptr;
    QDockWidget *m_sharingDock = nullptr;
    TrayIcon *m_tray = nullptr;
    bool m_quitting = false;

    QAction *m_addAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_openFolderAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_sharingAction = nullptr;
    QAction *m_copyUrlAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_pauseAllAction = nullptr;
    QAction *m_resumeAllAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_quitAction = nullptr;
};

} // namespace ferry
