// See MainWindow.h.
#include "ui/MainWindow.h"

#include "core/DownloadEngine.h"
#include "core/Translations.h"
#include "ui/ClipboardOffer.h"
#include "ui/ClipboardWatcher.h"
#include "ui/DetailsPanel.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadQuestions.h"
#include "ui/DownloadListModel.h"
#include "ui/DownloadView.h"
#include "ui/QueueControls.h"
#include "ui/SchedulerControl.h"
#include "ui/FileActions.h"
#include "ui/PendingRemovals.h"
#include "ui/SharingPanel.h"
#include "ui/StatusSummary.h"
#include "ui/TrayIcon.h"
#include "ui/UrlIntake.h"
#include "ui/UrlList.h"
#include "ui/WindowActions.h"
#include "ui/WindowDialogs.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QMenu>
#include <QMimeData>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kStatusMessageMs = 8000;
constexpr int kStatusRefreshMs = 200; // the counts and total speed in the status bar
constexpr QLatin1StringView kGeometryKey("window/geometry");
constexpr QLatin1StringView kHeaderKey("window/header");
constexpr QLatin1StringView kStateKey("window/state"); // docks and toolbars
constexpr QLatin1StringView kTrayExplainedKey("window/closeToTrayExplained");

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
    m_removals = new PendingRemovals(engine, this);
    m_intake = new UrlIntake(engine, *m_model, *m_filter, this);
    m_files = new FileActions(engine, *m_model, this);
    m_model->refreshMissing();
    connect(m_intake, &UrlIntake::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, kStatusMessageMs);
    });
    connect(m_intake, &UrlIntake::showExisting, this, [this](const QList<DownloadId> &ids) {
        m_queue->showAll();
        selectIds(ids);
        if (!ids.isEmpty())
            m_view->scrollTo(m_view->selectionModel()->selectedRows().value(0));
        bringToFront();
    });
    connect(m_intake, &UrlIntake::duplicateChoiceRemembered, this, [this](UrlIntake::Duplicate choice) {
        AppSettings changed = m_settings;
        changed.duplicates = int(choice);
        applySettings(changed);
    });
    connect(m_removals, &PendingRemovals::changed, this, &MainWindow::onPendingRemovalsChanged);

    m_view = new DownloadView(m_filter, this);
    QHeaderView *header = m_view->horizontalHeader();

    auto *central = new QWidget(this);
    m_queue = new QueueControls(engine, *m_model, *m_filter, *m_removals, *m_view, central);
    connect(m_queue, &QueueControls::filtersChanged, this, &MainWindow::updateActions);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(4);
    centralLayout->addLayout(m_queue->filterRow());
    m_clipboardOffer = new ClipboardOffer(central);
    centralLayout->addWidget(m_clipboardOffer);
    centralLayout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_sharingDock = SharingPanel::addDockTo(this);
    m_sharingPanel = qobject_cast<SharingPanel *>(m_sharingDock->widget());
    m_detailsDock = DetailsPanel::addDockTo(this, engine, *m_model);
    m_detailsPanel = qobject_cast<DetailsPanel *>(m_detailsDock->widget());
    m_actions = std::make_unique<WindowActions>(this, m_sharingDock, m_detailsDock);
    m_actions->placeIn(this);
    m_dialogs = new WindowDialogs(engine, *this, *m_intake, *m_actions);
    connect(m_dialogs, &WindowDialogs::notice, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
    connect(m_dialogs, &WindowDialogs::added, this, &MainWindow::reportAdded);
    watchClipboard();
    connectActions();
    // Sharing runs whether or not its panel is open: the status bar always says so.
    m_status = new StatusSummary(statusBar(), m_actions->undoRemove);
    connect(m_status->sharingButton(), &QToolButton::clicked, this, [this] {
        m_sharingDock->show();
        m_sharingDock->raise();
    });
    connect(m_sharingPanel, &SharingPanel::stateChanged, this, &MainWindow::updateSharingStatus);
    m_scheduler = new SchedulerControl(engine, *this, *m_actions);
    connect(m_scheduler, &SchedulerControl::notice, this, [this](const QString &text) {
        statusBar()->showMessage(text, kStatusMessageMs);
    });

    connect(m_view, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view, &QTableView::doubleClicked, this, &MainWindow::openDownload);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    m_detailsPanel->followSelection(*m_view);
    // Rows change state under a fixed selection, so the actions follow the model too.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
    // The counts walk every row: at most a few times a second, not per changed row.
    m_statusTimer.setSingleShot(true);
    m_statusTimer.setInterval(kStatusRefreshMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    const auto statusSoon = [this] {
        if (!m_statusTimer.isActive())
            m_statusTimer.start();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, statusSoon);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, statusSoon);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, statusSoon);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, statusSoon);

    const QSettings stored;
    if (!restoreGeometry(stored.value(kGeometryKey).toByteArray()))
        resize(1000, 640); // room for the list and, when open, the Sharing panel's three rows
    header->restoreState(stored.value(kHeaderKey).toByteArray());
    restoreState(stored.value(kStateKey).toByteArray());

    m_engine.setMaxActive(m_settings.maxActive);
    m_engine.setGlobalSpeedLimit(m_settings.effectiveSpeedLimitBytes());
    m_scheduler->reevaluate();
    updateActions();
    updateStatus();
    updateSharingStatus();
}

MainWindow::~MainWindow()
{
    m_removals->commit(); // what the user removed stays removed
    QSettings stored;
    stored.setValue(kGeometryKey, saveGeometry());
    stored.setValue(kHeaderKey, m_view->horizontalHeader()->saveState());
    stored.setValue(kStateKey, saveState());
}

void MainWindow::connectActions()
{
    const WindowActions &a = *m_actions;
    connect(a.resume, &QAction::triggered, this, &MainWindow::resumeSelected);
    connect(a.pause, &QAction::triggered, this, &MainWindow::pauseSelected);
    connect(a.cancel, &QAction::triggered, this, &MainWindow::cancelSelected);
    connect(a.remove, &QAction::triggered, this, &MainWindow::removeSelected);
    connect(a.undoRemove, &QAction::triggered, m_removals, &PendingRemovals::undo);
    connect(a.openFolder, &QAction::triggered, this, &MainWindow::openFolder);
    connect(a.downloadAgain, &QAction::triggered, this, [this] { m_files->downloadAgain(selectedSnapshots()); });
    connect(a.copyUrl, &QAction::triggered, this, &MainWindow::copyUrls);
    connect(a.paste, &QAction::triggered, this, &MainWindow::paste);
    connect(a.pauseAll, &QAction::triggered, this, &MainWindow::pauseAll);
    connect(a.resumeAll, &QAction::triggered, this, &MainWindow::resumeAll);
    connect(a.selectAll, &QAction::triggered, m_view, &QTableView::selectAll);
    connect(a.quit, &QAction::triggered, this, &MainWindow::requestQuit);
    connect(a.moveUp, &QAction::triggered, this, [this] { m_queue->move(QueueMove::Up, selectedIds()); });
    connect(a.moveDown, &QAction::triggered, this, [this] { m_queue->move(QueueMove::Down, selectedIds()); });
    connect(a.moveTop, &QAction::triggered, this, [this] { m_queue->move(QueueMove::Top, selectedIds()); });
    connect(a.moveBottom, &QAction::triggered, this, [this] { m_queue->move(QueueMove::Bottom, selectedIds()); });
    connect(a.clearCompleted, &QAction::triggered, m_queue, &QueueControls::clearCompleted);
}

void MainWindow::applySettings(const AppSettings &settings)
{
    const bool newLanguage = settings.language != m_settings.language;
    if (settings.retryOptions() != m_settings.retryOptions())
        m_engine.setRetryOptions(settings.retryOptions()); // new downloads, and the next retry of running ones
    const AppSettings before = std::exchange(m_settings, settings);
    m_settings.save();
    m_engine.setMaxActive(m_settings.maxActive);
    m_engine.setGlobalSpeedLimit(m_settings.effectiveSpeedLimitBytes());
    m_scheduler->settingsChanged(before, m_settings);
    if (m_clipboard)
        m_clipboard->setEnabled(m_settings.watchClipboard);
    if (m_tray)
        m_tray->setNotificationsEnabled(m_settings.notifications);
    if (newLanguage)
        setLanguage(m_settings.language); // every widget retranslates on the LanguageChange that follows
}

void MainWindow::setTrayIcon(TrayIcon *tray, bool shown)
{
    m_tray = tray;
    m_trayShown = tray && shown;
    if (!tray)
        return;
    tray->setNotificationsEnabled(m_settings.notifications);
    connect(tray, &TrayIcon::toggleWindowRequested, this, &MainWindow::toggleVisible);
    connect(tray, &TrayIcon::pauseAllRequested, this, &MainWindow::pauseAll);
    connect(tray, &TrayIcon::resumeAllRequested, this, &MainWindow::resumeAll);
    connect(tray, &TrayIcon::quitRequested, this, &MainWindow::requestQuit);
    tray->addMenuAction(m_scheduler->alternativeAction());
}

int MainWindow::addUrls(const QList<QUrl> &urls, bool start)
{
    return m_intake->add(m_intake->requestsFor(urls, m_settings), start, m_settings);
}

// Links to files copied in other programs, when the user asked for that:
// offered in a bar above the list, added at once or through the Add dialog.
void MainWindow::watchClipboard()
{
    m_clipboard = new ClipboardWatcher(QGuiApplication::clipboard(), this);
    m_clipboard->setEnabled(m_settings.watchClipboard);
    connect(m_clipboard, &ClipboardWatcher::linksOffered, m_clipboardOffer, &ClipboardOffer::offer);
    connect(m_clipboardOffer, &ClipboardOffer::downloadRequested, this,
            [this](const QList<QUrl> &urls) { addList({urls, {}}); });
    connect(m_clipboardOffer, &ClipboardOffer::reviewRequested, m_dialogs, &WindowDialogs::addDownloads);
}

int MainWindow::addFromText(const QString &text)
{
    return addList(parseUrlList(text));
}

// Pasted, dropped, offered or sent by another `ferry`: added, and the outcome in the status bar.
int MainWindow::addList(const UrlList &list)
{
    const int added = addUrls(list.urls);
    reportAdded(added, list.invalid, int(list.urls.size()) - added);
    return added;
}

// `asked`: downloads that exist already; their question says what happens to them.
void MainWindow::reportAdded(int added, const QStringList &invalid, int asked)
{
    const QString message = UrlIntake::describeAdded(added, invalid, asked);
    if (!message.isEmpty())
        statusBar()->showMessage(message, kStatusMessageMs);
}

QTableView *MainWindow::view() const
{
    return m_view;
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

void MainWindow::updateActions()
{
    // Called on every progress batch: the whole list is copied only while
    // rows wait to be removed (a few seconds after a Remove), never per tick.
    const QSet<DownloadId> &hidden = m_filter->hiddenIds();
    QList<DownloadSnapshot> listed;
    if (!hidden.isEmpty()) {
        for (const DownloadSnapshot &s : m_model->snapshots())
            if (!hidden.contains(s.id))
                listed.append(s);
    }
    const QList<DownloadSnapshot> selected = selectedSnapshots();
    m_dialogs->updateActions(selected);
    m_actions->update(
        selected, hidden.isEmpty() ? m_model->snapshots() : listed, [this](const DownloadSnapshot &s) { return m_model->isMissing(s.id); },
        [this](const DownloadSnapshot &s) { return !m_files->folderOf(s).isEmpty(); });
}

void MainWindow::updateStatus()
{
    m_status->update(*m_model, m_filter->hiddenIds());
}

void MainWindow::updateSharingStatus()
{
    m_status->updateSharing(*m_sharingPanel);
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    updateActions();
    m_actions->contextMenu()->popup(m_view->viewport()->mapToGlobal(pos));
}

void MainWindow::addDownloads()
{
    m_dialogs->addDownloads();
}

void MainWindow::resumeSelected()
{
    int retried = 0;
    for (const DownloadSnapshot &s : selectedSnapshots()) {
        if (!WindowActions::canResume(s))
            continue;
        if (s.state == DownloadState::Failed) {
            m_model->markRetrying(s.id);
            ++retried;
        }
        m_engine.resume(s.id);
    }
    // A retry that fails again at once would otherwise look as if nothing happened.
    if (retried > 0)
        statusBar()->showMessage(tr("Retrying %n download(s)…", nullptr, retried), kStatusMessageMs);
}

void MainWindow::pauseSelected()
{
    pauseWithWarning(selectedSnapshots());
}

// A download from a server that cannot resume restarts from zero when it is
// resumed: say so before pausing it, and pause the others at once.
void MainWindow::pauseWithWarning(const QList<DownloadSnapshot> &downloads)
{
    QList<DownloadId> restarting;
    for (const DownloadSnapshot &s : downloads) {
        if (!WindowActions::canPause(s))
            continue;
        if (s.state == DownloadState::Downloading && !s.resumable && s.receivedBytes > 0)
            restarting.append(s.id);
        else
            m_engine.pause(s.id);
    }
    if (restarting.isEmpty())
        return;
    DownloadQuestions::askPauseRestarting(this, int(restarting.size()), [this, restarting] {
        for (DownloadId id : restarting)
            m_engine.pause(id);
    });
}

void MainWindow::cancelSelected()
{
    QList<DownloadId> ids;
    for (const DownloadSnapshot &s : selectedSnapshots())
        if (WindowActions::isUnfinished(s))
            ids.append(s.id);
    if (ids.isEmpty())
        return;
    DownloadQuestions::askCancel(this, int(ids.size()), [this, ids] { m_removals->add(ids, true); });
}

// One question for the whole selection, before any row leaves the list; the
// removal itself can be undone for a few seconds (PendingRemovals).
void MainWindow::removeSelected()
{
    QList<DownloadId> ids;
    int unfinished = 0;
    for (const DownloadSnapshot &s : selectedSnapshots()) {
        ids.append(s.id);
        if (WindowActions::isUnfinished(s))
            ++unfinished;
    }
    if (ids.isEmpty())
        return;
    DownloadQuestions::askRemove(this, int(ids.size()), unfinished,
                                 [this, ids](bool deleteData) { m_removals->add(ids, deleteData); });
}

void MainWindow::onPendingRemovalsChanged()
{
    m_filter->setHiddenIds(m_removals->ids());
    const int pending = m_removals->count();
    m_actions->undoRemove->setEnabled(pending > 0);
    m_status->setUndoVisible(pending > 0);
    if (pending > 0)
        statusBar()->showMessage(tr("Removed %n download(s) from the list.", nullptr, pending),
                                 m_removals->undoInterval());
    else
        statusBar()->clearMessage();
    updateStatus();
    updateActions();
}

void MainWindow::openFolder()
{
    m_files->showInFolder(selectedSnapshots());
}

void MainWindow::addSettingsEntry(QAction *action)
{
    action->setParent(this);
    m_actions->insertAfterSharing(action);
}

void MainWindow::openSettings()
{
    m_dialogs->openSettings();
}

void MainWindow::copyUrls()
{
    FileActions::copyUrls(selectedSnapshots());
}

void MainWindow::paste()
{
    if (const QMimeData *mime = QGuiApplication::clipboard()->mimeData())
        addList(parseUrlList(*mime));
}

void MainWindow::pauseAll()
{
    pauseWithWarning(m_model->snapshots());
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
    if (row >= 0)
        m_files->open(m_model->snapshotAt(row));
}

void MainWindow::changeEvent(QEvent *event)
{
    // Files are moved and deleted while the window is elsewhere: look again when it comes back.
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_model->refreshMissing();
    if (event->type() == QEvent::LanguageChange) {
        setWindowTitle(tr("Ferry"));
        m_actions->retranslate();
        m_scheduler->retranslate();
        m_model->retranslate();
        m_queue->retranslate();
        updateStatus();
        updateSharingStatus();
        Q_EMIT languageChanged();
    }
    QMainWindow::changeEvent(event);
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

void MainWindow::requestQuit()
{
    int running = 0;
    for (const DownloadSnapshot &s : m_model->snapshots())
        if (s.isActive() || (s.state == DownloadState::Queued && s.wanted))
            ++running;
    if (running == 0 || !m_settings.confirmQuit) {
        quitNow();
        return;
    }
    if (auto *open = findChild<QMessageBox *>(u"quitQuestion"_s); open && open->isVisible()) {
        open->raise();
        return;
    }
    bringToFront();
    DownloadQuestions::askQuit(this, running, [this](bool dontAskAgain) {
        if (dontAskAgain) {
            AppSettings changed = m_settings;
            changed.confirmQuit = false;
            applySettings(changed);
        }
        quitNow();
    });
}

void MainWindow::quitNow()
{
    m_removals->commit(); // before the session is written for the last time
    Q_EMIT quitRequested();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting) {
        event->accept();
        return;
    }
    event->ignore();
    if (m_tray && m_trayShown) {
        hide();
        m_tray->setWindowVisible(false);
        // Once, so the user knows where the window went and how to quit.
        QSettings stored;
        if (!stored.value(kTrayExplainedKey, false).toBool()) {
            stored.setValue(kTrayExplainedKey, true);
            m_tray->showNotice(tr("Ferry keeps running"),
                               tr("Downloads and sharing go on in the background. Click the tray icon to show the "
                                  "window, or choose Quit from its menu to stop Ferry."));
        }
        return;
    }
    requestQuit();
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
    addList(list);
}

} // namespace ferry
