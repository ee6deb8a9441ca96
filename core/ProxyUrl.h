// A proxy written as a URL, as curl -x and the *_proxy variables take it:
// http://[user:pass@]host[:port], socks5://… (names resolved here),
// socks5h://… (names resolved by the proxy). Pure.
#pragma once

#include <QNetworkProxy>
#include <QString>

namespace ferry {

struct ProxyUrl {
    bool ok = false;
    QNetworkProxy proxy;   // with the user and password, percent-decoded
    QString error;         // one line, in English for tr() by the caller; never holds the password
};

// No scheme means http:// (curl). No port means 1080 (curl's rule for every
// kind). https:// (TLS to the proxy), socks4:// and socks4a:// are refused
// with a reason: Qt cannot speak them.
ProxyUrl parseProxyUrl(const QString &text);

// "http://host:port" or "socks5h://host:port": how a message names a proxy,
// never with its user or password.
QString proxyDisplayName(const QNetworkProxy &proxy);

} // namespace ferry
