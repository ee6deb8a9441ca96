// Which proxy a download uses, and the decision for one URL. The decision is a
// pure function of the setting and the environment (the *_proxy variables,
// read as curl reads them); only "ask the desktop" is left to Qt
// (QNetworkProxyFactory::systemProxyForQuery, libproxy on Debian), which
// ProxyFactory does.
#pragma once

#include "core/NoProxy.h"

#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace ferry {

enum class ProxyMode {
    System, // the *_proxy variables when set, else the desktop's proxy
    None,   // always direct (--no-proxy)
    Manual, // `url` (--proxy, Settings → Network), except for `noProxy` hosts
};

struct ProxySetting {
    ProxyMode mode = ProxyMode::System;
    QString url;     // Manual: http://, socks5:// or socks5h:// with optional user:pass@
    QString noProxy; // hosts reached directly, no_proxy syntax (NoProxyList); in System mode on top of no_proxy

    bool operator==(const ProxySetting &) const = default;
};

struct ProxyDecision {
    enum class Kind { Direct, Proxy, AskSystem, Invalid };
    Kind kind = Kind::Direct;
    QNetworkProxy proxy;  // Kind::Proxy
    QString source;       // where the proxy came from: "--proxy", "http_proxy", "ALL_PROXY"…
    QString error;        // Kind::Invalid: why the configured proxy cannot be used (no secret in it)
};

// System mode, as curl: no_proxy/NO_PROXY first; then for http:// only the
// lower-case http_proxy (the upper-case one is ignored, httpoxy), for other
// schemes <scheme>_proxy then <SCHEME>_PROXY; then all_proxy/ALL_PROXY.
// Lower case wins; an empty value is unset. Any of them set (HTTP_PROXY too)
// means the environment decides: what it does not cover goes direct. No
// variable at all → AskSystem.
ProxyDecision decideProxy(const QUrl &target, const ProxySetting &setting, const QProcessEnvironment &env);

} // namespace ferry
