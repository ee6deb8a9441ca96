// The share server: accepts peers on one port, caps connections (in all and
// per address), checks access (token, cookie, signed links; repeated failures
// answered with 429), routes requests to the shared files, listings, the peer
// web page and the WebSocket hand-over, logs every exchange and reports
// uploads in batches. Lives on the server thread (see ShareService).
//
// Failed access: after MaxAuthFailures wrong credentials from one address
// within AuthFailureWindow, every request from that address that needs access
// is answered 429 with Retry-After until the window has passed (the token is
// not even checked then, so guessing gains nothing).
#pragma once

#include "server/AccessLog.h"
#include "server/DirectoryListing.h"
#include "server/HttpResponse.h"
#include "server/ShareRoots.h"
#include "server/ShareSettings.h"
#include "server/UploadSnapshot.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <functional>

class QFileInfo;
class QTcpSocket;

namespace ferry {

struct HttpRequest;
class HttpConnection;

class ShareServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShareServer)

public:
    using UpgradeHandler = std::function<void(QTcpSocket *socket)>;

    explicit ShareServer(QObject *parent = nullptr);
    ~ShareServer() override;

    // Checks the folders and listens. Emits started(url) or failed(message)
    // (one translated line) and returns whether it listens.
    bool start(const ShareSettings &settings);
    // Closes every connection and stops listening. Emits stopped().
    void stop();

    bool isListening() const { return m_tcp.isListening(); }
    quint16 port() const { return m_tcp.serverPort(); }
    const ShareSettings &settings() const { return m_settings; }
    int connectionCount() const { return int(m_connections.size()); }
    QList<UploadSnapshot> uploads() const { return m_uploads.values(); }

    // The URLs a peer can open, token included: for a wildcard bind the LAN
    // addresses, then 127.0.0.1; otherwise the bound address.
    static QList<QUrl> reachableUrls(const QHostAddress &bind, quint16 port, const QByteArray &token);

    // Called on this thread with the still-unread socket of an accepted /ws
    // upgrade; the handler owns it (QWebSocketServer::handleConnection). Without
    // a handler /ws answers 404.
    void setUpgradeHandler(UpgradeHandler handler) { m_upgradeHandler = std::move(handler); }

    // --- for HttpConnection ---
    HttpResponse respond(const HttpRequest &request, const HttpConnection &connection);
    void decorate(HttpResponse &response) const; // headers every answer carries
    bool isStopping() const { return m_stopping; }
    void handOverUpgrade(QTcpSocket *socket);
    void logExchange(const HttpConnection &connection, QByteArrayView requestLine, int status, qint64 bodyBytes,
                     qint64 durationMs);
    quint64 beginUpload(const QString &peer, const QString &path, qint64 totalBytes, int status);
    void updateUpload(quint64 id, qint64 sentBytes);
    void endUpload(quint64 id, qint64 sentBytes);

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &message);
    void stopped();
    void uploadStarted(const ferry::UploadSnapshot &upload);
    void uploadsProgress(const QList<ferry::UploadSnapshot> &uploads);
    void uploadFinished(const ferry::UploadSnapshot &upload);
    void accessLogged(const QString &line);

private:
    enum class Access { Granted, SignedLinkOnly, Denied, Throttled };

    void onNewConnection();
    void closeConnectionsPeerClosed(const QHostAddress &peer);
    void refuse(QTcpSocket *socket);
    void onConnectionClosed(HttpConnection *connection);
    void publishProgress();

    Access checkAccess(const HttpRequest &request, const HttpConnection &connection, bool *setCookie,
                       qint64 *retryAfterSeconds);
    void recordAuthFailure(const QHostAddress &peer);
    qint64 throttledFor(const QHostAddress &peer);

    HttpResponse routePage(const HttpRequest &request);
    HttpResponse routeAsset(const HttpRequest &request, QByteArrayView name);
    HttpResponse routeApiFiles(const HttpRequest &request);
    HttpResponse routeApiStatus(const HttpRequest &request);
    HttpResponse routeFiles(const HttpRequest &request, QByteArrayView encodedPath, bool signedLinkOnly);
    HttpResponse routeWebSocket(const HttpRequest &request);
    bool listingVisible(const QFileInfo &info) const;
    QList<DirectoryEntry> rootEntries() const;

    QTcpServer m_tcp;
    ShareSettings m_settings;
    ShareRoots m_roots;
    AccessLog m_log;
    UpgradeHandler m_upgradeHandler;
    bool m_stopping = false;
    QElapsedTimer m_uptime;

    QSet<HttpConnection *> m_connections;
    QHash<QHostAddress, int> m_perAddress;
    int m_refusing = 0;
    QHash<QHostAddress, QList<qint64>> m_authFailures; // monotonic ms of recent failures
    QElapsedTimer m_clock;

    QHash<quint64, UploadSnapshot> m_uploads;
    QHash<quint64, qint64> m_sentAtLastTick;
    QSet<quint64> m_changedUploads;
    quint64 m_nextUploadId = 1;
    QTimer m_progressTimer;
};

} // namespace ferry
