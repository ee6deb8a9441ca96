// The RPC secret kept in QSettings (rpc/secret), so `ferry daemon` and the
// window's Remote control page use the same one and AriaNg keeps working
// across restarts. Made on first use: 128 random bits, base64url.
#pragma once

#include <QByteArray>

namespace ferry {

QByteArray savedRpcSecret();
void saveRpcSecret(const QByteArray &secret);
QByteArray generateRpcSecret();
// Printable ASCII without spaces, 1..256 bytes: fits a "token:..." string and a URL.
bool isUsableRpcSecret(QByteArrayView secret);

} // namespace ferry
