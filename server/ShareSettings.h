// What the share server is told to do: where to listen, what to share and who
// may read it. A plain value, copied to the server thread when sharing starts.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace ferry {

struct ShareSettings {
    static constexpr quint16 DefaultPort = 8686;

    quint16 port = DefaultPort;                       // 0 picks a free port
    QHostAddress bindAddress = QHostAddress(QHostAddress::Any); // IPv4 and IPv6
    QStringList roots;                                // folders to share
    bool requireToken = true;                         // false: `--no-auth`, open to the network
    QByteArray token;                                 // base64url access token (AccessToken)
    QByteArray linkSecret;                            // HMAC key for signed links; random if empty
    bool showHidden = false;                          // list and serve dotfiles
    QString accessLogPath;                            // append one line per request; empty: none

    // Limits. Tests shorten the timeouts; the defaults are the documented ones.
    int headerTimeoutMs = 10'000;                     // a request head must arrive within this
    int idleTimeoutMs = 15'000;                       // keep-alive connection with nothing to do
    int maxConnections = 512;
    int maxConnectionsPerAddress = 32;
};

} // namespace ferry
