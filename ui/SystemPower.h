// Suspends or powers off the machine through logind
// (org.freedesktop.login1.Manager.Suspend / PowerOff on the system bus, with
// interactive = false: no password dialog from polkit at an unattended end).
// The call is asynchronous; a refusal comes back as failed().
//
// For tests only: FERRY_LOGIN1_BUS_ADDRESS, when set, is the address of the
// bus the call goes to instead of the system bus (tst_ui_whendone puts a
// recording org.freedesktop.login1 on a private bus from dbus-run-session).
#pragma once

#include <QObject>

namespace ferry {

class SystemPower final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemPower)

public:
    enum class Action { Suspend, PowerOff };

    explicit SystemPower(QObject *parent = nullptr);

    void request(Action action);

Q_SIGNALS:
    void failed(const QString &message);
};

} // namespace ferry
