// See Aria2Proxy.h. aria2 (HttpProxyOptionHandler) prefixes http:// to a
// value without one of its schemes, then makes every scheme http; a port-less
// proxy is then on port 80. Ferry does the same for http and keeps SOCKS5.
#include "rpc/Aria2Proxy.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr int kHttpPort = 80;     // aria2's port for an http:// proxy written without one
constexpr int kSocksPort = 1080;  // the SOCKS port

bool isSocks(const QString &scheme)
{
    return scheme == u"socks5" || scheme == u"socks5h";
}

// The proxy URL of a normal form, without its user info.
QUrl withoutUserInfo(QUrl url)
{
    url.setUserInfo(QString());
    return url;
}

} // namespace

ProxySetting Aria2Proxy::setting() const
{
    const QString noProxyHosts = noProxy.value_or(QString());
    if (!allProxy || allProxy->isEmpty())
        return ProxySetting{ProxyMode::System, {}, noProxyHosts};
    QUrl url(*allProxy, QUrl::StrictMode);
    if (user)
        url.setUserName(*user, QUrl::DecodedMode);
    if (password)
        url.setPassword(*password, QUrl::DecodedMode);
    if (url.port() < 0)
        url.setPort(isSocks(url.scheme()) ? kSocksPort : kHttpPort);
    url.setPath(QString());
    return ProxySetting{ProxyMode::Manual, url.toString(QUrl::FullyEncoded), noProxyHosts};
}

void Aria2Proxy::insertInto(QJsonObject &options) const
{
    if (allProxy) {
        const QUrl url(*allProxy, QUrl::StrictMode);
        options.insert(u"all-proxy"_s, allProxy->isEmpty() ? QString() : withoutUserInfo(url).toString(QUrl::FullyEncoded));
        if (!user && !url.userName().isEmpty())
            options.insert(u"all-proxy-user"_s, url.userName(QUrl::FullyDecoded));
    }
    if (user)
        options.insert(u"all-proxy-user"_s, *user);
    // all-proxy-passwd: aria2 shows it; Ferry keeps it out of every answer.
    if (noProxy)
        options.insert(u"no-proxy"_s, *noProxy);
}

namespace aria2 {

bool isProxyOption(const QString &name)
{
    return name == u"all-proxy" || name == u"all-proxy-user" || name == u"all-proxy-passwd" || name == u"no-proxy";
}

std::optional<QString> normalizeAllProxy(const QString &value)
{
    if (value.isEmpty())
        return QString();
    if (value.contains(u'\r') || value.contains(u'\n') || value.contains(QChar(0)) || value.contains(u' '))
        return std::nullopt;
    QString scheme = u"http"_s;
    QString rest = value;
    if (const qsizetype sep = value.indexOf(u"://"_s); sep >= 0) {
        const QString given = value.left(sep).toLower();
        if (isSocks(given))
            scheme = given;
        else if (given != u"http" && given != u"https" && given != u"ftp")
            return std::nullopt; // aria2 reads "socks4://h" as the host "socks4" and fails too
        rest = value.mid(sep + 3);
    }
    QUrl url(scheme + u"://"_s + rest, QUrl::StrictMode);
    // QUrl already refuses a port over 65535; port 0 cannot be connected to.
    if (!url.isValid() || url.host().isEmpty() || url.port() == 0)
        return std::nullopt;
    url.setQuery(QString());
    url.setFragment(QString());
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    return url.toString(QUrl::FullyEncoded);
}

bool setProxyOption(Aria2Proxy *proxy, const QString &name, const QString &value)
{
    if (value.contains(u'\r') || value.contains(u'\n') || value.contains(QChar(0)))
        return false;
    if (name == u"all-proxy") {
        const auto normal = normalizeAllProxy(value);
        if (!normal)
            return false;
        proxy->allProxy = *normal;
    } else if (name == u"all-proxy-user") {
        proxy->user = value;
    } else if (name == u"all-proxy-passwd") {
        proxy->password = value;
    } else if (name == u"no-proxy") {
        proxy->noProxy = value;
    } else {
        return false;
    }
    return true;
}

Aria2Proxy proxyOf(const ProxySetting &setting)
{
    Aria2Proxy proxy;
    if (!setting.noProxy.isEmpty())
        proxy.noProxy = setting.noProxy;
    if (setting.mode != ProxyMode::Manual)
        return proxy;
    const QUrl url(setting.url, QUrl::StrictMode);
    if (!url.userName().isEmpty())
        proxy.user = url.userName(QUrl::FullyDecoded);
    if (!url.password().isEmpty())
        proxy.password = url.password(QUrl::FullyDecoded);
    QUrl shown = withoutUserInfo(url);
    if (shown.scheme() == u"http" && shown.port() == kHttpPort)
        shown.setPort(-1); // aria2 shows http://host/ for port 80
    proxy.allProxy = normalizeAllProxy(shown.toString(QUrl::FullyEncoded)).value_or(QString());
    return proxy;
}

} // namespace aria2
} // namespace ferry
