#include "server/ShareServer.h"

#include "server/AccessToken.h"
#include "server/FilesRoute.h"
#include "server/HttpConnection.h"
#include "server/HttpRequest.h"
#include "server/SignedLink.h"
#include "server/StatusRoute.h"
#include "server/WebAssets.h"

#include <QMetaMethod>
#include <QNetworkInterface>
#include <QTcpSocket>

#include <csignal>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// sendfile(2) takes no MSG_NOSIGNAL: on a socket the peer has reset it raises
// SIGPIPE, whose default action ends the whole process (a download manager
// resets connections all the time: a probe it no longer needs, a stolen
// range). Like nginx, the process ignores the signal and the send sees EPIPE.
// A handler the host program installed itself is left alone.
void ignoreSigpipe()
{
    static const bool done = [] {
        struct sigaction current {};
        if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            ::signal(SIGPIPE, SIG_IGN);
        return true;
    }();
    Q_UNUSED(done);
}

const QByteArray PageSecurityPolicy = QByteArrayLiteral(
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
// A shared file or listing is someone else's content in our origin: a unique
// origin without scripts, forms or plugins, and no frame of ours either.
const QByteArray FilesSecurityPolicy = QByteArrayLiteral("sandbox; frame-ancestors 'none'");
} // namespace

ShareServer::ShareServer(QObject *parent)
    : QObject(parent)
    , m_tcp(this) // children, so they move to the server thread with us
    , m_limiter(this)
    , m_uploads(this)
{
    ignoreSigpipe();
    connect(&m_tcp, &QTcpServer::newConnection, this, &ShareServer::onNewConnection);
    connect(&m_uploads, &UploadTracker::uploadStarted, this, &ShareServer::uploadStarted);
    connect(&m_uploads, &UploadTracker::uploadsProgress, this, &ShareServer::uploadsProgress);
    connect(&m_uploads, &UploadTracker::uploadFinished, this, &ShareServer::uploadFinished);
}

ShareServer::~ShareServer()
{
    stop();
}

bool ShareServer::start(const ShareSettings &settings)
{
    if (m_tcp.isListening())
        stop();
    m_settings = settings;
    m_stopping = false;
    m_roots = ShareRoots();
    m_roots.setShowHidden(settings.showHidden);
    for (const QString &dir : settings.roots) {
        QString reason;
        if (!m_roots.addRoot(dir, &reason)) {
            Q_EMIT failed(reason.isEmpty() ? tr("Cannot share the folder %1: it does not exist or cannot be read.")
                                                 .arg(dir)
                                           : reason);
            return false;
        }
    }
    if (m_settings.requireToken && !AccessToken::isUsable(m_settings.token)) {
        Q_EMIT failed(tr("The access token is missing or contains characters a URL cannot carry."));
        return false;
    }
    if (m_settings.linkSecret.isEmpty())
        m_settings.linkSecret = SignedLink::generateSecret();
    if (!m_settings.accessLogPath.isEmpty()) {
        QString reason;
        if (!m_log.open(m_settings.accessLogPath, &reason)) {
            Q_EMIT failed(reason);
            return false;
        }
    }
    m_access.configure(m_settings.requireToken, m_settings.token, m_settings.linkSecret);
    QSet<QString> hosts = AccessGuard::thisMachineHosts();
    if (!m_settings.bindAddress.isNull())
        hosts.insert(m_settings.bindAddress.toString().toLower());
    m_access.setAllowedHosts(std::move(hosts));
    m_limiter.setLimits(m_settings.maxConnections, m_settings.maxConnectionsPerAddress);
    m_tcp.setMaxPendingConnections(128);
    if (!m_tcp.listen(m_settings.bindAddress, m_settings.port)) {
        const QString where = m_settings.bindAddress.toString();
        const QString message = m_tcp.serverError() == QAbstractSocket::AddressInUseError
            ? tr("Cannot share on %1 port %2: the port is already in use.").arg(where).arg(m_settings.port)
            : tr("Cannot share on %1 port %2: %3").arg(where).arg(m_settings.port).arg(m_tcp.errorString());
        m_log.close();
        Q_EMIT failed(message);
        return false;
    }
    m_uptime.start();
    const QList<QUrl> urls = reachableUrls(m_settings.bindAddress, m_tcp.serverPort(),
                                           m_settings.requireToken ? m_settings.token : QByteArray());
    Q_EMIT started(urls.value(0));
    return true;
}

void ShareServer::stop()
{
    const bool wasListening = m_tcp.isListening();
    m_stopping = true;
    m_tcp.close();
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *c : connections) {
        c->abort();
        delete c;
    }
    m_connections.clear();
    // Live-events clients too: a restart with a new token ends what the old one opened.
    for (const QPointer<QTcpSocket> &socket : std::exchange(m_liveSockets, {})) {
        if (socket)
            socket->abort();
    }
    m_limiter.clear();
    m_uploads.endAll();
    m_log.close();
    if (wasListening)
        Q_EMIT stopped();
}

QList<QUrl> ShareServer::reachableUrls(const QHostAddress &bind, quint16 port, const QByteArray &token)
{
    QStringList hosts;
    const bool wildcard = bind == QHostAddress(QHostAddress::AnyIPv4) || bind == QHostAddress(QHostAddress::Any)
        || bind == QHostAddress(QHostAddress::AnyIPv6);
    if (wildcard) {
        for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
            const auto flags = iface.flags();
            if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning)
                || (flags & QNetworkInterface::IsLoopBack))
                continue;
            for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
                const QHostAddress a = entry.ip();
                if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
                    hosts.append(a.toString());
            }
        }
        hosts.append(u"127.0.0.1"_s);
    } else {
        hosts.append(bind.toString());
    }
    QList<QUrl> urls;
    for (const QString &host : std::as_const(hosts)) {
        QUrl url;
        url.setScheme(u"http"_s);
        url.setHost(host);
        url.setPort(port);
        url.setPath(u"/"_s);
        if (!token.isEmpty())
            url.setQuery(u"token="_s + QString::fromLatin1(token));
        urls.append(url);
    }
    return urls;
}

void ShareServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        const QHostAddress peer = ConnectionLimiter::normalized(socket->peerAddress());
        if (!m_stopping && m_limiter.atAddressCap(peer))
            closeConnectionsPeerClosed(peer);
        if (m_stopping || !m_limiter.hasRoom(peer)) {
            m_limiter.refuse(socket);
            continue;
        }
        auto *connection = new HttpConnection(socket, this,
                                              {m_settings.headerTimeoutMs, m_settings.idleTimeoutMs}, this);
        m_connections.insert(connection);
        m_limiter.acquire(peer);
        connect(connection, &HttpConnection::closed, this,
                [this, connection] { onConnectionClosed(connection); });
        connection->start();
    }
}

// At a peer's cap, before refusing it: a client that closes a connection and
// opens the next at once (wrk's probe, browsers, download managers) would
// otherwise meet "Too many connections" because the close is still waiting in
// the event loop behind the new connection.
void ShareServer::closeConnectionsPeerClosed(const QHostAddress &peer)
{
    const QList<HttpConnection *> connections(m_connections.cbegin(), m_connections.cend());
    for (HttpConnection *connection : connections) {
        if (connection->peerAddress() == peer)
            connection->closeIfPeerGone(); // its closed() updates the counts
    }
}

void ShareServer::onConnectionClosed(HttpConnection *connection)
{
    if (m_connections.remove(connection))
        m_limiter.release(connection->peerAddress());
}

void ShareServer::decorate(HttpResponse &response) const
{
    response.setHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    // The address bar may hold ?token=: no page we serve passes it on.
    response.setHeader("Referrer-Policy"_ba, "no-referrer"_ba);
    // The page, the API and the errors: nothing but our own script, styles
    // and connections, and never inside another site's frame. Answers under
    // /files/ replace this with the sandbox (respond()).
    if (response.header("Content-Security-Policy").isEmpty())
        response.setHeader("Content-Security-Policy"_ba, PageSecurityPolicy);
}

void ShareServer::handOverUpgrade(QTcpSocket *socket, const QHostAddress &peer)
{
    if (!m_upgradeHandler) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // The connection's slot goes on with the socket (the WebSocket owns it
    // and deletes it when the client is gone).
    m_limiter.holdUntilClosed(socket, peer);
    m_liveSockets.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); });
    m_liveSockets.append(socket);
    m_upgradeHandler(socket);
}

void ShareServer::logExchange(const HttpConnection &connection, QByteArrayView requestLine, int status,
                              qint64 bodyBytes, qint64 durationMs)
{
    // Formatting costs more than the rest of a small exchange: only for a reader.
    static const QMetaMethod signal = QMetaMethod::fromSignal(&ShareServer::accessLogged);
    const bool listened = isSignalConnected(signal);
    if (!listened && !m_log.isOpen())
        return;
    const QString line = AccessLog::formatLine(connection.peerText(), QDateTime::currentDateTimeUtc(), requestLine,
                                               status, bodyBytes, durationMs);
    m_log.write(line);
    if (listened)
        Q_EMIT accessLogged(line);
}

// --- routes ---------------------------------------------------------------

HttpResponse ShareServer::respond(const HttpRequest &request, const HttpConnection &connection)
{
    HttpResponse response = [&]() -> HttpResponse {
        const bool isHead = request.method == "HEAD";
        if (!m_access.hostAllowed(request)) {
            HttpResponse r = HttpResponse::error(421);
            r.headOnly = isHead;
            return r;
        }
        if (request.method != "GET" && !isHead) {
            HttpResponse r = HttpResponse::error(405);
            r.setHeader("Allow"_ba, "GET, HEAD"_ba);
            return r;
        }

        const AccessGuard::Decision access = m_access.check(request, connection.peerAddress());
        if (access.access == AccessGuard::Access::Throttled) {
            HttpResponse r = HttpResponse::error(429);
            r.setHeader("Retry-After"_ba, QByteArray::number(access.retryAfterSeconds));
            r.headOnly = isHead;
            return r;
        }
        if (access.access == AccessGuard::Access::Denied) {
            // A browser opening the bare address gets a page saying what to
            // ask for; everything else a terse 401.
            HttpResponse r = request.path == "/" ? WebAssets::unauthorizedPage(isHead) : HttpResponse::error(401);
            r.setHeader("WWW-Authenticate"_ba, "Bearer realm=\"Ferry\""_ba);
            r.headOnly = isHead;
            return r;
        }
        HttpResponse r = route(request, access.access == AccessGuard::Access::SignedLinkOnly);
        if (request.path == "/files" || request.path.startsWith("/files/"))
            r.setHeader("Content-Security-Policy"_ba, FilesSecurityPolicy);
        if (!access.setCookie.isEmpty())
            r.setHeader("Set-Cookie"_ba, access.setCookie);
        if (isHead)
            r.headOnly = true;
        return r;
    }();
    decorate(response);
    return response;
}

HttpResponse ShareServer::route(const HttpRequest &request, bool signedLinkOnly)
{
    const QByteArray &path = request.path;
    const FilesRoute files(m_roots);
    if (signedLinkOnly)
        return files.files(request, QByteArrayView(path).sliced(7), true);
    if (path == "/")
        return WebAssets::page(request);
    if (path.startsWith("/assets/"))
        return WebAssets::asset(request, QByteArrayView(path).sliced(8));
    if (path == "/api/files")
        return files.apiFiles(request);
    if (path == "/api/link")
        return files.signedLink(request, m_settings.linkSecret);
    if (path == "/api/status")
        return StatusRoute::make(request, m_roots.rootNames(), m_uptime.isValid() ? m_uptime.elapsed() / 1000 : 0,
                                 m_uploads.activeCount());
    if (path == "/files") {
        HttpResponse r = HttpResponse::error(301);
        r.setHeader("Location"_ba, "./files/"_ba);
        return r;
    }
    if (path.startsWith("/files/"))
        return files.files(request, QByteArrayView(path).sliced(7), false);
    if (path == "/ws")
        return routeWebSocket(request);
    return HttpResponse::error(404);
}

HttpResponse ShareServer::routeWebSocket(const HttpRequest &request)
{
    if (!m_upgradeHandler)
        return HttpResponse::error(404);
    if (!request.isWebSocketUpgrade() || request.method != "GET")
        return HttpResponse::error(400);
    if (!AccessGuard::originAllowed(request))
        return HttpResponse::error(403);
    HttpResponse r;
    r.status = 101;
    r.handOver = true;
    return r;
}

} // namespace ferry
