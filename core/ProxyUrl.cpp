// Proxy URLs: see ProxyUrl.h. The difference between socks5 and socks5h is
// Qt's HostNameLookupCapability: without it the socket resolves the target
// itself and hands the proxy an address.
#include "core/ProxyUrl.h"

#include <QUrl>

namespace ferry {

namespace {

constexpr quint16 kDefaultProxyPort = 1080;

} // namespace

ProxyUrl parseProxyUrl(const QString &text)
{
    ProxyUrl result;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.error = QStringLiteral("the proxy address is empty");
        return result;
    }
    const QUrl url(trimmed.contains(u"://") ? trimmed : QStringLiteral("http://") + trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()) {
        result.error = QStringLiteral("not a valid proxy address");
        return result;
    }
    QNetworkProxy proxy;
    if (scheme == u"http") {
        proxy.setType(QNetworkProxy::HttpProxy);
    } else if (scheme == u"socks5" || scheme == u"socks5h") {
        proxy.setType(QNetworkProxy::Socks5Proxy);
        QNetworkProxy::Capabilities caps = proxy.capabilities();
        caps.setFlag(QNetworkProxy::HostNameLookupCapability, scheme == u"socks5h");
        proxy.setCapabilities(caps);
    } else if (scheme == u"https") {
        result.error = QStringLiteral("HTTPS proxies (TLS to the proxy) are not supported; use http://");
        return result;
    } else if (scheme == u"socks4" || scheme == u"socks4a") {
        result.error = QStringLiteral("SOCKS4 proxies are not supported; use socks5:// or socks5h://");
        return result;
    } else {
        result.error = QStringLiteral("unsupported proxy type %1:// (use http://, socks5:// or socks5h://)").arg(scheme);
        return result;
    }
    proxy.setHostName(url.host());
    proxy.setPort(quint16(url.port(kDefaultProxyPort)));
    proxy.setUser(url.userName(QUrl::FullyDecoded));
    proxy.setPassword(url.password(QUrl::FullyDecoded));
    result.ok = true;
    result.proxy = proxy;
    return result;
}

QString proxyDisplayName(const QNetworkProxy &proxy)
{
    QString scheme;
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        scheme = QStringLiteral("http");
        break;
    case QNetworkProxy::Socks5Proxy:
        scheme = proxy.capabilities().testFlag(QNetworkProxy::HostNameLookupCapability) ? QStringLiteral("socks5h")
                                                                                         : QStringLiteral("socks5");
        break;
    default:
        return QStringLiteral("no proxy");
    }
    const QString host = proxy.hostName().contains(u':') ? u'[' + proxy.hostName() + u']' : proxy.hostName();
    return scheme + QStringLiteral("://") + host + u':' + QString::number(proxy.port());
}

} // namespace ferry
