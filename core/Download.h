// One download: its connections, its .part file and its control file. Lives on
// a network worker thread; the engine reaches it only through queued calls and
// hears from it only through signals carrying value types.
//
// The rules it keeps (DESIGN "A download's life", CONFORMANCE "Client"):
// data is written only from a 206 whose Content-Range starts at the offset
// asked for and whose total is the known total (or from the body of the first
// 200 of a non-resumable download); the control file claims only data that
// was flushed to disk first; a changed file restarts from zero.
#pragma once

//
// Its parts: PartFile (the .part on disk), Checkpointer (flush + control
// file), ResponseCheck (what a response means), SegmentPlanner (who fetches
// which bytes), Connection (one reply and its timers). Download itself is the
// state machine that ties them together.
#include "core/ByteSpan.h"
#include "core/Checkpointer.h"
#include "core/DownloadDetails.h"
#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"
#include "core/DownloadEngine.h"
#include "core/PartFile.h"
#include "core/RateMeter.h"
#include "core/ResponseCheck.h"
#include "core/SegmentMap.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace ferry {

class Connection;
class DownloadNetwork;
class HostLimits;
class TokenBucket;
struct ControlData;

class Download final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Download)

public:
    Download(const DownloadRequest &request, const DownloadSnapshot &snapshot, const EngineOptions &options,
             std::shared_ptr<TokenBucket> globalBucket, std::shared_ptr<HostLimits> hosts);
    ~Download() override;

    // Queued calls from the engine.
    void start();
    void stop(bool deletePartialData); // pause or remove; emits stopped() when all is written
    void setSpeedLimit(qint64 bytesPerSecond);
    void setRetryOptions(const RetryOptions &retry); // read at each connection's next failure
    void refreshReadBuffers(); // the global limit changed: resize what Qt may buffer per reply
    void setUrl(const QUrl &url);
    void setChecksum(const ChecksumSpec &checksum) { m_request.checksum = checksum; } // read when it ends
    void reportDetails(); // emits details() with what is true now

Q_SIGNALS:
    void snapshotChanged(const ferry::DownloadSnapshot &snapshot, bool stateChange);
    void logMessage(ferry::DownloadId id, const QString &message);
    void stopped(ferry::DownloadId id);
    void details(const ferry::DownloadDetails &details);

private:
    enum class Phase { Idle, Probing, Transferring, Restarting, Finishing, Stopping, Done };
    static constexpr qint64 kUnbounded = std::numeric_limits<qint64>::max(); // the end of a span of unknown length

    // Starting
    void beginFresh();
    void forgetTransfer(); // size, validators, what is on disk: all unknown again
    bool tryResumeFromControlFile();
    bool adoptControlData(const ControlData &data, const QString &controlPath);
    void startTransfers();

    // Connections
    Connection *addConnection(ByteSpan span);
    void sendRequest(Connection *c, const QUrl &redirectedTo = {});
    bool followRedirect(Connection *c);
    void onHeaders(Connection *c);
    bool acceptProbeResponse(Connection *c, const ResponseVerdict &verdict);
    bool acceptRangeResponse(Connection *c, const ResponseVerdict &verdict);
    void onReadyRead(Connection *c);
    void drainRedirect(Connection *c);
    bool verifyOverlap(Connection *c, qint64 n);
    void onFinished(Connection *c);
    void onConnectionDone(Connection *c);
    // refusedByHost: a 503, 429 or refused connection, remembered in m_hosts.
    void connectionFailed(Connection *c, const TranslatableText &reason, qint64 retryAfterMs = -1, bool refusedByHost = false);
    int plannedConnections(const QUrl &url, int mine);
    void growConnections();
    void abortConnection(Connection *c);
    void wakeIdleConnections();
    void abortAll();
    bool assignWork(Connection *c);
    qint64 readBufferSize() const;

    // Files
    bool openPartFile(bool truncate);
    bool failPartFile();
    void chooseFileName(const QString &suggested);
    ControlData controlData() const;
    void releaseClaimedName(); // the name chosen here is free for this process's other downloads again
    void checkpoint(std::function<void()> then = {});
    void restartFromZero(const QString &reason);
    void finishDownload();
    void finalize();
    void deletePartialFiles();

    // State
    void setState(DownloadState state);
    // cause None = derived from kind (Fatal → FileError, Retryable → Network, NeedsUser → HttpStatus).
    // `message` stays translatable (shown in the language of the moment it is read).
    void fail(ErrorKind kind, const TranslatableText &message, FailureCause cause = FailureCause::None);
    // A message of this class for fail() and connectionFailed(): text(QT_TR_NOOP("…")).
    static TranslatableText text(const char *source) { return {"ferry::Download", source}; }
    void publish(bool stateChange);
    void log(const QString &message);
    qint64 receivedBytes() const;
    QNetworkAccessManager *accessManagerFor(int connectionIndex);
    quintptr claimant() const { return quintptr(m_snap.id); } // in the global bucket's fair share

    DownloadRequest m_request; // fixed but for its checksum (setChecksum)
    DownloadSnapshot m_snap;
    EngineOptions m_options; // fixed but for the retry knobs (setRetryOptions)
    std::shared_ptr<TokenBucket> m_globalBucket;
    std::unique_ptr<TokenBucket> m_bucket;
    std::shared_ptr<HostLimits> m_hosts; // shared by the engine's downloads

    Phase m_phase = Phase::Idle;
    QUrl m_url;                    // what this run asks first (a fresh link replaces it)
    QUrl m_sessionUrl;             // where the first answer of this run came from (after redirects)
    bool m_contacted = false;      // the server answered at least once in this run
    bool m_resumable = false;
    qint64 m_total = -1;
    QByteArray m_etag;             // strong ETag, quotes included, or empty
    QByteArray m_lastModified;
    SegmentMap m_map;              // for resumable downloads of known size
    qint64 m_streamed = 0;         // bytes written by a non-resumable single stream
    int m_restarts = 0;
    qint64 m_lastProgressMs = -1;  // m_clock time of the last byte written by any connection
    bool m_hostShort = false;      // fewer connections than asked because of the host's cap (growConnections)

    QString m_directory;
    QString m_fileName;
    QString m_claimedPath;         // a name chosen here, claimed against this process's other downloads
    PartFile m_file;

    std::unique_ptr<DownloadNetwork> m_network;
    // Leased from this thread's AccessManagerPool, by connection index; given
    // back when nothing is requested (abortAll). Before the connections: their
    // replies are the managers' children.
    std::vector<std::shared_ptr<QNetworkAccessManager>> m_managers;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QByteArray m_readBuffer;

    QTimer m_progressTimer;
    QTimer m_checkpointTimer;
    RateMeter m_rate;
    QElapsedTimer m_clock;
    bool m_deleteOnStop = false;
    std::shared_ptr<std::atomic_bool> m_hashCancel; // the running checksum's; set by a stop or a failure
    Checkpointer m_checkpointer;   // last: its jobs report back only while it lives
};

} // namespace ferry
