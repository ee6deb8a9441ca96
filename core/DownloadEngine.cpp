#include "core/DownloadEngine.h"

#include "core/AutomaticRetry.h"
#include "core/ControlFile.h"
#include "core/Download.h"
#include "core/HostLimits.h"
#include "core/TokenBucket.h"
#include "core/WorkerPool.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QPromise>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

DownloadEngine::DownloadEngine(const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_workers(std::make_unique<WorkerPool>(options.workerThreads))
    , m_globalBucket(std::make_shared<TokenBucket>(options.globalSpeedLimit))
    , m_hosts(std::make_shared<HostLimits>(options.hostProbeIntervalMs))
{
    qRegisterMetaType<DownloadSnapshot>();
    qRegisterMetaType<QList<DownloadSnapshot>>();
    qRegisterMetaType<DownloadId>("ferry::DownloadId");
    qRegisterMetaType<DownloadDetails>();
    m_progressTimer.setInterval(m_options.progressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &DownloadEngine::publishProgress);
    if (m_options.automaticRetry) {
        m_automaticRetry = std::make_unique<AutomaticRetry>(m_options.automaticRetryBaseMs, m_options.automaticRetryMaxMs, true);
        connect(m_automaticRetry.get(), &AutomaticRetry::retryDue, this, &DownloadEngine::onRetryDue);
    }
}

DownloadEngine::~DownloadEngine()
{
    // Downloads die on their own threads; the pool then joins the threads.
    // Whatever was not checkpointed is at most checkpointIntervalMs old, as after a crash.
    for (Entry &entry : m_entries) {
        if (entry.download) {
            entry.download->deleteLater();
            entry.download = nullptr;
        }
    }
    m_workers.reset();
}

DownloadId DownloadEngine::add(const DownloadRequest &given, bool start)
{
    DownloadRequest request = given;
    takeUrlCredentials(&request); // no secret in the shown URL, the logs or the control file
    request.mirrors = usableMirrors(request.mirrors);
    DownloadSnapshot snapshot;
    snapshot.url = request.url;
    snapshot.state = start ? DownloadState::Queued : DownloadState::Paused;
    snapshot.wanted = start;
    snapshot.added = QDateTime::currentDateTimeUtc();
    snapshot.fileName = request.fileName;
    return insert(request, snapshot);
}

DownloadId DownloadEngine::restore(const DownloadRequest &request, const DownloadSnapshot &saved)
{
    DownloadSnapshot snapshot = saved;
    snapshot.bytesPerSecond = 0;
    snapshot.etaSeconds = -1;
    snapshot.connections = 0;
    snapshot.retryAt = {};
    if (!snapshot.isFinal())
        snapshot.state = snapshot.wanted ? DownloadState::Queued : DownloadState::Paused;
    const DownloadId id = insert(request, snapshot);
    if (auto it = m_entries.find(id); it != m_entries.end() && it->snapshot.state == DownloadState::Failed) {
        scheduleAutomaticRetry(*it); // a network that was down when the app quit may be up now
        if (it->snapshot.retryAt.isValid() && m_bulkAdding)
            m_stateChangesAfterBulk.append(id); // only added() between bulkAddStarted and bulkAddFinished
        else if (it->snapshot.retryAt.isValid())
            Q_EMIT stateChanged(it->snapshot);
    }
    return id;
}

void DownloadEngine::setGid(DownloadId id, const QString &gid)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->request.gid == gid)
        return;
    it->request.gid = gid;
    Q_EMIT orderChanged(); // nothing to redraw, something to save
}

void DownloadEngine::restoreMany(const QList<DownloadRecord> &records)
{
    Q_EMIT bulkAddStarted();
    m_bulkAdding = true;
    for (const DownloadRecord &record : records)
        restore(record.request, record.snapshot);
    m_bulkAdding = false;
    Q_EMIT bulkAddFinished();
    const QList<DownloadId> changed = std::exchange(m_stateChangesAfterBulk, {});
    for (DownloadId id : changed) {
        if (const auto it = m_entries.constFind(id); it != m_entries.cend())
            Q_EMIT stateChanged(it->snapshot);
    }
}

DownloadId DownloadEngine::insert(const DownloadRequest &request, const DownloadSnapshot &snapshot)
{
    const DownloadId id = m_nextId++;
    Entry entry;
    entry.request = request;
    entry.request.connections = std::clamp(request.connections, 1, 16);
    if (entry.request.directory.isEmpty())
        entry.request.directory = QDir::currentPath();
    entry.request.directory = QDir(entry.request.directory).absolutePath();
    entry.snapshot = snapshot;
    entry.snapshot.id = id;
    if (entry.snapshot.filePath.isEmpty() && !entry.snapshot.fileName.isEmpty())
        entry.snapshot.filePath = QDir(entry.request.directory).filePath(entry.snapshot.fileName);
    m_entries.insert(id, entry);
    m_order.append(id);
    Q_EMIT added(entry.snapshot);
    // A finished download never starts: restoring a long history must not
    // walk the whole list once per record (10,000 records took seconds).
    if (!entry.snapshot.isFinal())
        schedule();
    return id;
}

void DownloadEngine::resume(DownloadId id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->snapshot.state == DownloadState::Completed)
        return;
    it->snapshot.wanted = true;
    if (m_automaticRetry)
        m_automaticRetry->forget(id); // the user retried: a later failure starts the back-off afresh
    it->snapshot.retryAt = {};
    if (!it->download && !it->stopping) {
        it->snapshot.state = DownloadState::Queued;
        it->snapshot.errorKind = ErrorKind::None;
        it->snapshot.errorMessage.clear();
        it->snapshot.error = {};
        it->snapshot.cause = FailureCause::None;
        Q_EMIT stateChanged(it->snapshot);
    }
    schedule();
}

void DownloadEngine::pause(DownloadId id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    if (it->snapshot.retryAt.isValid()) {
        // Pausing a failed download that waits for its automatic retry stops the retries.
        m_automaticRetry->forget(id);
        it->snapshot.retryAt = {};
        it->snapshot.wanted = false;
        Q_EMIT stateChanged(it->snapshot);
        return;
    }
    if (it->snapshot.isFinal())
        return;
    it->snapshot.wanted = false;
    if (it->download) {
        stopDownload(*it);
    } else if (it->snapshot.state == DownloadState::Queued) {
        it->snapshot.state = DownloadState::Paused;
        Q_EMIT stateChanged(it->snapshot);
    }
}

void DownloadEngine::remove(DownloadId id, bool deletePartialData)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    it->snapshot.wanted = false;
    it->removeWhenStopped = true;
    it->deleteDataWhenStopped = deletePartialData;
    if (it->snapshot.moving)
        return; // finishMove() removes it, from the folder its files are in then
    if (it->download) {
        stopDownload(*it);
        return;
    }
    if (deletePartialData && it->snapshot.state != DownloadState::Completed && !it->snapshot.filePath.isEmpty()) {
        const QString part = it->snapshot.filePath + u".part"_s;
        QThreadPool::globalInstance()->start([part] {
            QFile::remove(ControlFile::pathForPart(part));
            QFile::remove(part);
        });
    }
    finishRemoval(id);
}

void DownloadEngine::setLogin(DownloadId id, const QString &user, const QString &password, bool transient)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    it->request.user = user;
    it->request.password = password;
    it->request.transientLogin = transient;
    Q_EMIT orderChanged(); // the request changed: worth saving
}

void DownloadEngine::setProxy(DownloadId id, const ProxySetting &proxy)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->request.proxy == proxy)
        return;
    it->request.proxy = proxy;
    Q_EMIT orderChanged(); // the request changed: worth saving
    // Its connections hold the old proxy: stop it; still wanted, it is
    // queued again when stopped (onDownloadStopped) and starts on the new one.
    if (it->download && !it->stopping)
        stopDownload(*it);
}

void DownloadEngine::setSpeedLimit(DownloadId id, qint64 bytesPerSecond)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    it->request.speedLimit = std::max<qint64>(0, bytesPerSecond);
    Q_EMIT orderChanged(); // the request changed: worth saving
    if (it->download)
        QMetaObject::invokeMethod(it->download, [d = it->download, bytesPerSecond] { d->setSpeedLimit(bytesPerSecond); },
                                  Qt::QueuedConnection);
}

void DownloadEngine::setConnections(DownloadId id, int connections)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    it->request.connections = std::clamp(connections, 1, 16); // from the next start on
    Q_EMIT orderChanged(); // the request changed: worth saving
}

int DownloadEngine::moveTo(DownloadId id, int index)
{
    const qsizetype from = m_order.indexOf(id);
    if (from < 0)
        return -1;
    const qsizetype to = std::clamp<qsizetype>(index, 0, m_order.size() - 1);
    if (to != from) {
        m_order.move(from, to);
        Q_EMIT orderChanged();
        schedule(); // a download moved to the front may start now
    }
    return int(to);
}

void DownloadEngine::setGlobalSpeedLimit(qint64 bytesPerSecond)
{
    m_options.globalSpeedLimit = std::max<qint64>(0, bytesPerSecond);
    m_globalBucket->setRate(m_options.globalSpeedLimit);
    // Qt's buffers follow the new limit at once, or a reply would keep pulling
    // up to 4 MiB past it off the network.
    for (const Entry &entry : std::as_const(m_entries))
        if (entry.download)
            QMetaObject::invokeMethod(entry.download, &Download::refreshReadBuffers, Qt::QueuedConnection);
}

void DownloadEngine::setRetryOptions(const RetryOptions &retry)
{
    retry.applyTo(m_options);
    for (const Entry &entry : std::as_const(m_entries))
        if (entry.download)
            QMetaObject::invokeMethod(entry.download, [d = entry.download, retry] { d->setRetryOptions(retry); },
                                      Qt::QueuedConnection);
}

void DownloadEngine::setMaxActive(int count)
{
    m_options.maxActive = std::max(1, count);
    schedule();
}

QList<DownloadSnapshot> DownloadEngine::snapshots() const
{
    QList<DownloadSnapshot> list;
    list.reserve(m_order.size());
    // constFind, not value(): value() copies the whole Entry (request and snapshot) to hand
    // back one member, which doubled the cost of every RPC poll over a long list.
    for (DownloadId id : m_order)
        if (const auto it = m_entries.constFind(id); it != m_entries.cend())
            list.append(it->snapshot);
    return list;
}

DownloadSnapshot DownloadEngine::snapshot(DownloadId id) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.cend() ? it->snapshot : DownloadSnapshot();
}

DownloadRequest DownloadEngine::request(DownloadId id) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.cend() ? it->request : DownloadRequest();
}

void DownloadEngine::shutdown()
{
    m_shuttingDown = true;
    for (Entry &entry : m_entries)
        if (entry.download)
            stopDownload(entry);
    checkShutdown();
}

// Starts wanted, queued downloads while fewer than maxActive run.
void DownloadEngine::schedule()
{
    if (m_shuttingDown)
        return;
    int running = int(std::count_if(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.download; }));
    for (DownloadId id : std::as_const(m_order)) {
        if (running >= m_options.maxActive)
            break;
        Entry &entry = m_entries[id];
        if (entry.download || entry.stopping || entry.snapshot.moving || !entry.snapshot.wanted
            || entry.snapshot.state != DownloadState::Queued)
            continue;
        launch(id, entry);
        ++running;
    }
}

void DownloadEngine::launch(DownloadId id, Entry &entry)
{
    DownloadRequest request = entry.request;
    if (request.proxy.mode == ProxyMode::System) {
        // The application's setting, which may itself be System; hosts the
        // download names as direct (the RPC's no-proxy) stay direct.
        const QString ownNoProxy = request.proxy.noProxy;
        request.proxy = m_defaultProxy;
        if (!ownNoProxy.isEmpty())
            request.proxy.noProxy = request.proxy.noProxy.isEmpty() ? ownNoProxy : request.proxy.noProxy + u',' + ownNoProxy;
    }
    auto *download = new Download(request, entry.snapshot, m_options, m_globalBucket, m_hosts);
    QThread *thread = m_workers->acquire();
    download->moveToThread(thread);
    entry.download = download;
    entry.thread = thread;
    connect(download, &Download::snapshotChanged, this, &DownloadEngine::onDownloadSnapshot);
    connect(download, &Download::logMessage, this, &DownloadEngine::logMessage);
    connect(download, &Download::details, this, [this](const DownloadDetails &details) {
        if (auto it = m_entries.find(details.id); it != m_entries.end()) {
            it->etag = details.etag;
            it->lastModified = details.lastModified;
        }
        Q_EMIT this->details(details);
    });
    connect(download, &Download::stopped, this, &DownloadEngine::onDownloadStopped);
    Q_UNUSED(id);
    QMetaObject::invokeMethod(download, &Download::start, Qt::QueuedConnection);
    m_progressTimer.start();
}

void DownloadEngine::requestDetails(DownloadId id)
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.cend())
        return;
    if (it->download && !it->stopping) {
        QMetaObject::invokeMethod(it->download, [d = it->download] { d->reportDetails(); }, Qt::QueuedConnection);
        return;
    }
    const DownloadSnapshot &s = it->snapshot;
    DownloadDetails known;
    known.id = id;
    known.totalBytes = s.totalBytes;
    known.resumable = s.resumable;
    known.etag = it->etag;
    known.lastModified = it->lastModified;
    if (s.state == DownloadState::Completed || s.filePath.isEmpty()) {
        const qint64 size = s.totalBytes >= 0 ? s.totalBytes : s.receivedBytes;
        if (s.state == DownloadState::Completed && size > 0)
            known.finished = {ByteSpan{0, size}};
        QTimer::singleShot(0, this, [this, known] { Q_EMIT details(known); });
        return;
    }
    // A file read, so never on this (the GUI) thread. The job holds only the
    // promise: the watcher, a child of the engine, dies with it.
    using Result = std::optional<ControlData>;
    auto promise = std::make_shared<QPromise<Result>>();
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, known]() mutable {
        if (const Result data = watcher->future().resultCount() > 0 ? watcher->result() : Result{}) {
            known.totalBytes = data->totalBytes;
            known.resumable = data->resumable;
            known.etag = data->etag;
            known.lastModified = data->lastModified;
            known.finished = data->finished;
        }
        watcher->deleteLater();
        Q_EMIT details(known);
    });
    watcher->setFuture(promise->future());
    promise->start();
    const QString path = ControlFile::pathForPart(s.filePath + u".part"_s);
    QThreadPool::globalInstance()->start([promise, path] {
        QString error;
        promise->addResult(ControlFile::read(path, &error));
        promise->finish();
    });
}

void DownloadEngine::stopDownload(Entry &entry)
{
    if (entry.stopping || !entry.download)
        return;
    entry.stopping = true;
    const bool deleteData = entry.deleteDataWhenStopped;
    QMetaObject::invokeMethod(entry.download, [d = entry.download, deleteData] { d->stop(deleteData); },
                              Qt::QueuedConnection);
}

void DownloadEngine::releaseDownload(Entry &entry)
{
    if (!entry.download)
        return;
    entry.download->deleteLater(); // on its own thread
    entry.download = nullptr;
    m_workers->release(entry.thread);
    entry.thread = nullptr;
}

void DownloadEngine::onDownloadSnapshot(const DownloadSnapshot &snapshot, bool stateChange)
{
    auto it = m_entries.find(snapshot.id);
    if (it == m_entries.end())
        return;
    const bool wanted = it->snapshot.wanted;
    it->snapshot = snapshot;
    it->snapshot.wanted = wanted; // the engine keeps the user's intent; the download reports the state
    if (stateChange) {
        m_pendingProgress.remove(snapshot.id);
        if (snapshot.state == DownloadState::Failed && !it->stopping && moveToNextLink(snapshot.id, *it))
            return; // a mirror goes on: not a failure of the download (core/DownloadLinks.cpp)
        if (snapshot.state == DownloadState::Failed && !it->stopping)
            scheduleAutomaticRetry(*it);
        else if (snapshot.state == DownloadState::Completed && m_automaticRetry)
            m_automaticRetry->forget(snapshot.id);
        Q_EMIT stateChanged(it->snapshot);
    } else {
        m_pendingProgress.insert(snapshot.id, it->snapshot);
    }
    if (snapshot.isFinal() && it->download && !it->stopping) {
        releaseDownload(*it);
        if (it->removeWhenStopped)
            finishRemoval(snapshot.id);
        schedule();
    }
}

void DownloadEngine::onDownloadStopped(DownloadId id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    releaseDownload(*it);
    it->stopping = false;
    if (it->removeWhenStopped) {
        finishRemoval(id);
    } else {
        if (it->snapshot.wanted && !m_shuttingDown && !it->snapshot.isFinal()) {
            it->snapshot.state = DownloadState::Queued; // resumed while it was stopping, or paused for a move
            Q_EMIT stateChanged(it->snapshot);
        }
        if (!it->moveWhenStopped.isEmpty())
            startMove(id, *it, std::exchange(it->moveWhenStopped, {}));
    }
    schedule();
    checkShutdown();
}

void DownloadEngine::publishProgress()
{
    if (!m_pendingProgress.isEmpty()) {
        QList<DownloadSnapshot> changed;
        changed.reserve(m_pendingProgress.size());
        for (DownloadId id : std::as_const(m_order))
            if (auto it = m_pendingProgress.constFind(id); it != m_pendingProgress.cend())
                changed.append(*it);
        m_pendingProgress.clear();
        Q_EMIT progress(changed);
    }
    if (std::none_of(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.download; }))
        m_progressTimer.stop();
}

void DownloadEngine::finishRemoval(DownloadId id)
{
    if (m_automaticRetry)
        m_automaticRetry->forget(id);
    if (!m_entries.remove(id))
        return;
    m_order.removeOne(id);
    m_pendingProgress.remove(id);
    Q_EMIT removed(id);
}

void DownloadEngine::checkShutdown()
{
    if (!m_shuttingDown)
        return;
    // A move in flight finishes first: the session written then names the new folder.
    if (std::any_of(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.download || e.snapshot.moving; }))
        return;
    QMetaObject::invokeMethod(this, &DownloadEngine::shutdownFinished, Qt::QueuedConnection);
}

// A Retryable failure of a download the user still wants is tried again
// later; the snapshot says when (DownloadSnapshot::retryAt).
void DownloadEngine::scheduleAutomaticRetry(Entry &entry)
{
    if (!m_automaticRetry)
        return;
    if (m_shuttingDown || entry.removeWhenStopped || !entry.snapshot.wanted || entry.snapshot.errorKind != ErrorKind::Retryable) {
        m_automaticRetry->forget(entry.snapshot.id); // e.g. a retry that ended in a 404: the user must act
        return;
    }
    entry.snapshot.retryAt = m_automaticRetry->failed(entry.snapshot.id);
}

void DownloadEngine::onRetryDue(DownloadId id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->download || it->stopping || it->snapshot.state != DownloadState::Failed
        || !it->snapshot.wanted) {
        if (m_automaticRetry)
            m_automaticRetry->forget(id);
        return;
    }
    Q_EMIT logMessage(id, tr("Trying again after: %1").arg(it->snapshot.errorMessage));
    it->snapshot.state = DownloadState::Queued;
    it->snapshot.errorKind = ErrorKind::None;
    it->snapshot.errorMessage.clear();
    it->snapshot.error = {};
    it->snapshot.retryAt = {};
    Q_EMIT stateChanged(it->snapshot);
    schedule();
}

} // namespace ferry
