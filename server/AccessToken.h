// The share server's access token: 128 random bits in base64url, compared in
// constant time so a peer cannot learn it byte by byte from response timings.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ferry {

class AccessToken final
{
public:
    // A fresh token: 16 bytes from the system CSPRNG, base64url without padding (22 chars).
    static QByteArray generate();

    // True when `candidate` equals `expected`. Time depends only on the lengths.
    static bool matches(QByteArrayView candidate, QByteArrayView expected);

    // A token we accept from settings or `--token`: 1 to 256 printable ASCII
    // characters that can travel in a header, a query and a cookie unchanged.
    static bool isUsable(QByteArrayView token);
};

} // namespace ferry
