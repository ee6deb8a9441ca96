#include "server/ShareServer.h"

#include "server/AccessToken.h"
#include "server/FileResponse.h"
#include "server/HttpConnection.h"
#include "server/HttpRequest.h"
#include "server/SignedLink.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QMimeDatabase>
#include <QNetworkInterface>
#include <QSysInfo>
#include <QTcpSocket>

#include <csignal>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int ProgressIntervalMs = 250;
constexpr int MaxAuthFailures = 10;
constexpr qint64 AuthFailureWindowMs = 60'000;
constexpr qsizetype MaxTrackedAddresses = 4096;
// Over-limit peers get a short 503; past this many at once they are just closed.
constexpr int MaxRefusing = 64;
constexpr int RefuseLingerMs = 2'000;
const QByteArray CookieName = QByteArrayLiteral("ferry_token");
using Resolved = ShareRoots::Resolved;

// Value of `name` in a raw query string, still percent-encoded; null when absent.
QByteArray queryValue(QByteArrayView rawQuery, QByteArrayView name)
{
    qsizetype start = 0;
    while (start <= rawQuery.size()) {
        qsizetype end = rawQuery.indexOf('&', start);
        if (end < 0)
            end = rawQuery.size();
        const QByteArrayView pair = rawQuery.sliced(start, end - start);
        const qsizetype eq = pair.indexOf('=');
        if ((eq < 0 ? pair : pair.first(eq)) == name)
            return eq < 0 ? QByteArray("") : pair.sliced(eq + 1).toByteArray();
        start = end + 1;
    }
    return {};
}

QByteArray cookieValue(const HttpRequest &request, QByteArrayView name)
{
    for (const QByteArray &line : request.headerValues("cookie")) {
        for (QByteArray part : line.split(';')) {
            part = part.trimmed();
            const qsizetype eq = part.indexOf('=');
            if (eq > 0 && QByteArrayView(part).first(eq) == name)
                return part.mid(eq + 1);
        }
    }
    return {};
}

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

HttpResponse error(int status)
{
    return HttpResponse::plain(status, HttpResponse::reasonPhrase(status));
}

// The status a failed sandbox resolution answers with (never echoing the path).
int resolutionErrorStatus(Resolved::Status status)
{
    switch (status) {
    case Resolved::Status::BadRequest: return 400;
    case Resolved::Status::Forbidden: return 403;
    case Resolved::Status::NotFound: return 404;
    case Resolved::Status::Ok: break;
    }
    return 0;
}

// A file of the compiled-in page (resources/web/).
QByteArray webResource(const QString &name)
{
    QFile file(u":/web/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

HttpResponse content(int status, const QByteArray &type, QByteArray body, bool headOnly)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headOnly = headOnly;
    r.setHeader("Content-Type"_ba, type);
    r.setHeader("Content-Length"_ba, QByteArray::number(r.body.size()));
    r.setHeader("Cache-Control"_ba, "no-cache"_ba);
    return r;
}

// "host[:port]" with the default port made explicit, lower-cased.
QByteArray authorityKey(const QString &host, int port)
{
    return host.toLower().toUtf8() + ':' + QByteArray::number(port);
}

// True when an Origin is absent or names the same host:port the request was sent to.
bool originAllowed(const HttpRequest &request)
{
    if (!request.hasHeader("origin"))
        return true;
    const QUrl origin = QUrl::fromEncoded(request.header("origin"), QUrl::StrictMode);
    if (!origin.isValid() || origin.host().isEmpty())
        return false;
    const QString scheme = origin.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return false;
    const QUrl host = QUrl::fromEncoded("http://"_ba + request.header("host"), QUrl::StrictMode);
    if (!host.isValid() || host.host().isEmpty() || !host.path().isEmpty())
        return false;
    const int originPort = origin.port(scheme == u"https" ? 443 : 80);
    return authorityKey(origin.host(), originPort) == authorityKey(host.host(), host.port(80));
}

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
} // namespace

ShareServer::ShareServer(QObject *parent)
    : QObject(parent)
    , m_tcp(this) // children, so they move to the server thread with us
    , m_progressTimer(this)
{
    ignoreSigpipe();
    m_clock.start();
    m_progressTimer.setInterval(ProgressIntervalMs);
    connect(&m_tcp, &QTcpServer::newConnection, this, &ShareServer::onNewConnection);
    connect(&m_progressTimer, &QTimer::timeout, this, &ShareServer::publishProgress);
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
    m_perAddress.clear();
    m_progressTimer.stop();
    for (const UploadSnapshot &u : std::as_const(m_uploads)) {
        UploadSnapshot done = u;
        done.finished = true;
        Q_EMIT uploadFinished(done);
    }
    m_uploads.clear();
    m_changedUploads.clear();
    m_sentAtLastTick.clear();
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
        QHostAddress peer = socket->peerAddress();
        bool isV4 = false;
        const quint32 v4 = peer.toIPv4Address(&isV4);
        if (isV4)
            peer = QHostAddress(v4);
        if (!m_stopping && m_perAddress.value(peer) >= m_settings.maxConnectionsPerAddress)
            closeConnectionsPeerClosed(peer);
        if (m_stopping || m_connections.size() >= m_settings.maxConnections
            || m_perAddress.value(peer) >= m_settings.maxConnectionsPerAddress) {
            refuse(socket);
            continue;
        }
        auto *connection = new HttpConnection(socket, this,
                                              {m_settings.headerTimeoutMs, m_settings.idleTimeoutMs}, this);
        m_connections.insert(connection);
        ++m_perAddress[peer];
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

void ShareServer::refuse(QTcpSocket *socket)
{
    if (m_refusing >= MaxRefusing) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_refusing;
    socket->setParent(this);
    const QByteArray body = "Too many connections\n"_ba;
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "_ba
                  + QByteArray::number(body.size()) + "\r\nRetry-After: 5\r\nConnection: close\r\n\r\n"_ba + body);
    socket->disconnectFromHost();
    auto done = [this, socket] {
        if (socket->property("ferryRefused").toBool())
            return;
        socket->setProperty("ferryRefused", true);
        --m_refusing;
        socket->abort();
        socket->deleteLater();
    };
    connect(socket, &QTcpSocket::disconnected, this, done);
    QTimer::singleShot(RefuseLingerMs, socket, done);
}

void ShareServer::onConnectionClosed(HttpConnection *connection)
{
    if (!m_connections.remove(connection))
        return;
    const QHostAddress peer = connection->peerAddress();
    auto it = m_perAddress.find(peer);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

void ShareServer::decorate(HttpResponse &response) const
{
    response.setHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
}

void ShareServer::handOverUpgrade(QTcpSocket *socket)
{
    if (m_upgradeHandler) {
        m_upgradeHandler(socket);
    } else {
        socket->abort();
        socket->deleteLater();
    }
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

quint64 ShareServer::beginUpload(const QString &peer, const QString &path, qint64 totalBytes, int status)
{
    UploadSnapshot u;
    u.id = m_nextUploadId++;
    u.peer = peer;
    u.path = path;
    u.totalBytes = totalBytes;
    u.started = QDateTime::currentDateTimeUtc();
    u.status = status;
    m_uploads.insert(u.id, u);
    m_sentAtLastTick.insert(u.id, 0);
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
    Q_EMIT uploadStarted(u);
    return u.id;
}

void ShareServer::updateUpload(quint64 id, qint64 sentBytes)
{
    auto it = m_uploads.find(id);
    if (it == m_uploads.end() || it->sentBytes == sentBytes)
        return;
    it->sentBytes = sentBytes;
    m_changedUploads.insert(id);
}

void ShareServer::endUpload(quint64 id, qint64 sentBytes)
{
    auto it = m_uploads.find(id);
    if (it == m_uploads.end())
        return;
    UploadSnapshot u = *it;
    m_uploads.erase(it);
    m_changedUploads.remove(id);
    m_sentAtLastTick.remove(id);
    u.sentBytes = sentBytes;
    u.finished = true;
    const qint64 ms = u.started.msecsTo(QDateTime::currentDateTimeUtc());
    u.bytesPerSecond = ms > 0 ? double(sentBytes) * 1000.0 / double(ms) : 0.0;
    Q_EMIT uploadFinished(u);
    if (m_uploads.isEmpty())
        m_progressTimer.stop();
}

void ShareServer::publishProgress()
{
    if (m_changedUploads.isEmpty())
        return;
    QList<UploadSnapshot> batch;
    batch.reserve(m_changedUploads.size());
    for (const quint64 id : std::as_const(m_changedUploads)) {
        auto it = m_uploads.find(id);
        if (it == m_uploads.end())
            continue;
        const qint64 before = m_sentAtLastTick.value(id);
        it->bytesPerSecond = double(it->sentBytes - before) * 1000.0 / ProgressIntervalMs;
        m_sentAtLastTick.insert(id, it->sentBytes);
        batch.append(*it);
    }
    m_changedUploads.clear();
    if (!batch.isEmpty())
        Q_EMIT uploadsProgress(batch);
}

// --- access -------------------------------------------------------------

qint64 ShareServer::throttledFor(const QHostAddress &peer)
{
    auto it = m_authFailures.find(peer);
    if (it == m_authFailures.end())
        return 0;
    const qint64 now = m_clock.elapsed();
    QList<qint64> &times = it.value();
    while (!times.isEmpty() && now - times.first() >= AuthFailureWindowMs)
        times.removeFirst();
    if (times.isEmpty()) {
        m_authFailures.erase(it);
        return 0;
    }
    if (times.size() < MaxAuthFailures)
        return 0;
    return (AuthFailureWindowMs - (now - times.first()) + 999) / 1000;
}

void ShareServer::recordAuthFailure(const QHostAddress &peer)
{
    if (m_authFailures.size() >= MaxTrackedAddresses && !m_authFailures.contains(peer)) {
        // Forget the addresses whose failures are all old.
        const qint64 now = m_clock.elapsed();
        m_authFailures.removeIf([now](const auto &entry) {
            return entry.value().isEmpty() || now - entry.value().last() >= AuthFailureWindowMs;
        });
        if (m_authFailures.size() >= MaxTrackedAddresses)
            m_authFailures.erase(m_authFailures.begin());
    }
    QList<qint64> &times = m_authFailures[peer];
    times.append(m_clock.elapsed());
    while (times.size() > MaxAuthFailures)
        times.removeFirst();
}

ShareServer::Access ShareServer::checkAccess(const HttpRequest &request, const HttpConnection &connection,
                                             bool *setCookie, qint64 *retryAfterSeconds)
{
    *setCookie = false;
    if (!m_settings.requireToken)
        return Access::Granted;
    const QHostAddress peer = connection.peerAddress();
    if (const qint64 wait = throttledFor(peer); wait > 0) {
        *retryAfterSeconds = wait;
        return Access::Throttled;
    }

    bool presented = false;
    const QByteArray authorization = request.header("authorization");
    if (authorization.size() > 7 && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0) {
        presented = true;
        if (AccessToken::matches(authorization.mid(7).trimmed(), m_settings.token))
            return Access::Granted;
    }
    const QByteArray queryToken = queryValue(request.query, "token");
    if (!queryToken.isNull()) {
        presented = true;
        if (AccessToken::matches(QByteArray::fromPercentEncoding(queryToken), m_settings.token)) {
            *setCookie = true;
            return Access::Granted;
        }
    }
    const QByteArray cookie = cookieValue(request, CookieName);
    if (!cookie.isNull()) {
        // A stale cookie from an earlier token is not an attack: not counted.
        if (AccessToken::matches(cookie, m_settings.token))
            return Access::Granted;
    }
    if (request.path.startsWith("/files/")) {
        const QByteArrayView encoded = QByteArrayView(request.path).sliced(7);
        const SignedLink::Check check =
            SignedLink::verify(m_settings.linkSecret, encoded, request.query, QDateTime::currentDateTimeUtc());
        if (check == SignedLink::Check::Valid)
            return Access::SignedLinkOnly;
        if (check != SignedLink::Check::Missing)
            presented = true;
    }
    if (presented)
        recordAuthFailure(peer);
    return Access::Denied;
}

// --- routes ---------------------------------------------------------------

HttpResponse ShareServer::respond(const HttpRequest &request, const HttpConnection &connection)
{
    HttpResponse response = [&]() -> HttpResponse {
        const bool isGet = request.method == "GET";
        const bool isHead = request.method == "HEAD";
        if (!isGet && !isHead) {
            HttpResponse r = error(405);
            r.setHeader("Allow"_ba, "GET, HEAD"_ba);
            return r;
        }

        bool setCookie = false;
        qint64 retryAfter = 0;
        const Access access = checkAccess(request, connection, &setCookie, &retryAfter);
        if (access == Access::Throttled) {
            HttpResponse r = error(429);
            r.setHeader("Retry-After"_ba, QByteArray::number(retryAfter));
            r.headOnly = isHead;
            return r;
        }
        if (access == Access::Denied) {
            // A browser opening the bare address gets a page saying what to
            // ask for; everything else a terse 401.
            HttpResponse r = request.path == "/" ? content(401, "text/html; charset=utf-8"_ba,
                                                           webResource(u"unauthorized.html"_s), isHead)
                                                 : error(401);
            r.setHeader("WWW-Authenticate"_ba, "Bearer realm=\"Ferry\""_ba);
            r.headOnly = isHead;
            return r;
        }

        const QByteArray &path = request.path;
        HttpResponse r;
        if (access == Access::SignedLinkOnly)
            r = routeFiles(request, QByteArrayView(path).sliced(7), true);
        else if (path == "/")
            r = routePage(request);
        else if (path.startsWith("/assets/"))
            r = routeAsset(request, QByteArrayView(path).sliced(8));
        else if (path == "/api/files")
            r = routeApiFiles(request);
        else if (path == "/api/status")
            r = routeApiStatus(request);
        else if (path == "/files") {
            r = error(301);
            r.setHeader("Location"_ba, "./files/"_ba);
        } else if (path.startsWith("/files/"))
            r = routeFiles(request, QByteArrayView(path).sliced(7), false);
        else if (path == "/ws")
            r = routeWebSocket(request);
        else
            r = error(404);
        if (setCookie) {
            r.setHeader("Set-Cookie"_ba,
                        CookieName + '=' + m_settings.token + "; Path=/; HttpOnly; SameSite=Strict"_ba);
        }
        if (isHead)
            r.headOnly = true;
        return r;
    }();
    decorate(response);
    return response;
}

HttpResponse ShareServer::routePage(const HttpRequest &request)
{
    return routeAsset(request, "index.html");
}

HttpResponse ShareServer::routeAsset(const HttpRequest &request, QByteArrayView name)
{
    // Asset names are plain file names of the compiled-in page; nothing else.
    if (name.isEmpty() || name.startsWith('.'))
        return error(404);
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '-' || c == '_';
        if (!ok)
            return error(404);
    }
    const QString resource = u":/web/"_s + QString::fromLatin1(name);
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return error(404);
    static const QMimeDatabase db;
    QByteArray type = db.mimeTypeForFile(resource, QMimeDatabase::MatchExtension).name().toLatin1();
    if (type.startsWith("text/") || type == "application/javascript" || type == "application/json")
        type += "; charset=utf-8"_ba;
    return content(200, type, file.readAll(), request.method == "HEAD");
}

bool ShareServer::listingVisible(const QFileInfo &info) const
{
    return m_roots.isListable(info);
}

QList<DirectoryEntry> ShareServer::rootEntries() const
{
    QList<DirectoryEntry> entries;
    for (const QString &name : m_roots.rootNames()) {
        const Resolved resolved = m_roots.resolve(QUrl::toPercentEncoding(name));
        DirectoryEntry e;
        e.name = name;
        e.isDirectory = true;
        if (resolved.status == Resolved::Status::Ok)
            e.modified = QFileInfo(resolved.absolutePath).lastModified().toUTC();
        entries.append(e);
    }
    DirectoryListing::sort(entries);
    return entries;
}

HttpResponse ShareServer::routeApiFiles(const HttpRequest &request)
{
    const QByteArray encoded = queryValue(request.query, "path");
    const bool head = request.method == "HEAD";
    QByteArrayView trimmed = encoded;
    while (trimmed.endsWith('/'))
        trimmed.chop(1);
    if (trimmed.isEmpty())
        return content(200, "application/json"_ba, DirectoryListing::toJson(QString(), rootEntries()), head);
    const Resolved resolved = m_roots.resolve(trimmed);
    if (resolved.status != Resolved::Status::Ok)
        return error(resolutionErrorStatus(resolved.status));
    // "share/.." is the list of roots again; it has no folder of its own.
    if (resolved.isTopLevel)
        return content(200, "application/json"_ba, DirectoryListing::toJson(QString(), rootEntries()), head);
    if (!resolved.isDirectory || resolved.absolutePath.isEmpty())
        return error(404);
    const QString shared = resolved.relativePath.isEmpty() ? resolved.rootName
                                                           : resolved.rootName + u'/' + resolved.relativePath;
    const auto entries = DirectoryListing::read(resolved.absolutePath,
                                                [this](const QFileInfo &info) { return listingVisible(info); });
    return content(200, "application/json"_ba, DirectoryListing::toJson(shared, entries), head);
}

HttpResponse ShareServer::routeApiStatus(const HttpRequest &request)
{
    QJsonArray roots;
    for (const QString &name : m_roots.rootNames())
        roots.append(name);
    const QJsonObject status {
        {u"name"_s, QSysInfo::machineHostName()},
        {u"version"_s, QStringLiteral(FERRY_VERSION)},
        {u"roots"_s, roots},
        {u"uptime"_s, m_uptime.isValid() ? m_uptime.elapsed() / 1000 : 0},
        {u"activeTransfers"_s, qint64(m_uploads.size())},
    };
    return content(200, "application/json"_ba, jsonBytes(status), request.method == "HEAD");
}

HttpResponse ShareServer::routeFiles(const HttpRequest &request, QByteArrayView encodedPath, bool signedLinkOnly)
{
    const bool head = request.method == "HEAD";
    const bool trailingSlash = encodedPath.isEmpty() || encodedPath.endsWith('/');
    QByteArrayView trimmed = encodedPath;
    while (trimmed.endsWith('/'))
        trimmed.chop(1);
    if (trimmed.isEmpty()) {
        if (signedLinkOnly)
            return error(401);
        return content(200, "text/html; charset=utf-8"_ba, DirectoryListing::toHtml(QString(), rootEntries()), head);
    }
    const Resolved resolved = m_roots.resolve(trimmed);
    if (resolved.status != Resolved::Status::Ok)
        return error(resolutionErrorStatus(resolved.status));
    // The list of roots reached through dot segments: only /files/ names it.
    if (resolved.isTopLevel || resolved.absolutePath.isEmpty())
        return error(404);
    const QString shared = resolved.relativePath.isEmpty() ? resolved.rootName
                                                           : resolved.rootName + u'/' + resolved.relativePath;
    if (resolved.isDirectory) {
        if (signedLinkOnly)
            return error(401); // a signed link grants one file, not a folder
        if (!trailingSlash) {
            // Relative, so it can never point at another host.
            const qsizetype slash = trimmed.lastIndexOf('/');
            const QByteArrayView last = slash < 0 ? trimmed : trimmed.sliced(slash + 1);
            HttpResponse r = error(301);
            r.setHeader("Location"_ba, "./"_ba + last.toByteArray() + '/');
            return r;
        }
        const auto entries = DirectoryListing::read(resolved.absolutePath,
                                                    [this](const QFileInfo &info) { return listingVisible(info); });
        return content(200, "text/html; charset=utf-8"_ba, DirectoryListing::toHtml(shared, entries), head);
    }
    if (trailingSlash)
        return error(404);
    return FileResponse::make(request, resolved.absolutePath, shared);
}

HttpResponse ShareServer::routeWebSocket(const HttpRequest &request)
{
    if (!m_upgradeHandler)
        return error(404);
    if (!request.isWebSocketUpgrade() || request.method != "GET")
        return error(400);
    if (!originAllowed(request))
        return error(403);
    HttpResponse r;
    r.status = 101;
    r.handOver = true;
    return r;
}

} // namespace ferry
