// See SystemPower.h.
#include "ui/SystemPower.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr const char *kTestBusVariable = "FERRY_LOGIN1_BUS_ADDRESS";

QDBusConnection login1Bus()
{
    const QString address = qEnvironmentVariable(kTestBusVariable);
    if (address.isEmpty())
        return QDBusConnection::systemBus();
    return QDBusConnection::connectToBus(address, u"ferry-login1-test"_s);
}
} // namespace

SystemPower::SystemPower(QObject *parent)
    : QObject(parent)
{
}

void SystemPower::request(Action action)
{
    QDBusConnection bus = login1Bus();
    if (!bus.isConnected()) {
        Q_EMIT failed(tr("Cannot reach the system bus to ask logind: %1").arg(bus.lastError().message()));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(u"org.freedesktop.login1"_s, u"/org/freedesktop/login1"_s,
                                                       u"org.freedesktop.login1.Manager"_s,
                                                       action == Action::Suspend ? u"Suspend"_s : u"PowerOff"_s);
    call << false; // interactive: nobody may be there to answer polkit
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<> reply = *watcher;
        if (reply.isError())
            Q_EMIT failed(tr("The system refused: %1").arg(reply.error().message()));
    });
}

} // namespace ferry
