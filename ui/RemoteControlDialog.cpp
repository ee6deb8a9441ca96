// See RemoteControlDialog.h.
#include "ui/RemoteControlDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

RemoteControlDialog::RemoteControlDialog(const RemoteControlSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_enabled(new QCheckBox(tr("Let AriaNg, browser add-ons and scripts control Ferry (aria2 RPC)"), this))
    , m_port(new QSpinBox(this))
    , m_listenAll(new QCheckBox(tr("Allow other devices on the network"), this))
    , m_secret(new QLineEdit(this))
    , m_address(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Remote Control"));
    setObjectName(u"remoteControlDialog"_s);
    m_enabled->setObjectName(u"rpcEnabled"_s);
    m_port->setObjectName(u"rpcPort"_s);
    m_listenAll->setObjectName(u"rpcListenAll"_s);
    m_secret->setObjectName(u"rpcSecret"_s);
    m_address->setObjectName(u"rpcAddress"_s);
    m_status->setObjectName(u"rpcStatus"_s);

    m_enabled->setChecked(settings.enabled);
    m_port->setRange(1, 65535);
    m_port->setValue(settings.port);
    m_listenAll->setChecked(settings.listenAll);
    m_listenAll->setToolTip(tr("Off: only programs on this computer can connect"));
    m_secret->setText(QString::fromUtf8(settings.secret));
    m_secret->setToolTip(tr("Clients send it as the RPC secret token"));
    m_address->setReadOnly(true);
    m_status->setWordWrap(true);

    auto *newSecret = new QPushButton(tr("New"), this);
    newSecret->setToolTip(tr("Make a new random secret; clients must then use the new one"));
    connect(newSecret, &QPushButton::clicked, this, &RemoteControlDialog::newSecretRequested);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(newSecret);

    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setToolTip(tr("Copy the address to the clipboard"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_address->text()); });
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(copy);

    auto *form = new QFormLayout;
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Port:"), m_port);
    form->addRow(QString(), m_listenAll);
    form->addRow(tr("Secret:"), secretRow);
    form->addRow(tr("Address:"), addressRow);
    form->addRow(QString(), m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT applyRequested(this->settings());
        accept();
    });
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { Q_EMIT applyRequested(this->settings()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &RemoteControlDialog::reject);
    connect(m_enabled, &QCheckBox::toggled, this, &RemoteControlDialog::updateEnabled);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateEnabled();
}

RemoteControlSettings RemoteControlDialog::settings() const
{
    RemoteControlSettings s;
    s.enabled = m_enabled->isChecked();
    s.port = quint16(m_port->value());
    s.listenAll = m_listenAll->isChecked();
    s.secret = m_secret->text().trimmed().toUtf8();
    return s;
}

void RemoteControlDialog::setSecret(const QByteArray &secret)
{
    m_secret->setText(QString::fromUtf8(secret));
}

void RemoteControlDialog::setStatus(const QString &address, const QString &status)
{
    m_address->setText(address);
    m_address->setPlaceholderText(tr("Not running"));
    m_status->setText(status);
}

void RemoteControlDialog::updateEnabled()
{
    const bool on = m_enabled->isChecked();
    m_port->setEnabled(on);
    m_listenAll->setEnabled(on);
    m_secret->setEnabled(on);
}

} // namespace ferry
