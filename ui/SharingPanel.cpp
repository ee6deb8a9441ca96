// See SharingPanel.h.
#include "ui/SharingPanel.h"

#include "ui/DownloadListModel.h"
#include "ui/SharingActivity.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QFileDialog>
#include <QFileInfo>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxPort = 65535;
constexpr int kFolderListMinHeight = 60;
constexpr int kCopiedShownMs = 2000;

} // namespace

SharingPanel::SharingPanel(QWidget *parent)
    : QWidget(parent)
    , m_prefs(SharingPreferences::load())
{
    setObjectName(u"sharingPanel"_s);

    // --- on/off, status, port ---
    m_toggle = new QPushButton(this);
    m_toggle->setObjectName(u"toggleSharing"_s);
    connect(m_toggle, &QPushButton::clicked, this, &SharingPanel::toggle);
    m_status = new QLabel(this);
    m_status->setObjectName(u"sharingStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_port = new QSpinBox(this);
    m_port->setObjectName(u"sharingPort"_s);
    m_port->setRange(0, kMaxPort);
    m_port->setValue(m_prefs.port);
    connect(m_port, &QSpinBox::valueChanged, this, [this](int value) { setPort(quint16(value)); });
    auto *top = new QHBoxLayout;
    top->addWidget(m_toggle);
    top->addWidget(m_status, 1);
    m_portLabel = new QLabel(this);
    top->addWidget(m_portLabel);
    top->addWidget(m_port);

    // --- the link to hand to other devices ---
    m_linkEdit = new QLineEdit(this);
    m_linkEdit->setObjectName(u"sharingLink"_s);
    m_linkEdit->setReadOnly(true);
    m_copy = new QPushButton(QApplication::style()->standardIcon(QStyle::SP_FileLinkIcon), QString(), this);
    m_copy->setObjectName(u"copyLink"_s);
    connect(m_copy, &QPushButton::clicked, this, &SharingPanel::copyLink);
    m_open = new QPushButton(this);
    m_open->setObjectName(u"openLink"_s);
    connect(m_open, &QPushButton::clicked, this, &SharingPanel::openLink);
    m_newLink = new QPushButton(this);
    m_newLink->setObjectName(u"newLink"_s);
    connect(m_newLink, &QPushButton::clicked, this, &SharingPanel::newLinkRequested);
    auto *linkRow = new QHBoxLayout;
    m_linkLabel = new QLabel(this);
    linkRow->addWidget(m_linkLabel);
    linkRow->addWidget(m_linkEdit, 1);
    linkRow->addWidget(m_copy);
    linkRow->addWidget(m_open);
    linkRow->addWidget(m_newLink);

    // --- a link to one file, for someone who must not see the rest ---
    m_fileLink = new QPushButton(this);
    m_fileLink->setObjectName(u"fileLink"_s);
    connect(m_fileLink, &QPushButton::clicked, this, &SharingPanel::chooseFileForLink);
    m_linkLifetime = new QComboBox(this);
    m_linkLifetime->setObjectName(u"fileLinkLifetime"_s);
    m_linkLifetime->addItem(QString(), qint64(3600));
    m_linkLifetime->addItem(QString(), qint64(24 * 3600));
    m_linkLifetime->addItem(QString(), qint64(7 * 24 * 3600));
    m_linkLifetime->setCurrentIndex(1);
    m_fileLinkEdit = new QLineEdit(this);
    m_fileLinkEdit->setObjectName(u"fileLinkText"_s);
    m_fileLinkEdit->setReadOnly(true);
    auto *fileLinkRow = new QHBoxLayout;
    fileLinkRow->addWidget(m_fileLink);
    fileLinkRow->addWidget(m_linkLifetime);
    fileLinkRow->addWidget(m_fileLinkEdit, 1);

    // --- shared folders ---
    m_folders = new QListWidget(this);
    m_folders->setObjectName(u"sharedFolders"_s);
    m_folders->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_folders->setMinimumHeight(kFolderListMinHeight);
    m_addFolder = new QPushButton(QApplication::style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_addFolder->setObjectName(u"addFolder"_s);
    connect(m_addFolder, &QPushButton::clicked, this, &SharingPanel::browseFolder);
    m_removeFolder = new QPushButton(this);
    m_removeFolder->setObjectName(u"removeFolder"_s);
    connect(m_removeFolder, &QPushButton::clicked, this, &SharingPanel::removeSelectedFolders);
    connect(m_folders, &QListWidget::itemSelectionChanged, this, &SharingPanel::updateControls);
    m_resumeAtStart = new QCheckBox(this);
    m_resumeAtStart->setObjectName(u"resumeAtStart"_s);
    m_resumeAtStart->setChecked(m_prefs.resumeAtStart);
    connect(m_resumeAtStart, &QCheckBox::toggled, this, &SharingPanel::setResumeAtStart);
    m_showDownloads = new QCheckBox(this);
    m_showDownloads->setObjectName(u"showDownloads"_s);
    m_showDownloads->setChecked(m_prefs.showDownloads);
    connect(m_showDownloads, &QCheckBox::toggled, this, &SharingPanel::setShowDownloads);
    auto *folderButtons = new QHBoxLayout;
    folderButtons->addWidget(m_addFolder);
    folderButtons->addWidget(m_removeFolder);
    folderButtons->addStretch(1);
    auto *foldersBox = new QWidget(this);
    auto *foldersLayout = new QVBoxLayout(foldersBox);
    foldersLayout->setContentsMargins(0, 0, 0, 0);
    m_foldersLabel = new QLabel(foldersBox);
    foldersLayout->addWidget(m_foldersLabel);
    foldersLayout->addWidget(m_folders, 1);
    foldersLayout->addLayout(folderButtons);

    // --- peers and the access log ---
    m_activity = new SharingActivity(this);

    // In the top row: below the folders they made the panel taller than a third of the window.
    top->insertWidget(2, m_resumeAtStart);
    top->insertWidget(3, m_showDownloads);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(foldersBox);
    splitter->addWidget(m_activity);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(linkRow);
    layout->addLayout(fileLinkRow);
    layout->addWidget(splitter, 1);

    for (const QString &folder : std::as_const(m_prefs.folders)) {
        auto *item = new QListWidgetItem(QApplication::style()->standardIcon(QStyle::SP_DirIcon),
                                         QDir::toNativeSeparators(folder), m_folders);
        item->setData(Qt::UserRole, folder);
        item->setToolTip(folder);
    }
    retranslate();
}

// Every text in the language installed now; at start and at each LanguageChange.
void SharingPanel::retranslate()
{
    m_port->setSpecialValueText(tr("Any free port"));
    m_portLabel->setText(tr("Port:"));
    m_linkLabel->setText(tr("Link:"));
    m_linkEdit->setPlaceholderText(tr("Start sharing to get a link for other devices"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the link, with its access token, to the clipboard"));
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Open the shared folders in the browser, as peers see them"));
    m_newLink->setText(tr("New Link"));
    m_newLink->setToolTip(tr("Make a new access token: the old link, and every browser and live connection "
                             "opened with it, stop working"));
    m_fileLink->setText(tr("Link to a File…"));
    m_fileLink->setToolTip(tr("Copy a link to one shared file that works without the token until it expires"));
    m_linkLifetime->setItemText(0, tr("valid for 1 hour"));
    m_linkLifetime->setItemText(1, tr("valid for 24 hours"));
    m_linkLifetime->setItemText(2, tr("valid for 7 days"));
    // A problem with the last file link stays as it came (the bridge's text).
    if (m_fileLinkProblem.isEmpty())
        m_fileLinkEdit->setPlaceholderText(tr("A link to one file appears here, copied to the clipboard"));
    m_addFolder->setText(tr("Add Folder…"));
    m_removeFolder->setText(tr("Remove"));
    m_resumeAtStart->setText(tr("Share again when Ferry starts"));
    m_showDownloads->setText(tr("Show my downloads on the peer page"));
    m_showDownloads->setToolTip(tr("Anyone with the link then sees the names, addresses and errors of your "
                                   "downloads. Takes effect when sharing starts."));
    m_foldersLabel->setText(tr("Shared folders:"));
    setState(m_state, m_failure); // the status text; the same state is not announced again
}

void SharingPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QDockWidget *SharingPanel::addDockTo(QMainWindow *window)
{
    auto *dock = new QDockWidget(tr("Sharing"), window);
    dock->setObjectName(u"sharingDock"_s);
    dock->setWidget(new SharingPanel(dock));
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide(); // until the user opens it (or the saved state says it was open)
    // The panel's contents ask for two thirds of the window; whenever it opens
    // that tall (first time, or a layout saved so), it gets a third.
    connect(dock, &QDockWidget::visibilityChanged, window, [window, dock](bool visible) {
        if (!visible || dock->isFloating())
            return;
        // After the dock's first layout, which would undo an earlier resize.
        QTimer::singleShot(0, window, [window, dock] {
            if (dock->isVisible() && dock->height() > window->height() / 2)
                window->resizeDocks({dock}, {window->height() / 3}, Qt::Vertical);
        });
    });
    return dock;
}

SharingPanel::~SharingPanel() = default;

QString SharingPanel::statusText() const
{
    return m_status->text();
}

QStringList SharingPanel::logLines() const
{
    return m_activity->logLines();
}

bool SharingPanel::addFolder(const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (path.trimmed().isEmpty() || m_prefs.folders.contains(clean))
        return false;
    m_prefs.folders.append(clean);
    auto *item = new QListWidgetItem(QApplication::style()->standardIcon(QStyle::SP_DirIcon),
                                     QDir::toNativeSeparators(clean), m_folders);
    item->setData(Qt::UserRole, clean);
    item->setToolTip(clean);
    savePreferences();
    if (m_state == State::Failed)
        setState(State::Stopped);
    restartIfRunning();
    updateControls();
    return true;
}

bool SharingPanel::removeFolder(const QString &path)
{
    const int index = int(m_prefs.folders.indexOf(path));
    if (index < 0)
        return false;
    m_prefs.folders.removeAt(index);
    delete m_folders->takeItem(index);
    savePreferences();
    if (m_prefs.folders.isEmpty() && (m_state == State::Running || m_state == State::Starting))
        stop(); // nothing left to share
    else
        restartIfRunning();
    updateControls();
    return true;
}

void SharingPanel::restartIfRunning()
{
    if (m_state != State::Running && m_state != State::Starting)
        return;
    m_restarting = true;
    setState(State::Starting);
    Q_EMIT startRequested(m_prefs.port, m_prefs.folders);
}

void SharingPanel::setResumeAtStart(bool resume)
{
    m_resumeAtStart->setChecked(resume);
    if (m_prefs.resumeAtStart == resume)
        return;
    m_prefs.resumeAtStart = resume;
    savePreferences();
}

void SharingPanel::setShowDownloads(bool show)
{
    m_showDownloads->setChecked(show);
    if (m_prefs.showDownloads == show)
        return;
    m_prefs.showDownloads = show;
    savePreferences();
}

void SharingPanel::setPort(quint16 port)
{
    if (m_port->value() != port)
        m_port->setValue(port); // comes back here through valueChanged
    if (m_prefs.port == port)
        return;
    m_prefs.port = port;
    savePreferences();
}

void SharingPanel::start()
{
    if (m_state == State::Running || m_state == State::Starting)
        return;
    if (m_prefs.folders.isEmpty()) {
        setState(State::Failed, tr("Add a folder to share first."));
        return;
    }
    m_prefs.enabled = true;
    savePreferences();
    setState(State::Starting);
    Q_EMIT startRequested(m_prefs.port, m_prefs.folders);
}

void SharingPanel::stop()
{
    const bool wasOn = m_state == State::Running || m_state == State::Starting;
    m_prefs.enabled = false;
    savePreferences();
    setState(State::Stopped);
    setPeers({});
    if (wasOn)
        Q_EMIT stopRequested();
}

void SharingPanel::setRunning(bool running, const QUrl &link)
{
    if (!running) {
        // The server stopping to restart with new folders says so too; that is no stop.
        if (m_restarting)
            return;
        // A stop we asked for, or the server going away by itself.
        if (m_state != State::Failed)
            setState(State::Stopped);
        return;
    }
    m_restarting = false;
    m_link = link;
    setState(State::Running);
}

void SharingPanel::setFailed(const QString &message)
{
    m_restarting = false;
    // Not retried at the next launch: it would most likely fail the same way.
    m_prefs.enabled = false;
    savePreferences();
    setState(State::Failed, message);
}

void SharingPanel::setPeers(const QList<PeerTransferRow> &rows)
{
    m_peers = rows;
    m_activity->setPeers(rows);
}

void SharingPanel::appendLogLine(const QString &line)
{
    m_activity->appendLogLine(line);
}

void SharingPanel::setState(State state, const QString &message)
{
    const bool changed = state != m_state;
    m_state = state;
    m_failure = state == State::Failed ? message : QString();
    if (state != State::Running)
        m_link.clear();
    switch (state) {
    case State::Stopped:
        m_status->setText(tr("Sharing is off."));
        break;
    case State::Starting:
        m_status->setText(tr("Starting…"));
        break;
    case State::Running:
        m_status->setText(tr("Sharing %n folder(s) on port %1. Anyone with the link can read them.", nullptr,
                             int(m_prefs.folders.size()))
                              .arg(m_link.port()));
        break;
    case State::Failed:
        m_status->setText(tr("Not sharing: %1").arg(message));
        break;
    }
    m_status->setStyleSheet(state == State::Failed ? u"color: #b00020;"_s : QString());
    m_linkEdit->setText(m_link.toString(QUrl::FullyEncoded));
    updateControls();
    if (changed)
        Q_EMIT stateChanged(state);
}

void SharingPanel::updateControls()
{
    const bool on = m_state == State::Running || m_state == State::Starting;
    m_toggle->setText(on ? tr("Stop Sharing") : tr("Start Sharing"));
    m_toggle->setIcon(QApplication::style()->standardIcon(on ? QStyle::SP_MediaStop : QStyle::SP_MediaPlay));
    m_toggle->setEnabled(on || !m_prefs.folders.isEmpty());
    m_toggle->setToolTip(m_prefs.folders.isEmpty() && !on ? tr("Add a folder to share first") : QString());
    m_port->setEnabled(!on);
    m_removeFolder->setEnabled(!m_folders->selectedItems().isEmpty());
    m_showDownloads->setEnabled(!on);
    m_folders->setToolTip(on ? tr("Stop sharing to change the folders") : QString());
    const bool hasLink = m_state == State::Running && m_link.isValid();
    m_copy->setEnabled(hasLink);
    m_open->setEnabled(hasLink);
    m_fileLink->setEnabled(hasLink);
    // A new token can be made any time; while sharing it takes effect at once.
    m_newLink->setEnabled(m_state != State::Starting);
}

qint64 SharingPanel::fileLinkSeconds() const
{
    return m_linkLifetime->currentData().toLongLong();
}

QString SharingPanel::fileLinkText() const
{
    return m_fileLinkEdit->text();
}

void SharingPanel::requestFileLink(const QString &localPath, qint64 seconds)
{
    if (m_state != State::Running || localPath.isEmpty())
        return;
    Q_EMIT fileLinkRequested(localPath, seconds);
}

void SharingPanel::chooseFileForLink()
{
    const QString start = m_prefs.folders.isEmpty() ? QDir::homePath() : m_prefs.folders.constFirst();
    const QString file = QFileDialog::getOpenFileName(this, tr("Link to a Shared File"), start);
    requestFileLink(file, fileLinkSeconds());
}

void SharingPanel::setFileLink(const QUrl &link, const QString &problem)
{
    m_fileLinkProblem = link.isValid() ? QString() : problem;
    if (!link.isValid()) {
        m_fileLinkEdit->clear();
        m_fileLinkEdit->setPlaceholderText(problem);
        return;
    }
    const QString text = link.toString(QUrl::FullyEncoded);
    m_fileLinkEdit->setText(text);
    QGuiApplication::clipboard()->setText(text);
}

void SharingPanel::savePreferences()
{
    m_prefs.save();
}

void SharingPanel::browseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Share Folder"), QDir::homePath());
    if (!dir.isEmpty())
        addFolder(dir);
}

void SharingPanel::removeSelectedFolders()
{
    QStringList chosen;
    const QList<QListWidgetItem *> items = m_folders->selectedItems();
    for (const QListWidgetItem *item : items)
        chosen.append(item->data(Qt::UserRole).toString());
    for (const QString &folder : std::as_const(chosen))
        removeFolder(folder);
}

void SharingPanel::copyLink()
{
    if (!m_link.isValid())
        return;
    QGuiApplication::clipboard()->setText(m_link.toString(QUrl::FullyEncoded));
    // Say that it happened: a clipboard gives no sign of its own.
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(kCopiedShownMs, m_copy, [copy = m_copy] { copy->setText(tr("Copy")); });
}

void SharingPanel::openLink()
{
    if (m_link.isValid())
        QDesktopServices::openUrl(m_link);
}

void SharingPanel::toggle()
{
    if (m_state == State::Running || m_state == State::Starting)
        stop();
    else
        start();
}

} // namespace ferry
