// Signed, expiring links to one shared file:
//   /files/<path>?exp=<unix seconds>&sig=<hex HMAC-SHA256(secret, path "\n" exp)>
// where <path> is the shared path after /files/, percent-decoded once (UTF-8),
// so any equivalent encoding of the same path carries the same signature.
// They let a peer fetch that file without the access token until `exp`.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

namespace ferry {

class SignedLink final
{
public:
    enum class Check { Valid, Missing, Expired, BadSignature };

    // A random 32-byte secret for HMAC keys.
    static QByteArray generateSecret();

    // The hex signature for a decoded shared path (e.g. "Music/a b.flac") and an expiry.
    static QByteArray signature(QByteArrayView secret, QByteArrayView decodedPath, qint64 expiresUnix);

    // "/files/<encoded path>?exp=…&sig=…" for a shared path such as "Music/a b.flac".
    static QByteArray makeTarget(QByteArrayView secret, const QString &sharedPath, const QDateTime &expires);

    // Checks the exp and sig parameters of a query (raw, still encoded) against
    // the request's encoded path after /files/. Missing when neither is there.
    static Check verify(QByteArrayView secret, QByteArrayView encodedPathAfterFiles, QByteArrayView rawQuery,
                        const QDateTime &now);
};

} // namespace ferry
