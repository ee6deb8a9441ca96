// See SettingsDialog.h.
#include "ui/SettingsDialog.h"

#include "ui/Autostart.h"
#include "ui/NetworkPage.h"
#include "ui/SchedulerPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxSpeedLimitKiB = 1000 * 1000 * 1000; // the spin box is an int; ~1 TB/s is "unlimited" anyway
} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, const NetworkSettings &network, QWidget *parent,
                               bool canNotify)
    : QDialog(parent)
    , m_original(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);

    m_folder = new QLineEdit(settings.downloadFolder, this);
    m_folder->setObjectName(u"folder"_s);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_maxActive = new QSpinBox(this);
    m_maxActive->setObjectName(u"maxActive"_s);
    m_maxActive->setRange(1, 10);
    m_maxActive->setValue(settings.maxActive);

    m_connections = new QSpinBox(this);
    m_connections->setObjectName(u"connections"_s);
    m_connections->setRange(1, 16);
    m_connections->setValue(settings.connections);

    m_speedLimit = new QSpinBox(this);
    m_speedLimit->setObjectName(u"speedLimit"_s);
    m_speedLimit->setRange(0, kMaxSpeedLimitKiB);
    m_speedLimit->setSingleStep(100);
    m_speedLimit->setSuffix(tr(" KiB/s"));
    m_speedLimit->setSpecialValueText(tr("Unlimited"));
    m_speedLimit->setValue(int(std::min<qint64>(settings.speedLimitKiB, kMaxSpeedLimitKiB)));

    m_altSpeedLimit = new QSpinBox(this);
    m_altSpeedLimit->setObjectName(u"altSpeedLimit"_s);
    m_altSpeedLimit->setRange(0, kMaxSpeedLimitKiB);
    m_altSpeedLimit->setSingleStep(100);
    m_altSpeedLimit->setSuffix(tr(" KiB/s"));
    m_altSpeedLimit->setSpecialValueText(tr("Unlimited"));
    m_altSpeedLimit->setToolTip(tr("In force while \"Alternative Speed Limit\" is on (toolbar, tray, Tools menu) "
                                   "or the Scheduler turns it on"));
    m_altSpeedLimit->setValue(int(std::min<qint64>(settings.altSpeedLimitKiB, kMaxSpeedLimitKiB)));

    m_notifications = new QCheckBox(tr("Notify when a download completes or fails"), this);
    m_notifications->setObjectName(u"notifications"_s);
    m_notifications->setChecked(settings.notifications);
    auto *notificationsNote = new QLabel(tr("Not available here: this desktop has no system tray and no "
                                            "notification service."), this);
    notificationsNote->setObjectName(u"notificationsUnavailable"_s);
    notificationsNote->setWordWrap(true);
    notificationsNote->setVisible(!canNotify);
    // The choice is kept for a desktop that has them; it just cannot apply here.
    m_notifications->setEnabled(canNotify);

    m_confirmQuit = new QCheckBox(tr("Ask before quitting while downloads run"), this);
    m_confirmQuit->setObjectName(u"confirmQuit"_s);
    m_confirmQuit->setChecked(settings.confirmQuit);

    m_watchClipboard = new QCheckBox(tr("Offer links to files copied in other programs"), this);
    m_watchClipboard->setObjectName(u"watchClipboard"_s);
    m_watchClipboard->setToolTip(tr("Only links that name a file to download (an archive, a video, a "
                                    "program…), never web pages or text"));
    m_watchClipboard->setChecked(settings.watchClipboard);

    m_startAtLogin = new QCheckBox(tr("Start Ferry when I log in"), this);
    m_startAtLogin->setObjectName(u"startAtLogin"_s);
    m_startAtLogin->setToolTip(tr("In the tray, to finish downloads and keep sharing"));
    m_startAtLogin->setChecked(Autostart::isEnabled());

    // The order is UrlIntake::Duplicate's.
    m_duplicates = new QComboBox(this);
    m_duplicates->setObjectName(u"duplicates"_s);
    m_duplicates->addItems({tr("Ask"), tr("Download again"), tr("Open the existing one"), tr("Skip")});
    m_duplicates->setCurrentIndex(settings.duplicates);

    // Each language by its own name, so a user who cannot read the current one finds theirs.
    m_language = new QComboBox(this);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language)));

    auto *general = new QWidget(this);
    general->setObjectName(u"generalPage"_s);
    auto *form = new QFormLayout(general);
    form->addRow(tr("Language:"), m_language);
    form->addRow(tr("Download folder:"), folderRow);
    form->addRow(tr("Downloads at once:"), m_maxActive);
    form->addRow(tr("Connections per download:"), m_connections);
    form->addRow(tr("Speed limit (all downloads):"), m_speedLimit);
    form->addRow(tr("Alternative speed limit:"), m_altSpeedLimit);
    form->addRow(tr("When a download exists already:"), m_duplicates);
    form->addRow(QString(), m_notifications);
    form->addRow(QString(), notificationsNote);
    form->addRow(QString(), m_confirmQuit);
    form->addRow(QString(), m_watchClipboard);
    form->addRow(QString(), m_startAtLogin);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    m_network = new NetworkPage(network, this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(general, tr("General"));
    m_tabs->addTab(makeFoldersPage(settings), tr("Folders"));
    m_tabs->addTab(makeConnectionsPage(settings), tr("Connections"));
    m_tabs->addTab(m_network, tr("Network"));
    m_scheduler = new SchedulerPage(settings.schedule, this);
    m_tabs->addTab(m_scheduler, tr("Scheduler"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_original;
    s.downloadFolder = m_folder->text().trimmed();
    if (s.downloadFolder.isEmpty())
        s.downloadFolder = AppSettings::defaultDownloadFolder();
    s.maxActive = m_maxActive->value();
    s.connections = m_connections->value();
    s.speedLimitKiB = m_speedLimit->value();
    s.altSpeedLimitKiB = m_altSpeedLimit->value();
    s.schedule = m_scheduler->schedule();
    s.notifications = m_notifications->isChecked();
    s.confirmQuit = m_confirmQuit->isChecked();
    s.duplicates = m_duplicates->currentIndex();
    s.watchClipboard = m_watchClipboard->isChecked();
    s.language = m_language->currentData().toString();
    s.maxTries = m_maxTries->value();
    s.retryWaitSeconds = m_retryWait->value();
    s.timeoutSeconds = m_timeout->value();
    for (size_t i = 0; i < m_categoryFolders.size(); ++i)
        s.categoryFolders[i] = QDir::fromNativeSeparators(m_categoryFolders[i]->text().trimmed());
    return s;
}

bool SettingsDialog::startAtLogin() const
{
    return m_startAtLogin->isChecked();
}

NetworkSettings SettingsDialog::networkSettings() const
{
    return m_network->settings();
}

void SettingsDialog::accept()
{
    const QString problem = m_network->problem();
    if (!problem.isEmpty()) {
        m_tabs->setCurrentWidget(m_network);
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

// FDM's categories, each with its folder: new downloads of that kind go there
// unless the Add dialog is given another folder.
QWidget *SettingsDialog::makeFoldersPage(const AppSettings &settings)
{
    auto *page = new QWidget(this);
    page->setObjectName(u"foldersPage"_s);
    auto *form = new QFormLayout(page);
    auto *note = new QLabel(tr("New downloads of each kind go to its folder, chosen by the file's extension; "
                               "empty: the download folder. A folder chosen in the Add dialog comes first."),
                            page);
    note->setWordWrap(true);
    form->addRow(note);
    static const char *const names[] = {"video", "music", "archives", "documents", "programs", "other"};
    for (int i = 0; i < kFileKindCount; ++i) {
        auto *edit = new QLineEdit(QDir::toNativeSeparators(settings.categoryFolders[size_t(i)]), page);
        edit->setObjectName(u"categoryFolder-"_s + QLatin1StringView(names[i]));
        edit->setPlaceholderText(tr("The download folder"));
        auto *pick = new QPushButton(tr("Browse…"), page);
        connect(pick, &QPushButton::clicked, this, [this, edit] {
            const QString start = edit->text().isEmpty() ? m_folder->text() : edit->text();
            const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for This Kind"), start);
            if (!dir.isEmpty())
                edit->setText(QDir::toNativeSeparators(dir));
        });
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(pick);
        //: A category's folder in Settings, e.g. "Video:"
        form->addRow(tr("%1:").arg(fileKindName(FileKind(i))), row);
        m_categoryFolders[size_t(i)] = edit;
    }
    return page;
}

// Retries and timeouts: what `ferry get --max-tries` and `--retry-wait` set, and the stall timeout.
QWidget *SettingsDialog::makeConnectionsPage(const AppSettings &settings)
{
    auto *page = new QWidget(this);
    page->setObjectName(u"connectionsPage"_s);
    m_maxTries = new QSpinBox(page);
    m_maxTries->setObjectName(u"maxTries"_s);
    m_maxTries->setRange(0, 100);
    m_maxTries->setSpecialValueText(tr("No limit"));
    m_maxTries->setValue(settings.maxTries);
    m_maxTries->setToolTip(tr("Attempts per connection before a download fails; 0: try for ever"));
    m_retryWait = new QSpinBox(page);
    m_retryWait->setObjectName(u"retryWait"_s);
    m_retryWait->setRange(-1, 3600);
    m_retryWait->setSuffix(tr(" s"));
    m_retryWait->setSpecialValueText(tr("Growing: 1 s, doubling up to 60 s"));
    m_retryWait->setValue(settings.retryWaitSeconds);
    m_timeout = new QSpinBox(page);
    m_timeout->setObjectName(u"timeout"_s);
    m_timeout->setRange(5, 600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(settings.timeoutSeconds);
    m_timeout->setToolTip(tr("A connection that connects or receives nothing for this long is dropped and tried again"));
    auto *note = new QLabel(tr("Applies at once: to new downloads, and to running ones from their next retry. A "
                               "download that failed because of the network is tried again on its own later."),
                            page);
    note->setWordWrap(true);
    auto *form = new QFormLayout(page);
    form->addRow(tr("Tries per connection:"), m_maxTries);
    form->addRow(tr("Wait between tries:"), m_retryWait);
    form->addRow(tr("Timeout without data:"), m_timeout);
    form->addRow(note);
    return page;
}

void SettingsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download Folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

} // namespace ferry
