// What the window's Details panel shows of one download beyond its snapshot:
// the validators its data belongs to, which bytes are on disk and what each
// connection is doing. Asked for (DownloadEngine::requestDetails), never
// pushed: only the selected download pays for it. A value copied across threads.
#pragma once

#include "core/ByteSpan.h"
#include "core/DownloadState.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

namespace ferry {

struct ConnectionDetails {
    int index = 0;            // 0-based, as the log's "Connection N" (N = index + 1)
    ByteSpan span;            // the bytes it is responsible for
    qint64 pos = 0;           // next byte it writes: [span.begin, pos) is done
    bool receiving = false;   // its response was accepted and is being read
    bool waitingToRetry = false;
    int failures = 0;         // consecutive attempts without progress
    double bytesPerSecond = 0;
};

struct DownloadDetails {
    DownloadId id = 0;
    bool running = false;          // from the running download; else from its control file, or
                                   // the last report of this run (validators of a completed download)
    qint64 totalBytes = -1;        // -1 while unknown
    bool resumable = false;
    QByteArray etag;               // as the server sent it, empty = none
    QByteArray lastModified;
    QList<ByteSpan> finished;      // sorted, merged; a single stream of unknown size: [0, received)
    QList<ConnectionDetails> connections; // busy ones only
    int restarts = 0;              // restarts from zero in this run
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::DownloadDetails)
