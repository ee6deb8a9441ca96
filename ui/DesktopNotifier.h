// The desktop's notification server (org.freedesktop.Notifications, the
// freedesktop Desktop Notifications spec 1.2) over Qt D-Bus: sends a
// notification with actions, hints and a category, and reports which action
// the user chose. Every call is asynchronous: the GUI thread never waits for
// the bus. Whether a server answers is learned once at start
// (GetServerInformation) and again whenever a Notify call fails, so the caller
// can fall back to the tray's balloon.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

class QDBusMessage;

namespace ferry {

class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    struct Action {
        QString key;   // handed back by actionInvoked
        QString label; // translated, shown on the button
    };
    struct Notification {
        QString summary;
        QString body;      // plain text; escaped before it is sent (servers may read markup)
        QString category;  // "transfer.complete", "transfer.error"
        QList<Action> actions;
        bool critical = false;
    };

    explicit DesktopNotifier(QObject *parent = nullptr);

    enum class Availability { Unknown, Available, Unavailable };
    Q_ENUM(Availability)
    Availability availability() const { return m_availability; }
    QString serverName() const { return m_serverName; } // "dunst", "gnome-shell"… once known

    // Sends it; failed() follows when no server takes it.
    void show(const Notification &notification);

    static constexpr const char *DesktopEntry = "io.github.ferry";

Q_SIGNALS:
    void availabilityChanged(ferry::DesktopNotifier::Availability availability);
    void shown(const ferry::DesktopNotifier::Notification &notification); // the server took it
    void actionInvoked(const QString &key);
    // No server answered this one: show it some other way.
    void failed(const ferry::DesktopNotifier::Notification &notification);

private Q_SLOTS:
    // Slots by name: QDBusConnection::connect takes signals from the bus by name only.
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void setAvailability(Availability availability);

    Availability m_availability = Availability::Unknown;
    QString m_serverName;
    QStringList m_capabilities;
    QHash<uint, QStringList> m_actionKeys; // open notifications: id → the keys it offered
};

} // namespace ferry
