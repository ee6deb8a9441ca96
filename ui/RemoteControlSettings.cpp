// See RemoteControlSettings.h.
#include "ui/RemoteControlSettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace ferry {

RemoteControlSettings RemoteControlSettings::load(const QSettings &settings)
{
    RemoteControlSettings s;
    s.enabled = settings.value(u"rpc/enabled"_s, false).toBool();
    const uint port = settings.value(u"rpc/port"_s, DefaultPort).toUInt();
    s.port = port >= 1 && port <= 65535 ? quint16(port) : DefaultPort;
    s.listenAll = settings.value(u"rpc/listenAll"_s, false).toBool();
    s.secret = settings.value(u"rpc/secret"_s).toByteArray();
    return s;
}

RemoteControlSettings RemoteControlSettings::load()
{
    return load(QSettings());
}

void RemoteControlSettings::save(QSettings &settings) const
{
    settings.setValue(u"rpc/enabled"_s, enabled);
    settings.setValue(u"rpc/port"_s, port);
    settings.setValue(u"rpc/listenAll"_s, listenAll);
    if (!secret.isEmpty())
        settings.setValue(u"rpc/secret"_s, secret);
}

void RemoteControlSettings::save() const
{
    QSettings settings;
    save(settings);
}

} // namespace ferry
