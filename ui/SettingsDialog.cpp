// See SettingsDialog.h.
#include "ui/SettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxSpeedLimitKiB = 1000 * 1000 * 1000; // the spin box is an int; ~1 TB/s is "unlimited" anyway
} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
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

    m_notifications = new QCheckBox(tr("Notify when a download completes or fails"), this);
    m_notifications->setObjectName(u"notifications"_s);
    m_notifications->setChecked(settings.notifications);

    auto *form = new QFormLayout;
    form->addRow(tr("Download folder:"), folderRow);
    form->addRow(tr("Downloads at once:"), m_maxActive);
    form->addRow(tr("Connections per download:"), m_connections);
    form->addRow(tr("Speed limit (all downloads):"), m_speedLimit);
    form->addRow(QString(), m_notifications);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.downloadFolder = m_folder->text().trimmed();
    if (s.downloadFolder.isEmpty())
        s.downloadFolder = AppSettings::defaultDownloadFolder();
    s.maxActive = m_maxActive->value();
    s.connections = m_connections->value();
    s.speedLimitKiB = m_speedLimit->value();
    s.notifications = m_notifications->isChecked();
    return s;
}

void SettingsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download Folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

} // namespace ferry
