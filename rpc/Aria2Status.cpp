// See Aria2Status.h. Keys and defaults follow aria2's src/RpcMethodImpl.cc
// (gatherProgressCommon, gatherStoppedDownload) so the oracle test can
// compare answers field by field.
#include "rpc/Aria2Status.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ferry::aria2 {

namespace {

// aria2's piece length for HTTP downloads (--piece-length default): Ferry has
// no pieces, but AriaNg divides by it.
constexpr qint64 kPieceLength = 1024 * 1024;

QString number(qint64 n)
{
    return QString::number(n);
}

qint64 totalLength(const DownloadSnapshot &s)
{
    return std::max<qint64>(0, s.totalBytes);
}

QString path(const Aria2Entry &entry)
{
    return entry.snapshot.filePath;
}

} // namespace

const QStringList &statusKeys()
{
    static const QStringList keys{
        u"gid"_s, u"status"_s, u"totalLength"_s, u"completedLength"_s, u"uploadLength"_s,
        u"downloadSpeed"_s, u"uploadSpeed"_s, u"connections"_s, u"numPieces"_s, u"pieceLength"_s,
        u"errorCode"_s, u"errorMessage"_s, u"dir"_s, u"files"_s,
    };
    return keys;
}

QString statusWord(const DownloadSnapshot &snapshot, bool removed)
{
    if (removed)
        return u"removed"_s;
    switch (snapshot.state) {
    case DownloadState::Downloading:
    case DownloadState::Verifying: return u"active"_s;
    case DownloadState::Queued: return snapshot.wanted ? u"waiting"_s : u"paused"_s;
    case DownloadState::Paused: return u"paused"_s;
    case DownloadState::Completed: return u"complete"_s;
    case DownloadState::Failed: return u"error"_s;
    }
    return u"waiting"_s;
}

int errorCode(const DownloadSnapshot &snapshot, bool removed)
{
    if (removed)
        return 31; // aria2's error_code::REMOVED
    if (snapshot.state != DownloadState::Failed)
        return 0;
    switch (snapshot.cause) {
    case FailureCause::None:
    case FailureCause::Other: return 1;
    case FailureCause::Network: return 6;
    case FailureCause::HostNotFound: return 19;
    case FailureCause::NotFound: return 3;
    case FailureCause::HttpStatus: return 22;
    case FailureCause::TooManyRedirects: return 23;
    case FailureCause::NoSpace: return 9;
    case FailureCause::FileError: return 17;
    case FailureCause::Checksum: return 32;
    case FailureCause::BadUrl: return 28;
    }
    return 1;
}

bool isStopped(const DownloadSnapshot &snapshot, bool removed)
{
    return removed || snapshot.isFinal();
}

QJsonArray uris(const Aria2Entry &entry)
{
    // aria2 calls a link "waiting" until a connection has used it.
    const DownloadSnapshot &s = entry.snapshot;
    const bool used = entry.removed || s.isActive() || s.isFinal() || s.receivedBytes > 0 || s.finalUrl.isValid();
    return QJsonArray{QJsonObject{{u"status"_s, used ? u"used"_s : u"waiting"_s},
                                  {u"uri"_s, entry.request.url.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded)}}};
}

QJsonArray files(const Aria2Entry &entry)
{
    const DownloadSnapshot &s = entry.snapshot;
    return QJsonArray{QJsonObject{
        {u"index"_s, u"1"_s},
        {u"path"_s, path(entry)},
        {u"length"_s, number(totalLength(s))},
        {u"completedLength"_s, number(s.receivedBytes)},
        {u"selected"_s, u"true"_s},
        {u"uris"_s, uris(entry)},
    }};
}

QJsonObject status(const Aria2Entry &entry, const QStringList &keys)
{
    const DownloadSnapshot &s = entry.snapshot;
    const bool stopped = isStopped(s, entry.removed);
    const auto wanted = [&keys](const QString &key) { return keys.isEmpty() || keys.contains(key); };
    QJsonObject o;
    if (wanted(u"gid"_s))
        o.insert(u"gid"_s, entry.gid);
    if (wanted(u"status"_s))
        o.insert(u"status"_s, statusWord(s, entry.removed));
    if (wanted(u"totalLength"_s))
        o.insert(u"totalLength"_s, number(totalLength(s)));
    if (wanted(u"completedLength"_s))
        o.insert(u"completedLength"_s, number(s.receivedBytes));
    if (wanted(u"uploadLength"_s))
        o.insert(u"uploadLength"_s, u"0"_s);
    if (wanted(u"downloadSpeed"_s))
        o.insert(u"downloadSpeed"_s, stopped ? u"0"_s : number(qint64(s.bytesPerSecond)));
    if (wanted(u"uploadSpeed"_s))
        o.insert(u"uploadSpeed"_s, u"0"_s);
    if (wanted(u"connections"_s))
        o.insert(u"connections"_s, stopped ? u"0"_s : number(s.connections));
    if (wanted(u"numPieces"_s))
        o.insert(u"numPieces"_s, number((totalLength(s) + kPieceLength - 1) / kPieceLength));
    if (wanted(u"pieceLength"_s))
        o.insert(u"pieceLength"_s, number(kPieceLength));
    if (stopped && wanted(u"errorCode"_s))
        o.insert(u"errorCode"_s, number(errorCode(s, entry.removed)));
    if (stopped && wanted(u"errorMessage"_s))
        o.insert(u"errorMessage"_s, entry.removed || s.state != DownloadState::Failed ? QString() : s.errorMessage);
    if (wanted(u"dir"_s))
        o.insert(u"dir"_s, entry.request.directory);
    if (wanted(u"files"_s))
        o.insert(u"files"_s, files(entry));
    return o;
}

} // namespace ferry::aria2
