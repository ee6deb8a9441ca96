// One response the share server is sending to a peer, as a value type for the
// window and the live-events hub.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace ferry {

struct UploadSnapshot {
    quint64 id = 0;           // unique per response for the server's lifetime
    QString peer;             // peer address, e.g. "192.168.1.20"
    QString path;             // shared path as the peer sees it, e.g. "Music/a.flac"
    qint64 sentBytes = 0;     // body bytes sent so far
    qint64 totalBytes = 0;    // body bytes this response will send (range-aware)
    double bytesPerSecond = 0;
    QDateTime started;
    bool finished = false;
    int status = 200;         // HTTP status of the response
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::UploadSnapshot)
