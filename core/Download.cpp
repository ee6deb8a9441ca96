// A download's lifecycle: start, the probe that learns size and name,
// restarts, stop and failure, progress. Its connections are in
// DownloadConnections.cpp, its files (resume from the control file, the
// name, the .part) in DownloadFiles.cpp, its last steps (checksum, rename)
// in DownloadFinish.cpp.
#include "core/Download.h"

#include "core/DownloadNetwork.h"

#include "core/Connection.h"
#include "core/ContentDisposition.h"
#include "core/ControlFile.h"
#include "core/ControlFileIndex.h"
#include "core/DataSize.h"
#include "core/FileNames.h"
#include "core/HostLimits.h"
#include "core/TokenBucket.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkReply>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr qint64 kReadChunk = 256 * 1024;          // one read/pwrite
constexpr int kMaxRestarts = 3;                     // then fall back to one plain stream
} // namespace

Download::Download(const DownloadRequest &request, const DownloadSnapshot &snapshot, const EngineOptions &options,
                   std::shared_ptr<TokenBucket> globalBucket, std::shared_ptr<HostLimits> hosts)
    : m_request(request)
    , m_snap(snapshot)
    , m_options(options)
    , m_globalBucket(std::move(globalBucket))
    , m_bucket(std::make_unique<TokenBucket>(request.speedLimit))
    , m_hosts(hosts ? std::move(hosts) : std::make_shared<HostLimits>(options.hostProbeIntervalMs))
    , m_url(snapshot.url.isValid() ? snapshot.url : request.url)
    , m_progressTimer(this)
    , m_checkpointTimer(this)
    , m_checkpointer(m_file, [this] { return controlData(); }, [this](const QString &message) { log(message); }, this)
{
    m_network = std::make_unique<DownloadNetwork>(request, this); // a child: moves to the worker thread with it
    m_directory = request.directory.isEmpty() ? QDir::currentPath() : QDir(request.directory).absolutePath();
    m_fileName = !snapshot.fileName.isEmpty() ? snapshot.fileName : request.fileName;
    m_readBuffer.resize(kReadChunk);
    m_progressTimer.setInterval(m_options.progressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] {
        growConnections();
        publish(false);
    });
    m_checkpointTimer.setInterval(m_options.checkpointIntervalMs);
    connect(&m_checkpointTimer, &QTimer::timeout, this, [this] { checkpoint(); });
}

Download::~Download()
{
    if (m_hashCancel)
        *m_hashCancel = true; // an engine torn down mid-checksum: the pool thread stops too
    abortAll();
    releaseClaimedName();
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
    m_snap.error = {};
    m_snap.cause = FailureCause::None;
    const QString scheme = m_url.scheme().toLower();
    if (!m_url.isValid() || (scheme != u"http" && scheme != u"https") || m_url.host().isEmpty()) {
        m_phase = Phase::Done;
        fail(ErrorKind::Fatal, text(QT_TR_NOOP("Not a valid http or https URL")), FailureCause::BadUrl);
        return;
    }
    if (const TranslatableText problem = m_network->proxyProblem(m_url); !problem.isEmpty()) {
        m_phase = Phase::Done;
        fail(ErrorKind::NeedsUser, problem);
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

void Download::forgetTransfer()
{
    m_resumable = false;
    m_total = -1;
    m_etag.clear();
    m_lastModified.clear();
    m_map.reset(0);
    m_streamed = 0;
    m_sessionUrl.clear();
}

void Download::beginFresh()
{
    m_phase = Phase::Probing;
    forgetTransfer();
    Connection *c = addConnection({0, kUnbounded});
    c->probe = true;
    sendRequest(c);
}

// The connections asked for (-x), or what the host served at once when it
// last refused one more (core/HostLimits: the cap is not rediscovered with
// refused requests; a probe of one more after a while).
int Download::plannedConnections(const QUrl &url, int mine)
{
    const int wanted = std::clamp(m_request.connections, 1, 16);
    const int planned = m_hosts->connectionsFor(url, wanted, mine);
    if (planned < wanted && m_hosts->known(url)) {
        m_hostShort = true;
        const auto known = m_hosts->known(url);
        log(tr("%1 served %n connection(s) at once and refused more: starting with %2", nullptr, known ? known->connections : planned)
                .arg(url.host()).arg(planned));
    }
    return planned;
}

// A download that opened fewer connections than asked because other
// downloads held the host's remembered number (or retired some at it) takes
// them back when those let theirs go: checked on the progress tick, from
// HostLimits' count over all downloads. Never the probe of one more: that is
// asked by a starting download, not by every running one at once.
void Download::growConnections()
{
    if (!m_hostShort || m_phase != Phase::Transferring || !m_resumable || m_map.isComplete())
        return;
    const QUrl url = m_sessionUrl.isValid() ? m_sessionUrl : m_url;
    int live = 0;
    int mine = 0;
    for (const auto &c : m_connections) {
        if (c->hostSlot)
            ++mine;
        if (!c->retired && (c->busy || c->reply() || c->waitingToRetry()))
            ++live;
    }
    const int wanted = std::clamp(m_request.connections, 1, 16);
    const int allowed = m_hosts->connectionsFor(url, wanted, mine, false);
    for (int added = 0; live + added < allowed; ++added) {
        Connection *c = addConnection({0, 0});
        c->busy = false; // assignWork gives it a range, if one is worth splitting off
        if (!assignWork(c))
            return;
        log(tr("%1 serves more connections now: connection %2 added").arg(url.host()).arg(c->index() + 1));
    }
}

void Download::startTransfers()
{
    const int connections = plannedConnections(m_sessionUrl.isValid() ? m_sessionUrl : m_url, 0);
    const QList<ByteSpan> plan = SegmentMap::plan(m_map.missing(), connections, m_options.minSplitBytes);
    const int count = std::min<int>(int(plan.size()), connections);
    for (int i = 0; i < count; ++i)
        sendRequest(addConnection(plan.at(i)));
}

// ---------------------------------------------------------------------------
// Answers that start or restart the data

bool Download::acceptProbeResponse(Connection *c, const ResponseVerdict &verdict)
{
    QNetworkReply *reply = c->reply();
    m_resumable = verdict.resumable;
    m_total = verdict.total;
    m_etag = strongETag(reply->rawHeader("ETag"));
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
        const int connections = plannedConnections(m_sessionUrl, 1);
        const QList<ByteSpan> plan = SegmentMap::plan({{0, m_total}}, connections, m_options.minSplitBytes);
        c->span = plan.first();
        for (int i = 1; i < std::min<int>(int(plan.size()), connections); ++i)
            sendRequest(addConnection(plan.at(i)));
    }
    m_checkpointer.markDirty();
    // The control file exists from the first byte, so a crash can always
    // resume — except for a small file (one segment), which is most likely
    // whole before the first timed checkpoint: a crash restarts it from zero,
    // which costs less than the syncs of a control file per file (a list of
    // a thousand small files, docs/engine.md).
    if (m_total < 0 || m_total > m_options.minSplitBytes)
        checkpoint();
    publish(false);
    return true;
}

bool Download::acceptRangeResponse(Connection *c, const ResponseVerdict &verdict)
{
    if (!m_resumable) {
        // A plain stream starts again from the first byte, and this answer is
        // the file now: its length and validators, never the earlier one's
        // (the file may have changed between the two).
        if (!m_file.truncate(0)) {
            fail(ErrorKind::Fatal, text(QT_TR_NOOP("Cannot truncate %1")).arg(QDir::toNativeSeparators(m_file.path())));
            return false;
        }
        m_total = verdict.total;
        m_snap.totalBytes = m_total;
        m_etag = strongETag(c->reply()->rawHeader("ETag"));
        m_lastModified = c->reply()->rawHeader("Last-Modified").trimmed();
        m_streamed = 0;
        c->pos = 0;
        c->span = {0, m_total >= 0 ? m_total : kUnbounded};
        c->accepted = true;
        m_checkpointer.markDirty();
        return true;
    }
    if (!m_sessionUrl.isValid()) {
        m_sessionUrl = c->reply()->url();
        m_snap.finalUrl = m_sessionUrl;
    }
    c->accepted = true;
    return true;
}

void Download::checkpoint(std::function<void()> then)
{
    m_checkpointer.checkpoint(std::move(then));
}

void Download::restartFromZero(const QString &reason)
{
    log(reason);
    abortAll();
    if (++m_restarts > kMaxRestarts) {
        fail(ErrorKind::Retryable, text(QT_TR_NOOP("The file keeps changing on the server")));
        return;
    }
    // The control file is voided on disk before the .part is cut: a crash
    // in between must never leave claims over a truncated (and then
    // reserved, i.e. zeroed) file. Nothing is recorded meanwhile: the
    // transfer is forgotten first.
    forgetTransfer();
    m_phase = Phase::Restarting;
    m_checkpointer.voidControlFile([this] {
        if (m_phase != Phase::Restarting)
            return; // stopped or failed meanwhile: the data stays, unclaimed
        if (m_options.beforeRestartTruncate)
            m_options.beforeRestartTruncate(m_file.path());
        m_file.truncate(0);
        m_url = m_snap.url.isValid() ? m_snap.url : m_request.url;
        beginFresh();
    });
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
    if (m_hashCancel)
        *m_hashCancel = true; // a checksum in flight stops within a chunk; the stop waits for it
    abortAll();
    m_progressTimer.stop();
    m_checkpointTimer.stop();
    if (before == Phase::Transferring || before == Phase::Finishing)
        m_checkpointer.markDirty();
    checkpoint([this, before] {
        if (m_deleteOnStop && m_snap.state != DownloadState::Completed)
            deletePartialFiles();
        m_file.close();
        if (before != Phase::Done && m_snap.state != DownloadState::Completed && m_snap.state != DownloadState::Failed)
            setState(DownloadState::Paused);
        Q_EMIT stopped(m_snap.id);
    });
}

void Download::setRetryOptions(const RetryOptions &retry)
{
    retry.applyTo(m_options);
    for (const auto &c : m_connections)
        c->setStallTimeout(m_options.stallTimeoutMs);
}

void Download::setSpeedLimit(qint64 bytesPerSecond)
{
    m_bucket->setRate(bytesPerSecond);
    refreshReadBuffers();
}

void Download::setUrl(const QUrl &url)
{
    m_url = url;
    m_snap.url = url;
}

// ---------------------------------------------------------------------------
// State

void Download::fail(ErrorKind kind, const TranslatableText &message, FailureCause cause)
{
    if (cause == FailureCause::None)
        cause = kind == ErrorKind::Fatal ? FailureCause::FileError
              : kind == ErrorKind::Retryable ? FailureCause::Network
                                             : FailureCause::HttpStatus;
    m_snap.cause = cause;
    abortAll();
    m_progressTimer.stop();
    m_checkpointTimer.stop();
    m_phase = Phase::Done;
    m_snap.errorKind = kind;
    m_snap.error = message;
    m_snap.errorMessage = message.toString();
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
                                           [](const auto &c) { return c->accepted && c->reply(); }));
    Q_EMIT snapshotChanged(m_snap, stateChange);
}

void Download::reportDetails()
{
    DownloadDetails d;
    d.id = m_snap.id;
    d.running = true;
    d.totalBytes = m_total;
    d.resumable = m_resumable;
    d.etag = m_etag;
    d.lastModified = m_lastModified;
    d.restarts = m_restarts;
    if (m_resumable)
        d.finished = m_map.finished();
    else if (m_streamed > 0)
        d.finished = {ByteSpan{0, m_streamed}};
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    for (const auto &c : m_connections) {
        if (!c->busy)
            continue;
        d.connections.append({c->index(), c->span, c->pos, c->accepted && c->reply(), c->waitingToRetry(),
                              c->failures, c->rate.bytesPerSecond(now)});
    }
    Q_EMIT details(d);
}

void Download::log(const QString &message)
{
    Q_EMIT logMessage(m_snap.id, message);
}

} // namespace ferry
