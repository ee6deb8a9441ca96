// See ProxyFactory.h.
#include "core/ProxyFactory.h"

#include <QUrl>

namespace ferry {

ProxyFactory::ProxyFactory(const ProxySetting &setting, const QProcessEnvironment &env, SystemLookup system, Clock clock)
    : m_setting(setting)
    , m_env(env)
    , m_system(std::move(system))
    , m_clock(std::move(clock))
{
    m_timer.start();
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
        return askSystem(query);
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

// Per origin, not per URL: a PAC script that decides by path is not followed
// within those seconds (browsers ask by origin for https anyway).
QList<QNetworkProxy> ProxyFactory::askSystem(const QNetworkProxyQuery &query)
{
    const QUrl url = query.url();
    const QString scheme = url.scheme().toLower();
    const QString origin = scheme + u"://" + url.host().toLower() + u':'
        + QString::number(url.port(scheme == u"https" ? 443 : scheme == u"http" ? 80 : -1));
    const qint64 now = m_clock ? m_clock() : m_timer.elapsed();
    {
        const QMutexLocker lock(&m_mutex);
        const auto known = m_answers.constFind(origin);
        if (known != m_answers.cend() && now - known->atMs < kSystemAnswerMs)
            return known->proxies;
    }
    // Asked without the lock: libproxy may take a while (a PAC script).
    QList<QNetworkProxy> proxies = m_system ? m_system(query) : QNetworkProxyFactory::systemProxyForQuery(query);
    const QMutexLocker lock(&m_mutex);
    if (m_answers.size() >= kMaxOrigins)
        m_answers.clear();
    m_answers.insert(origin, Answer{proxies, now});
    return proxies;
}

} // namespace ferry
