// The proxy of one download's QNetworkAccessManagers: asked by Qt for every
// request (so a redirect to another host gets that host's decision), it
// applies decideProxy() and, when the environment says nothing, the desktop's
// setting. Lives on the download's thread with its managers.
#pragma once

#include "core/ProxySetting.h"

#include <QNetworkProxyFactory>

namespace ferry {

class ProxyFactory final : public QNetworkProxyFactory
{
public:
    ProxyFactory(const ProxySetting &setting, const QProcessEnvironment &env);

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    const ProxySetting m_setting;
    const QProcessEnvironment m_env;
};

} // namespace ferry
