// The proxy decision: see ProxySetting.h.
#include "core/ProxySetting.h"

#include "core/ProxyUrl.h"

namespace ferry {

namespace {

// The first of `names` that is set to a non-empty value.
QString firstSet(const QProcessEnvironment &env, std::initializer_list<QString> names, QString *which)
{
    for (const QString &name : names) {
        const QString value = env.value(name);
        if (!value.trimmed().isEmpty()) {
            *which = name;
            return value;
        }
    }
    return {};
}

ProxyDecision fromUrl(const QString &url, const QString &source)
{
    ProxyDecision decision;
    const ProxyUrl parsed = parseProxyUrl(url);
    decision.source = source;
    if (!parsed.ok) {
        decision.kind = ProxyDecision::Kind::Invalid;
        decision.error = source + QStringLiteral(": ") + parsed.error;
        return decision;
    }
    decision.kind = ProxyDecision::Kind::Proxy;
    decision.proxy = parsed.proxy;
    return decision;
}

} // namespace

ProxyDecision decideProxy(const QUrl &target, const ProxySetting &setting, const QProcessEnvironment &env)
{
    switch (setting.mode) {
    case ProxyMode::None:
        return {};
    case ProxyMode::Manual:
        if (NoProxyList(setting.noProxy).matches(target))
            return {};
        return fromUrl(setting.url, QStringLiteral("the proxy setting"));
    case ProxyMode::System:
        // Hosts the download itself names (aria2's no-proxy over the RPC)
        // go direct whatever the variables say.
        if (!setting.noProxy.isEmpty() && NoProxyList(setting.noProxy).matches(target))
            return {};
        break;
    }

    QString which;
    const QString noProxy = firstSet(env, {QStringLiteral("no_proxy"), QStringLiteral("NO_PROXY")}, &which);
    const QString scheme = target.scheme().toLower();
    QString proxy;
    if (scheme == u"http")
        proxy = firstSet(env, {QStringLiteral("http_proxy")}, &which);
    else
        proxy = firstSet(env, {scheme + QStringLiteral("_proxy"), scheme.toUpper() + QStringLiteral("_PROXY")}, &which);
    if (proxy.isEmpty())
        proxy = firstSet(env, {QStringLiteral("all_proxy"), QStringLiteral("ALL_PROXY")}, &which);

    if (!noProxy.isEmpty() && NoProxyList(noProxy).matches(target))
        return {};
    if (!proxy.isEmpty())
        return fromUrl(proxy, which);
    // Any proxy variable set (for another scheme) means the environment speaks
    // for the user: this URL goes direct, as with curl. Only without any does
    // the desktop's setting count.
    // HTTP_PROXY counts here although it never names the proxy: Qt's desktop
    // lookup (libproxy) would read it, which is what curl refuses to do.
    for (const QString &name : {QStringLiteral("http_proxy"), QStringLiteral("HTTP_PROXY"), QStringLiteral("https_proxy"),
                                QStringLiteral("HTTPS_PROXY"),
                                QStringLiteral("all_proxy"), QStringLiteral("ALL_PROXY"), QStringLiteral("no_proxy"),
                                QStringLiteral("NO_PROXY")}) {
        if (!env.value(name).trimmed().isEmpty())
            return {};
    }
    ProxyDecision ask;
    ask.kind = ProxyDecision::Kind::AskSystem;
    return ask;
}

} // namespace ferry
