// See WindowActions.h.
#include "ui/WindowActions.h"

#include "ui/ActionText.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
QIcon themeIcon(const QString &name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(name, QApplication::style()->standardIcon(fallback));
}

// The platform's key when it has one (some desktops define none for
// Preferences), else ours.
QList<QKeySequence> keys(QKeySequence::StandardKey standard, const QKeySequence &fallback)
{
    QList<QKeySequence> list = QKeySequence::keyBindings(standard);
    if (!list.contains(fallback))
        list.append(fallback);
    return list;
}
} // namespace

WindowActions::WindowActions(QMainWindow *window, QDockWidget *sharingDock, QDockWidget *detailsDock)
{
    auto make = [window](const QString &objectName, const QString &text, const QIcon &icon,
                         const QList<QKeySequence> &shortcuts) {
        auto *action = new QAction(icon, text, window);
        action->setObjectName(objectName);
        action->setShortcuts(shortcuts);
        action->setShortcutContext(Qt::WindowShortcut);
        window->addAction(action); // shortcuts work while the menus are closed and the toolbar is hidden
        return action;
    };
    add = make(u"actionAdd"_s, tr("&Add…"), themeIcon(u"list-add"_s, QStyle::SP_ArrowDown), {QKeySequence::New});
    add->setToolTip(tr("Add downloads"));
    resume = make(u"actionResume"_s, tr("&Resume"), themeIcon(u"media-playback-start"_s, QStyle::SP_MediaPlay),
                  {QKeySequence(Qt::CTRL | Qt::Key_R)});
    resume->setToolTip(tr("Resume or retry the selected downloads"));
    pause = make(u"actionPause"_s, tr("&Pause"), themeIcon(u"media-playback-pause"_s, QStyle::SP_MediaPause),
                 {QKeySequence(Qt::CTRL | Qt::Key_P)});
    pause->setToolTip(tr("Pause the selected downloads"));
    // Two different things, named for what they do: Remove only forgets the
    // download (files stay), Cancel also deletes what an unfinished one downloaded.
    cancel = make(u"actionCancel"_s, tr("&Cancel and Delete Data…"), themeIcon(u"process-stop"_s, QStyle::SP_BrowserStop),
                  {QKeySequence(Qt::SHIFT | Qt::Key_Delete)});
    cancel->setIconText(tr("Cancel Download"));
    cancel->setToolTip(tr("Stop the selected unfinished downloads, delete their partial files and remove "
                          "them from the list"));
    remove = make(u"actionRemove"_s, tr("Re&move from List…"), themeIcon(u"edit-delete"_s, QStyle::SP_TrashIcon),
                  {QKeySequence::Delete});
    remove->setIconText(tr("Remove from List"));
    remove->setToolTip(tr("Remove the selected downloads from the list; downloaded files stay on disk"));
    undoRemove = make(u"actionUndoRemove"_s, tr("&Undo Remove"), themeIcon(u"edit-undo"_s, QStyle::SP_ArrowBack),
                      {QKeySequence::Undo});
    undoRemove->setEnabled(false);
    openFolder = make(u"actionOpenFolder"_s, tr("Open &Folder"), themeIcon(u"folder-open"_s, QStyle::SP_DirOpenIcon),
                      {QKeySequence(Qt::CTRL | Qt::Key_E)});
    openFolder->setToolTip(tr("Show the selected download in its folder"));
    downloadAgain = make(u"actionDownloadAgain"_s, tr("Download &Again"),
                         themeIcon(u"view-refresh"_s, QStyle::SP_BrowserReload), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)});
    downloadAgain->setToolTip(tr("Download the selected files again: they were moved or deleted"));
    settings = make(u"actionSettings"_s, tr("&Settings…"),
                    themeIcon(u"preferences-system"_s, QStyle::SP_FileDialogDetailedView),
                    keys(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    sharing = sharingDock->toggleViewAction();
    sharing->setObjectName(u"actionSharing"_s);
    sharing->setText(tr("S&haring"));
    sharing->setIcon(themeIcon(u"folder-remote"_s, QStyle::SP_DriveNetIcon));
    sharing->setToolTip(tr("Share folders with other devices on the local network"));
    sharing->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    sharing->setShortcutContext(Qt::WindowShortcut);
    window->addAction(sharing);
    details = detailsDock->toggleViewAction();
    details->setObjectName(u"actionDetails"_s);
    details->setText(tr("&Details"));
    details->setIcon(themeIcon(u"document-properties"_s, QStyle::SP_FileDialogInfoView));
    details->setToolTip(tr("Show everything about the selected download: its connections, speed and log"));
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I)); // "info", as in file managers' Properties
    details->setShortcutContext(Qt::WindowShortcut);
    window->addAction(details);
    // Alt+Return: the desktops' "Properties" (Dolphin, Nautilus, KGet).
    edit = make(u"actionEdit"_s, tr("&Edit…"), themeIcon(u"document-edit"_s, QStyle::SP_FileDialogContentsView),
                {QKeySequence(Qt::ALT | Qt::Key_Return)});
    edit->setToolTip(tr("Change the folder, speed limit, connections or checksum of the selected downloads"));
    copyUrl = make(u"actionCopyUrl"_s, tr("Copy &URL"), themeIcon(u"edit-copy"_s, QStyle::SP_FileLinkIcon),
                   {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    paste = make(u"actionPaste"_s, tr("&Paste URLs"), themeIcon(u"edit-paste"_s, QStyle::SP_FileDialogNewFolder),
                 {QKeySequence::Paste});
    pauseAll = make(u"actionPauseAll"_s, tr("Pause A&ll"), {}, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    resumeAll = make(u"actionResumeAll"_s, tr("Resume Al&l"), {}, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    selectAll = make(u"actionSelectAll"_s, tr("Select &All"), {}, {QKeySequence::SelectAll});
    quit = make(u"actionQuit"_s, tr("&Quit"), themeIcon(u"application-exit"_s, QStyle::SP_DialogCloseButton),
                keys(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    // The queue: the order in which waiting downloads start.
    moveUp = make(u"actionMoveUp"_s, tr("Move &Up"), themeIcon(u"go-up"_s, QStyle::SP_ArrowUp),
                  {QKeySequence(Qt::CTRL | Qt::Key_Up)});
    moveDown = make(u"actionMoveDown"_s, tr("Move &Down"), themeIcon(u"go-down"_s, QStyle::SP_ArrowDown),
                    {QKeySequence(Qt::CTRL | Qt::Key_Down)});
    moveTop = make(u"actionMoveTop"_s, tr("Move to &Top"), themeIcon(u"go-top"_s, QStyle::SP_ArrowUp),
                   {QKeySequence(Qt::CTRL | Qt::Key_Home)});
    moveBottom = make(u"actionMoveBottom"_s, tr("Move to &Bottom"), themeIcon(u"go-bottom"_s, QStyle::SP_ArrowDown),
                      {QKeySequence(Qt::CTRL | Qt::Key_End)});
    clearCompleted = make(u"actionClearCompleted"_s, tr("C&lear Completed"),
                          themeIcon(u"edit-clear-history"_s, QStyle::SP_DialogResetButton),
                          {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete)});
    clearCompleted->setToolTip(tr("Remove the completed downloads from the list; their files stay on disk"));
    about = make(u"actionAbout"_s, tr("&About Ferry"), themeIcon(u"help-about"_s, QStyle::SP_MessageBoxInformation),
                 {QKeySequence(Qt::Key_F1)});
}

void WindowActions::placeIn(QMainWindow *window)
{
    QMenu *file = window->menuBar()->addMenu(tr("&File"));
    file->addActions({add, paste});
    file->addSeparator();
    file->addActions({settings, sharing});
    file->addSeparator();
    file->addAction(quit);

    QMenu *downloads = window->menuBar()->addMenu(tr("&Downloads"));
    downloads->addActions({resume, pause, cancel, remove, undoRemove});
    downloads->addSeparator();
    downloads->addActions({details, edit, downloadAgain, openFolder, copyUrl});
    downloads->addSeparator();
    downloads->addActions({selectAll, resumeAll, pauseAll});
    downloads->addSeparator();
    downloads->addActions({moveTop, moveUp, moveDown, moveBottom});
    downloads->addSeparator();
    downloads->addAction(clearCompleted);

    QMenu *help = window->menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    m_contextMenu = new QMenu(window);
    m_contextMenu->setObjectName(u"downloadsContextMenu"_s);
    m_contextMenu->addActions({resume, pause, cancel, remove});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({details, edit, downloadAgain, openFolder, copyUrl});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({moveTop, moveUp, moveDown, moveBottom});
    m_contextMenu->addSeparator();

    QToolBar *bar = window->addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    bar->addAction(add);
    bar->addSeparator();
    bar->addActions({resume, pause, cancel, remove});
    bar->addSeparator();
    bar->addActions({openFolder, sharing, settings});
    for (QAction *action : bar->actions())
        action->setIconText(toolBarText(action->iconText()));
}

void WindowActions::insertAfterSharing(QAction *action)
{
    for (QObject *object : sharing->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(object)) {
            const QList<QAction *> actions = menu->actions();
            const qsizetype at = actions.indexOf(sharing) + 1;
            menu->insertAction(at < actions.size() ? actions.at(at) : nullptr, action);
        }
    }
}

bool WindowActions::canResume(const DownloadSnapshot &s)
{
    return s.state == DownloadState::Paused || s.state == DownloadState::Failed;
}

bool WindowActions::canPause(const DownloadSnapshot &s)
{
    return s.state == DownloadState::Queued || s.state == DownloadState::Downloading;
}

bool WindowActions::isUnfinished(const DownloadSnapshot &s)
{
    return s.state != DownloadState::Completed;
}

void WindowActions::update(const QList<DownloadSnapshot> &selected, const QList<DownloadSnapshot> &all,
                           const std::function<bool(const DownloadSnapshot &)> &isMissing,
                           const std::function<bool(const DownloadSnapshot &)> &hasFolder)
{
    const bool any = !selected.isEmpty();
    resume->setEnabled(std::any_of(selected.cbegin(), selected.cend(), canResume));
    pause->setEnabled(std::any_of(selected.cbegin(), selected.cend(), canPause));
    cancel->setEnabled(std::any_of(selected.cbegin(), selected.cend(), isUnfinished));
    remove->setEnabled(any);
    edit->setEnabled(any);
    copyUrl->setEnabled(any);
    for (QAction *move : {moveUp, moveDown, moveTop, moveBottom})
        move->setEnabled(any && all.size() > 1);
    clearCompleted->setEnabled(std::any_of(all.cbegin(), all.cend(), [](const DownloadSnapshot &s) {
        return s.state == DownloadState::Completed;
    }));
    downloadAgain->setEnabled(std::any_of(selected.cbegin(), selected.cend(), isMissing));
    openFolder->setEnabled(std::any_of(selected.cbegin(), selected.cend(), hasFolder));
    pauseAll->setEnabled(std::any_of(all.cbegin(), all.cend(), canPause));
    resumeAll->setEnabled(std::any_of(all.cbegin(), all.cend(), [](const DownloadSnapshot &s) {
        return s.state == DownloadState::Paused;
    }));
}

} // namespace ferry
