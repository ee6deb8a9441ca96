// The window's actions — what the toolbar, the menus, the context menu and
// the keyboard shortcuts trigger — and the rules that enable them from the
// selected downloads and the whole list. Every action has a shortcut. The
// window connects them; this class only makes, places and enables them.
#pragma once

#include "core/DownloadSnapshot.h"

#include <QCoreApplication>
#include <QList>
#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QToolBar;

namespace ferry {

class WindowActions final
{
    Q_DECLARE_TR_FUNCTIONS(WindowActions)

public:
    // Made as children of `window` (so their shortcuts work with the menus closed).
    WindowActions(QMainWindow *window, QDockWidget *sharingDock, QDockWidget *detailsDock);

    // The menu bar, the toolbar and the context menu.
    void placeIn(QMainWindow *window);
    QMenu *contextMenu() const { return m_contextMenu; }
    // Every text again, in the language installed now (the window's LanguageChange).
    void retranslate();
    // Into every menu that holds Sharing, right after it (File → Remote Control…).
    void insertAfterSharing(QAction *action);

    // Enable rules. `isMissing`: a completed download whose file is gone;
    // `hasFolder`: whether a folder can be shown for it.
    void update(const QList<DownloadSnapshot> &selected, const QList<DownloadSnapshot> &all,
                const std::function<bool(const DownloadSnapshot &)> &isMissing,
                const std::function<bool(const DownloadSnapshot &)> &hasFolder);

    static bool canResume(const DownloadSnapshot &s);
    static bool canPause(const DownloadSnapshot &s);
    static bool isUnfinished(const DownloadSnapshot &s);

    QAction *add = nullptr;
    QAction *resume = nullptr;
    QAction *pause = nullptr;
    QAction *cancel = nullptr;
    QAction *remove = nullptr;
    QAction *undoRemove = nullptr;
    QAction *openFolder = nullptr;
    QAction *downloadAgain = nullptr;
    QAction *settings = nullptr;
    QAction *sharing = nullptr;
    QAction *details = nullptr; // shows or hides the Details panel
    QAction *edit = nullptr;    // folder, speed limit, connections, checksum of the selected
    QAction *copyUrl = nullptr;
    QAction *paste = nullptr;
    QAction *pauseAll = nullptr;
    QAction *resumeAll = nullptr;
    QAction *selectAll = nullptr;
    QAction *quit = nullptr;
    QAction *moveUp = nullptr;
    QAction *moveDown = nullptr;
    QAction *moveTop = nullptr;
    QAction *moveBottom = nullptr;
    QAction *clearCompleted = nullptr;
    QAction *about = nullptr;

private:
    QDockWidget *m_sharingDock;
    QDockWidget *m_detailsDock;
    QMenu *m_contextMenu = nullptr;
    QMenu *m_file = nullptr;
    QMenu *m_downloads = nullptr;
    QMenu *m_help = nullptr;
    QToolBar *m_toolBar = nullptr;
};

} // namespace ferry
