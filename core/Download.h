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

#include "core/ByteSpan.h"
#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"
#include "core/DownloadEngine.h"
#include "core/RateMeter.h"
#include "core/SegmentMap.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace ferry {

class TokenBucket;
struct ControlData;

class Download final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Download)

public:
    Download(const DownloadRequest &request, const DownloadSnapshot &snapshot, const EngineOptions &options,
             std::shared_ptr<TokenBucket> globalBucket);
    ~Download() override;

    // Queued calls from the engine.
    void start();
    void stop(bool deletePartialData); // pause or remove; emits stopped() when all is written
    void setSpeedLimit(qint64 bytesPerSecond);
    void setUrl(const QUrl &url);

Q_SIGNALS:
    void snapshotChanged(const ferry::DownloadSnapshot &snapshot, bool stateChange);
    void logMessage(ferry::DownloadId id, const QString &message);
    void stopped(ferry::DownloadId id);

private:
    struct Connection;
    struct JobGate;
    static void postBack(const std::shared_ptr<JobGate> &gate, std::function<void()> fn);
    enum class Phase { Idle, Probing, Transferring, Finishing, Stopping, Done };

    // Starting
    void beginFresh();
    bool tryResumeFromControlFile();
    bool adoptControlData(const ControlData &data, const QString &controlPath);
    void startTransfers();

    // Connections
    Connection *addConnection(ByteSpan span);
    void sendRequest(Connection *c);
    void onHeaders(Connection *c);
    bool acceptProbeResponse(Connection *c, int status);
    bool acceptRangeResponse(Connection *c, int status);
    void onReadyRead(Connection *c);
    void onFinished(Connection *c);
    void onConnectionDone(Connection *c);
    void connectionFailed(Connection *c, const QString &reason, qint64 retryAfterMs = -1);
    void scheduleRetry(Connection *c, qint64 delayMs);
    void abortConnection(Connection *c);
    void abortAll();
    bool assignWork(Connection *c);
    QList<ByteSpan> unassignedSpans() const;
    void httpError(Connection *c, int status);

    // Files
    bool openPartFile(bool truncate);
    bool openAndLockPartFile();
    bool writeAt(qint64 offset, const char *data, qint64 size);
    void chooseFileName(const QString &suggested);
    ControlData controlData() const;
    void checkpoint(std::function<void()> then = {});
    void restartFromZero(const QString &reason);
    void finishDownload();
    void finalize();
    bool moveIntoPlace(QString *error);
    void deletePartialFiles();

    // State
    void setState(DownloadState state);
    void fail(ErrorKind kind, const QString &message);
    void publish(bool stateChange);
    void log(const QString &message);
    qint64 receivedBytes() const;
    QNetworkAccessManager *accessManagerFor(int connectionIndex);

    const DownloadRequest m_request;
    DownloadSnapshot m_snap;
    const EngineOptions m_options;
    std::shared_ptr<TokenBucket> m_globalBucket;
    std::unique_ptr<TokenBucket> m_bucket;

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

    QString m_directory;
    QString m_fileName;
    QString m_partPath;
    QString m_controlPath;
    QFile m_file;

    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    QByteArray m_readBuffer;

    QTimer m_progressTimer;
    QTimer m_checkpointTimer;
    bool m_dirty = false;
    qint64 m_unflushedBytes = 0; // written since write-back was last started
    int m_jobsInFlight = 0;        // checkpoints and checksums running on QThreadPool
    std::vector<std::function<void()>> m_afterJobs;
    RateMeter m_rate;
    QElapsedTimer m_clock;
    bool m_deleteOnStop = false;
    std::shared_ptr<JobGate> m_gate; // last: pool jobs hold it past this object's life
};

} // namespace ferry
