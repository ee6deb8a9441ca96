// What one download sends besides its ranges: the proxy of its
// QNetworkAccessManagers, its own cookie jar (the cookies it was added with
// plus those its servers set, e.g. on a redirect), the answers to a server's
// or a proxy's login request, the Referer and User-Agent — and the one clear
// line when a login or a proxy fails. Lives on the download's thread, owned
// by the Download, and outlives its managers.
#pragma once

#include "core/DownloadRequest.h"

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
    QString proxyProblem(const QUrl &url) const;
    void configure(QNetworkAccessManager *manager);
    void prepare(QNetworkRequest *request) const;

    // A clearer message for a 401 or 407 answer (else nullopt: keep the generic one).
    std::optional<QString> explainStatus(int status, const QUrl &url) const;
    // The failure line for a proxy error Qt reported, naming the proxy; nullopt
    // when `error` is no proxy error.
    std::optional<QString> explainProxyError(QNetworkReply::NetworkError error, const QUrl &url,
                                             const QString &detail) const;

private:
    void onAuthenticationRequired(QNetworkReply *reply, QAuthenticator *authenticator);
    void onProxyAuthenticationRequired(const QNetworkProxy &proxy, QAuthenticator *authenticator);
    std::optional<QNetworkProxy> proxyFor(const QUrl &url) const; // nullopt: direct
    std::optional<QString> proxyNameFor(const QUrl &url) const;

    const DownloadRequest m_request;
    const QProcessEnvironment m_environment;
    QNetworkCookieJar *m_jar = nullptr;  // a child: the managers only borrow it
    QSet<QString> m_loginSentTo;          // hosts that got a login and answered 401 again
    QSet<QString> m_loginOffered;         // hosts a login was found for
    QSet<QString> m_proxyLoginTried;      // "host:port" of proxies that got their login once
};

} // namespace ferry
