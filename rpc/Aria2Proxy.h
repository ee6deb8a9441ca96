// aria2's proxy options — all-proxy, all-proxy-user, all-proxy-passwd,
// no-proxy — in Ferry's terms: how aria2 spells and normalises a value, what
// getOption/getGlobalOption show (never the password), and the
// ProxySetting a download gets from them (docs/rpc.md, "Proxies"). Pure.
#pragma once

#include "core/ProxySetting.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ferry {

// Each field is unset until a client (or `ferry daemon --all-proxy…`) gives
// it: aria2's getGlobalOption leaves out what was never set.
struct Aria2Proxy {
    std::optional<QString> allProxy; // aria2's normal form, "http://host:port/"; "" = none (the *_proxy variables)
    std::optional<QString> user;     // all-proxy-user: replaces the URL's user
    std::optional<QString> password; // all-proxy-passwd: replaces the URL's password; never shown
    std::optional<QString> noProxy;  // no-proxy: hosts reached directly

    bool operator==(const Aria2Proxy &) const = default;

    // Manual when all-proxy names a proxy; else System, with the no-proxy
    // hosts reached directly on top of the no_proxy variable.
    ProxySetting setting() const;
    // What getOption and getGlobalOption show: all-proxy without user info,
    // all-proxy-user (from the option or the URL), no-proxy; never the password.
    void insertInto(QJsonObject &options) const;
};

namespace aria2 {

bool isProxyOption(const QString &name);
// aria2's normal form of an all-proxy value, nullopt when it cannot be used:
// no scheme, https:// and ftp:// are http:// (aria2 does the same); socks5://
// and socks5h:// are kept (aria2 refuses them; Ferry speaks SOCKS5); a port
// outside 1..65535, another scheme or no host is refused. "" stays "".
std::optional<QString> normalizeAllProxy(const QString &value);
// Sets one of the four names on *proxy; false for a bad value (nothing changed).
bool setProxyOption(Aria2Proxy *proxy, const QString &name, const QString &value);
// The options a download's ProxySetting stands for (for changeOption on top of it).
Aria2Proxy proxyOf(const ProxySetting &setting);

} // namespace aria2
} // namespace ferry
