// The life of a download, kept apart from what the user wants (DownloadSnapshot::wanted)
// and from why it failed (ErrorKind). See docs/engine.md.
#pragma once

#include <QMetaType>
#include <QString>

namespace ferry {

using DownloadId = quint64;

enum class DownloadState {
    Queued,      // waiting for a free slot (maxActive)
    Downloading, // requests in flight
    Paused,      // stopped by the user; resumable
    Verifying,   // all bytes on disk, checksum running
    Completed,   // renamed to its final name
    Failed,      // see ErrorKind and the message
};

// How a failure can be got over, in the user's terms (after KGet).
enum class ErrorKind {
    None,
    Retryable, // the network or the server: trying again later may work
    NeedsUser, // e.g. 403/404, an expired link, a checksum mismatch: the user must act
    Fatal,     // e.g. a bad URL, a disk that cannot be written
};

// What exactly went wrong, for front-ends that number their errors (the
// aria2-compatible RPC maps it onto aria2's errorCode). Not saved in the
// session: a restored failure reports Other.
enum class FailureCause {
    None,
    Other,
    Network,          // refused, reset, timed out, gave up after retries
    HostNotFound,
    NotFound,         // 404, 410
    LoginRequired,    // 401: no login, or the one sent was refused (the window asks for one)
    HttpStatus,       // any other status that ends the download
    TooManyRedirects, // also an https → http redirect
    NoSpace,
    FileError,        // cannot create, write, lock or rename
    Checksum,
    BadUrl,
};

QString stateName(DownloadState state);        // translated, for people
const char *stateKey(DownloadState state);     // stable, for files and JSON
DownloadState stateFromKey(QStringView key, DownloadState fallback);

const char *errorKindKey(ErrorKind kind);
ErrorKind errorKindFromKey(QStringView key);

} // namespace ferry

Q_DECLARE_METATYPE(ferry::DownloadState)
Q_DECLARE_METATYPE(ferry::ErrorKind)
Q_DECLARE_METATYPE(ferry::FailureCause)
