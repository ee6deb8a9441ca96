#include "core/Download.h"

#include "core/Backoff.h"
#include "core/ContentDisposition.h"
#include "core/ContentRange.h"
#include "core/ControlFile.h"
#include "core/FileNames.h"
#include "core/RetryAfter.h"
#include "core/TokenBucket.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr qint64 kUnbounded = std::numeric_limits<qint64>::max();
constexpr qint64 kReadChunk = 256 * 1024;          // one read/pwrite
constexpr qint64 kReplyBuffer = 4 * 1024 * 1024;    // bytes Qt may hold per connection
constexpr qint64 kMinThrottledBuffer = 16 * 1024;
constexpr double kInFlightSeconds = 1.0;            // of a victim's speed, never stolen
constexpr qint64 kWriteBackChunk = 16 * 1024 * 1024; // written bytes between write-back kicks
constexpr int kConnectionsPerManager = 6;           // Qt 6.4 opens at most 6 connections per host and manager
constexpr int kMaxRestarts = 3;                     // then fall back to one plain stream
constexpr qint64 kMaxRetryAfterMs = 3600 * 1000;

QByteArray strongETag(const QNetworkReply *reply)
{
    const QByteArray tag = reply->rawHeader("ETag").trimmed();
    return tag.startsWith('"') ? tag : QByteArray(); // weak tags cannot validate byte ranges
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString describeBytes(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

// Pool jobs report back through the gate, never through a bare `this`: the
// Download may be destroyed while a job runs (an engine torn down without
// shutdown()). Posting under the gate's lock is safe, and Qt drops events
// still queued for an object when it is deleted.
struct Download::JobGate {
    QMutex mutex;
    Download *target = nullptr;
};

void Download::postBack(const std::shared_ptr<JobGate> &gate, std::function<void()> fn)
{
    QMutexLocker lock(&gate->mutex);
    if (gate->target)
        QMetaObject::invokeMethod(gate->target, std::move(fn), Qt::QueuedConnection);
}

struct Download::Connection {
    int index = 0;
    ByteSpan span;          // the bytes this connection is responsible for; end shrinks when work is stolen
    qint64 pos = 0;         // next byte to write
    bool busy = false;      // holds a span (requesting, receiving or waiting to retry)
    bool probe = false;     // the first request of a fresh download (learns size and name)
    bool headersSeen = false;
    bool accepted = false;  // the response was checked and its body may be written
    int failures = 0;       // consecutive attempts without progress
    RateMeter rate;         // this connection's own speed, to judge what it already has in flight
    QNetworkReply *reply = nullptr;
    QTimer retryTimer;
    QTimer stallTimer;
    QTimer throttleTimer;
};

Download::Download(const DownloadRequest &request, const DownloadSnapshot &snapshot, const EngineOptions &options,
                   std::shared_ptr<TokenBucket> globalBucket)
    : m_request(request)
    , m_snap(snapshot)
    , m_options(options)
    , m_globalBucket(std::move(globalBucket))
    , m_bucket(std::make_unique<TokenBucket>(request.speedLimit))
    , m_url(snapshot.url.isValid() ? snapshot.url : request.url)
    , m_file(this)
    , m_progressTimer(this)
    , m_checkpointTimer(this)
    , m_gate(std::make_shared<JobGate>())
{
    m_gate->target = this;
    m_directory = request.directory.isEmpty() ? QDir::currentPath() : QDir(request.directory).absolutePath();
    m_fileName = !snapshot.fileName.isEmpty() ? snapshot.fileName : request.fileName;
    m_readBuffer.resize(kReadChunk);
    m_progressTimer.setInterval(m_options.progressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { publish(false); });
    m_checkpointTimer.setInterval(m_options.checkpointIntervalMs);
    connect(&m_checkpointTimer, &QTimer::timeout, this, [this] { checkpoint(); });
}

Download::~Download()
{
    {
        QMutexLocker lock(&m_gate->mutex);
        m_gate->target = nullptr;
    }
    abortAll();
}

// ---------------------------------------------------------------------------
// Starting

void Download::start()
{
    if (m_phase != Phase::Idle)
        return;
    m_clock.start();
    m_snap.errorKind = ErrorKind::None;
    m_snap.errorMessage.clear();
    const QString scheme = m_url.scheme().toLower();
    if (!m_url.isValid() || (scheme != u"http" && scheme != u"https") || m_url.host().isEmpty()) {
        m_phase = Phase::Done;
        fail(ErrorKind::Fatal, tr("Not a valid http or https URL"));
        return;
    }
    setState(DownloadState::Downloading);
    m_progressTimer.start();
    m_checkpointTimer.start();
    if (tryResumeFromControlFile()) {
        m_phase = Phase::Transferring;
        if (m_map.isComplete())
            finishDownload(); // stopped between the last byte and the rename
        else
            startTransfers();
    } else {
        beginFresh();
    }
}

bool Download::tryResumeFromControlFile()
{
    QStringList candidates;
    const QDir dir(m_directory);
    if (!m_fileName.isEmpty()) {
        candidates << dir.filePath(m_fileName + u".part.ferry"_s);
    } else {
        const QStringList found = dir.entryList({u"*.part.ferry"_s}, QDir::Files | QDir::Hidden);
        for (const QString &name : found)
            candidates << dir.filePath(name);
    }
    for (const QString &path : std::as_const(candidates)) {
        if (!QFileInfo::exists(path))
            continue;
        QString error;
        const std::optional<ControlData> data = ControlFile::read(path, &error);
        if (!data) {
            log(tr("Ignoring the damaged control file %1: %2").arg(QDir::toNativeSeparators(path), error));
            continue;
        }
        if (data->url != m_url && data->url != m_request.url)
            continue; // another download's file
        if (adoptControlData(*data, path))
            return true;
        break;
    }
    return false;
}

bool Download::adoptControlData(const ControlData &data, const QString &controlPath)
{
    const QString partPath = controlPath.chopped(int(qstrlen(".ferry")));
    m_fileName = data.fileName.isEmpty() ? QFileInfo(partPath).completeBaseName() : data.fileName;
    if (!QFileInfo::exists(partPath)) {
        log(tr("The partial file %1 is missing; starting again").arg(QDir::toNativeSeparators(partPath)));
        return false;
    }
    if (!data.resumable || data.totalBytes < 0) {
        log(tr("The server cannot resume this download; starting again from the beginning"));
        return false;
    }
    m_map.reset(data.totalBytes);
    if (!m_map.setFinished(data.finished)) {
        log(tr("The control file %1 does not fit the file; starting again").arg(QDir::toNativeSeparators(controlPath)));
        return false;
    }
    m_resumable = true;
    m_total = data.totalBytes;
    m_etag = data.etag;
    m_lastModified = data.lastModified;
    m_snap.finalUrl = data.finalUrl;
    m_snap.totalBytes = m_total;
    m_snap.resumable = true;
    if (!openPartFile(false))
        return false;
    log(tr("Resuming at %1 of %2").arg(describeBytes(m_map.finishedBytes()), describeBytes(m_total)));
    publish(false);
    return true;
}

void Download::beginFresh()
{
    m_phase = Phase::Probing;
    m_resumable = false;
    m_total = -1;
    m_etag.clear();
    m_lastModified.clear();
    m_map.reset(0);
    m_streamed = 0;
    m_sessionUrl.clear();
    Connection *c = addConnection({0, kUnbounded});
    c->probe = true;
    sendRequest(c);
}

void Download::startTransfers()
{
    const QList<ByteSpan> plan = SegmentMap::plan(m_map.missing(), std::clamp(m_request.connections, 1, 16),
                                                  m_options.minSplitBytes);
    const int count = std::min<int>(int(plan.size()), std::clamp(m_request.connections, 1, 16));
    for (int i = 0; i < count; ++i)
        sendRequest(addConnection(plan.at(i)));
}

// ---------------------------------------------------------------------------
// Connections

Download::Connection *Download::addConnection(ByteSpan span)
{
    // Connections are reused, never destroyed before the Download: callbacks
    // further up the stack may still hold one.
    for (const auto &idle : m_connections) {
        if (!idle->busy && !idle->reply && !idle->retryTimer.isActive()) {
            idle->span = span;
            idle->pos = span.begin;
            idle->busy = true;
            idle->probe = false;
            idle->failures = 0;
            idle->rate.reset();
            return idle.get();
        }
    }
    auto c = std::make_unique<Connection>();
    c->index = int(m_connections.size());
    c->span = span;
    c->pos = span.begin;
    c->busy = true;
    Connection *raw = c.get();
    c->retryTimer.setSingleShot(true);
    connect(&c->retryTimer, &QTimer::timeout, this, [this, raw] { sendRequest(raw); });
    c->stallTimer.setSingleShot(true);
    c->stallTimer.setInterval(m_options.stallTimeoutMs);
    connect(&c->stallTimer, &QTimer::timeout, this, [this, raw] {
        connectionFailed(raw, tr("no data for %1 seconds").arg(m_options.stallTimeoutMs / 1000.0));
    });
    c->throttleTimer.setSingleShot(true);
    connect(&c->throttleTimer, &QTimer::timeout, this, [this, raw] { onReadyRead(raw); });
    m_connections.push_back(std::move(c));
    return raw;
}

QNetworkAccessManager *Download::accessManagerFor(int connectionIndex)
{
    const size_t slot = size_t(connectionIndex / kConnectionsPerManager);
    while (m_managers.size() <= slot) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        m_managers.push_back(std::move(manager));
    }
    return m_managers[slot].get();
}

void Download::sendRequest(Connection *c)
{
    const QUrl url = m_sessionUrl.isValid() ? m_sessionUrl : m_url;
    QNetworkRequest request(url);
    request.setMaximumRedirectsAllowed(10);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false); // one TCP connection per segment
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Ferry/" FERRY_VERSION));
    for (const auto &[name, value] : m_request.headers)
        request.setRawHeader(name, value);
    request.setRawHeader("Accept-Encoding", "identity");
    if (c->probe) {
        request.setRawHeader("Range", "bytes=0-");
    } else if (m_resumable) {
        const qint64 last = c->span.end - 1;
        request.setRawHeader("Range", "bytes=" + QByteArray::number(c->pos) + '-' + QByteArray::number(last));
        if (!m_etag.isEmpty())
            request.setRawHeader("If-Range", m_etag);
        else if (!m_lastModified.isEmpty())
            request.setRawHeader("If-Range", m_lastModified);
    }
    c->headersSeen = false;
    c->accepted = false;
    c->reply = accessManagerFor(c->index)->get(request);
    const qint64 limit = std::max(m_bucket->rate(), m_globalBucket ? m_globalBucket->rate() : 0);
    c->reply->setReadBufferSize(limit > 0 ? std::clamp(limit / 4, kMinThrottledBuffer, kReplyBuffer) : kReplyBuffer);
    QNetworkReply *reply = c->reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, c] { onHeaders(c); });
    connect(reply, &QNetworkReply::readyRead, this, [this, c] { onReadyRead(c); });
    connect(reply, &QNetworkReply::downloadProgress, this, [c] { c->stallTimer.start(); });
    connect(reply, &QNetworkReply::finished, this, [this, c] { onFinished(c); });
    c->stallTimer.start();
}

void Download::onHeaders(Connection *c)
{
    if (c->headersSeen || !c->reply)
        return;
    const QVariant statusValue = c->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusValue.isValid())
        return;
    const int status = statusValue.toInt();
    // Qt follows redirects itself (up to 10) and only then sets the redirect
    // attribute, so a Location is the sign: the next response is the one that
    // counts, and a redirect Qt refuses ends in finished() with its error.
    const bool redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (redirect && c->reply->hasRawHeader("Location"))
        return;
    c->headersSeen = true;
    m_contacted = true;
    if (c->probe)
        acceptProbeResponse(c, status);
    else
        acceptRangeResponse(c, status);
}

bool Download::acceptProbeResponse(Connection *c, int status)
{
    QNetworkReply *reply = c->reply;
    if (status == 206) {
        const auto range = parseContentRange(reply->rawHeader("Content-Range"));
        if (!range || range->unsatisfied || range->first != 0 || range->total < 0) {
            connectionFailed(c, tr("the server sent an invalid Content-Range"));
            return false;
        }
        m_resumable = true;
        m_total = range->total;
    } else if (status == 200) {
        m_resumable = false;
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        m_total = length.isValid() ? length.toLongLong() : -1;
    } else if (status == 416) {
        const auto range = parseContentRange(reply->rawHeader("Content-Range"));
        if (!range || !range->unsatisfied || range->total != 0) {
            fail(ErrorKind::NeedsUser, tr("The server refused the request (416 Range Not Satisfiable)"));
            return false;
        }
        m_resumable = true; // an empty file
        m_total = 0;
    } else {
        httpError(c, status);
        return false;
    }

    m_etag = strongETag(reply);
    m_lastModified = reply->rawHeader("Last-Modified").trimmed();
    m_sessionUrl = reply->url();
    m_snap.finalUrl = m_sessionUrl;
    m_snap.resumable = m_resumable;
    m_snap.totalBytes = m_total;
    if (!m_resumable && m_total != 0) // an empty file has nothing to resume
        log(tr("The server does not support resuming: one connection, and a restart from zero if it breaks"));

    c->probe = false; // a retry of this connection continues; it does not probe again
    if (m_snap.fileName.isEmpty()) {
        chooseFileName(fileNameFromContentDisposition(reply->rawHeader("Content-Disposition")));
        if (m_phase == Phase::Done)
            return false; // skipped: the file exists
    }
    if (!openPartFile(true))
        return false;
    m_map.reset(m_resumable ? m_total : 0);
    m_streamed = 0;
    c->accepted = true;
    c->pos = 0;
    c->span = {0, m_total >= 0 ? m_total : kUnbounded};
    m_phase = Phase::Transferring;
    if (m_total == 0) {
        finishDownload();
        return false;
    }
    if (m_resumable) {
        const int connections = std::clamp(m_request.connections, 1, 16);
        const QList<ByteSpan> plan = SegmentMap::plan({{0, m_total}}, connections, m_options.minSplitBytes);
        c->span = plan.first();
        for (int i = 1; i < std::min<int>(int(plan.size()), connections); ++i)
            sendRequest(addConnection(plan.at(i)));
    }
    m_dirty = true;
    checkpoint(); // the control file exists from the first byte, so a crash can always resume
    publish(false);
    return true;
}

bool Download::acceptRangeResponse(Connection *c, int status)
{
    QNetworkReply *reply = c->reply;
    if (!m_resumable) {
        if (status != 200) {
            httpError(c, status);
            return false;
        }
        // A plain stream starts again from the first byte.
        if (!m_file.resize(0)) {
            fail(ErrorKind::Fatal, tr("Cannot truncate %1").arg(QDir::toNativeSeparators(m_partPath)));
            return false;
        }
        m_streamed = 0;
        c->pos = 0;
        c->accepted = true;
        return true;
    }
    if (status == 206) {
        const auto range = parseContentRange(reply->rawHeader("Content-Range"));
        if (range && !range->unsatisfied && range->total >= 0 && range->total != m_total) {
            // A server that ignores If-Range still tells the new length.
            restartFromZero(tr("The file changed size on the server; starting again from the beginning"));
            return false;
        }
        if (!range || range->unsatisfied || range->first != c->pos || range->total != m_total) {
            connectionFailed(c, tr("the server answered a different range than asked (%1); nothing was written")
                                    .arg(QString::fromLatin1(reply->rawHeader("Content-Range"))));
            return false;
        }
        const QByteArray etag = strongETag(reply);
        const QByteArray lastModified = reply->rawHeader("Last-Modified").trimmed();
        const bool etagChanged = !m_etag.isEmpty() && !etag.isEmpty() && etag != m_etag;
        const bool dateChanged = m_etag.isEmpty() && !m_lastModified.isEmpty() && !lastModified.isEmpty()
            && lastModified != m_lastModified;
        if (etagChanged || dateChanged) {
            restartFromZero(tr("The file changed on the server; starting again from the beginning"));
            return false;
        }
        if (!m_sessionUrl.isValid()) {
            m_sessionUrl = reply->url();
            m_snap.finalUrl = m_sessionUrl;
        }
        c->accepted = true;
        return true;
    }
    if (status == 200) {
        restartFromZero(tr("The server sent the whole file instead of the missing part (the file changed, or "
                           "resuming stopped working); starting again from the beginning"));
        return false;
    }
    if (status == 416) {
        const auto range = parseContentRange(reply->rawHeader("Content-Range"));
        if (range && range->unsatisfied && range->total == m_total && m_map.isComplete()) {
            finishDownload();
            return false;
        }
        restartFromZero(tr("The server no longer has the requested range (the file changed); starting again"));
        return false;
    }
    httpError(c, status);
    return false;
}

void Download::httpError(Connection *c, int status)
{
    const QString reason = c->reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString what = tr("The server answered %1 %2").arg(status).arg(reason).trimmed();
    if (status == 408 || status == 429 || status >= 500) {
        const auto retryAfter = parseRetryAfterMs(c->reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        connectionFailed(c, what, retryAfter ? std::min(*retryAfter, kMaxRetryAfterMs) : -1);
        return;
    }
    fail(ErrorKind::NeedsUser, what);
}

void Download::onReadyRead(Connection *c)
{
    if (!c->headersSeen)
        onHeaders(c);
    if (!c->accepted || !c->reply)
        return; // error pages and unchecked bodies are never written
    QNetworkReply *reply = c->reply;
    while (reply->bytesAvailable() > 0) {
        qint64 want = std::min<qint64>(reply->bytesAvailable(), m_readBuffer.size());
        if (c->span.end != kUnbounded)
            want = std::min(want, c->span.end - c->pos);
        if (want <= 0)
            break;
        qint64 granted = m_bucket->take(want);
        if (granted > 0 && m_globalBucket) {
            const qint64 ownGrant = granted;
            granted = m_globalBucket->take(ownGrant);
            m_bucket->giveBack(ownGrant - granted); // the global limit refused it: keep it for later
        }
        if (granted <= 0) {
            const qint64 wait = std::max(m_bucket->msUntil(want), m_globalBucket ? m_globalBucket->msUntil(want) : 0);
            c->throttleTimer.start(int(std::clamp<qint64>(wait, 5, 1000)));
            return;
        }
        const qint64 n = reply->read(m_readBuffer.data(), granted);
        if (n <= 0)
            break;
        if (!writeAt(c->pos, m_readBuffer.constData(), n))
            return;
        if (m_resumable)
            m_map.markFinished({c->pos, c->pos + n});
        else
            m_streamed = c->pos + n;
        c->pos += n;
        c->failures = 0;
        m_dirty = true;
        m_rate.add(n, m_clock.elapsed());
        c->rate.add(n, m_clock.elapsed());
    }
    if (c->span.end != kUnbounded && c->pos >= c->span.end) {
        onConnectionDone(c);
        return;
    }
    if (reply->isFinished() && reply->bytesAvailable() == 0)
        onFinished(c);
}

void Download::onFinished(Connection *c)
{
    QNetworkReply *reply = c->reply;
    if (!reply)
        return;
    if (!c->headersSeen)
        onHeaders(c);
    if (c->reply != reply)
        return; // the headers already decided (retry, failure or restart)
    if (c->accepted) {
        if (reply->bytesAvailable() > 0) {
            if (!c->throttleTimer.isActive())
                onReadyRead(c);
            return; // still draining what arrived; onReadyRead comes back here
        }
        if (c->span.end != kUnbounded && c->pos >= c->span.end) {
            onConnectionDone(c);
        } else if (c->span.end == kUnbounded && reply->error() == QNetworkReply::NoError) {
            m_total = c->pos; // a close-delimited body of unknown length ended normally
            m_snap.totalBytes = m_total;
            onConnectionDone(c);
        } else {
            connectionFailed(c, reply->error() != QNetworkReply::NoError ? reply->errorString()
                                                                       : tr("the connection closed early"));
        }
        return;
    }
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid() && c->headersSeen)
        return; // an HTTP status, handled in onHeaders
    const QNetworkReply::NetworkError error = reply->error();
    switch (error) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ConnectionRefusedError:
        if (!m_contacted) {
            fail(ErrorKind::Retryable, tr("Cannot reach %1: %2").arg(m_url.host(), reply->errorString()));
            return;
        }
        break;
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        fail(ErrorKind::NeedsUser, reply->errorString());
        return;
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        fail(ErrorKind::Fatal, reply->errorString());
        return;
    default:
        break;
    }
    connectionFailed(c, reply->errorString());
}

void Download::onConnectionDone(Connection *c)
{
    abortConnection(c);
    c->busy = false;
    const bool complete = m_resumable ? m_map.isComplete() : (m_total >= 0 && m_streamed >= m_total);
    if (complete) {
        finishDownload();
        return;
    }
    if (m_phase == Phase::Transferring && m_resumable)
        assignWork(c);
    publish(false);
}

QList<ByteSpan> Download::unassignedSpans() const
{
    QList<ByteSpan> spans = m_map.missing();
    for (const auto &other : m_connections) {
        if (!other->busy)
            continue;
        const ByteSpan taken{other->pos, other->span.end};
        QList<ByteSpan> rest;
        for (const ByteSpan &s : std::as_const(spans)) {
            if (taken.end <= s.begin || taken.begin >= s.end) {
                rest << s;
                continue;
            }
            if (s.begin < taken.begin)
                rest << ByteSpan{s.begin, taken.begin};
            if (taken.end < s.end)
                rest << ByteSpan{taken.end, s.end};
        }
        spans = rest;
    }
    return spans;
}

bool Download::assignWork(Connection *c)
{
    const QList<ByteSpan> free = unassignedSpans();
    if (!free.isEmpty()) {
        c->span = free.first();
        c->pos = c->span.begin;
        c->busy = true;
        c->failures = 0;
        sendRequest(c);
        return true;
    }
    // Work stealing: take the far half of the largest range still being fetched.
    Connection *victim = nullptr;
    for (const auto &other : m_connections)
        if (other.get() != c && other->busy && (!victim || other->span.end - other->pos > victim->span.end - victim->pos))
            victim = other.get();
    if (!victim)
        return false;
    // What the victim will receive within the next second is most likely
    // already on its way (socket buffers, bursty server-side limits): leave it
    // to the victim, or both connections would fetch those bytes.
    const qint64 inFlight = (victim->reply ? victim->reply->bytesAvailable() : 0)
        + qint64(victim->rate.bytesPerSecond(m_clock.elapsed()) * kInFlightSeconds);
    const qint64 keepFrom = std::min(victim->pos + inFlight, victim->span.end);
    const auto point = SegmentMap::stealPoint({keepFrom, victim->span.end}, m_options.minSplitBytes);
    if (!point)
        return false;
    c->span = {*point, victim->span.end};
    c->pos = *point;
    c->busy = true;
    c->failures = 0;
    victim->span.end = *point;
    sendRequest(c);
    return true;
}

void Download::connectionFailed(Connection *c, const QString &reason, qint64 retryAfterMs)
{
    abortConnection(c);
    if (m_phase != Phase::Probing && m_phase != Phase::Transferring)
        return;
    ++c->failures;
    if (c->failures > m_options.maxRetries) {
        fail(ErrorKind::Retryable, tr("Gave up after %1 attempts: %2").arg(c->failures).arg(reason));
        return;
    }
    const qint64 delay = retryAfterMs >= 0
        ? retryAfterMs
        : retryDelayMs(c->failures, m_options.retryBaseMs, m_options.retryMaxMs, QRandomGenerator::global()->generateDouble());
    log(tr("Connection %1: %2; retrying in %3 s").arg(c->index + 1).arg(reason).arg(delay / 1000.0, 0, 'f', 1));
    scheduleRetry(c, delay);
}

void Download::scheduleRetry(Connection *c, qint64 delayMs)
{
    c->headersSeen = false;
    c->accepted = false;
    c->retryTimer.start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
}

void Download::abortConnection(Connection *c)
{
    c->stallTimer.stop();
    c->throttleTimer.stop();
    c->retryTimer.stop();
    if (QNetworkReply *reply = std::exchange(c->reply, nullptr)) {
        disconnect(reply, nullptr, this, nullptr);
        // A finished reply, and one Qt is going to fail by itself (an error
        // status: its error arrives as a posted event after the headers), must
        // not be aborted: Qt would report a second error and print
        // "QNetworkReplyImplPrivate::error: Internal problem" on stderr.
        // Deleting it is enough; its destructor aborts the request.
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool qtFailsIt = reply->error() != QNetworkReply::NoError || status >= 400;
        if (!reply->isFinished() && !qtFailsIt)
            reply->abort();
        reply->deleteLater();
    }
    c->accepted = false;
}

void Download::abortAll()
{
    for (const auto &c : m_connections) {
        abortConnection(c.get());
        c->busy = false;
    }
}

// ---------------------------------------------------------------------------
// Files

void Download::chooseFileName(const QString &suggested)
{
    const QDir dir(m_directory);
    if (!m_request.fileName.isEmpty()) {
        m_fileName = m_request.fileName;
    } else if (m_fileName.isEmpty()) {
        QString name = sanitizeFileName(suggested);
        if (suggested.isEmpty()) {
            name = sanitizeFileName(fileNameFromUrl(m_sessionUrl));
            if (name == u"download")
                name = sanitizeFileName(fileNameFromUrl(m_url));
        }
        if (m_request.conflict == ConflictPolicy::Skip && dir.exists(name)) {
            m_fileName = name;
            m_snap.fileName = name;
            m_snap.filePath = dir.filePath(name);
            abortAll();
            m_phase = Phase::Done;
            log(tr("%1 exists already; skipped").arg(QDir::toNativeSeparators(m_snap.filePath)));
            m_snap.finished = QDateTime::currentDateTimeUtc();
            setState(DownloadState::Completed);
            return;
        }
        if (m_request.conflict == ConflictPolicy::Rename) {
            name = uniqueFileName(name, [&dir](const QString &candidate) {
                return dir.exists(candidate) || dir.exists(candidate + u".part"_s);
            });
        }
        m_fileName = name;
    }
    m_snap.fileName = m_fileName;
    m_snap.filePath = dir.filePath(m_fileName);
}

bool Download::openPartFile(bool truncate)
{
    const QDir dir(m_directory);
    if (!dir.exists() && !QDir().mkpath(m_directory)) {
        fail(ErrorKind::Fatal, tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(m_directory)));
        return false;
    }
    m_snap.fileName = m_fileName;
    m_snap.filePath = dir.filePath(m_fileName);
    m_partPath = m_snap.filePath + u".part"_s;
    m_controlPath = ControlFile::pathForPart(m_partPath);
    // Ours and locked already (a restart from zero): truncated in place.
    // Reopening would lose the lock to a checkpoint still holding a duplicate
    // of the descriptor, and the lock would refuse us.
    const bool alreadyOurs = m_file.isOpen() && m_file.fileName() == m_partPath;
    if (!alreadyOurs && !openAndLockPartFile())
        return false;
    if (truncate && ::ftruncate(m_file.handle(), 0) != 0) {
        fail(ErrorKind::Fatal, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_partPath), errnoText(errno)));
        return false;
    }
    if (truncate && m_total > 0) {
        // Reserve the space now: a full disk is reported before the transfer, not in the middle of it.
        if (::fallocate(m_file.handle(), 0, 0, m_total) != 0) {
            const int error = errno;
            if (error == ENOSPC || error == EDQUOT) {
                m_file.close();
                QFile::remove(m_partPath);
                QFile::remove(m_controlPath);
                fail(ErrorKind::Fatal, tr("Not enough disk space for %1 (%2 needed in %3)")
                                           .arg(m_fileName, describeBytes(m_total), QDir::toNativeSeparators(m_directory)));
                return false;
            }
            if (::ftruncate(m_file.handle(), m_total) != 0) {
                fail(ErrorKind::Fatal, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_partPath), errnoText(errno)));
                return false;
            }
        }
    }
    return true;
}

bool Download::openAndLockPartFile()
{
    if (m_file.isOpen())
        m_file.close();
    m_file.setFileName(m_partPath);
    // Opened without truncating: the lock below decides whether it is ours.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        fail(ErrorKind::Fatal, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_partPath), m_file.errorString()));
        return false;
    }
    // One writer per partial file: another Ferry downloading into it (the
    // same `ferry get` in a second terminal, or the window) holds this lock
    // until it closes the file. Without it both would write, and the loser
    // would fail on a file renamed under it.
    if (::flock(m_file.handle(), LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (error == EWOULDBLOCK) {
            m_file.close();
            const QString part = std::exchange(m_partPath, QString());
            m_controlPath.clear(); // not ours: never checkpointed nor deleted from here
            fail(ErrorKind::Fatal, tr("%1 is being downloaded by another Ferry (its partial file %2 is in use)")
                                       .arg(m_fileName, QDir::toNativeSeparators(part)));
            return false;
        }
        // Some file systems have no locks (ENOLCK, EOPNOTSUPP): go on without.
        log(tr("Cannot lock %1: %2").arg(QDir::toNativeSeparators(m_partPath), errnoText(error)));
    }
    return true;
}

bool Download::writeAt(qint64 offset, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(m_file.handle(), data, size_t(size), offset);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            fail(ErrorKind::Fatal, error == ENOSPC
                     ? tr("The disk is full: cannot write %1").arg(QDir::toNativeSeparators(m_partPath))
                     : tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_partPath), errnoText(error)));
            return false;
        }
        data += written;
        offset += written;
        size -= written;
        m_unflushedBytes += written;
    }
    if (m_unflushedBytes >= kWriteBackChunk) {
        // Start write-back now, without waiting for it: the disk works while
        // the network does, and the checkpoints' fdatasync (and the last one
        // before the rename) finds little left to write.
        m_unflushedBytes = 0;
        ::sync_file_range(m_file.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
    }
    return true;
}

ControlData Download::controlData() const
{
    ControlData data;
    data.url = m_url;
    data.finalUrl = m_snap.finalUrl;
    data.fileName = m_fileName;
    data.totalBytes = m_total;
    data.resumable = m_resumable;
    data.etag = m_etag;
    data.lastModified = m_lastModified;
    if (m_resumable)
        data.finished = m_map.finished();
    data.checksum = m_request.checksum;
    data.updated = QDateTime::currentDateTimeUtc();
    return data;
}

// Flushes the .part file and then records what it holds, on QThreadPool so the
// network thread keeps reading. Checkpoints never overlap: a request made while
// one runs is done right after it.
void Download::checkpoint(std::function<void()> then)
{
    if (then)
        m_afterJobs.push_back(std::move(then));
    if (!m_file.isOpen() || m_controlPath.isEmpty() || (!m_dirty && m_jobsInFlight == 0)) {
        if (m_jobsInFlight == 0) {
            auto pending = std::exchange(m_afterJobs, {});
            for (auto &fn : pending)
                fn();
        }
        return;
    }
    if (m_jobsInFlight > 0)
        return; // the running job's completion starts the next one
    m_dirty = false;
    const int fd = ::fcntl(m_file.handle(), F_DUPFD_CLOEXEC, 0);
    const ControlData data = controlData();
    const QString path = m_controlPath;
    ++m_jobsInFlight;
    QThreadPool::globalInstance()->start([this, gate = m_gate, fd, data, path] {
        QString error;
        bool ok = fd >= 0 && ::fdatasync(fd) == 0;
        if (!ok)
            error = errnoText(errno);
        if (fd >= 0)
            ::close(fd);
        if (ok)
            ok = ControlFile::write(path, data, &error);
        postBack(gate, [this, ok, error, path] {
            --m_jobsInFlight;
            if (!ok)
                log(tr("Could not save progress to %1: %2").arg(QDir::toNativeSeparators(path), error));
            checkpoint(); // runs again if more arrived, else the waiting continuations
        });
    });
}

void Download::restartFromZero(const QString &reason)
{
    log(reason);
    abortAll();
    if (++m_restarts > kMaxRestarts) {
        fail(ErrorKind::Retryable, tr("The file keeps changing on the server"));
        return;
    }
    m_file.resize(0);
    m_url = m_snap.url.isValid() ? m_snap.url : m_request.url;
    beginFresh();
}

void Download::finishDownload()
{
    if (m_phase == Phase::Finishing || m_phase == Phase::Done || m_phase == Phase::Stopping)
        return;
    m_phase = Phase::Finishing;
    abortAll();
    m_checkpointTimer.stop();
    m_snap.totalBytes = m_total;
    m_dirty = true;
    const bool verify = !m_request.checksum.isEmpty();
    checkpoint([this, verify] {
        if (m_phase != Phase::Finishing)
            return;
        if (verify)
            setState(DownloadState::Verifying);
        const ChecksumSpec spec = m_request.checksum;
        const QString path = m_partPath;
        ++m_jobsInFlight;
        QThreadPool::globalInstance()->start([this, gate = m_gate, path, spec, verify] {
            QString error;
            QByteArray digest;
            if (verify)
                digest = hashFile(path, spec.algorithm, &error);
            postBack(gate, [this, digest, error, spec, verify] {
                --m_jobsInFlight;
                if (m_phase != Phase::Finishing) {
                    checkpoint(); // a stop is waiting for this job
                    return;
                }
                if (verify && digest.isEmpty()) {
                    fail(ErrorKind::Fatal, tr("Cannot read %1 to verify it: %2").arg(QDir::toNativeSeparators(m_partPath), error));
                } else if (verify && digest != spec.expectedHex) {
                    fail(ErrorKind::NeedsUser,
                         tr("Checksum mismatch (%1 expected %2, got %3); the data is kept in %4")
                             .arg(spec.algorithmName(), QString::fromLatin1(spec.expectedHex),
                                  QString::fromLatin1(digest), QDir::toNativeSeparators(m_partPath)));
                } else {
                    finalize();
                }
            });
        });
    });
}

void Download::finalize()
{
    m_file.close();
    QString error;
    if (!moveIntoPlace(&error)) {
        fail(ErrorKind::Fatal, error);
        return;
    }
    QFile::remove(m_controlPath);
    m_phase = Phase::Done;
    m_progressTimer.stop();
    m_checkpointTimer.stop();
    m_snap.finished = QDateTime::currentDateTimeUtc();
    m_snap.receivedBytes = m_total;
    setState(DownloadState::Completed);
}

// Gives the .part file its final name without ever replacing a file the user
// did not ask to replace: link(2) fails atomically when the name is taken.
bool Download::moveIntoPlace(QString *error)
{
    const QDir dir(m_directory);
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const QString target = dir.filePath(m_fileName);
        const QByteArray from = QFile::encodeName(m_partPath);
        const QByteArray to = QFile::encodeName(target);
        if (m_request.conflict == ConflictPolicy::Overwrite || !m_request.fileName.isEmpty()) {
            if (::rename(from.constData(), to.constData()) == 0)
                break;
            *error = tr("Cannot rename %1 to %2: %3").arg(QDir::toNativeSeparators(m_partPath), QDir::toNativeSeparators(target), errnoText(errno));
            return false;
        }
        if (::link(from.constData(), to.constData()) == 0) {
            ::unlink(from.constData());
            break;
        }
        const int linkError = errno;
        if (linkError == EEXIST) {
            m_fileName = uniqueFileName(m_fileName, [&dir](const QString &candidate) {
                return dir.exists(candidate) || dir.exists(candidate + u".part"_s);
            });
            continue;
        }
        // File systems without hard links: check, then rename (a small race, but no data is lost).
        if (!QFileInfo::exists(target) && ::rename(from.constData(), to.constData()) == 0)
            break;
        *error = tr("Cannot rename %1 to %2: %3").arg(QDir::toNativeSeparators(m_partPath), QDir::toNativeSeparators(target), errnoText(linkError));
        return false;
    }
    m_snap.fileName = m_fileName;
    m_snap.filePath = dir.filePath(m_fileName);
    return true;
}

void Download::deletePartialFiles()
{
    m_file.close();
    if (!m_partPath.isEmpty())
        QFile::remove(m_partPath);
    if (!m_controlPath.isEmpty())
        QFile::remove(m_controlPath);
}

// ---------------------------------------------------------------------------
// Control from the engine

void Download::stop(bool deletePartialData)
{
    m_deleteOnStop = m_deleteOnStop || deletePartialData;
    if (m_phase == Phase::Stopping)
        return;
    const Phase before = m_phase;
    m_phase = Phase::Stopping;
    abortAll();
    m_progressTimer.stop();
    m_checkpointTimer.stop();
    if (before == Phase::Transferring || before == Phase::Finishing)
        m_dirty = true;
    checkpoint([this, before] {
        if (m_deleteOnStop && m_snap.state != DownloadState::Completed)
            deletePartialFiles();
        m_file.close();
        if (before != Phase::Done && m_snap.state != DownloadState::Completed && m_snap.state != DownloadState::Failed)
            setState(DownloadState::Paused);
        Q_EMIT stopped(m_snap.id);
    });
}

void Download::setSpeedLimit(qint64 bytesPerSecond)
{
    m_bucket->setRate(bytesPerSecond);
    const qint64 limit = std::max(m_bucket->rate(), m_globalBucket ? m_globalBucket->rate() : 0);
    for (const auto &c : m_connections)
        if (c->reply)
            c->reply->setReadBufferSize(limit > 0 ? std::clamp(limit / 4, kMinThrottledBuffer, kReplyBuffer) : kReplyBuffer);
}

void Download::setUrl(const QUrl &url)
{
    m_url = url;
    m_snap.url = url;
}

// ---------------------------------------------------------------------------
// State

void Download::fail(ErrorKind kind, const QString &message)
{
    abortAll();
    m_progressTimer.stop();
    m_checkpointTimer.stop();
    m_phase = Phase::Done;
    m_snap.errorKind = kind;
    m_snap.errorMessage = message;
    // Keep what was received (a new link or a retry can continue), then report.
    checkpoint([this] {
        m_file.close();
        m_snap.finished = QDateTime::currentDateTimeUtc();
        setState(DownloadState::Failed);
    });
}

void Download::setState(DownloadState state)
{
    m_snap.state = state;
    publish(true);
}

qint64 Download::receivedBytes() const
{
    return m_resumable ? m_map.finishedBytes() : m_streamed;
}

void Download::publish(bool stateChange)
{
    m_snap.receivedBytes = receivedBytes();
    m_snap.totalBytes = m_total >= 0 ? m_total : m_snap.totalBytes;
    const bool running = m_phase == Phase::Transferring || m_phase == Phase::Probing;
    m_snap.bytesPerSecond = running ? m_rate.bytesPerSecond(m_clock.isValid() ? m_clock.elapsed() : 0) : 0;
    m_snap.etaSeconds = (running && m_snap.bytesPerSecond > 0 && m_total >= 0)
        ? qint64((m_total - m_snap.receivedBytes) / m_snap.bytesPerSecond)
        : -1;
    m_snap.connections = int(std::count_if(m_connections.begin(), m_connections.end(),
                                           [](const auto &c) { return c->accepted && c->reply; }));
    Q_EMIT snapshotChanged(m_snap, stateChange);
}

void Download::log(const QString &message)
{
    Q_EMIT logMessage(m_snap.id, message);
}

} // namespace ferry
