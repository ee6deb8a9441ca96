// What the window's Remote control page remembers (QSettings rpc/…): whether
// the aria2-compatible RPC runs, its port, whether other devices may reach it,
// and the secret (the same key `ferry daemon` reads). Off by default.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QtGlobal>

class QSettings;

namespace ferry {

struct RemoteControlSettings {
    static constexpr quint16 DefaultPort = 6800;

    bool enabled = false;
    quint16 port = DefaultPort;
    bool listenAll = false; // "allow other devices"
    QByteArray secret;      // empty: the saved one is made on first start

    static RemoteControlSettings load(const QSettings &settings);
    static RemoteControlSettings load();
    void save(QSettings &settings) const;
    void save() const;

    bool operator==(const RemoteControlSettings &) const = default;
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::RemoteControlSettings)
