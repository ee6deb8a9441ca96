// See SavedSecrets.h.
#include "server/SavedSecrets.h"

#include "server/AccessToken.h"
#include "server/SignedLink.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr QLatin1StringView kTokenKey("share/token");
constexpr QLatin1StringView kLinkSecretKey("share/linkSecret");
constexpr qsizetype kLinkSecretBytes = 32;
} // namespace

QByteArray savedShareToken()
{
    QSettings settings;
    QByteArray token = settings.value(kTokenKey).toByteArray();
    if (!AccessToken::isUsable(token)) {
        token = AccessToken::generate();
        settings.setValue(kTokenKey, token);
    }
    return token;
}

QByteArray renewShareToken()
{
    const QByteArray token = AccessToken::generate();
    QSettings().setValue(kTokenKey, token);
    return token;
}

QByteArray savedLinkSecret()
{
    QSettings settings;
    QByteArray secret = QByteArray::fromBase64(settings.value(kLinkSecretKey).toByteArray());
    if (secret.size() < kLinkSecretBytes) {
        secret = SignedLink::generateSecret();
        settings.setValue(kLinkSecretKey, secret.toBase64());
    }
    return secret;
}

} // namespace ferry
