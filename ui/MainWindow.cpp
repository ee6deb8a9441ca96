// See MainWindow.h.
#include "ui/MainWindow.h"

#include "core/DownloadEngine.h"
#include "ui/AddDownloadsDialog.h"
#include "ui/ChangeLinkDialog.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadListModel.h"
#include "ui/ProgressBarDelegate.h"
#include "ui/SettingsDialog.h"
#include "ui/SharingPanel.h"
#include "ui/TextElideDelegate.h"
#include "ui/TrayIcon.h"
#include "ui/UrlList.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kStatusMessageMs = 8000;
constexpr int kMaxFoldersOpened = 5;
constexpr int kMaxInvalidShown = 3;
constexpr QLatin1StringView kGeometryKey("window/geometry");
constexpr QLatin1StringView kHeaderKey("window/header");
constexpr QLatin1StringView kStateKey("window/state"); // docks and toolbars

struct ColumnWidth {
    int column;
    int width;
};
constexpr ColumnWidth kColumnWidths[] = {
    {DownloadListModel::SizeColumn, 90},  {DownloadListModel::ProgressColumn, 150},
    {DownloadListModel::SpeedColumn, 100}, {DownloadListModel::EtaColumn, 100},
    {DownloadListModel::StatusColumn, 240}, {DownloadListModel::AddedColumn, 110},
};

QIcon themeIcon(const QString &name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(name, QApplication::style()->standardIcon(fallback));
}

bool canResume(const DownloadSnapshot &s)
{
    return s.state == DownloadState::Paused || s.state == DownloadState::Failed;
}

bool canPause(const DownloadSnapshot &s)
{
    return s.state == DownloadState::Queued || s.state == DownloadState::Downloading;
}

bool isUnfinished(const DownloadSnapshot &s)
{
    return s.state != DownloadState::Completed;
}
} // namespace

MainWindow::MainWindow(DownloadEngine &engine, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_settings(AppSettings::load())
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Ferry"));
    setAcceptDrops(true);

    m_model = new DownloadListModel(this);
    m_model->setEngine(&engine);
    m_filter = new DownloadFilterModel(this);
    m_filter->setSourceModel(m_model);

    m_view = new QTableView(this);
    m_view->setObjectName(u"downloads"_s);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->setItemDelegateForColumn(DownloadListModel::ProgressColumn, new ProgressBarDelegate(m_view));
    m_view->setItemDelegateForColumn(DownloadListModel::StatusColumn, new TextElideDelegate(Qt::ElideRight, m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DownloadListModel::AddedColumn, Qt::AscendingOrder);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(DownloadListModel::NameColumn, QHeaderView::Stretch);
    for (const ColumnWidth &c : kColumnWidths)
        header->resizeSection(c.column, c.width);
    setCentralWidget(m_view);

    m_speedLabel = new QLabel(this);
    m_speedLabel->setObjectName(u"totalSpeed"_s);
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(u"counts"_s);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_speedLabel);

    m_sharingPanel = new SharingPanel(this);
    m_sharingDock = new QDockWidget(tr("Sharing"), this);
    m_sharingDock->setObjectName(u"sharingDock"_s);
    m_sharingDock->setWidget(m_sharingPanel);
    m_sharingDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                               | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_sharingDock);
    m_sharingDock->hide(); // until the user opens it (or the saved state says it was open)
    // Sharing runs whether or not its panel is open: the status bar always says so.
    m_sharingStatus = new QToolButton(this);
    m_sharingStatus->setObjectName(u"sharingStatusButton"_s);
    m_sharingStatus->setAutoRaise(true);
    m_sharingStatus->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    statusBar()->addPermanentWidget(m_sharingStatus);
    connect(m_sharingStatus, &QToolButton::clicked, this, [this] {
        m_sharingDock->show();
        m_sharingDock->raise();
    });
    connect(m_sharingPanel, &SharingPanel::stateChanged, this, &MainWindow::updateSharingStatus);

    createActions();
    createMenus();
    createToolBar();

    connect(m_view, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view, &QTableView::doubleClicked, this, &MainWindow::openDownload);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    // Rows change state under a fixed selection, so the actions follow the model too.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);

    const QSettings stored;
    if (!restoreGeometry(stored.value(kGeometryKey).toByteArray()))
        resize(1000, 560);
    header->restoreState(stored.value(kHeaderKey).toByteArray());
    restoreState(stored.value(kStateKey).toByteArray());

    m_engine.setMaxActive(m_settings.maxActive);
    m_engine.setGlobalSpeedLimit(m_settings.speedLimitBytes());
    updateActions();
    updateStatus();
    updateSharingStatus();
}

MainWindow::~MainWindow()
{
    QSettings stored;
    stored.setValue(kGeometryKey, saveGeometry());
    stored.setValue(kHeaderKey, m_view->horizontalHeader()->saveState());
    stored.setValue(kStateKey, saveState());
}

void MainWindow::createActions()
{
    auto make = [this](const QString &objectName, const QString &text, const QIcon &icon, const QKeySequence &key) {
        auto *action = new QAction(icon, text, this);
        action->setObjectName(objectName);
        if (!key.isEmpty()) {
            action->setShortcut(key);
            action->setShortcutContext(Qt::WindowShortcut);
        }
        addAction(action); // shortcuts work while the menus are closed and the toolbar is hidden
        return action;
    };
    m_addAction = make(u"actionAdd"_s, tr("&Add…"), themeIcon(u"list-add"_s, QStyle::SP_ArrowDown), QKeySequence::New);
    m_addAction->setToolTip(tr("Add downloads"));
    m_resumeAction = make(u"actionResume"_s, tr("&Resume"), themeIcon(u"media-playback-start"_s, QStyle::SP_MediaPlay), {});
    m_resumeAction->setToolTip(tr("Resume or retry the selected downloads"));
    m_pauseAction = make(u"actionPause"_s, tr("&Pause"), themeIcon(u"media-playback-pause"_s, QStyle::SP_MediaPause), {});
    m_pauseAction->setToolTip(tr("Pause the selected downloads"));
    m_cancelAction = make(u"actionCancel"_s, tr("&Cancel"), themeIcon(u"process-stop"_s, QStyle::SP_BrowserStop), {});
    m_cancelAction->setToolTip(tr("Stop the selected downloads and delete what they downloaded"));
    m_removeAction = make(u"actionRemove"_s, tr("Re&move"), themeIcon(u"edit-delete"_s, QStyle::SP_TrashIcon),
                          QKeySequence::Delete);
    m_removeAction->setToolTip(tr("Remove the selected downloads from the list"));
    m_openFolderAction = make(u"actionOpenFolder"_s, tr("Open &Folder"), themeIcon(u"folder-open"_s, QStyle::SP_DirOpenIcon),
                              {});
    m_openFolderAction->setToolTip(tr("Open the folder that holds the selected download"));
    m_settingsAction = make(u"actionSettings"_s, tr("&Settings…"),
                            themeIcon(u"preferences-system"_s, QStyle::SP_FileDialogDetailedView), QKeySequence::Preferences);
    m_sharingAction = m_sharingDock->toggleViewAction();
    m_sharingAction->setObjectName(u"actionSharing"_s);
    m_sharingAction->setText(tr("S&haring"));
    m_sharingAction->setIcon(themeIcon(u"folder-remote"_s, QStyle::SP_DriveNetIcon));
    m_sharingAction->setToolTip(tr("Share folders with other devices on the local network"));
    m_copyUrlAction = make(u"actionCopyUrl"_s, tr("Copy &URL"), themeIcon(u"edit-copy"_s, QStyle::SP_FileLinkIcon), {});
    m_pasteAction = make(u"actionPaste"_s, tr("&Paste URLs"), themeIcon(u"edit-paste"_s, QStyle::SP_FileDialogNewFolder),
                         QKeySequence::Paste);
    m_pauseAllAction = make(u"actionPauseAll"_s, tr("Pause A&ll"), {}, {});
    m_resumeAllAction = make(u"actionResumeAll"_s, tr("Resume Al&l"), {}, {});
    m_selectAllAction = make(u"actionSelectAll"_s, tr("Select &All"), {}, QKeySequence::SelectAll);
    m_quitAction = make(u"actionQuit"_s, tr("&Quit"), themeIcon(u"application-exit"_s, QStyle::SP_DialogCloseButton),
                        QKeySequence::Quit);

    connect(m_addAction, &QAction::triggered, this, &MainWindow::addDownloads);
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::resumeSelected);
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::pauseSelected);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelSelected);
    connect(m_removeAction, &QAction::triggered, this, &MainWindow::removeSelected);
    connect(m_openFolderAction, &QAction::triggered, this, &MainWindow::openFolder);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_copyUrlAction, &QAction::triggered, this, &MainWindow::copyUrls);
    connect(m_pasteAction, &QAction::triggered, this, &MainWindow::paste);
    connect(m_pauseAllAction, &QAction::triggered, this, &MainWindow::pauseAll);
    connect(m_resumeAllAction, &QAction::triggered, this, &MainWindow::resumeAll);
    connect(m_selectAllAction, &QAction::triggered, m_view, &QTableView::selectAll);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::quitRequested);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addAction);
    file->addAction(m_pasteAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addAction(m_sharingAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *downloads = menuBar()->addMenu(tr("&Downloads"));
    downloads->addAction(m_resumeAction);
    downloads->addAction(m_pauseAction);
    downloads->addAction(m_cancelAction);
    downloads->addAction(m_removeAction);
    downloads->addSeparator();
    downloads->addAction(m_openFolderAction);
    downloads->addAction(m_copyUrlAction);
    downloads->addSeparator();
    downloads->addAction(m_selectAllAction);
    downloads->addAction(m_resumeAllAction);
    downloads->addAction(m_pauseAllAction);

    m_contextMenu = new QMenu(this);
    m_contextMenu->addAction(m_resumeAction);
    m_contextMenu->addAction(m_pauseAction);
    m_contextMenu->addAction(m_cancelAction);
    m_contextMenu->addAction(m_removeAction);
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_openFolderAction);
    m_contextMenu->addAction(m_copyUrlAction);
    ChangeLinkDialog::addTo(m_contextMenu, m_engine, [this] { return selectedIds(); });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    bar->addAction(m_addAction);
    bar->addSeparator();
    bar->addAction(m_resumeAction);
    bar->addAction(m_pauseAction);
    bar->addAction(m_cancelAction);
    bar->addAction(m_removeAction);
    bar->addSeparator();
    bar->addAction(m_openFolderAction);
    bar->addAction(m_sharingAction);
    bar->addAction(m_settingsAction);

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    m_filterBox = new QLineEdit(bar);
    m_filterBox->setObjectName(u"filter"_s);
    m_filterBox->setPlaceholderText(tr("Filter by name or URL"));
    m_filterBox->setClearButtonEnabled(true);
    m_filterBox->setMaximumWidth(260);
    m_filterBox->setMinimumWidth(180);
    bar->addWidget(m_filterBox);
    connect(m_filterBox, &QLineEdit::textChanged, m_filter, &DownloadFilterModel::setFilterText);
    connect(m_filterBox, &QLineEdit::textChanged, this, &MainWindow::updateActions);
}

void MainWindow::applySettings(const AppSettings &settings)
{
    m_settings = settings;
    m_settings.save();
    m_engine.setMaxActive(m_settings.maxActive);
    m_engine.setGlobalSpeedLimit(m_settings.speedLimitBytes());
    if (m_tray)
        m_tray->setNotificationsEnabled(m_settings.notifications);
}

void MainWindow::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
    if (!tray)
        return;
    tray->setNotificationsEnabled(m_settings.notifications);
    connect(tray, &TrayIcon::toggleWindowRequested, this, &MainWindow::toggleVisible);
    connect(tray, &TrayIcon::pauseAllRequested, this, &MainWindow::pauseAll);
    connect(tray, &TrayIcon::resumeAllRequested, this, &MainWindow::resumeAll);
    connect(tray, &TrayIcon::quitRequested, this, &MainWindow::quitRequested);
}

int MainWindow::addUrls(const QList<QUrl> &urls, bool start)
{
    for (const QUrl &url : urls) {
        DownloadRequest request;
        request.url = url;
        request.directory = m_settings.downloadFolder;
        request.connections = m_settings.connections;
        m_engine.add(request, start);
    }
    return int(urls.size());
}

int MainWindow::addFromText(const QString &text)
{
    const UrlList list = parseUrlList(text);
    const int added = addUrls(list.urls);
    reportAdded(added, list.invalid);
    return added;
}

void MainWindow::reportAdded(int added, const QStringList &invalid)
{
    QString message;
    if (added > 0)
        message = tr("Added %n download(s).", nullptr, added);
    if (!invalid.isEmpty()) {
        QStringList shown = invalid.mid(0, kMaxInvalidShown);
        if (invalid.size() > kMaxInvalidShown)
            shown.append(u"…"_s);
        const QString skipped = tr("Skipped %n line(s) that are not http or https URLs: %1", nullptr, int(invalid.size()))
                                    .arg(shown.join(u", "_s));
        message = message.isEmpty() ? skipped : message + u' ' + skipped;
    }
    if (message.isEmpty())
        message = tr("No URLs to add.");
    statusBar()->showMessage(message, kStatusMessageMs);
}

QList<DownloadId> MainWindow::selectedIds() const
{
    QList<DownloadId> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(index.data(DownloadListModel::IdRole).value<DownloadId>());
    return ids;
}

void MainWindow::selectIds(const QList<DownloadId> &ids)
{
    QItemSelection selection;
    for (DownloadId id : ids) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            selection.select(index, index);
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QList<DownloadSnapshot> MainWindow::selectedSnapshots() const
{
    QList<DownloadSnapshot> list;
    const QList<DownloadId> ids = selectedIds();
    for (DownloadId id : ids)
        if (const int row = m_model->rowOf(id); row >= 0)
            list.append(m_model->snapshotAt(row));
    return list;
}

QString MainWindow::folderOf(const DownloadSnapshot &snapshot) const
{
    if (!snapshot.filePath.isEmpty())
        return QFileInfo(snapshot.filePath).absolutePath();
    return m_engine.request(snapshot.id).directory;
}

void MainWindow::updateActions()
{
    const QList<DownloadSnapshot> selected = selectedSnapshots();
    const bool any = !selected.isEmpty();
    m_resumeAction->setEnabled(std::any_of(selected.cbegin(), selected.cend(), canResume));
    m_pauseAction->setEnabled(std::any_of(selected.cbegin(), selected.cend(), canPause));
    m_cancelAction->setEnabled(std::any_of(selected.cbegin(), selected.cend(), isUnfinished));
    m_removeAction->setEnabled(any);
    m_copyUrlAction->setEnabled(any);
    m_openFolderAction->setEnabled(
        std::any_of(selected.cbegin(), selected.cend(), [this](const DownloadSnapshot &s) { return !folderOf(s).isEmpty(); }));
    const QList<DownloadSnapshot> &all = m_model->snapshots();
    m_pauseAllAction->setEnabled(std::any_of(all.cbegin(), all.cend(), canPause));
    m_resumeAllAction->setEnabled(std::any_of(all.cbegin(), all.cend(), [](const DownloadSnapshot &s) {
        return s.state == DownloadState::Paused;
    }));
}

void MainWindow::updateStatus()
{
    int downloading = 0, queued = 0, paused = 0, completed = 0, failed = 0;
    for (const DownloadSnapshot &s : m_model->snapshots()) {
        switch (s.state) {
        case DownloadState::Downloading:
        case DownloadState::Verifying: ++downloading; break;
        case DownloadState::Queued: ++queued; break;
        case DownloadState::Paused: ++paused; break;
        case DownloadState::Completed: ++completed; break;
        case DownloadState::Failed: ++failed; break;
        }
    }
    QStringList parts;
    if (downloading)
        parts.append(tr("%n downloading", nullptr, downloading));
    if (queued)
        parts.append(tr("%n queued", nullptr, queued));
    if (paused)
        parts.append(tr("%n paused", nullptr, paused));
    if (completed)
        parts.append(tr("%n completed", nullptr, completed));
    if (failed)
        parts.append(tr("%n failed", nullptr, failed));
    m_countsLabel->setText(parts.isEmpty() ? tr("No downloads — paste or drop URLs here") : parts.join(u" · "_s));
    const QString speed = DownloadListModel::formatSpeed(m_model->totalBytesPerSecond());
    m_speedLabel->setText(tr("Total: %1").arg(speed));
}

void MainWindow::updateSharingStatus()
{
    const QStyle *style = QApplication::style();
    switch (m_sharingPanel->state()) {
    case SharingPanel::State::Stopped:
        m_sharingStatus->setText(tr("Sharing off"));
        m_sharingStatus->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
        break;
    case SharingPanel::State::Starting:
        m_sharingStatus->setText(tr("Sharing: starting…"));
        m_sharingStatus->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
        break;
    case SharingPanel::State::Running:
        m_sharingStatus->setText(tr("Sharing on port %1").arg(m_sharingPanel->link().port()));
        m_sharingStatus->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
        break;
    case SharingPanel::State::Failed:
        m_sharingStatus->setText(tr("Sharing failed"));
        m_sharingStatus->setIcon(style->standardIcon(QStyle::SP_MessageBoxWarning));
        break;
    }
    m_sharingStatus->setToolTip(m_sharingPanel->statusText());
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    updateActions();
    m_contextMenu->popup(m_view->viewport()->mapToGlobal(pos));
}

void MainWindow::addDownloads()
{
    auto *dialog = new AddDownloadsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QList<DownloadRequest> requests = dialog->requests();
        for (const DownloadRequest &request : requests)
            m_engine.add(request, dialog->startNow());
        reportAdded(int(requests.size()), dialog->invalidLines());
    });
    dialog->open();
}

void MainWindow::resumeSelected()
{
    for (const DownloadSnapshot &s : selectedSnapshots())
        if (canResume(s))
            m_engine.resume(s.id);
}

void MainWindow::pauseSelected()
{
    for (const DownloadSnapshot &s : selectedSnapshots())
        if (canPause(s))
            m_engine.pause(s.id);
}

void MainWindow::cancelSelected()
{
    QList<DownloadId> ids;
    for (const DownloadSnapshot &s : selectedSnapshots())
        if (isUnfinished(s))
            ids.append(s.id);
    if (ids.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel Downloads"),
                                tr("Stop %n download(s) and delete what was downloaded?", nullptr, int(ids.size())),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"cancelQuestion"_s);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, ids] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        for (DownloadId id : ids)
            m_engine.remove(id, true);
    });
    box->open();
}

void MainWindow::removeSelected()
{
    QList<DownloadId> unfinished;
    for (const DownloadSnapshot &s : selectedSnapshots()) {
        if (isUnfinished(s))
            unfinished.append(s.id);
        else
            m_engine.remove(s.id, false); // the finished file stays where it is
    }
    if (unfinished.isEmpty())
        return;
    const int n = int(unfinished.size());
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Downloads"),
                                tr("Remove %n unfinished download(s) from the list?", nullptr, n),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"removeQuestion"_s);
    box->button(QMessageBox::Yes)->setText(tr("Remove"));
    box->setCheckBox(new QCheckBox(tr("Also delete the partial file(s)", nullptr, n), box));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, unfinished] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        const bool deleteData = box->checkBox()->isChecked();
        for (DownloadId id : unfinished)
            m_engine.remove(id, deleteData);
    });
    box->open();
}

void MainWindow::openFolder()
{
    QStringList folders;
    for (const DownloadSnapshot &s : selectedSnapshots()) {
        const QString folder = folderOf(s);
        if (!folder.isEmpty() && !folders.contains(folder))
            folders.append(folder);
    }
    for (const QString &folder : folders.mid(0, kMaxFoldersOpened))
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

void MainWindow::addSettingsEntry(QAction *action)
{
    action->setParent(this);
    for (QObject *object : m_sharingAction->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(object)) {
            const QList<QAction *> actions = menu->actions();
            const qsizetype at = actions.indexOf(m_sharingAction) + 1;
            menu->insertAction(at < actions.size() ? actions.at(at) : nullptr, action);
        }
    }
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(dialog->settings()); });
    dialog->open();
}

void MainWindow::copyUrls()
{
    QStringList urls;
    for (const DownloadSnapshot &s : selectedSnapshots())
        urls.append(s.url.toString(QUrl::FullyEncoded));
    if (!urls.isEmpty())
        QGuiApplication::clipboard()->setText(urls.join(u'\n'));
}

void MainWindow::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime)
        return;
    const UrlList list = parseUrlList(*mime);
    reportAdded(addUrls(list.urls), list.invalid);
}

void MainWindow::pauseAll()
{
    for (const DownloadSnapshot &s : m_model->snapshots())
        if (canPause(s))
            m_engine.pause(s.id);
}

void MainWindow::resumeAll()
{
    for (const DownloadSnapshot &s : m_model->snapshots())
        if (s.state == DownloadState::Paused)
            m_engine.resume(s.id);
}

void MainWindow::openDownload(const QModelIndex &index)
{
    const int row = m_model->rowOf(index.data(DownloadListModel::IdRole).value<DownloadId>());
    if (row < 0)
        return;
    const DownloadSnapshot &s = m_model->snapshotAt(row);
    if (s.state == DownloadState::Completed && !s.filePath.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(s.filePath));
}

void MainWindow::showWarning(const QString &message)
{
    statusBar()->showMessage(message);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Ferry"), message, QMessageBox::Ok, this);
    box->setObjectName(u"warning"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::bringToFront()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
    if (m_tray)
        m_tray->setWindowVisible(true);
}

void MainWindow::toggleVisible()
{
    if (isVisible() && !isMinimized()) {
        hide();
        if (m_tray)
            m_tray->setWindowVisible(false);
    } else {
        bringToFront();
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting) {
        event->accept();
        return;
    }
    event->ignore();
    if (m_tray && TrayIcon::isAvailable()) {
        hide();
        m_tray->setWindowVisible(false);
        return;
    }
    Q_EMIT quitRequested();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData() && containsUrls(*event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData() && containsUrls(*event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (!event->mimeData())
        return;
    const UrlList list = parseUrlList(*event->mimeData());
    if (list.urls.isEmpty())
        return;
    event->acceptProposedAction();
    reportAdded(addUrls(list.urls), list.invalid);
}

} // namespace ferry
