// The Download's connections: sending requests, checking each response
// (ResponseCheck) before a byte is written, reading under the speed limits
// into the .part file, handing out work (SegmentPlanner), retrying. The
// lifecycle (start, resume, finish, stop) is in Download.cpp.
#include "core/Download.h"

#include "core/DownloadNetwork.h"

#include "core/AccessManagerPool.h"
#include "core/Backoff.h"
#include "core/Connection.h"
#include "core/HostLimits.h"
#include "core/SegmentPlanner.h"
#include "core/TokenBucket.h"

#include <QDateTime>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <algorithm>

namespace ferry {

namespace {
constexpr qint64 kReplyBuffer = 4 * 1024 * 1024;    // bytes Qt may hold per connection
constexpr qint64 kMinThrottledBuffer = 16 * 1024;
constexpr double kInFlightSeconds = 1.0;            // of a victim's speed, never stolen
constexpr int kMaxRedirects = 10;                   // as curl's and Qt's default
constexpr qint64 kRedirectBodyBytes = 64 * 1024;    // of a 3xx body read and dropped to keep its connection
constexpr qint64 kOverlapBytes = 64 * 1024;         // re-fetched and compared when no strong ETag vouches for the file

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

FailureCause failureCauseOf(int status)
{
    if (status == 404 || status == 410)
        return FailureCause::NotFound;
    if (status == 401)
        return FailureCause::LoginRequired;
    return FailureCause::HttpStatus;
}
} // namespace

// ---------------------------------------------------------------------------
// Connections

Connection *Download::addConnection(ByteSpan span)
{
    // Connections are reused, never destroyed before the Download: callbacks
    // further up the stack may still hold one.
    for (const auto &idle : m_connections) {
        if (!idle->busy && !idle->reply() && !idle->waitingToRetry()) {
            idle->span = span;
            idle->pos = span.begin;
            idle->busy = true;
            idle->probe = false;
            idle->failures = 0;
            idle->retired = false;
            idle->rate.reset();
            return idle.get();
        }
    }
    auto c = std::make_unique<Connection>(int(m_connections.size()), m_options.stallTimeoutMs);
    c->span = span;
    c->pos = span.begin;
    c->busy = true;
    Connection *raw = c.get();
    connect(raw, &Connection::retryDue, this, [this, raw] {
        if (raw->busy)
            sendRequest(raw);
        else if (m_phase == Phase::Transferring)
            assignWork(raw); // its range went back to the pool: take whatever is free now
    });
    connect(raw, &Connection::stalled, this, [this, raw] {
        connectionFailed(raw, text(QT_TR_NOOP("no data for %1 seconds")).arg(m_options.stallTimeoutMs / 1000.0, 'g', 6));
    });
    connect(raw, &Connection::headersArrived, this, [this, raw] { onHeaders(raw); });
    connect(raw, &Connection::dataArrived, this, [this, raw] { onReadyRead(raw); });
    connect(raw, &Connection::replyFinished, this, [this, raw] { onFinished(raw); });
    m_connections.push_back(std::move(c));
    return raw;
}

// Managers are shared with the other downloads of this thread that have the
// same network profile (AccessManagerPool, DownloadNetwork::profileKey): the
// next file from a host reuses the connection the last one left open. Each
// connection index holds one lease until the download stops requesting.
QNetworkAccessManager *Download::accessManagerFor(int connectionIndex)
{
    if (m_managers.size() <= size_t(connectionIndex))
        m_managers.resize(size_t(connectionIndex) + 1);
    std::shared_ptr<QNetworkAccessManager> &manager = m_managers[size_t(connectionIndex)];
    if (!manager) {
        const DownloadNetwork *network = m_network.get();
        manager = AccessManagerPool::forCurrentThread()->lease(
            m_url, network->profileKey(), [network](QNetworkAccessManager *m) { network->configureShared(m); });
    }
    return manager.get();
}

// Qt may hold this much of a reply's body: a quarter second of the tighter
// speed limit (the download's or the global one), else 4 MiB. Without a cap
// a disk slower than the network would let Qt buffer without bound; sized by
// the looser limit, Qt would pull megabytes past a tight one off the network.
qint64 Download::readBufferSize() const
{
    qint64 limit = m_bucket->rate();
    const qint64 global = m_globalBucket ? m_globalBucket->rate() : 0;
    if (global > 0 && (limit <= 0 || global < limit))
        limit = global;
    return limit > 0 ? std::clamp(limit / 4, kMinThrottledBuffer, kReplyBuffer) : kReplyBuffer;
}

void Download::refreshReadBuffers()
{
    for (const auto &c : m_connections)
        c->setReadBufferSize(readBufferSize());
}

void Download::sendRequest(Connection *c, const QUrl &redirectedTo)
{
    if (redirectedTo.isEmpty())
        c->redirects = 0;
    const QUrl url = !redirectedTo.isEmpty() ? redirectedTo : m_sessionUrl.isValid() ? m_sessionUrl : m_url;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false); // one TCP connection per segment
    m_network->prepare(&request); // User-Agent, Referer, --header, cookies; no redirect followed by Qt
    request.setRawHeader("Accept-Encoding", "identity");
    c->verify = 0;
    c->skip = 0;
    if (c->probe) {
        request.setRawHeader("Range", "bytes=0-");
    } else if (m_resumable) {
        // Without a strong ETag nothing proves the server still has the same
        // file: ask for 64 KiB we already have as well and compare them.
        if (m_etag.isEmpty() && c->pos >= kOverlapBytes && m_map.isFinished({c->pos - kOverlapBytes, c->pos}))
            c->verify = kOverlapBytes;
        const qint64 last = c->span.end - 1;
        request.setRawHeader("Range", "bytes=" + QByteArray::number(c->pos - c->verify) + '-' + QByteArray::number(last));
        if (!m_etag.isEmpty())
            request.setRawHeader("If-Range", m_etag);
        else if (!m_lastModified.isEmpty())
            request.setRawHeader("If-Range", m_lastModified);
    }
    QNetworkReply *reply = accessManagerFor(c->index())->get(request);
    m_network->own(reply); // before its first signal: a 401 goes to this download's logins
    c->attach(reply, readBufferSize());
}

// Redirects are followed here, not by Qt, so that each hop stores its
// Set-Cookie in this download's jar and the next request carries the cookies
// of the next URL (a shared manager has no jar of its own). Called with a
// finished 3xx reply: its connection stays open for the next request.
bool Download::followRedirect(Connection *c)
{
    QNetworkReply *reply = c->reply();
    const QUrl from = reply->url();
    const QUrl to = from.resolved(QUrl::fromEncoded(reply->rawHeader("Location").trimmed()));
    abortConnection(c);
    const QString scheme = to.scheme().toLower();
    if (!to.isValid() || (scheme != u"http" && scheme != u"https") || to.host().isEmpty()) {
        fail(ErrorKind::NeedsUser, text(QT_TR_NOOP("%1 redirected to %2, which is not an http or https URL"))
                                       .arg(from.host(), to.toDisplayString(QUrl::RemoveUserInfo)),
             FailureCause::TooManyRedirects);
        return false;
    }
    if (from.scheme().toLower() == u"https" && scheme == u"http") {
        fail(ErrorKind::NeedsUser, text(QT_TR_NOOP("Refused the redirect from https to http (%1): it is less safe"))
                                       .arg(to.toDisplayString(QUrl::RemoveUserInfo)),
             FailureCause::TooManyRedirects);
        return false;
    }
    if (++c->redirects > kMaxRedirects) {
        fail(ErrorKind::NeedsUser, text(QT_TR_NOOP("Too many redirects (more than %1), the last to %2"))
                                       .arg(kMaxRedirects).arg(to.toDisplayString(QUrl::RemoveUserInfo)),
             FailureCause::TooManyRedirects);
        return false;
    }
    sendRequest(c, to);
    return true;
}

void Download::onHeaders(Connection *c)
{
    QNetworkReply *reply = c->reply();
    if (c->headersSeen || !reply)
        return;
    const QVariant statusValue = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusValue.isValid())
        return;
    const int status = statusValue.toInt();
    m_network->storeCookies(reply); // once per reply: headersSeen is set below
    // A redirect is followed when its reply has finished (followRedirect):
    // the next response is the one that counts.
    if (isRedirect(status) && reply->hasRawHeader("Location")) {
        c->headersSeen = true;
        c->redirecting = true;
        // A redirect's body is dropped as it arrives (onReadyRead); one
        // longer than a page is not waited for: its connection is given up.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > kRedirectBodyBytes)
            followRedirect(c);
        return;
    }
    c->headersSeen = true;
    m_contacted = true;

    KnownFacts known;
    known.probe = c->probe;
    known.resumable = m_resumable;
    known.total = m_total;
    known.etag = m_etag;
    known.lastModified = m_lastModified;
    known.offset = c->pos - c->verify;
    known.rangeIgnoredBefore = c->rangeIgnored;
    known.complete = m_map.isComplete();
    const ResponseVerdict verdict = checkResponse(c->responseFacts(), known, QDateTime::currentDateTimeUtc());
    c->rangeIgnored = verdict.action == ResponseVerdict::Action::Retry && status == 200;
    switch (verdict.action) {
    case ResponseVerdict::Action::Accept:
        c->hostSlot = m_hosts->deliver(reply->url()); // before planning: the probe's connection counts
        if (c->probe)
            acceptProbeResponse(c, verdict);
        else
            acceptRangeResponse(c, verdict);
        return;
    case ResponseVerdict::Action::ReadThrough:
        log(tr("Connection %1: the server ignores the range asked; reading through to byte %2")
                .arg(c->index() + 1).arg(c->pos));
        c->skip = c->pos;
        c->verify = 0;
        c->accepted = true;
        c->hostSlot = m_hosts->deliver(reply->url());
        return;
    case ResponseVerdict::Action::Retry:
        // 503 and 429 are how a per-address cap refuses (nginx limit_conn).
        connectionFailed(c, verdict.message, verdict.retryAfterMs, status == 503 || status == 429);
        return;
    case ResponseVerdict::Action::Restart:
        restartFromZero(verdict.message.toString());
        return;
    case ResponseVerdict::Action::Complete:
        finishDownload();
        return;
    case ResponseVerdict::Action::Fail:
        fail(verdict.kind, m_network->explainStatus(c->responseFacts().status, reply->url()).value_or(verdict.message),
             failureCauseOf(c->responseFacts().status));
        return;
    }
}

void Download::onReadyRead(Connection *c)
{
    if (!c->headersSeen)
        onHeaders(c);
    if (c->redirecting && c->reply()) {
        drainRedirect(c);
        return;
    }
    if (!c->accepted || !c->reply())
        return; // error pages and unchecked bodies are never written
    QNetworkReply *reply = c->reply();
    while (reply->bytesAvailable() > 0) {
        qint64 want = std::min<qint64>(reply->bytesAvailable(), m_readBuffer.size());
        if (c->skip > 0)
            want = std::min(want, c->skip);
        else if (c->verify > 0)
            want = std::min(want, c->verify);
        else if (c->span.end != kUnbounded)
            want = std::min(want, c->span.end - c->pos);
        if (want <= 0)
            break;
        qint64 granted = m_bucket->take(want);
        if (granted > 0 && m_globalBucket) {
            const qint64 ownGrant = granted;
            granted = m_globalBucket->take(ownGrant, claimant()); // shared fairly between downloads
            m_bucket->giveBack(ownGrant - granted); // the global limit refused it: keep it for later
        }
        if (granted <= 0) {
            c->pauseReading(std::max(m_bucket->msUntil(want), m_globalBucket ? m_globalBucket->msUntil(want, claimant()) : 0));
            return;
        }
        const qint64 n = reply->read(m_readBuffer.data(), granted);
        if (n <= 0)
            break;
        if (c->skip > 0) { // a whole-file answer, read through to the offset
            c->skip -= n;
            continue;
        }
        if (c->verify > 0) { // bytes we have: compared, not written
            if (!verifyOverlap(c, n))
                return;
            continue;
        }
        if (!m_file.writeAt(c->pos, m_readBuffer.constData(), n)) {
            failPartFile();
            return;
        }
        if (m_resumable)
            m_map.markFinished({c->pos, c->pos + n});
        else
            m_streamed = c->pos + n;
        c->pos += n;
        c->failures = 0;
        m_checkpointer.markDirty();
        m_rate.add(n, m_clock.elapsed());
        m_lastProgressMs = m_clock.elapsed();
        c->rate.add(n, m_clock.elapsed());
    }
    if (c->span.end != kUnbounded && c->pos >= c->span.end) {
        onConnectionDone(c);
        return;
    }
    if (reply->isFinished() && reply->bytesAvailable() == 0)
        onFinished(c);
}

// Reads and drops the body of a 3xx that is followed when it has finished.
// Left unread, a body larger than the reply's buffer (4 MiB, or a quarter
// second of a speed limit) would never finish and stall the connection; an
// endless one is cut after kRedirectBodyBytes and followed on a new connection.
void Download::drainRedirect(Connection *c)
{
    QNetworkReply *reply = c->reply();
    while (reply->bytesAvailable() > 0) {
        const qint64 n = reply->read(m_readBuffer.data(), std::min<qint64>(reply->bytesAvailable(), m_readBuffer.size()));
        if (n <= 0)
            break;
        c->redirectBody += n;
        if (c->redirectBody > kRedirectBodyBytes) {
            followRedirect(c);
            return;
        }
    }
}

// Compares the next `n` bytes of the overlap (in m_readBuffer) with the disk.
// A mismatch means the server's file is not the one on disk: restart.
bool Download::verifyOverlap(Connection *c, qint64 n)
{
    const qint64 at = c->pos - c->verify;
    if (m_file.readAt(at, n) != QByteArrayView(m_readBuffer.constData(), n)) {
        restartFromZero(tr("The server's data differs from the data on disk where the download resumed (at byte %1): "
                           "the file changed, and the server sends no ETag that would have said so; starting again "
                           "from the beginning").arg(at));
        return false;
    }
    c->verify -= n;
    return true;
}

void Download::onFinished(Connection *c)
{
    QNetworkReply *reply = c->reply();
    if (!reply)
        return;
    if (!c->headersSeen)
        onHeaders(c);
    if (c->reply() != reply)
        return; // the headers already decided (retry, failure or restart)
    if (c->accepted) {
        if (reply->bytesAvailable() > 0) {
            if (!c->readingPaused())
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
            connectionFailed(c, reply->error() != QNetworkReply::NoError
                                    ? TranslatableText::plain(reply->errorString())
                                    : text(QT_TR_NOOP("the connection closed early")));
        }
        return;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && isRedirect(status.toInt()) && reply->hasRawHeader("Location")
        && reply->error() == QNetworkReply::NoError) {
        followRedirect(c);
        return;
    }
    if (status.isValid() && c->headersSeen)
        return; // an HTTP status, handled in onHeaders
    const QNetworkReply::NetworkError error = reply->error();
    switch (error) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ConnectionRefusedError:
        if (const auto proxyFailure = m_network->explainProxyError(error, reply->url(), reply->errorString());
            proxyFailure && !m_contacted) {
            fail(ErrorKind::Retryable, *proxyFailure);
            return;
        }
        if (!m_contacted) {
            fail(ErrorKind::Retryable, text(QT_TR_NOOP("Cannot reach %1: %2")).arg(m_url.host(), reply->errorString()),
                 error == QNetworkReply::HostNotFoundError ? FailureCause::HostNotFound : FailureCause::Network);
            return;
        }
        if (error == QNetworkReply::ConnectionRefusedError) {
            connectionFailed(c, TranslatableText::plain(reply->errorString()), -1, true); // a cap that refuses the TCP connection
            return;
        }
        break;
    case QNetworkReply::SslHandshakeFailedError:
        // An untrusted, expired or mismatched certificate stays so on a retry:
        // say why at once (Qt's text names the problem), as curl and wget do.
        fail(ErrorKind::NeedsUser, text(QT_TR_NOOP("TLS failed for %1: %2")).arg(reply->url().host(), reply->errorString()),
             FailureCause::Other);
        return;
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        fail(ErrorKind::Fatal, TranslatableText::plain(reply->errorString()), FailureCause::BadUrl);
        return;
    default:
        if (const auto proxyFailure = m_network->explainProxyError(error, reply->url(), reply->errorString())) {
            fail(error == QNetworkReply::ProxyAuthenticationRequiredError ? ErrorKind::NeedsUser : ErrorKind::Retryable,
                 *proxyFailure);
            return;
        }
        break;
    }
    connectionFailed(c, TranslatableText::plain(reply->errorString()));
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

bool Download::assignWork(Connection *c)
{
    QList<SegmentPlanner::Lane> lanes;
    int self = -1;
    for (const auto &other : m_connections) {
        if (other.get() == c)
            self = int(lanes.size());
        const qint64 inFlight = (other->reply() ? other->reply()->bytesAvailable() : 0)
            + qint64(other->rate.bytesPerSecond(m_clock.elapsed()) * kInFlightSeconds);
        lanes << SegmentPlanner::Lane{other->pos, other->span.end, other->busy, inFlight};
    }
    const auto pick = SegmentPlanner::next(m_map.missing(), lanes, self, m_options.minSplitBytes);
    if (!pick)
        return false;
    if (pick->victim >= 0)
        m_connections[size_t(pick->victim)]->span.end = pick->span.begin;
    c->span = pick->span;
    c->pos = pick->span.begin;
    c->busy = true;
    // failures stay: only received data resets them (onReadyRead). A refused
    // connection that takes a freed range is still the one being refused,
    // and must run out of tries and retire.
    sendRequest(c);
    return true;
}

void Download::connectionFailed(Connection *c, const TranslatableText &reason, qint64 retryAfterMs, bool refusedByHost)
{
    const QUrl url = c->reply() ? c->reply()->url() : (m_sessionUrl.isValid() ? m_sessionUrl : m_url);
    abortConnection(c);
    if (m_phase != Phase::Probing && m_phase != Phase::Transferring)
        return;
    // The host serves what delivers now and refuses more: remembered for the
    // next downloads from it (core/HostLimits), and this connection, beyond
    // that number, does not ask again.
    const int hostServes = refusedByHost ? m_hosts->refused(url) : 0;
    const bool beyondHostLimit = hostServes > 0 && m_hosts->atLimit(url);
    if (++c->failures == 1)
        c->failingSinceMs = m_clock.elapsed();
    // Others receiving while this one is refused (503/429 beyond a per-address
    // limit, resets, stalls): its range goes back to the pool at once, so it
    // never waits out a back-off while an idle connection could fetch it.
    const bool othersReceive = m_resumable && !c->probe
        && std::any_of(m_connections.begin(), m_connections.end(),
                       [c](const auto &o) { return o.get() != c && o->accepted && o->reply(); });
    const bool someoneProgressed = m_lastProgressMs > c->failingSinceMs;
    if (beyondHostLimit && othersReceive) {
        c->busy = false;
        c->retired = true;
        m_hostShort = true; // back when other downloads let theirs go (growConnections)
        log(tr("Connection %1: %2; %3 serves %n connection(s) at once: retired", nullptr, hostServes)
                .arg(c->index() + 1).arg(reason.toString(), url.host()));
        wakeIdleConnections();
        return;
    }
    if (c->failures > m_options.maxRetries) {
        const bool anotherLeft = std::any_of(m_connections.begin(), m_connections.end(), [c](const auto &o) {
            return o.get() != c && !o->retired && (o->busy || o->waitingToRetry());
        });
        if (m_resumable && !c->probe && anotherLeft && (othersReceive || someoneProgressed)) {
            // The download fails only when no connection progressed for the whole budget.
            c->busy = false;
            c->retired = true;
            log(tr("Connection %1 retired after %2 attempts (%3); the others go on").arg(c->index() + 1).arg(c->failures).arg(reason.toString()));
            wakeIdleConnections();
            return;
        }
        fail(ErrorKind::Retryable, text(QT_TR_NOOP("Gave up after %1 attempts: %2")).arg(c->failures).arg(reason));
        return;
    }
    const qint64 delay = retryAfterMs >= 0
        ? retryAfterMs
        : retryDelayMs(c->failures, m_options.retryBaseMs, m_options.retryMaxMs, QRandomGenerator::global()->generateDouble());
    log(tr("Connection %1: %2; retrying in %3 s").arg(c->index() + 1).arg(reason.toString()).arg(delay / 1000.0, 0, 'f', 1));
    // Waiting first, so that waking the idle connections does not wake this
    // one at once: that asked again without any back-off, hundreds of times
    // a second against nginx's limit_conn.
    c->retryIn(delay);
    if (othersReceive) {
        c->busy = false;
        wakeIdleConnections();
    }
}

// Connections that found nothing to do take a range that was just released.
void Download::wakeIdleConnections()
{
    if (m_phase != Phase::Transferring)
        return;
    for (const auto &o : m_connections) {
        if (!o->busy && !o->retired && !o->reply() && !o->waitingToRetry())
            assignWork(o.get());
    }
}

void Download::abortConnection(Connection *c)
{
    c->abort();
}

void Download::abortAll()
{
    for (const auto &c : m_connections) {
        c->abort();
        c->busy = false;
    }
    m_managers.clear(); // the next request leases again; meanwhile another download may use them
    if (m_globalBucket)
        m_globalBucket->release(claimant()); // nothing is read now: hold no one back
}

} // namespace ferry
