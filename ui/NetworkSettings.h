// What the window's Settings → Network page remembers (QSettings network/…):
// which proxy new and resumed downloads use — none, the system's (the
// *_proxy variables, else the desktop's), or one HTTP or SOCKS5 proxy — and
// the hosts reached directly. The proxy's password is never written here:
// it lives in the desktop's keyring (ui/Keyring) or only while Ferry runs.
#pragma once

#include "core/ProxySetting.h"

#include <QString>
#include <QtGlobal>

class QSettings;

namespace ferry {

struct NetworkSettings {
    enum class Proxy { None, System, Http, Socks5 };

    Proxy proxy = Proxy::System;
    QString host;
    quint16 port = 0;          // 0: the kind's usual port (3128 HTTP, 1080 SOCKS5)
    QString user;
    QString password;          // not saved by save(): see Keyring
    bool remoteDns = true;     // SOCKS5: the proxy resolves names (socks5h://), as Tor and ssh -D want
    QString noProxy;           // hosts reached directly, no_proxy syntax ("localhost, .lan, 10.0.0.0/8")

    static NetworkSettings load(const QSettings &settings); // unknown values fall back to System
    static NetworkSettings load();
    void save(QSettings &settings) const;
    void save() const;

    bool isManual() const { return proxy == Proxy::Http || proxy == Proxy::Socks5; }
    quint16 effectivePort() const;
    // The engine's default proxy (DownloadEngine::setDefaultProxy). A manual
    // proxy without a host is "no usable proxy" and reads as System.
    ProxySetting toProxySetting() const;
    // The key of the proxy's password in the keyring.
    QString passwordKey() const;

    bool operator==(const NetworkSettings &) const = default;
};

} // namespace ferry
