// The proxy of one download's QNetworkAccessManagers: asked by Qt for every
// request (so a redirect to another host gets that host's decision), it
// applies decideProxy() and, when the environment says nothing, the desktop's
// setting. Lives on the download's thread with its managers.
//
// The desktop's answer (Qt asks libproxy, on a thread of its own, twice per
// request) is kept per origin for kSystemAnswerMs: a list of a thousand
// small files from one host asks the desktop once every few seconds, not two
// thousand times, and a changed desktop setting still counts within seconds.
#pragma once

#include "core/ProxySetting.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QNetworkProxyFactory>

#include <functional>

namespace ferry {

class ProxyFactory final : public QNetworkProxyFactory
{
public:
    using SystemLookup = std::function<QList<QNetworkProxy>(const QNetworkProxyQuery &)>;
    using Clock = std::function<qint64()>; // monotonic milliseconds

    static constexpr qint64 kSystemAnswerMs = 5000;
    static constexpr int kMaxOrigins = 256; // answers kept; all are dropped beyond it

    // Without `system`, QNetworkProxyFactory::systemProxyForQuery; without a
    // clock, a QElapsedTimer. Both are for tests.
    ProxyFactory(const ProxySetting &setting, const QProcessEnvironment &env, SystemLookup system = {}, Clock clock = {});

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    struct Answer {
        QList<QNetworkProxy> proxies;
        qint64 atMs = 0;
    };
    QList<QNetworkProxy> askSystem(const QNetworkProxyQuery &query);

    const ProxySetting m_setting;
    const QProcessEnvironment m_env;
    const SystemLookup m_system;
    const Clock m_clock;
    QElapsedTimer m_timer;
    QMutex m_mutex; // Qt may ask from its HTTP thread as well
    QHash<QString, Answer> m_answers; // by origin: scheme://host:port
};

} // namespace ferry
