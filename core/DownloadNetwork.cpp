// See DownloadNetwork.h. A login is given once per reply: Qt asks again when
// the server refuses it, and the second time gets nothing, so the reply ends
// with its 401 (NeedsUser) instead of a loop.
#include "core/DownloadNetwork.h"

#include "core/CookiesTxt.h"
#include "core/Netrc.h"
#include "core/ProxyFactory.h"
#include "core/ProxyUrl.h"

#include <QAuthenticator>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr qint64 kMaxNetrcBytes = 1024 * 1024;
const char *const kLoginGiven = "ferryLoginGiven";
const char *const kOwner = "ferryNetwork"; // QPointer<DownloadNetwork>: whose reply this is

class CookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    using QNetworkCookieJar::setAllCookies;
};

// The jar of a shared manager: it keeps and gives nothing, so no path of Qt's
// can hand one download's cookies to another.
class NoCookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    QList<QNetworkCookie> cookiesForUrl(const QUrl &) const override { return {}; }
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
};

QString hostKey(const QUrl &url)
{
    return url.host().toLower() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
}

// Where header credentials may go: the same scheme, host and port (curl since 7.83).
QString originKey(const QUrl &url)
{
    return url.scheme().toLower() + u"://"_s + hostKey(url);
}

} // namespace

DownloadNetwork::DownloadNetwork(const DownloadRequest &request, QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
    auto *jar = new CookieJar(this);
    if (!request.cookies.isEmpty())
        jar->setAllCookies(parseCookiesTxt(request.cookies, QDateTime::currentDateTimeUtc()).cookies);
    m_jar = jar;
}

DownloadNetwork::~DownloadNetwork() = default;

TranslatableText DownloadNetwork::proxyProblem(const QUrl &url) const
{
    const ProxyDecision decision = decideProxy(url, m_request.proxy, m_environment);
    if (decision.kind != ProxyDecision::Kind::Invalid)
        return {};
    return text(QT_TR_NOOP("Cannot use the proxy (%1)")).arg(decision.error);
}

// What Qt keeps per manager and could hand from one download to another: the
// proxy, and the logins it gave on a connection (Qt sends them again on that
// connection, and answers the next 401 of the host from its cache). Equal
// keys mean equal answers; the secret itself is only hashed into the key.
QString DownloadNetwork::profileKey() const
{
    QCryptographicHash login(QCryptographicHash::Sha256);
    login.addData(m_request.user.toUtf8());
    login.addData(QByteArrayView("\0", 1));
    login.addData(m_request.password.toUtf8());
    const ProxySetting &proxy = m_request.proxy;
    return QStringList{QString::number(int(proxy.mode)), proxy.url, proxy.noProxy,
                       m_request.user.isEmpty() && m_request.password.isEmpty()
                           ? QString() : QString::fromLatin1(login.result().toHex()),
                       m_request.useNetrc ? u"netrc:"_s + m_request.netrcFile : QString()}
        .join(u'\n');
}

void DownloadNetwork::configureShared(QNetworkAccessManager *manager) const
{
    manager->setProxyFactory(new ProxyFactory(m_request.proxy, m_environment));
    manager->setCookieJar(new NoCookieJar(manager));
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // Download follows them (cookies per hop)
    connect(manager, &QNetworkAccessManager::authenticationRequired, manager,
            [](QNetworkReply *reply, QAuthenticator *authenticator) {
                // Only the download that sent the request answers for it.
                if (const auto owner = reply->property(kOwner).value<QPointer<DownloadNetwork>>())
                    owner->onAuthenticationRequired(reply, authenticator);
            });
    // A proxy's login comes from the proxy setting, which is part of the
    // profile: every download of this manager would give the same one. Once
    // per proxy: refused, Qt ends the reply with ProxyAuthenticationRequiredError.
    auto tried = std::make_shared<QSet<QString>>();
    connect(manager, &QNetworkAccessManager::proxyAuthenticationRequired, manager,
            [tried](const QNetworkProxy &proxy, QAuthenticator *authenticator) {
                const QString key = proxy.hostName() + u':' + QString::number(proxy.port());
                if (proxy.user().isEmpty() || tried->contains(key))
                    return;
                tried->insert(key);
                authenticator->setUser(proxy.user());
                authenticator->setPassword(proxy.password());
            });
}

void DownloadNetwork::prepare(QNetworkRequest *request) const
{
    const QUrl url = request->url();
    request->setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request->setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request->setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request->setHeader(QNetworkRequest::UserAgentHeader,
                       m_request.userAgent.isEmpty() ? QByteArray("Ferry/" FERRY_VERSION) : m_request.userAgent);
    if (!m_request.referer.isEmpty())
        request->setRawHeader("Referer", m_request.referer);
    // Credentials given as headers stay with the URL's own origin (CONFORMANCE
    // "Client": not sent to another host after a redirect).
    const bool ownOrigin = originKey(url) == originKey(m_request.url);
    QByteArray cookie;
    for (const auto &[name, value] : m_request.headers) {
        const bool credential = name.compare("Authorization", Qt::CaseInsensitive) == 0
            || name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0
            || name.compare("Cookie", Qt::CaseInsensitive) == 0;
        if (credential && !ownOrigin)
            continue;
        if (name.compare("Cookie", Qt::CaseInsensitive) == 0)
            cookie = value;
        else
            request->setRawHeader(name, value);
    }
    // The jar's cookies for this URL after those given with --header, in one
    // Cookie header (RFC 6265 §5.4: a client sends one).
    for (const QNetworkCookie &c : m_jar->cookiesForUrl(url))
        cookie += (cookie.isEmpty() ? "" : "; ") + c.toRawForm(QNetworkCookie::NameAndValueOnly);
    if (!cookie.isEmpty())
        request->setRawHeader("Cookie", cookie);
}

void DownloadNetwork::own(QNetworkReply *reply)
{
    reply->setProperty(kOwner, QVariant::fromValue(QPointer<DownloadNetwork>(this)));
}

void DownloadNetwork::storeCookies(const QNetworkReply *reply)
{
    const auto cookies = qvariant_cast<QList<QNetworkCookie>>(reply->header(QNetworkRequest::SetCookieHeader));
    if (!cookies.isEmpty())
        m_jar->setCookiesFromUrl(cookies, reply->url());
}

void DownloadNetwork::onAuthenticationRequired(QNetworkReply *reply, QAuthenticator *authenticator)
{
    const QUrl url = reply->url();
    if (reply->property(kLoginGiven).toBool()) {
        m_loginSentTo.insert(hostKey(url)); // refused: leave it empty, the reply ends with its 401
        return;
    }
    QString user;
    QString password;
    // --user and the URL's own login go to the URL's host only, not to where
    // a redirect leads (curl without --location-trusted).
    const bool sameHost = hostKey(url) == hostKey(m_request.url);
    if (sameHost && !m_request.user.isEmpty()) {
        user = m_request.user;
        password = m_request.password;
    }
    if (m_request.useNetrc && (user.isEmpty() || password.isEmpty())) {
        const QString path = !m_request.netrcFile.isEmpty() ? m_request.netrcFile
            : m_environment.contains(QStringLiteral("NETRC")) ? m_environment.value(QStringLiteral("NETRC"))
                                                               : QDir::homePath() + QStringLiteral("/.netrc");
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const NetrcFile netrc = parseNetrc(file.read(kMaxNetrcBytes));
            if (!netrc.ok)
                qInfo("%s", qPrintable(tr("%1 line %2: %3; not used").arg(path).arg(netrc.errorLine).arg(netrc.error)));
            if (const auto entry = findNetrcEntry(netrc, url.host(), user)) {
                if (user.isEmpty())
                    user = entry->login;
                password = entry->password;
            }
        }
    }
    if (user.isEmpty())
        return;
    m_loginOffered.insert(hostKey(url));
    authenticator->setUser(user);
    authenticator->setPassword(password);
    reply->setProperty(kLoginGiven, true);
}

std::optional<QNetworkProxy> DownloadNetwork::proxyFor(const QUrl &url) const
{
    const ProxyDecision decision = decideProxy(url, m_request.proxy, m_environment);
    if (decision.kind == ProxyDecision::Kind::Proxy)
        return decision.proxy;
    if (decision.kind == ProxyDecision::Kind::AskSystem) {
        const QList<QNetworkProxy> system = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        if (!system.isEmpty() && system.first().type() != QNetworkProxy::NoProxy
            && system.first().type() != QNetworkProxy::DefaultProxy)
            return system.first();
    }
    return std::nullopt;
}

std::optional<QString> DownloadNetwork::proxyNameFor(const QUrl &url) const
{
    if (const auto proxy = proxyFor(url))
        return proxyDisplayName(*proxy);
    return std::nullopt;
}

TranslatableText DownloadNetwork::proxyName(const QUrl &url) const
{
    if (const auto name = proxyNameFor(url))
        return TranslatableText::plain(*name);
    return text(QT_TR_NOOP("in use"));
}

std::optional<TranslatableText> DownloadNetwork::explainStatus(int status, const QUrl &url) const
{
    if (status == 401) {
        const QString host = url.host();
        if (m_loginSentTo.contains(hostKey(url)))
            return text(QT_TR_NOOP("%1 refused the login (401): wrong user or password")).arg(host);
        return text(QT_TR_NOOP("%1 needs a login (401): give --user, a user:password@ URL or a ~/.netrc entry")).arg(host);
    }
    if (status == 407) {
        const ProxyDecision decision = decideProxy(url, m_request.proxy, m_environment);
        const bool hadLogin = decision.kind == ProxyDecision::Kind::Proxy && !decision.proxy.user().isEmpty();
        const TranslatableText name = proxyName(url);
        return hadLogin ? text(QT_TR_NOOP("The proxy %1 refused the login (407): wrong user or password")).arg(name)
                        : text(QT_TR_NOOP("The proxy %1 needs a login (407): give it as user:password@ in the proxy URL")).arg(name);
    }
    return std::nullopt;
}

std::optional<TranslatableText> DownloadNetwork::explainProxyError(QNetworkReply::NetworkError error, const QUrl &url,
                                                                   const QString &detail) const
{
    switch (error) {
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return explainStatus(407, url);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownProxyError:
        return text(QT_TR_NOOP("The proxy %1 failed: %2")).arg(proxyName(url)).arg(detail);
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        // Through an HTTP proxy Qt's first connection is to the proxy: a
        // refusal is the proxy's, whatever the error says.
        if (const auto proxy = proxyFor(url); proxy && proxy->type() == QNetworkProxy::HttpProxy)
            return text(QT_TR_NOOP("The proxy %1 failed: %2")).arg(proxyDisplayName(*proxy), detail);
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

} // namespace ferry
