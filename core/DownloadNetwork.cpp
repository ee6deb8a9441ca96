// See DownloadNetwork.h. A login is given once per reply: Qt asks again when
// the server refuses it, and the second time gets nothing, so the reply ends
// with its 401 (NeedsUser) instead of a loop.
#include "core/DownloadNetwork.h"

#include "core/CookiesTxt.h"
#include "core/Netrc.h"
#include "core/ProxyFactory.h"
#include "core/ProxyUrl.h"

#include <QAuthenticator>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkRequest>

namespace ferry {

namespace {

constexpr qint64 kMaxNetrcBytes = 1024 * 1024;
const char *const kLoginGiven = "ferryLoginGiven";

class CookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    using QNetworkCookieJar::setAllCookies;
};

QString hostKey(const QUrl &url)
{
    return url.host().toLower() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
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

QString DownloadNetwork::proxyProblem(const QUrl &url) const
{
    const ProxyDecision decision = decideProxy(url, m_request.proxy, m_environment);
    if (decision.kind != ProxyDecision::Kind::Invalid)
        return {};
    return tr("Cannot use the proxy (%1)").arg(decision.error);
}

void DownloadNetwork::configure(QNetworkAccessManager *manager)
{
    manager->setProxyFactory(new ProxyFactory(m_request.proxy, m_environment));
    manager->setCookieJar(m_jar);
    m_jar->setParent(this); // setCookieJar adopted it; it is shared by every manager of the download
    connect(manager, &QNetworkAccessManager::authenticationRequired, this, &DownloadNetwork::onAuthenticationRequired);
    connect(manager, &QNetworkAccessManager::proxyAuthenticationRequired, this,
            &DownloadNetwork::onProxyAuthenticationRequired);
}

void DownloadNetwork::prepare(QNetworkRequest *request) const
{
    request->setHeader(QNetworkRequest::UserAgentHeader,
                       m_request.userAgent.isEmpty() ? QByteArray("Ferry/" FERRY_VERSION) : m_request.userAgent);
    if (!m_request.referer.isEmpty())
        request->setRawHeader("Referer", m_request.referer);
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

void DownloadNetwork::onProxyAuthenticationRequired(const QNetworkProxy &proxy, QAuthenticator *authenticator)
{
    const QString key = proxy.hostName() + u':' + QString::number(proxy.port());
    if (proxy.user().isEmpty() || m_proxyLoginTried.contains(key))
        return; // no login, or it was refused: Qt ends the reply with ProxyAuthenticationRequiredError
    m_proxyLoginTried.insert(key);
    authenticator->setUser(proxy.user());
    authenticator->setPassword(proxy.password());
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

std::optional<QString> DownloadNetwork::explainStatus(int status, const QUrl &url) const
{
    if (status == 401) {
        const QString host = url.host();
        if (m_loginSentTo.contains(hostKey(url)))
            return tr("%1 refused the login (401): wrong user or password").arg(host);
        return tr("%1 needs a login (401): give --user, a user:password@ URL or a ~/.netrc entry").arg(host);
    }
    if (status == 407) {
        const ProxyDecision decision = decideProxy(url, m_request.proxy, m_environment);
        const bool hadLogin = decision.kind == ProxyDecision::Kind::Proxy && !decision.proxy.user().isEmpty();
        const QString name = proxyNameFor(url).value_or(tr("in use"));
        return hadLogin ? tr("The proxy %1 refused the login (407): wrong user or password").arg(name)
                        : tr("The proxy %1 needs a login (407): give it as user:password@ in the proxy URL").arg(name);
    }
    return std::nullopt;
}

std::optional<QString> DownloadNetwork::explainProxyError(QNetworkReply::NetworkError error, const QUrl &url,
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
        return tr("The proxy %1 failed: %2").arg(proxyNameFor(url).value_or(tr("in use")), detail);
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        // Through an HTTP proxy Qt's first connection is to the proxy: a
        // refusal is the proxy's, whatever the error says.
        if (const auto proxy = proxyFor(url); proxy && proxy->type() == QNetworkProxy::HttpProxy)
            return tr("The proxy %1 failed: %2").arg(proxyDisplayName(*proxy), detail);
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

} // namespace ferry
