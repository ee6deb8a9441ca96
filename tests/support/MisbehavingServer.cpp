// The misbehaving test server: a small HTTP/1.1 responder with keep-alive,
// single byte ranges, ETag/Last-Modified/If-Range, and switchable faults. See
// the header for what each fault does. Not a model of good server code: it is
// deliberately simple so that what it does wrong is only what a test asks for.
#include "tests/support/MisbehavingServer.h"

#include "tests/support/AccessRule.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMaxRequestHead = 64 * 1024;   // a client sending more is dropped
constexpr qint64 kWriteWatermark = 256 * 1024;  // keep at most this much unsent in the socket
constexpr qint64 kChunk = 64 * 1024;
constexpr int kPaceIntervalMs = 20;

QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK"_ba;
    case 206: return "Partial Content"_ba;
    case 301: return "Moved Permanently"_ba;
    case 302: return "Found"_ba;
    case 303: return "See Other"_ba;
    case 307: return "Temporary Redirect"_ba;
    case 308: return "Permanent Redirect"_ba;
    case 400: return "Bad Request"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 408: return "Request Timeout"_ba;
    case 410: return "Gone"_ba;
    case 416: return "Range Not Satisfiable"_ba;
    case 429: return "Too Many Requests"_ba;
    case 500: return "Internal Server Error"_ba;
    case 502: return "Bad Gateway"_ba;
    case 503: return "Service Unavailable"_ba;
    default: return "Status"_ba;
    }
}

QByteArray htmlPage(int status)
{
    const QByteArray title = QByteArray::number(status) + ' ' + reasonPhrase(status);
    return "<!DOCTYPE html>\n<html><head><title>"_ba + title + "</title></head>\n<body><h1>"_ba + title
        + "</h1>\n<p>This is an error page of the Ferry test server. It must never end up in a downloaded file.</p>\n"
          "</body></html>\n"_ba;
}

// "bytes=a-b", "bytes=a-", "bytes=-n" against a file of `size` bytes.
// Returns false when the header is not a single range we understand (→ 200).
// Sets unsatisfiable when it is one that does not fit the file (→ 416).
bool parseSingleRange(QByteArray value, qint64 size, qint64 *start, qint64 *end, bool *unsatisfiable)
{
    *unsatisfiable = false;
    value = value.trimmed();
    if (!value.toLower().startsWith("bytes="))
        return false;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return false;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return false;
    const QByteArray first = spec.left(dash).trimmed();
    const QByteArray last = spec.mid(dash + 1).trimmed();
    bool ok = false;
    if (first.isEmpty()) {
        const qint64 n = last.toLongLong(&ok);
        if (!ok || n <= 0) {
            *unsatisfiable = ok;
            return ok;
        }
        *start = std::max<qint64>(0, size - n);
        *end = size - 1;
        return size > 0;
    }
    *start = first.toLongLong(&ok);
    if (!ok || *start < 0)
        return false;
    if (last.isEmpty()) {
        *end = size - 1;
    } else {
        *end = last.toLongLong(&ok);
        if (!ok || *end < *start)
            return false;
        *end = std::min(*end, size - 1);
    }
    if (*start >= size) {
        *unsatisfiable = true;
        return true;
    }
    return true;
}

} // namespace

namespace ferry::test {

struct MisbehavingServer::Shared {
    struct File {
        QByteArray data;
        QByteArray etag;
        QByteArray lastModified;
    };
    struct Redirect {
        QByteArray location;
        int status = 302;
        qint64 bodyBytes = -1; // -1 = a short page
    };

    // What one connection sends for one request, decided under the mutex.
    struct Plan {
        QByteArray head;           // status line and headers, ending with the blank line
        QByteArray body;           // the file (or page) the body is cut from
        qint64 bodyStart = 0;
        qint64 sendLimit = 0;      // body bytes to send before `after`
        enum class After { KeepAlive, Close, Stall } after = After::KeepAlive;
        qint64 bytesPerSecond = 0;
        bool repeatBody = false;   // the body is `body` over and over, sendLimit bytes in all
        int logIndex = -1;
        quint64 logGeneration = 0;
    };

    mutable QMutex mutex;
    QHash<QByteArray, File> files;
    QHash<QByteArray, QList<Behaviour>> behaviours;
    QElapsedTimer clock;
    QHash<QByteArray, int> counts;
    QHash<QByteArray, Redirect> redirects;
    QHash<QByteArray, AccessRule> accessRules;
    QSet<QByteArray> digestNonces;
    QList<Request> log;
    quint64 logGeneration = 0;
    qint64 totalBytes = 0;
    int fileVersion = 0;
    std::atomic<int> connections{0};
    std::atomic<int> connectionsAccepted{0};

    void setFileLocked(const QByteArray &path, const QByteArray &data)
    {
        ++fileVersion;
        const QDateTime base(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);
        files.insert(path, File{data, "\"v"_ba + QByteArray::number(fileVersion) + '-' + QByteArray::number(data.size(), 16) + '"',
                                httpDate(base.addSecs(3600LL * fileVersion))});
    }

    void addSent(const Plan &plan, qint64 bytes)
    {
        QMutexLocker lock(&mutex);
        if (plan.logGeneration != logGeneration)
            return;
        totalBytes += bytes;
        if (plan.logIndex >= 0 && plan.logIndex < log.size()) {
            log[plan.logIndex].bodyBytesSent += bytes;
            log[plan.logIndex].lastBodyByteAtMs = clock.elapsed();
        }
    }

    Plan plan(Request request, bool refused = false);

    // nginx's limit_conn: at most connectionLimit connections of one address
    // busy with a request at once (0 = no limit); the others get limitStatus.
    std::atomic<int> sendBufferBytes{0};
    int connectionLimit = 0;
    int limitStatus = 503;
    QHash<QByteArray, int> busyByAddress;

    bool admit(const QByteArray &address)
    {
        QMutexLocker lock(&mutex);
        int &busy = busyByAddress[address];
        if (connectionLimit > 0 && busy >= connectionLimit)
            return false;
        ++busy;
        return true;
    }

    void release(const QByteArray &address)
    {
        QMutexLocker lock(&mutex);
        --busyByAddress[address];
    }
};

MisbehavingServer::Shared::Plan MisbehavingServer::Shared::plan(Request request, bool refused)
{
    QMutexLocker lock(&mutex);
    Plan plan;
    const bool head = request.method == "HEAD";
    const bool clientCloses = request.header("connection").toLower().contains("close");
    QList<QByteArray> headers{"Date: "_ba + httpDate(QDateTime::currentDateTimeUtc()), "Server: ferry-misbehaving-test"_ba};

    auto finish = [&](int status, const QByteArray &body, qint64 start, qint64 length, bool withLength) {
        request.status = status;
        request.receivedAtMs = clock.elapsed();
        if (withLength)
            headers.append("Content-Length: "_ba + QByteArray::number(length));
        if (!withLength || clientCloses)
            headers.append("Connection: close"_ba);
        plan.head = "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"_ba
            + headers.join("\r\n") + "\r\n\r\n"_ba;
        plan.body = body;
        plan.bodyStart = start;
        plan.sendLimit = head ? 0 : length;
        plan.after = (!withLength || clientCloses) ? Plan::After::Close : Plan::After::KeepAlive;
        plan.logIndex = int(log.size());
        plan.logGeneration = logGeneration;
        log.append(request);
    };
    auto errorPage = [&](int status) {
        const QByteArray page = htmlPage(status);
        headers.append("Content-Type: text/html; charset=utf-8"_ba);
        finish(status, page, 0, page.size(), true);
    };

    if (request.method != "GET" && !head) {
        headers.append("Allow: GET, HEAD"_ba);
        errorPage(405);
        return plan;
    }
    if (const auto rule = accessRules.constFind(request.path); rule != accessRules.cend()) {
        const AccessVerdict verdict = checkAccess(*rule, request.method, request.target, request.header("authorization"),
                                                  request.header("cookie"), &digestNonces);
        headers.append(verdict.headers);
        if (verdict.status != 0) {
            errorPage(verdict.status);
            return plan;
        }
    }
    if (refused) { // over the connection limit, as nginx's limit_conn answers
        headers.append("Connection: close"_ba);
        errorPage(limitStatus);
        plan.after = Plan::After::Close;
        return plan;
    }
    const auto redirect = redirects.constFind(request.path);
    if (redirect != redirects.cend()) {
        headers.append("Location: "_ba + redirect->location);
        const QByteArray page = htmlPage(redirect->status);
        headers.append("Content-Type: text/html; charset=utf-8"_ba);
        if (redirect->bodyBytes < 0) {
            finish(redirect->status, page, 0, page.size(), true);
        } else {
            finish(redirect->status, page, 0, redirect->bodyBytes, redirect->bodyBytes != kEndlessBody);
            plan.repeatBody = true;
        }
        return plan;
    }
    if (!files.contains(request.path)) {
        errorPage(404);
        return plan;
    }

    const int index = counts[request.path]++;
    const QList<Behaviour> sequence = behaviours.value(request.path);
    const Behaviour b = sequence.isEmpty() ? Behaviour() : sequence.at(std::min<qsizetype>(index, sequence.size() - 1));
    if (b.changeAfterRequests >= 0 && index == b.changeAfterRequests)
        setFileLocked(request.path, b.changedData);
    const File file = files.value(request.path);
    const bool bad = index >= b.skipRequests && (b.misbehaveRequests < 0 || index < b.skipRequests + b.misbehaveRequests);
    plan.bytesPerSecond = b.bytesPerSecond;

    if (bad && b.errorStatus != 0) {
        if (b.retryAfterSeconds >= 0)
            headers.append("Retry-After: "_ba + QByteArray::number(b.retryAfterSeconds));
        errorPage(b.errorStatus);
        return plan;
    }

    const qint64 size = file.data.size();
    const QByteArray range = request.header("range");
    const QByteArray ifRange = request.header("if-range");
    bool partial = false;
    qint64 start = 0;
    qint64 end = size - 1;
    if (request.hasHeader("range") && !(bad && b.ignoreRange) && !(bad && b.fullOnIfRange && request.hasHeader("if-range"))) {
        bool validatorOk = true;
        if (request.hasHeader("if-range") && !(bad && b.ignoreIfRange)) {
            if (ifRange.startsWith('"') || ifRange.startsWith("W/"))
                validatorOk = b.sendEtag && ifRange == file.etag;
            else
                validatorOk = b.sendLastModified && ifRange == file.lastModified;
        }
        bool unsatisfiable = false;
        if (validatorOk && size > 0 && parseSingleRange(range, size, &start, &end, &unsatisfiable)) {
            if (unsatisfiable) {
                headers.append("Content-Range: bytes */"_ba + QByteArray::number(size));
                if (b.sendEtag)
                    headers.append("ETag: "_ba + file.etag);
                errorPage(416);
                return plan;
            }
            partial = true;
        }
    }
    if (!partial) {
        start = 0;
        end = size - 1;
    }

    headers.append("Content-Type: application/octet-stream"_ba);
    if (!(bad && b.ignoreRange))
        headers.append("Accept-Ranges: bytes"_ba);
    if (b.sendEtag && !(partial && bad && b.omitEtagOn206))
        headers.append("ETag: "_ba + file.etag);
    if (b.sendLastModified)
        headers.append("Last-Modified: "_ba + file.lastModified);
    if (!b.contentDisposition.isEmpty())
        headers.append("Content-Disposition: "_ba + b.contentDisposition);
    if (partial && bad && b.shiftBody) {
        start = std::min(start + b.contentRangeStartShift, size - 1);
        end = std::min(end + b.contentRangeStartShift, size - 1);
    }
    if (partial) {
        const qint64 shift = bad && !b.shiftBody ? b.contentRangeStartShift : 0;
        const qint64 totalShift = bad ? b.contentRangeTotalShift : 0;
        headers.append("Content-Range: bytes "_ba + QByteArray::number(start + shift) + '-' + QByteArray::number(end + shift)
                       + '/' + QByteArray::number(size + totalShift));
    }
    const qint64 length = end - start + 1;
    finish(partial ? 206 : 200, file.data, start, length, partial || !(bad && b.noContentLength));
    if (!head && bad && b.dropAfterBytes >= 0 && b.dropAfterBytes < length) {
        plan.sendLimit = b.dropAfterBytes;
        plan.after = Plan::After::Close;
    } else if (!head && bad && b.stallAfterBytes >= 0 && b.stallAfterBytes < length) {
        plan.sendLimit = b.stallAfterBytes;
        plan.after = Plan::After::Stall;
    }
    return plan;
}

namespace {

// One client connection: reads requests one after the other (keep-alive),
// answers each from a plan made under the shared mutex, streams the body with
// a bounded amount of unsent data, and paces it when throttled.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    ServerConnection(QTcpSocket *socket, std::shared_ptr<MisbehavingServer::Shared> shared, QObject *parent)
        : QObject(parent)
        , m_socket(socket)
        , m_shared(std::move(shared))
    {
        m_socket->setParent(this);
        if (const int bytes = m_shared->sendBufferBytes.load(); bytes > 0)
            m_socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, bytes);
        m_address = m_socket->peerAddress().toString().toLatin1();
        m_pace.setSingleShot(true);
        m_pace.setInterval(kPaceIntervalMs);
        ++m_shared->connections;
        m_number = ++m_shared->connectionsAccepted;
        connect(m_socket, &QTcpSocket::readyRead, this, &ServerConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &ServerConnection::pump);
        connect(m_socket, &QTcpSocket::disconnected, this, &ServerConnection::deleteLater);
        connect(&m_pace, &QTimer::timeout, this, &ServerConnection::pump);
        onReadyRead();
    }

    ~ServerConnection() override
    {
        releaseSlot();
        --m_shared->connections;
    }

    bool isStalled() const { return m_stalled; }
    void drop() { m_socket->abort(); deleteLater(); }

private:
    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (m_plan || m_stalled || m_closing)
            return;
        const qsizetype endOfHead = m_in.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            if (m_in.size() > kMaxRequestHead)
                drop();
            return;
        }
        const QByteArray head = m_in.left(endOfHead);
        m_in.remove(0, endOfHead + 4);

        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        MisbehavingServer::Request request;
        request.connection = m_number;
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        const qsizetype query = request.target.indexOf('?');
        request.path = query < 0 ? request.target : request.target.left(query);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        const bool admitted = m_holdsSlot || m_shared->admit(m_address);
        m_holdsSlot = admitted;
        m_plan = m_shared->plan(request, !admitted);
        m_sent = 0;
        m_clock.start();
        m_socket->write(m_plan->head);
        pump();
    }

    void pump()
    {
        if (!m_plan || m_stalled)
            return;
        while (m_sent < m_plan->sendLimit) {
            if (m_socket->bytesToWrite() > kWriteWatermark)
                return; // bytesWritten() calls again
            qint64 chunk = std::min(kChunk, m_plan->sendLimit - m_sent);
            if (m_plan->bytesPerSecond > 0) {
                const qint64 allowed = m_plan->bytesPerSecond * (m_clock.elapsed() + kPaceIntervalMs) / 1000 - m_sent;
                if (allowed <= 0) {
                    if (!m_pace.isActive())
                        m_pace.start();
                    return;
                }
                chunk = std::min(chunk, allowed);
            }
            const char *from = m_plan->body.constData() + m_plan->bodyStart + m_sent;
            if (m_plan->repeatBody) {
                const qint64 offset = m_sent % m_plan->body.size();
                from = m_plan->body.constData() + offset;
                chunk = std::min(chunk, m_plan->body.size() - offset);
            }
            const qint64 written = m_socket->write(from, chunk);
            if (written <= 0) {
                drop();
                return;
            }
            m_sent += written;
            m_shared->addSent(*m_plan, written);
        }
        switch (m_plan->after) {
        case MisbehavingServer::Shared::Plan::After::Stall:
            m_stalled = true;
            return;
        case MisbehavingServer::Shared::Plan::After::Close:
            m_closing = true;
            m_plan.reset();
            releaseSlot();
            m_socket->disconnectFromHost();
            return;
        case MisbehavingServer::Shared::Plan::After::KeepAlive:
            m_plan.reset();
            releaseSlot();
            if (!m_in.isEmpty())
                QTimer::singleShot(0, this, &ServerConnection::onReadyRead);
            return;
        }
    }

    void releaseSlot()
    {
        if (std::exchange(m_holdsSlot, false))
            m_shared->release(m_address);
    }

    QTcpSocket *m_socket;
    int m_number = 0;
    std::shared_ptr<MisbehavingServer::Shared> m_shared;
    QByteArray m_address;     // the peer's, for the per-address limit
    bool m_holdsSlot = false; // counted as busy against the limit
    QByteArray m_in;
    std::optional<MisbehavingServer::Shared::Plan> m_plan;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
    QTimer m_pace;
    bool m_stalled = false;
    bool m_closing = false;
};

// The listening socket; lives on the server's thread.
class ServerListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerListener)

public:
    explicit ServerListener(std::shared_ptr<MisbehavingServer::Shared> shared)
        : m_shared(std::move(shared))
    {
        connect(this, &QTcpServer::newConnection, this, &ServerListener::acceptAll);
    }

    void dropConnections(bool stalledOnly)
    {
        const auto all = findChildren<ServerConnection *>(Qt::FindDirectChildrenOnly);
        for (ServerConnection *c : all) {
            if (!stalledOnly || c->isStalled())
                c->drop();
        }
    }

private:
    void acceptAll()
    {
        while (QTcpSocket *socket = nextPendingConnection())
            new ServerConnection(socket, m_shared, this);
    }

    std::shared_ptr<MisbehavingServer::Shared> m_shared;
};

} // namespace

bool MisbehavingServer::Request::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [&](const auto &h) { return h.first == name.toByteArray().toLower(); });
}

QByteArray MisbehavingServer::Request::header(QByteArrayView name) const
{
    const QByteArray lower = name.toByteArray().toLower();
    for (const auto &h : headers) {
        if (h.first == lower)
            return h.second;
    }
    return {};
}

qint64 MisbehavingServer::Request::rangeStart() const
{
    const QByteArray range = header("range").trimmed();
    if (!range.toLower().startsWith("bytes="))
        return -1;
    const QByteArray spec = range.mid(6);
    const qsizetype dash = spec.indexOf('-');
    bool ok = false;
    const qint64 start = spec.left(dash).trimmed().toLongLong(&ok);
    return ok ? start : -1;
}

MisbehavingServer::MisbehavingServer()
    : m_shared(std::make_shared<Shared>())
{
    m_shared->clock.start();
}

MisbehavingServer::~MisbehavingServer()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool MisbehavingServer::listen(quint16 port)
{
    if (!m_thread) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(u"MisbehavingServer"_s);
        auto *listener = new ServerListener(m_shared);
        listener->moveToThread(m_thread.get());
        m_worker = listener;
        m_thread->start();
    }
    bool ok = false;
    QMetaObject::invokeMethod(m_worker, [&] {
        auto *listener = static_cast<ServerListener *>(m_worker);
        ok = listener->listen(QHostAddress::LocalHost, port);
        m_port = ok ? listener->serverPort() : 0;
    }, Qt::BlockingQueuedConnection);
    return ok;
}

void MisbehavingServer::close()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [this] {
        auto *listener = static_cast<ServerListener *>(m_worker);
        listener->close();
        listener->dropConnections(false);
    }, Qt::BlockingQueuedConnection);
}

void MisbehavingServer::setSendBufferSize(int bytes)
{
    m_shared->sendBufferBytes = bytes;
}

void MisbehavingServer::setConnectionLimit(int perAddress, int status)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->connectionLimit = perAddress;
    m_shared->limitStatus = status;
}

void MisbehavingServer::dropStalledConnections()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [this] { static_cast<ServerListener *>(m_worker)->dropConnections(true); },
                              Qt::BlockingQueuedConnection);
}

quint16 MisbehavingServer::port() const
{
    return m_port;
}

QUrl MisbehavingServer::url(QByteArrayView path) const
{
    return QUrl(u"http://127.0.0.1:"_s + QString::number(m_port) + QString::fromLatin1(path));
}

void MisbehavingServer::setFile(const QByteArray &path, const QByteArray &data)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->setFileLocked(path, data);
}

void MisbehavingServer::removeFile(const QByteArray &path)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->files.remove(path);
}

QByteArray MisbehavingServer::fileData(const QByteArray &path) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->files.value(path).data;
}

QByteArray MisbehavingServer::etag(const QByteArray &path) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->files.value(path).etag;
}

QByteArray MisbehavingServer::lastModified(const QByteArray &path) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->files.value(path).lastModified;
}

void MisbehavingServer::setBehaviour(const QByteArray &path, const Behaviour &behaviour)
{
    setSequence(path, {behaviour});
}

void MisbehavingServer::setSequence(const QByteArray &path, const QList<Behaviour> &sequence)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->behaviours.insert(path, sequence);
    m_shared->counts.insert(path, 0);
}

void MisbehavingServer::setRedirect(const QByteArray &path, const QByteArray &location, int status, qint64 bodyBytes)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->redirects.insert(path, Shared::Redirect{location, status, bodyBytes});
}

void MisbehavingServer::setAccessRule(const QByteArray &path, const AccessRule &rule)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->accessRules.insert(path, rule);
}

QList<MisbehavingServer::Request> MisbehavingServer::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->log;
}

QList<MisbehavingServer::Request> MisbehavingServer::requests(QByteArrayView path) const
{
    QMutexLocker lock(&m_shared->mutex);
    QList<Request> result;
    for (const Request &r : std::as_const(m_shared->log)) {
        if (r.path == path)
            result.append(r);
    }
    return result;
}

int MisbehavingServer::requestCount(QByteArrayView path) const
{
    return int(requests(path).size());
}

qint64 MisbehavingServer::totalBodyBytesSent() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->totalBytes;
}

qint64 MisbehavingServer::bodyBytesSent(QByteArrayView path) const
{
    qint64 sum = 0;
    for (const Request &r : requests(path))
        sum += r.bodyBytesSent;
    return sum;
}

int MisbehavingServer::openConnections() const
{
    return m_shared->connections.load();
}

void MisbehavingServer::clearLog()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->log.clear();
    m_shared->totalBytes = 0;
    ++m_shared->logGeneration;
}

QByteArray MisbehavingServer::makeData(qint64 size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 0x9e3779b9u;
    if (x == 0)
        x = 1;
    for (qint64 i = 0; i < size; ++i) {
        if ((i & 3) == 0) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
        }
        data[i] = char((x >> ((i & 3) * 8)) & 0xff);
    }
    return data;
}

} // namespace ferry::test

#include "MisbehavingServer.moc"
