#include "server/SignedLink.h"

#include "server/AccessToken.h"
#include "server/HttpRequest.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrl>

#include <array>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int SecretBytes = 32;
} // namespace

QByteArray SignedLink::generateSecret()
{
    std::array<quint32, SecretBytes / 4> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    QByteArray secret(SecretBytes, Qt::Uninitialized);
    std::memcpy(secret.data(), words.data(), SecretBytes);
    return secret;
}

QByteArray SignedLink::signature(QByteArrayView secret, QByteArrayView decodedPath, qint64 expiresUnix)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toByteArray());
    mac.addData(decodedPath.data(), decodedPath.size());
    mac.addData("\n", 1);
    mac.addData(QByteArray::number(expiresUnix));
    return mac.result().toHex();
}

QByteArray SignedLink::makeTarget(QByteArrayView secret, const QString &sharedPath, const QDateTime &expires)
{
    const QByteArray decoded = sharedPath.toUtf8();
    QByteArray encoded;
    const QList<QByteArray> segments = decoded.split('/');
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0)
            encoded += '/';
        encoded += segments[i].toPercentEncoding();
    }
    const qint64 exp = expires.toSecsSinceEpoch();
    return "/files/"_ba + encoded + "?exp="_ba + QByteArray::number(exp) + "&sig="_ba
        + signature(secret, decoded, exp);
}

SignedLink::Check SignedLink::verify(QByteArrayView secret, QByteArrayView encodedPathAfterFiles,
                                     QByteArrayView rawQuery, const QDateTime &now)
{
    const QByteArray exp = HttpRequest::rawQueryValue(rawQuery, "exp");
    const QByteArray sig = HttpRequest::rawQueryValue(rawQuery, "sig");
    if (exp.isNull() && sig.isNull())
        return Check::Missing;
    bool ok = false;
    const qint64 expiresUnix = exp.toLongLong(&ok);
    if (!ok || sig.isEmpty() || exp.startsWith('+') || secret.isEmpty())
        return Check::BadSignature;
    const QByteArray decoded = QByteArray::fromPercentEncoding(encodedPathAfterFiles.toByteArray());
    const QByteArray expected = signature(secret, decoded, expiresUnix);
    if (!AccessToken::matches(sig.toLower(), expected))
        return Check::BadSignature;
    if (now.toSecsSinceEpoch() >= expiresUnix)
        return Check::Expired;
    return Check::Valid;
}

} // namespace ferry
