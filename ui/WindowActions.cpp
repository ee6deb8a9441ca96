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
    : m_sharingDock(sharingDock)
    , m_detailsDock(detailsDock)
{
    // The texts: retranslate(), again at every change of language.
    auto make = [window](const QString &objectName, const QIcon &icon, const QList<QKeySequence> &shortcuts) {
        auto *action = new QAction(icon, QString(), window);
        action->setObjectName(objectName);
        action->setShortcuts(shortcuts);
        action->setShortcutContext(Qt::WindowShortcut);
        window->addAction(action); // shortcuts work while the menus are closed and the toolbar is hidden
        return action;
    };
    add = make(u"actionAdd"_s, themeIcon(u"list-add"_s, QStyle::SP_ArrowDown), {QKeySequence::New});
    resume = make(u"actionResume"_s, themeIcon(u"media-playback-start"_s, QStyle::SP_MediaPlay),
                  {QKeySequence(Qt::CTRL | Qt::Key_R)});
    pause = make(u"actionPause"_s, themeIcon(u"media-playback-pause"_s, QStyle::SP_MediaPause),
                 {QKeySequence(Qt::CTRL | Qt::Key_P)});
    cancel = make(u"actionCancel"_s, themeIcon(u"process-stop"_s, QStyle::SP_BrowserStop),
                  {QKeySequence(Qt::SHIFT | Qt::Key_Delete)});
    remove = make(u"actionRemove"_s, themeIcon(u"edit-delete"_s, QStyle::SP_TrashIcon), {QKeySequence::Delete});
    undoRemove = make(u"actionUndoRemove"_s, themeIcon(u"edit-undo"_s, QStyle::SP_ArrowBack), {QKeySequence::Undo});
    undoRemove->setEnabled(false);
    openFolder = make(u"actionOpenFolder"_s, themeIcon(u"folder-open"_s, QStyle::SP_DirOpenIcon),
                      {QKeySequence(Qt::CTRL | Qt::Key_E)});
    downloadAgain = make(u"actionDownloadAgain"_s, themeIcon(u"view-refresh"_s, QStyle::SP_BrowserReload),
                         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)});
    settings = make(u"actionSettings"_s, themeIcon(u"preferences-system"_s, QStyle::SP_FileDialogDetailedView),
                    keys(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    sharing = sharingDock->toggleViewAction();
    sharing->setObjectName(u"actionSharing"_s);
    sharing->setIcon(themeIcon(u"folder-remote"_s, QStyle::SP_DriveNetIcon));
    sharing->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    sharing->setShortcutContext(Qt::WindowShortcut);
    window->addAction(sharing);
    details = detailsDock->toggleViewAction();
    details->setObjectName(u"actionDetails"_s);
    details->setIcon(themeIcon(u"document-properties"_s, QStyle::SP_FileDialogInfoView));
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I)); // "info", as in file managers' Properties
    details->setShortcutContext(Qt::WindowShortcut);
    window->addAction(details);
    // Alt+Return: the desktops' "Properties" (Dolphin, Nautilus, KGet).
    edit = make(u"actionEdit"_s, themeIcon(u"document-edit"_s, QStyle::SP_FileDialogContentsView),
                {QKeySequence(Qt::ALT | Qt::Key_Return)});
    copyUrl = make(u"actionCopyUrl"_s, themeIcon(u"edit-copy"_s, QStyle::SP_FileLinkIcon),
                   {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    paste = make(u"actionPaste"_s, themeIcon(u"edit-paste"_s, QStyle::SP_FileDialogNewFolder), {QKeySequence::Paste});
    pauseAll = make(u"actionPauseAll"_s, {}, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    resumeAll = make(u"actionResumeAll"_s, {}, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    selectAll = make(u"actionSelectAll"_s, {}, {QKeySequence::SelectAll});
    quit = make(u"actionQuit"_s, themeIcon(u"application-exit"_s, QStyle::SP_DialogCloseButton),
                keys(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    // The queue: the order in which waiting downloads start.
    moveUp = make(u"actionMoveUp"_s, themeIcon(u"go-up"_s, QStyle::SP_ArrowUp), {QKeySequence(Qt::CTRL | Qt::Key_Up)});
    moveDown = make(u"actionMoveDown"_s, themeIcon(u"go-down"_s, QStyle::SP_ArrowDown),
                    {QKeySequence(Qt::CTRL | Qt::Key_Down)});
    moveTop = make(u"actionMoveTop"_s, themeIcon(u"go-top"_s, QStyle::SP_ArrowUp), {QKeySequence(Qt::CTRL | Qt::Key_Home)});
    moveBottom = make(u"actionMoveBottom"_s, themeIcon(u"go-bottom"_s, QStyle::SP_ArrowDown),
                      {QKeySequence(Qt::CTRL | Qt::Key_End)});
    clearCompleted = make(u"actionClearCompleted"_s, themeIcon(u"edit-clear-history"_s, QStyle::SP_DialogResetButton),
                          {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete)});
    about = make(u"actionAbout"_s, themeIcon(u"help-about"_s, QStyle::SP_MessageBoxInformation), {QKeySequence(Qt::Key_F1)});
    retranslate();
}

void WindowActions::retranslate()
{
    // The docks first: a dock's new title becomes its toggle action's text.
    m_sharingDock->setWindowTitle(tr("Sharing"));
    m_detailsDock->setWindowTitle(tr("Details"));
    add->setText(tr("&Add…"));
    add->setToolTip(tr("Add downloads"));
    resume->setText(tr("&Resume"));
    resume->setToolTip(tr("Resume or retry the selected downloads"));
    pause->setText(tr("&Pause"));
    pause->setToolTip(tr("Pause the selected downloads"));
    // Two different things, named for what they do: Remove only forgets the
    // download (files stay), Cancel also deletes what an unfinished one downloaded.
    cancel->setText(tr("&Cancel and Delete Data…"));
    cancel->setToolTip(tr("Stop the selected unfinished downloads, delete their partial files and remove "
                          "them from the list"));
    remove->setText(tr("Re&move from List…"));
    remove->setToolTip(tr("Remove the selected downloads from the list; downloaded files stay on disk"));
    undoRemove->setText(tr("&Undo Remove"));
    openFolder->setText(tr("Open &Folder"));
    openFolder->setToolTip(tr("Show the selected download in its folder"));
    downloadAgain->setText(tr("Download &Again"));
    downloadAgain->setToolTip(tr("Download the selected files again: they were moved or deleted"));
    settings->setText(tr("&Settings…"));
    sharing->setText(tr("S&haring"));
    sharing->setToolTip(tr("Share folders with other devices on the local network"));
    details->setText(tr("&Details"));
    details->setToolTip(tr("Show everything about the selected download: its connections, speed and log"));
    edit->setText(tr("&Edit…"));
    edit->setToolTip(tr("Change the folder, speed limit, connections or checksum of the selected downloads"));
    copyUrl->setText(tr("Copy &URL"));
    paste->setText(tr("&Paste URLs"));
    pauseAll->setText(tr("Pause A&ll"));
    resumeAll->setText(tr("Resume Al&l"));
    selectAll->setText(tr("Select &All"));
    quit->setText(tr("&Quit"));
    moveUp->setText(tr("Move &Up"));
    moveDown->setText(tr("Move &Down"));
    moveTop->setText(tr("Move to &Top"));
    moveBottom->setText(tr("Move to &Bottom"));
    clearCompleted->setText(tr("C&lear Completed"));
    clearCompleted->setToolTip(tr("Remove the completed downloads from the list; their files stay on disk"));
    about->setText(tr("&About Ferry"));
    if (m_file) {
        m_file->setTitle(tr("&File"));
        m_downloads->setTitle(tr("&Downloads"));
        m_help->setTitle(tr("&Help"));
        m_toolBar->setWindowTitle(tr("Main"));
        // Toolbar buttons: short texts without accelerators (ui/ActionText).
        for (QAction *action : m_toolBar->actions()) {
            if (action == cancel)
                action->setIconText(toolBarText(tr("Cancel Download")));
            else if (action == remove)
                action->setIconText(toolBarText(tr("Remove from List")));
            else if (!action->isSeparator())
                action->setIconText(toolBarText(action->text()));
        }
    }
}

void WindowActions::placeIn(QMainWindow *window)
{
    m_file = window->menuBar()->addMenu(QString());
    m_file->setObjectName(u"fileMenu"_s);
    m_file->addActions({add, paste});
    m_file->addSeparator();
    m_file->addActions({settings, sharing});
    m_file->addSeparator();
    m_file->addAction(quit);

    m_downloads = window->menuBar()->addMenu(QString());
    m_downloads->setObjectName(u"downloadsMenu"_s);
    m_downloads->addActions({resume, pause, cancel, remove, undoRemove});
    m_downloads->addSeparator();
    m_downloads->addActions({details, edit, downloadAgain, openFolder, copyUrl});
    m_downloads->addSeparator();
    m_downloads->addActions({selectAll, resumeAll, pauseAll});
    m_downloads->addSeparator();
    m_downloads->addActions({moveTop, moveUp, moveDown, moveBottom});
    m_downloads->addSeparator();
    m_downloads->addAction(clearCompleted);

    m_help = window->menuBar()->addMenu(QString());
    m_help->setObjectName(u"helpMenu"_s);
    m_help->addAction(about);

    m_contextMenu = new QMenu(window);
    m_contextMenu->setObjectName(u"downloadsContextMenu"_s);
    m_contextMenu->addActions({resume, pause, cancel, remove});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({details, edit, downloadAgain, openFolder, copyUrl});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({moveTop, moveUp, moveDown, moveBottom});
    m_contextMenu->addSeparator();

    m_toolBar = window->addToolBar(QString());
    m_toolBar->setObjectName(u"mainToolBar"_s);
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    m_toolBar->addAction(add);
    m_toolBar->addSeparator();
    m_toolBar->addActions({resume, pause, cancel, remove});
    m_toolBar->addSeparator();
    m_toolBar->addActions({openFolder, sharing, settings});
    retranslate();
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
