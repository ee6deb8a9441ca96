// MisbehavingServer's state, seen by the test's thread and the server's:
// files, behaviours, redirects and logins, the request log, the per-address
// connection limit — behind one mutex — and the plan of one answer made
// from it. Private to the server's two source files: MisbehavingServer.cpp
// (the listener and its connections: sockets, keep-alive, pacing) and
// MisbehavingServerPlan.cpp (what to answer a request).
#pragma once

#include "tests/support/AccessRule.h"
#include "tests/support/MisbehavingServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <atomic>

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

    // A new version of the file: a new ETag and Last-Modified. Under the mutex.
    void setFileLocked(const QByteArray &path, const QByteArray &data);

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

    // The answer to one request (MisbehavingServerPlan.cpp); `refused`: over
    // the connection limit.
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

} // namespace ferry::test
