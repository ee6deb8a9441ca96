// See DesktopNotifier.h.
#include "ui/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

const QString Service = u"org.freedesktop.Notifications"_s;
const QString Path = u"/org/freedesktop/Notifications"_s;
const QString Interface = u"org.freedesktop.Notifications"_s;
constexpr int CallTimeoutMs = 5000;
constexpr int ExpireDefault = -1;        // the server's own timeout
constexpr int MaxRememberedNotifications = 64; // servers that never say "closed" cannot grow the table
constexpr uchar UrgencyNormal = 1;
constexpr uchar UrgencyCritical = 2;

QDBusMessage call(const QString &method)
{
    return QDBusMessage::createMethodCall(Service, Path, Interface, method);
}

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        m_availability = Availability::Unavailable;
        return;
    }
    bus.connect(Service, Path, Interface, u"ActionInvoked"_s, this, SLOT(onActionInvoked(uint, QString)));
    bus.connect(Service, Path, Interface, u"NotificationClosed"_s, this, SLOT(onNotificationClosed(uint, uint)));

    // One question at start: does a server answer (also by D-Bus activation)?
    auto *info = new QDBusPendingCallWatcher(bus.asyncCall(call(u"GetServerInformation"_s), CallTimeoutMs), this);
    connect(info, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *watcher) {
        const QDBusPendingReply<QString, QString, QString, QString> reply = *watcher;
        watcher->deleteLater();
        if (reply.isError()) {
            setAvailability(Availability::Unavailable);
            return;
        }
        m_serverName = reply.argumentAt<0>();
        setAvailability(Availability::Available);
    });
    auto *caps = new QDBusPendingCallWatcher(bus.asyncCall(call(u"GetCapabilities"_s), CallTimeoutMs), this);
    connect(caps, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *watcher) {
        const QDBusPendingReply<QStringList> reply = *watcher;
        watcher->deleteLater();
        if (!reply.isError())
            m_capabilities = reply.value();
    });
}

void DesktopNotifier::setAvailability(Availability availability)
{
    if (m_availability == availability)
        return;
    m_availability = availability;
    Q_EMIT availabilityChanged(availability);
}

void DesktopNotifier::show(const Notification &notification)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        setAvailability(Availability::Unavailable);
        Q_EMIT failed(notification);
        return;
    }
    QStringList actions;
    QStringList keys;
    for (const Action &action : notification.actions) {
        actions << action.key << action.label;
        keys << action.key;
    }
    QVariantMap hints;
    hints.insert(u"category"_s, notification.category);
    hints.insert(u"desktop-entry"_s, QString::fromLatin1(DesktopEntry));
    hints.insert(u"urgency"_s, QVariant::fromValue(notification.critical ? UrgencyCritical : UrgencyNormal));
    // A server that reads markup would take "<" in a file name for a tag.
    const QString body = m_capabilities.contains(u"body-markup"_s) ? notification.body.toHtmlEscaped()
                                                                   : notification.body;
    QDBusMessage message = call(u"Notify"_s);
    message << u"Ferry"_s << uint(0) << QString::fromLatin1(DesktopEntry) << notification.summary << body << actions
            << hints << ExpireDefault;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(message, CallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, notification, keys](QDBusPendingCallWatcher *w) {
                const QDBusPendingReply<uint> reply = *w;
                w->deleteLater();
                if (reply.isError()) {
                    setAvailability(Availability::Unavailable);
                    Q_EMIT failed(notification);
                    return;
                }
                setAvailability(Availability::Available);
                Q_EMIT shown(notification);
                if (m_actionKeys.size() >= MaxRememberedNotifications) {
                    // Ids grow; the smallest is the oldest, long gone from the screen.
                    const auto oldest = std::min_element(m_actionKeys.keyBegin(), m_actionKeys.keyEnd());
                    m_actionKeys.remove(*oldest);
                }
                m_actionKeys.insert(reply.value(), keys);
            });
}

void DesktopNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    // The signal goes to every client of the server: only our notifications count.
    const auto it = m_actionKeys.constFind(id);
    if (it == m_actionKeys.cend() || !it->contains(actionKey))
        return;
    Q_EMIT actionInvoked(actionKey);
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    m_actionKeys.remove(id);
}

} // namespace ferry
