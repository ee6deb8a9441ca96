// What to do with a response, before a single byte of it is written: a pure
// function of the status, the headers and what the download knows (the
// client's rules of CONFORMANCE "Client: resume without corruption", after
// server/Preconditions.cpp). The Download only carries the verdict out.
#pragma once

#include "core/DownloadState.h"
#include "core/TranslatableText.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace ferry {

// What the answer says (after redirects).
struct ResponseFacts {
    int status = 0;
    QByteArray contentRange;
    qint64 contentLength = -1; // -1: no Content-Length
    QByteArray etag;           // as sent (a weak one validates nothing)
    QByteArray lastModified;
    QByteArray retryAfter;
    QString reasonPhrase;
};

// What the download knows when the answer arrives.
struct KnownFacts {
    bool probe = false;        // the first request of a fresh download: it learns size and validators
    bool resumable = false;
    qint64 total = -1;
    QByteArray etag;           // the strong ETag recorded, or empty
    QByteArray lastModified;
    qint64 offset = 0;         // the first byte this request asked for
    bool complete = false;     // every byte is on disk already
    bool rangeIgnoredBefore = false; // this connection's last answer was the whole file (same file)
};

struct ResponseVerdict {
    enum class Action {
        Accept,    // write the body (a probe or a plain stream: with `resumable` and `total`)
        ReadThrough, // the whole file, the same one: skip to the offset asked, then write
        Retry,     // this connection failed; try its range again (after `retryAfterMs` if >= 0)
        Restart,   // the file changed: start again from zero
        Complete,  // nothing is missing; finish
        Fail,      // stop the download with `kind`
    };
    Action action = Action::Fail;
    bool resumable = false;    // Accept of a probe or a plain stream
    qint64 total = -1;         // Accept of a probe or a plain stream; -1 unknown
    ErrorKind kind = ErrorKind::None;
    TranslatableText message;  // for the log (Retry, Restart) or the user (Fail)
    qint64 retryAfterMs = -1;
};

// The strong ETag of a header value, quotes included; empty for a weak or missing one.
QByteArray strongETag(const QByteArray &value);

ResponseVerdict checkResponse(const ResponseFacts &response, const KnownFacts &known, const QDateTime &nowUtc);

} // namespace ferry
