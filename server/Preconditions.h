// Conditional requests on shared files (RFC 9110 §13): the strong validator
// the server hands out, and what If-Match, If-Unmodified-Since, If-None-Match,
// If-Modified-Since and If-Range make of a request.
#pragma once

#include "server/HttpRequest.h"

#include <QByteArray>
#include <QDateTime>

namespace ferry {

struct EntityInfo {
    QByteArray etag;        // strong, quoted: "\"1a2b-3e8-17f…\""
    QDateTime lastModified; // UTC, whole seconds; invalid when unknown
};

// "\"<ino>-<size>-<mtime_ns>\"" in lower-case hex: changes whenever the file is
// replaced, resized or touched, even within the same second.
QByteArray makeStrongETag(quint64 inode, qint64 size, qint64 mtimeNs);

enum class Precondition {
    Proceed,     // serve the representation (Range may still apply)
    NotModified, // 304
    Failed,      // 412
};

// Evaluates in the RFC 9110 §13.2.2 order: If-Match, If-Unmodified-Since
// (without If-Match), If-None-Match, If-Modified-Since (without If-None-Match,
// GET and HEAD only). If-Range is separate: rangeAllowedByIfRange().
Precondition evaluatePreconditions(const HttpRequest &request, const EntityInfo &entity);

// True when a Range header may be honoured: there is no If-Range, or it names
// this representation — an entity tag equal by strong comparison, or a date
// equal to Last-Modified. Otherwise the full representation is sent (never 412).
bool rangeAllowedByIfRange(const HttpRequest &request, const EntityInfo &entity);

} // namespace ferry
