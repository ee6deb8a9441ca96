// See NetworkSettings.h.
#include "ui/NetworkSettings.h"

#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr QLatin1StringView kProxyKey("network/proxy");
constexpr QLatin1StringView kHostKey("network/proxyHost");
constexpr QLatin1StringView kPortKey("network/proxyPort");
constexpr QLatin1StringView kUserKey("network/proxyUser");
constexpr QLatin1StringView kRemoteDnsKey("network/proxyRemoteDns");
constexpr QLatin1StringView kNoProxyKey("network/noProxy");

struct ProxyName {
    NetworkSettings::Proxy proxy;
    QLatin1StringView key;
};
constexpr ProxyName kProxyNames[] = {
    {NetworkSettings::Proxy::None, "none"_L1},
    {NetworkSettings::Proxy::System, "system"_L1},
    {NetworkSettings::Proxy::Http, "http"_L1},
    {NetworkSettings::Proxy::Socks5, "socks5"_L1},
};
} // namespace

NetworkSettings NetworkSettings::load(const QSettings &settings)
{
    NetworkSettings s;
    const QString proxy = settings.value(kProxyKey).toString();
    for (const ProxyName &name : kProxyNames)
        if (proxy == name.key)
            s.proxy = name.proxy;
    s.host = settings.value(kHostKey).toString().trimmed();
    const int port = settings.value(kPortKey, 0).toInt();
    s.port = port > 0 && port <= 65535 ? quint16(port) : 0;
    s.user = settings.value(kUserKey).toString();
    s.remoteDns = settings.value(kRemoteDnsKey, true).toBool();
    s.noProxy = settings.value(kNoProxyKey).toString();
    return s;
}

NetworkSettings NetworkSettings::load()
{
    const QSettings settings;
    return load(settings);
}

void NetworkSettings::save(QSettings &settings) const
{
    for (const ProxyName &name : kProxyNames)
        if (proxy == name.proxy)
            settings.setValue(kProxyKey, QString(name.key));
    settings.setValue(kHostKey, host);
    settings.setValue(kPortKey, port);
    settings.setValue(kUserKey, user);
    settings.setValue(kRemoteDnsKey, remoteDns);
    settings.setValue(kNoProxyKey, noProxy);
}

void NetworkSettings::save() const
{
    QSettings settings;
    save(settings);
}

quint16 NetworkSettings::effectivePort() const
{
    if (port != 0)
        return port;
    return proxy == Proxy::Socks5 ? 1080 : 3128;
}

ProxySetting NetworkSettings::toProxySetting() const
{
    switch (proxy) {
    case Proxy::None:
        return ProxySetting{ProxyMode::None, {}, {}};
    case Proxy::System:
        return ProxySetting{};
    case Proxy::Http:
    case Proxy::Socks5:
        break;
    }
    if (host.isEmpty())
        return ProxySetting{};
    QUrl url;
    url.setScheme(proxy == Proxy::Http ? u"http"_s : remoteDns ? u"socks5h"_s : u"socks5"_s);
    url.setHost(host);
    url.setPort(effectivePort());
    if (!user.isEmpty()) {
        url.setUserName(user);
        url.setPassword(password);
    }
    return ProxySetting{ProxyMode::Manual, url.toString(QUrl::FullyEncoded), noProxy};
}

QString NetworkSettings::passwordKey() const
{
    return u"proxy:%1@%2:%3"_s.arg(user, host).arg(effectivePort());
}

} // namespace ferry
