// See NetworkPage.h.
#include "ui/NetworkPage.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
enum Mode { NoProxy = 0, SystemProxy = 1, ManualProxy = 2 };
} // namespace

NetworkPage::NetworkPage(const NetworkSettings &settings, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"networkPage"_s);
    auto *none = new QRadioButton(tr("No proxy"), this);
    none->setObjectName(u"proxyNone"_s);
    auto *system = new QRadioButton(tr("Use the system's proxy settings"), this);
    system->setObjectName(u"proxySystem"_s);
    system->setToolTip(tr("The http_proxy, https_proxy, all_proxy and no_proxy variables when set, "
                          "else the desktop's proxy."));
    auto *manual = new QRadioButton(tr("Use this proxy:"), this);
    manual->setObjectName(u"proxyManual"_s);
    m_mode = new QButtonGroup(this);
    m_mode->addButton(none, NoProxy);
    m_mode->addButton(system, SystemProxy);
    m_mode->addButton(manual, ManualProxy);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"proxyKind"_s);
    m_kind->addItem(tr("HTTP"), int(NetworkSettings::Proxy::Http));
    m_kind->addItem(tr("SOCKS5"), int(NetworkSettings::Proxy::Socks5));
    m_host = new QLineEdit(settings.host, this);
    m_host->setObjectName(u"proxyHost"_s);
    m_host->setPlaceholderText(tr("proxy.example.org"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(u"proxyPort"_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Default"));
    m_port->setValue(settings.port);
    m_user = new QLineEdit(settings.user, this);
    m_user->setObjectName(u"proxyUser"_s);
    m_user->setPlaceholderText(tr("none"));
    m_password = new QLineEdit(settings.password, this);
    m_password->setObjectName(u"proxyPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_remoteDns = new QCheckBox(tr("Let the proxy resolve host names"), this);
    m_remoteDns->setObjectName(u"proxyRemoteDns"_s);
    m_remoteDns->setChecked(settings.remoteDns);
    m_noProxy = new QLineEdit(settings.noProxy, this);
    m_noProxy->setObjectName(u"noProxy"_s);
    m_noProxy->setPlaceholderText(tr("localhost, .lan, 192.168.0.0/16"));

    auto *hostRow = new QHBoxLayout;
    hostRow->setContentsMargins(0, 0, 0, 0);
    hostRow->addWidget(m_kind);
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), this));
    hostRow->addWidget(m_port);

    m_manual = new QWidget(this);
    auto *form = new QFormLayout(m_manual);
    form->setContentsMargins(24, 0, 0, 0);
    form->addRow(tr("Proxy:"), hostRow);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_remoteDns);
    form->addRow(tr("Connect directly to:"), m_noProxy);

    auto *note = new QLabel(tr("Used by downloads from their next start. A download given its own proxy "
                               "(aria2's all-proxy) keeps it. The password is kept in the desktop's keyring."),
                            this);
    note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(none);
    layout->addWidget(system);
    layout->addWidget(manual);
    layout->addWidget(m_manual);
    layout->addWidget(note);
    layout->addStretch(1);

    switch (settings.proxy) {
    case NetworkSettings::Proxy::None:
        none->setChecked(true);
        break;
    case NetworkSettings::Proxy::System:
        system->setChecked(true);
        break;
    case NetworkSettings::Proxy::Http:
    case NetworkSettings::Proxy::Socks5:
        manual->setChecked(true);
        m_kind->setCurrentIndex(m_kind->findData(int(settings.proxy)));
        break;
    }
    connect(m_mode, &QButtonGroup::idToggled, this, &NetworkPage::updateEnabled);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &NetworkPage::updateEnabled);
    updateEnabled();
}

NetworkSettings NetworkPage::settings() const
{
    NetworkSettings s;
    switch (m_mode->checkedId()) {
    case NoProxy:
        s.proxy = NetworkSettings::Proxy::None;
        break;
    case ManualProxy:
        s.proxy = NetworkSettings::Proxy(m_kind->currentData().toInt());
        break;
    default:
        s.proxy = NetworkSettings::Proxy::System;
        break;
    }
    s.host = m_host->text().trimmed();
    s.port = quint16(m_port->value());
    s.user = m_user->text().trimmed();
    s.password = m_password->text();
    s.remoteDns = m_remoteDns->isChecked();
    s.noProxy = m_noProxy->text().trimmed();
    return s;
}

QString NetworkPage::problem() const
{
    if (m_mode->checkedId() == ManualProxy && m_host->text().trimmed().isEmpty())
        return tr("Give the proxy's host name or address.");
    return {};
}

void NetworkPage::updateEnabled()
{
    m_manual->setEnabled(m_mode->checkedId() == ManualProxy);
    m_remoteDns->setEnabled(m_kind->currentData().toInt() == int(NetworkSettings::Proxy::Socks5));
}

} // namespace ferry
