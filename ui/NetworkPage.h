// Settings → Network: no proxy / the system's / an HTTP or SOCKS5 proxy
// (host, port, login, names resolved by the proxy) and the hosts reached
// directly. Edits a copy of NetworkSettings, as SettingsDialog does.
#pragma once

#include "ui/NetworkSettings.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ferry {

class NetworkPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPage)

public:
    explicit NetworkPage(const NetworkSettings &settings, QWidget *parent = nullptr);

    NetworkSettings settings() const;
    // Empty when the page can be accepted, else what is missing.
    QString problem() const;

private:
    void updateEnabled();

    QButtonGroup *m_mode = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remoteDns = nullptr;
    QLineEdit *m_noProxy = nullptr;
    QWidget *m_manual = nullptr;
};

} // namespace ferry
