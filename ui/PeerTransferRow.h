// One row of the Sharing panel's peer list: a file a peer is fetching (or just
// fetched) from us. A plain value of the ui layer, so the window knows nothing
// of the share server; app/ turns the server's reports into these.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ferry {

struct PeerTransferRow {
    quint64 id = 0;           // stable while the transfer lasts
    QString peer;             // the peer's address
    QString path;             // the shared file as the peer sees it
    qint64 sentBytes = 0;
    qint64 totalBytes = 0;    // of this response (a range is smaller than the file)
    double bytesPerSecond = 0;
    QDateTime started;
    bool finished = false;
    int status = 200;         // HTTP status of the response

    bool operator==(const PeerTransferRow &) const = default;
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::PeerTransferRow)
