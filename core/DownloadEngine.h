// The download engine's façade. Lives on the thread that creates it (the GUI
// thread in the window, the main thread in `ferry get`) and never blocks it:
// every Download runs on a network worker thread, checksums and checkpoints
// run on QThreadPool. Everything that crosses a thread is a value type.
#pragma once

#include "core/DownloadDetails.h"
#include "core/DownloadRecord.h"
#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"
#include "core/RetryOptions.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

class QThread;

namespace ferry {

class AutomaticRetry;
class Download;
class HostLimits;
class TokenBucket;
class WorkerPool;

struct EngineOptions {
    int maxActive = 3;                  // downloads running at once
    int workerThreads = 2;              // network threads, each with its own QNetworkAccessManager
    qint64 globalSpeedLimit = 0;        // bytes/s for all downloads together, 0 = unlimited
    int maxRetries = 5;                 // consecutive failed attempts per connection before the download fails
    int retryBaseMs = 1000;             // first back-off; doubles up to retryMaxMs, with jitter
    int retryMaxMs = 60000;
    int stallTimeoutMs = 30000;         // a connection that receives nothing this long is dropped and retried
    int checkpointIntervalMs = 500;     // how often received data is flushed and recorded in the control file
    qint64 minSplitBytes = 1 << 20;     // no segment smaller than this is split off
    // A host that refused a connection beyond what it served at once is
    // given that many by later downloads; after this long, one more (core/HostLimits).
    qint64 hostProbeIntervalMs = 60 * 1000;
    int progressIntervalMs = 250;       // at most 4 batched progress updates a second
    // Failures that heal (core/AutomaticRetry): a Retryable failure is tried
    // again on its own. On in the window and the daemon; off for `ferry get`.
    bool automaticRetry = false;
    int automaticRetryBaseMs = 30 * 1000; // doubling up to automaticRetryMaxMs
    int automaticRetryMaxMs = 15 * 60 * 1000;
    // For tests: called on the download's thread just before a restart from
    // zero truncates the .part (its path), to check what is on disk then.
    std::function<void(const QString &partPath)> beforeRestartTruncate;
};

class DownloadEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadEngine)

public:
    explicit DownloadEngine(const EngineOptions &options = {}, QObject *parent = nullptr);
    ~DownloadEngine() override;

    const EngineOptions &options() const { return m_options; }

    // Adds a download. With start == false it is added Paused (wanted == false).
    // An invalid URL is accepted and fails at once with a clear message, so
    // callers have one place to report errors.
    DownloadId add(const DownloadRequest &request, bool start = true);
    // Re-adds a download from a saved session: Completed and Failed stay as
    // they were; unfinished ones resume from their control files when wanted.
    DownloadId restore(const DownloadRequest &request, const DownloadSnapshot &saved);
    // restore() for each, between bulkAddStarted() and bulkAddFinished(): a
    // list may turn a slice of a long history into one row insertion instead
    // of one per download (the window's status line walks every row per insertion).
    void restoreMany(const QList<DownloadRecord> &records);

    void resume(DownloadId id);   // also "retry" for a Failed download
    void pause(DownloadId id);
    void remove(DownloadId id, bool deletePartialData = true); // cancel = remove with data
    void setUrl(DownloadId id, const QUrl &url); // a fresh link for a NeedsUser failure ("Change link")
    // The further links to try when the current one fails (request().mirrors),
    // in order; anything but a valid http(s) link is left out.
    void setMirrors(DownloadId id, const QList<QUrl> &mirrors);
    // The links of mirrors a download can use: valid http(s) with a host, no
    // login in them (a download's login is its first link's host's).
    static QList<QUrl> usableMirrors(const QList<QUrl> &mirrors);
    static bool isUsableLink(const QUrl &url);
    // A login for the download's own host (the window's answer to a 401); used
    // from the next start on, kept like --user (never in the URL).
    void setLogin(DownloadId id, const QString &user, const QString &password, bool transient = false);
    // The proxy of every download whose request says ProxyMode::System (the
    // default): the window's Settings → Network. System here means the
    // *_proxy variables, else the desktop's proxy. Used from each next start.
    void setDefaultProxy(const ProxySetting &proxy) { m_defaultProxy = proxy; }
    const ProxySetting &defaultProxy() const { return m_defaultProxy; }
    // The download's own proxy (the RPC's changeOption all-proxy): a running
    // download restarts on it, keeping its data; else from its next start.
    void setProxy(DownloadId id, const ProxySetting &proxy);
    void setSpeedLimit(DownloadId id, qint64 bytesPerSecond);
    void setConnections(DownloadId id, int connections); // 1..16, used from the next start
    // The checksum verified when the download ends (empty: none); a running
    // download takes it at once. Not for a completed download.
    void setChecksum(DownloadId id, const ChecksumSpec &checksum);
    // Makes `directory` the download's folder and moves its files there on the
    // thread pool (core/FileMove: all or nothing, across file systems too, a
    // name in the new folder never overwritten): a completed download's file,
    // an unfinished one's .part and control file. A running download is
    // paused for the move and goes on after it; one being verified is
    // refused. Answers with directoryChanged() (error empty: moved).
    void setDirectory(DownloadId id, const QString &directory);
    void setGid(DownloadId id, const QString &gid);      // request().gid, saved with the session
    // Moves a download to `index` in snapshots() order (clamped); returns where
    // it landed, -1 for an unknown id. Queued downloads start in this order.
    int moveTo(DownloadId id, int index);
    void setGlobalSpeedLimit(qint64 bytesPerSecond);
    void setMaxActive(int count);
    // Tries, the wait between them and the stall timeout: for the downloads
    // that start from now on, and for each running one from its next failure
    // (a wait already begun runs out as it was).
    void setRetryOptions(const RetryOptions &retry);

    QList<DownloadSnapshot> snapshots() const; // in the order added
    DownloadSnapshot snapshot(DownloadId id) const;
    DownloadRequest request(DownloadId id) const;
    bool contains(DownloadId id) const { return m_entries.contains(id); }
    // Answers with details() soon, never at once: from the running download
    // on its thread, else from its control file read on the thread pool (a
    // completed download: all of it, with the validators seen in this run).
    void requestDetails(DownloadId id);

    // Pauses everything (keeping each download's intent), writes every control
    // file, then emits shutdownFinished(). Call before quitting.
    void shutdown();

Q_SIGNALS:
    void added(const ferry::DownloadSnapshot &snapshot);
    void bulkAddStarted();  // added() follows once per download, nothing else in between
    void bulkAddFinished();
    void progress(const QList<ferry::DownloadSnapshot> &changed); // batched, at most every progressIntervalMs
    void stateChanged(const ferry::DownloadSnapshot &snapshot);  // at once on every state change
    void removed(ferry::DownloadId id);
    void orderChanged(); // moveTo() or a changed request: nothing to redraw, something to save
    void logMessage(ferry::DownloadId id, const QString &message);
    void details(const ferry::DownloadDetails &details); // an answer to requestDetails()
    void directoryChanged(ferry::DownloadId id, const QString &error); // an answer to setDirectory()
    void shutdownFinished();

private:
    struct Entry {
        DownloadRequest request;
        DownloadSnapshot snapshot;
        Download *download = nullptr; // lives on a worker thread; reached only by queued calls
        QThread *thread = nullptr;
        bool stopping = false;         // a pause/remove is on its way to the worker
        bool removeWhenStopped = false;
        bool deleteDataWhenStopped = false;
        QByteArray etag, lastModified; // from the last details() of this run
        QString moveWhenStopped;       // setDirectory() on a running download: the folder to move to
    };

    DownloadId insert(const DownloadRequest &request, const DownloadSnapshot &snapshot);
    void schedule();
    void launch(DownloadId id, Entry &entry);
    void stopDownload(Entry &entry);
    void releaseDownload(Entry &entry);
    void onDownloadSnapshot(const DownloadSnapshot &snapshot, bool stateChange);
    void onDownloadStopped(DownloadId id);
    void publishProgress();
    void finishRemoval(DownloadId id);
    void checkShutdown();
    void onRetryDue(DownloadId id);
    void startMove(DownloadId id, Entry &entry, const QString &directory); // core/DownloadMove.cpp
    void finishMove(DownloadId id, const QString &directory, const QString &error);
    void scheduleAutomaticRetry(Entry &entry);
    bool moveToNextLink(DownloadId id, Entry &entry); // core/DownloadLinks.cpp

    EngineOptions m_options;
    std::unique_ptr<WorkerPool> m_workers;
    std::shared_ptr<TokenBucket> m_globalBucket;
    std::shared_ptr<HostLimits> m_hosts; // what each host accepted, for the engine's life
    std::unique_ptr<AutomaticRetry> m_automaticRetry; // null unless options.automaticRetry
    QHash<DownloadId, Entry> m_entries;
    ProxySetting m_defaultProxy;
    QList<DownloadId> m_order;
    QHash<DownloadId, DownloadSnapshot> m_pendingProgress;
    QTimer m_progressTimer;
    DownloadId m_nextId = 1;
    bool m_shuttingDown = false;
    bool m_bulkAdding = false;
    QList<DownloadId> m_stateChangesAfterBulk;
};

} // namespace ferry
