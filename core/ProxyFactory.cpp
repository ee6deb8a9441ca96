// See ProxyFactory.h.
#include "core/ProxyFactory.h"

namespace ferry {

ProxyFactory::ProxyFactory(const ProxySetting &setting, const QProcessEnvironment &env)
    : m_setting(setting)
    , m_env(env)
{
}

QList<QNetworkProxy> ProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    const ProxyDecision decision = decideProxy(query.url(), m_setting, m_env);
    switch (decision.kind) {
    case ProxyDecision::Kind::Direct:
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    case ProxyDecision::Kind::Proxy:
        return {decision.proxy};
    case ProxyDecision::Kind::AskSystem:
        return QNetworkProxyFactory::systemProxyForQuery(query);
    case ProxyDecision::Kind::Invalid:
        break;
    }
    // A proxy the user set but that cannot be used must not turn into a
    // direct connection. Qt fails a request whose only proxy does not fit it
    // with ProxyNotFoundError, without touching the network (an empty list
    // would mean "direct" to Qt). The download checks its first URL before it
    // starts and names the reason; this covers a redirect to another scheme.
    return {QNetworkProxy(QNetworkProxy::FtpCachingProxy)};
}

} // namespace ferry
