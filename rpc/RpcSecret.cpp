// See RpcSecret.h.
#include "rpc/RpcSecret.h"

#include <QRandomGenerator>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr QLatin1StringView kSecretKey("rpc/secret");
}

QByteArray generateRpcSecret()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isUsableRpcSecret(QByteArrayView secret)
{
    return !secret.isEmpty() && secret.size() <= 256
        && std::all_of(secret.begin(), secret.end(), [](char c) { return c > 32 && c < 127; });
}

QByteArray savedRpcSecret()
{
    QSettings settings;
    QByteArray secret = settings.value(kSecretKey).toByteArray();
    if (!isUsableRpcSecret(secret)) {
        secret = generateRpcSecret();
        settings.setValue(kSecretKey, secret);
    }
    return secret;
}

void saveRpcSecret(const QByteArray &secret)
{
    QSettings().setValue(kSecretKey, secret);
}

} // namespace ferry
