// What one download sends besides its ranges: the profile of the
// QNetworkAccessManagers it may share with other downloads (proxy, login,
// .netrc: profileKey), its own cookie jar (the cookies it was added with plus
// those its servers set, on every hop of a redirect), the answers to a
// server's login request for its own replies, its headers, Referer and
// User-Agent — and the one clear line when a login or a proxy fails. Lives on
// the download's thread, owned by the Download. Managers are shared
// (AccessManagerPool), so nothing of one download is installed on them: the
// cookies go on each request, and a login request is routed to the download
// that owns the reply.
#pragma once

#include "core/DownloadRequest.h"
#include "core/TranslatableText.h"

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QObject>
#include <QProcessEnvironment>
#include <QSet>

#include <optional>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkCookieJar;
class QNetworkRequest;

namespace ferry {

class DownloadNetwork final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadNetwork)

public:
    explicit DownloadNetwork(const DownloadRequest &request, QObject *parent = nullptr);
    ~DownloadNetwork() override;

    // Empty when the proxy setting can be used for `url`, else why not (one line).
    TranslatableText proxyProblem(const QUrl &url) const;

    // Downloads whose keys are equal may share managers, hence kept-alive
    // connections and what Qt remembers on them (the proxy, a login given).
    QString profileKey() const;
    // Sets up a manager made for this download's profile; what it installs
    // holds nothing of this download (the manager outlives it).
    void configureShared(QNetworkAccessManager *manager) const;

    // Everything but the range: User-Agent, Referer, --header (credentials
    // only to the download's own host), this jar's cookies for the request's
    // URL; Qt follows no redirect and touches no jar by itself.
    void prepare(QNetworkRequest *request) const;
    // A reply of this download: its login requests come here.
    void own(QNetworkReply *reply);
    // Keeps the Set-Cookie of an answer (a redirect's too) in this download's jar.
    void storeCookies(const QNetworkReply *reply);

    // A clearer message for a 401 or 407 answer (else nullopt: keep the generic one).
    std::optional<TranslatableText> explainStatus(int status, const QUrl &url) const;
    // The failure line for a proxy error Qt reported, naming the proxy; nullopt
    // when `error` is no proxy error.
    std::optional<TranslatableText> explainProxyError(QNetworkReply::NetworkError error, const QUrl &url,
                                                      const QString &detail) const;

private:
    void onAuthenticationRequired(QNetworkReply *reply, QAuthenticator *authenticator);
    std::optional<QNetworkProxy> proxyFor(const QUrl &url) const; // nullopt: direct
    std::optional<QString> proxyNameFor(const QUrl &url) const;
    TranslatableText proxyName(const QUrl &url) const; // "in use" when unknown
    static TranslatableText text(const char *source) { return {"ferry::DownloadNetwork", source}; }

    const DownloadRequest m_request;
    const QProcessEnvironment m_environment;
    QNetworkCookieJar *m_jar = nullptr;  // a child, on no manager
    QSet<QString> m_loginSentTo;          // hosts that got a login and answered 401 again
    QSet<QString> m_loginOffered;         // hosts a login was found for
};

} // namespace ferry
