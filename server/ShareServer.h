// The share server: accepts peers on one port and puts its parts together —
// the connection caps (ConnectionLimiter), the access rules (AccessGuard),
// the routes (WebAssets for the page, FilesRoute for files and listings,
// StatusRoute, the /ws hand-over), the access log and the record of uploads
// (UploadTracker). Lives on the server thread (see ShareService).
#pragma once

#include "server/AccessGuard.h"
#include "server/AccessLog.h"
#include "server/ConnectionLimiter.h"
#include "server/HttpResponse.h"
#include "server/ShareRoots.h"
#include "server/ShareSettings.h"
#include "server/UploadSnapshot.h"
#include "server/UploadTracker.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QUrl>

#include <functional>

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
    QList<UploadSnapshot> uploads() const { return m_uploads.uploads(); }

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
    void handOverUpgrade(QTcpSocket *socket, const QHostAddress &peer);
    void logExchange(const HttpConnection &connection, QByteArrayView requestLine, int status, qint64 bodyBytes,
                     qint64 durationMs);
    UploadTracker &uploadTracker() { return m_uploads; }

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &message);
    void stopped();
    void uploadStarted(const ferry::UploadSnapshot &upload);
    void uploadsProgress(const QList<ferry::UploadSnapshot> &uploads);
    void uploadFinished(const ferry::UploadSnapshot &upload);
    void accessLogged(const QString &line);

private:
    void onNewConnection();
    void closeConnectionsPeerClosed(const QHostAddress &peer);
    void onConnectionClosed(HttpConnection *connection);
    HttpResponse route(const HttpRequest &request, bool signedLinkOnly);
    HttpResponse routeWebSocket(const HttpRequest &request);

    QTcpServer m_tcp;
    ShareSettings m_settings;
    ShareRoots m_roots;
    AccessGuard m_access;
    AccessLog m_log;
    UpgradeHandler m_upgradeHandler;
    bool m_stopping = false;
    QElapsedTimer m_uptime;

    QSet<HttpConnection *> m_connections;
    QList<QPointer<QTcpSocket>> m_liveSockets; // handed over to the live-events hub
    ConnectionLimiter m_limiter;
    UploadTracker m_uploads;
};

} // namespace ferry
