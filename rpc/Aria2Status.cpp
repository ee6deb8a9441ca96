// See Aria2Status.h. Keys and defaults follow aria2's src/RpcMethodImpl.cc
// (gatherProgressCommon, gatherStoppedDownload) so the oracle test can
// compare answers field by field.
#include "rpc/Aria2Status.h"

#include "rpc/JsonText.h"

#include <QJsonDocument>

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ferry::aria2 {

namespace {

// aria2's piece length for HTTP downloads (--piece-length default): Ferry has
// no pieces, but AriaNg divides by it.
constexpr qint64 kPieceLength = 1024 * 1024;

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
    case FailureCause::LoginRequired: return 24; // aria2's "HTTP authorization failed"
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

namespace {

bool uriUsed(const Aria2Entry &entry)
{
    // aria2 calls a link "waiting" until a connection has used it.
    const DownloadSnapshot &s = entry.snapshot;
    return entry.removed || s.isActive() || s.isFinal() || s.receivedBytes > 0 || s.finalUrl.isValid();
}

QString shownUri(const Aria2Entry &entry)
{
    return entry.request.url.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded);
}

// The link in use, then the mirrors still waiting (aria2 lists the links it
// has used as "used" and the others as "waiting").
void appendUris(QByteArray &out, const Aria2Entry &entry)
{
    out += "[{\"status\":";
    out += uriUsed(entry) ? "\"used\"" : "\"waiting\"";
    out += ",\"uri\":";
    json::appendString(out, shownUri(entry));
    out += '}';
    for (const QUrl &mirror : entry.request.mirrors) {
        out += ",{\"status\":\"waiting\",\"uri\":";
        json::appendString(out, mirror.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded));
        out += '}';
    }
    out += ']';
}

void appendNumber(QByteArray &out, qint64 n)
{
    out += '"';
    out += QByteArray::number(n);
    out += '"';
}

// ,"key": (the first member has no comma)
void appendKey(QByteArray &out, bool &first, const char *key)
{
    if (!first)
        out += ',';
    first = false;
    out += '"';
    out += key;
    out += "\":";
}

void appendFiles(QByteArray &out, const Aria2Entry &entry)
{
    const DownloadSnapshot &s = entry.snapshot;
    out += "[{\"completedLength\":";
    appendNumber(out, s.receivedBytes);
    out += ",\"index\":\"1\",\"length\":";
    appendNumber(out, totalLength(s));
    out += ",\"path\":";
    json::appendString(out, path(entry));
    out += ",\"selected\":\"true\",\"uris\":";
    appendUris(out, entry);
    out += "}]";
}

enum Key : quint32 {
    KGid = 1 << 0, KStatus = 1 << 1, KTotal = 1 << 2, KCompleted = 1 << 3, KUpload = 1 << 4, KSpeed = 1 << 5,
    KUploadSpeed = 1 << 6, KConnections = 1 << 7, KNumPieces = 1 << 8, KPieceLength = 1 << 9, KErrorCode = 1 << 10,
    KErrorMessage = 1 << 11, KDir = 1 << 12, KFiles = 1 << 13,
};

} // namespace

QJsonArray uris(const Aria2Entry &entry)
{
    QByteArray out;
    appendUris(out, entry);
    return QJsonDocument::fromJson(out).array();
}

QJsonArray files(const Aria2Entry &entry)
{
    QByteArray out;
    appendFiles(out, entry);
    return QJsonDocument::fromJson(out).array();
}

quint32 keyMask(const QStringList &keys)
{
    if (keys.isEmpty())
        return ~0u;
    quint32 mask = 0;
    const QStringList &all = statusKeys();
    for (qsizetype i = 0; i < all.size(); ++i)
        if (keys.contains(all.at(i)))
            mask |= 1u << i;
    return mask;
}

void appendStatus(QByteArray &out, const Aria2Entry &entry, quint32 mask)
{
    // Keys in sorted order, as QJsonObject writes them, so both paths give the same bytes.
    const DownloadSnapshot &s = entry.snapshot;
    const bool stopped = isStopped(s, entry.removed);
    bool first = true;
    out += '{';
    if (mask & KCompleted) {
        appendKey(out, first, "completedLength");
        appendNumber(out, s.receivedBytes);
    }
    if (mask & KConnections) {
        appendKey(out, first, "connections");
        appendNumber(out, stopped ? 0 : s.connections);
    }
    if (mask & KDir) {
        appendKey(out, first, "dir");
        json::appendString(out, entry.request.directory);
    }
    if (mask & KSpeed) {
        appendKey(out, first, "downloadSpeed");
        appendNumber(out, stopped ? 0 : qint64(s.bytesPerSecond));
    }
    if (stopped && (mask & KErrorCode)) {
        appendKey(out, first, "errorCode");
        appendNumber(out, errorCode(s, entry.removed));
    }
    if (stopped && (mask & KErrorMessage)) {
        appendKey(out, first, "errorMessage");
        json::appendString(out, entry.removed || s.state != DownloadState::Failed ? QString() : s.errorMessage);
    }
    if (mask & KFiles) {
        appendKey(out, first, "files");
        appendFiles(out, entry);
    }
    if (mask & KGid) {
        appendKey(out, first, "gid");
        json::appendString(out, entry.gid);
    }
    if (mask & KNumPieces) {
        appendKey(out, first, "numPieces");
        appendNumber(out, (totalLength(s) + kPieceLength - 1) / kPieceLength);
    }
    if (mask & KPieceLength) {
        appendKey(out, first, "pieceLength");
        appendNumber(out, kPieceLength);
    }
    if (mask & KStatus) {
        appendKey(out, first, "status");
        json::appendString(out, statusWord(s, entry.removed));
    }
    if (mask & KTotal) {
        appendKey(out, first, "totalLength");
        appendNumber(out, totalLength(s));
    }
    if (mask & KUpload) {
        appendKey(out, first, "uploadLength");
        out += "\"0\"";
    }
    if (mask & KUploadSpeed) {
        appendKey(out, first, "uploadSpeed");
        out += "\"0\"";
    }
    out += '}';
}

QJsonObject status(const Aria2Entry &entry, const QStringList &keys)
{
    QByteArray out;
    appendStatus(out, entry, keyMask(keys));
    return QJsonDocument::fromJson(out).object();
}

} // namespace ferry::aria2
