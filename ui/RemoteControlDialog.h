// Settings → Remote control: turns the aria2-compatible RPC on or off, with
// its port, "allow other devices" and the secret, and shows the address and
// secret to paste into AriaNg or a browser add-on. Edits RemoteControlSettings;
// app/ starts and stops the RPC and reports back with setStatus().
#pragma once

#include "ui/RemoteControlSettings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ferry {

class RemoteControlDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteControlDialog)

public:
    explicit RemoteControlDialog(const RemoteControlSettings &settings, QWidget *parent = nullptr);

    RemoteControlSettings settings() const;
    void setSecret(const QByteArray &secret);
    // The address clients use while it runs (empty when off) and a line of status.
    void setStatus(const QString &address, const QString &status);

Q_SIGNALS:
    void applyRequested(const ferry::RemoteControlSettings &settings);
    void newSecretRequested();

private:
    void updateEnabled();

    QCheckBox *m_enabled = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_listenAll = nullptr;
    QLineEdit *m_secret = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace ferry
