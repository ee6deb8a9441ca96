// How the RPC port is opened: where, and with which secret. A value type
// shared by `ferry daemon`, the window's Remote control page and the tests.
#pragma once

#include <QByteArray>
#include <QMetaType>

#include <optional>

namespace ferry {

struct RpcSettings {
    static constexpr quint16 DefaultPort = 6800; // aria2's
    quint16 port = DefaultPort;                  // 0 picks a free one
    bool listenAll = false;                      // false: loopback only (127.0.0.1 and ::1)
    std::optional<QByteArray> secret;            // nullopt: no secret (only when the user says so)
};

} // namespace ferry
