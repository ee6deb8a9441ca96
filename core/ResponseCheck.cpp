#include "core/ResponseCheck.h"

#include "core/ContentRange.h"
#include "core/RetryAfter.h"

#include <QCoreApplication>

#include <algorithm>

namespace ferry {

// Every message is the Download's, for its log or its user: same translation context.
namespace {
constexpr qint64 kMaxRetryAfterMs = 3600 * 1000;

using Action = ResponseVerdict::Action;

TranslatableText say(const char *source)
{
    return {"ferry::Download", source};
}

ResponseVerdict verdict(Action action, const TranslatableText &message = {})
{
    ResponseVerdict v;
    v.action = action;
    v.message = message;
    return v;
}

ResponseVerdict accept(bool resumable, qint64 total)
{
    ResponseVerdict v = verdict(Action::Accept);
    v.resumable = resumable;
    v.total = total;
    return v;
}

ResponseVerdict failure(ErrorKind kind, const TranslatableText &message)
{
    ResponseVerdict v = verdict(Action::Fail, message);
    v.kind = kind;
    return v;
}

// An error status: 408, 429 and 5xx are worth another try (honouring
// Retry-After); the other 4xx need the user (an expired link, a login).
ResponseVerdict errorStatus(const ResponseFacts &r, const QDateTime &nowUtc)
{
    const TranslatableText what = say(QT_TRANSLATE_NOOP("ferry::Download", "The server answered %1 %2"))
                                      .arg(r.status)
                                      .arg(r.reasonPhrase);
    if (r.status == 408 || r.status == 429 || r.status >= 500) {
        ResponseVerdict v = verdict(Action::Retry, what);
        if (const auto after = parseRetryAfterMs(r.retryAfter, nowUtc))
            v.retryAfterMs = std::min(*after, kMaxRetryAfterMs);
        return v;
    }
    return failure(ErrorKind::NeedsUser, what);
}

ResponseVerdict checkProbe(const ResponseFacts &r, const QDateTime &nowUtc)
{
    if (r.status == 206) {
        const auto range = parseContentRange(r.contentRange);
        if (!range || range->unsatisfied || range->first != 0 || range->total < 0)
            return verdict(Action::Retry, say(QT_TRANSLATE_NOOP("ferry::Download", "the server sent an invalid Content-Range")));
        return accept(true, range->total);
    }
    if (r.status == 200)
        return accept(false, r.contentLength);
    if (r.status == 416) {
        const auto range = parseContentRange(r.contentRange);
        if (!range || !range->unsatisfied || range->total != 0)
            return failure(ErrorKind::NeedsUser, say(QT_TRANSLATE_NOOP("ferry::Download", "The server refused the request (416 Range Not Satisfiable)")));
        return accept(true, 0); // an empty file
    }
    return errorStatus(r, nowUtc);
}

ResponseVerdict checkRange(const ResponseFacts &r, const KnownFacts &k, const QDateTime &nowUtc)
{
    if (r.status == 206) {
        const auto range = parseContentRange(r.contentRange);
        if (range && !range->unsatisfied && range->total >= 0 && range->total != k.total) {
            // A server that ignores If-Range still tells the new length.
            return verdict(Action::Restart, say(QT_TRANSLATE_NOOP("ferry::Download", "The file changed size on the server; starting again from the beginning")));
        }
        if (!range || range->unsatisfied || range->first != k.offset || range->total != k.total) {
            return verdict(Action::Retry, say(QT_TRANSLATE_NOOP("ferry::Download",
                                              "the server answered a different range than asked (%1); nothing was written"))
                                              .arg(QString::fromLatin1(r.contentRange)));
        }
        const QByteArray etag = strongETag(r.etag);
        const QByteArray lastModified = r.lastModified.trimmed();
        const bool etagChanged = !k.etag.isEmpty() && !etag.isEmpty() && etag != k.etag;
        const bool dateChanged = k.etag.isEmpty() && !k.lastModified.isEmpty() && !lastModified.isEmpty()
            && lastModified != k.lastModified;
        if (etagChanged || dateChanged)
            return verdict(Action::Restart, say(QT_TRANSLATE_NOOP("ferry::Download", "The file changed on the server; starting again from the beginning")));
        return accept(true, k.total);
    }
    if (r.status == 200) {
        // The same strong ETag and length: the same file, with Range ignored
        // this once (a CDN node, a proxy). Never append it, never throw away
        // what is on disk: try the range again.
        const QByteArray etag = strongETag(r.etag);
        if (!k.etag.isEmpty() && etag == k.etag && r.contentLength == k.total) {
            if (k.rangeIgnoredBefore)
                return verdict(Action::ReadThrough); // twice in a row: the server will not; read up to the offset
            return verdict(Action::Retry, say(QT_TRANSLATE_NOOP("ferry::Download",
                                              "the server sent the whole file instead of the range asked (same file); "
                                              "nothing was written")));
        }
        return verdict(Action::Restart, say(QT_TRANSLATE_NOOP("ferry::Download", "The server sent the whole file instead of the missing part (the file changed, or "
                                           "resuming stopped working); starting again from the beginning")));
    }
    if (r.status == 416) {
        const auto range = parseContentRange(r.contentRange);
        if (range && range->unsatisfied && range->total == k.total && k.complete)
            return verdict(Action::Complete);
        return verdict(Action::Restart, say(QT_TRANSLATE_NOOP("ferry::Download", "The server no longer has the requested range (the file changed); starting again")));
    }
    return errorStatus(r, nowUtc);
}
} // namespace

QByteArray strongETag(const QByteArray &value)
{
    const QByteArray tag = value.trimmed();
    return tag.startsWith('"') ? tag : QByteArray(); // weak tags cannot validate byte ranges
}

ResponseVerdict checkResponse(const ResponseFacts &response, const KnownFacts &known, const QDateTime &nowUtc)
{
    if (known.probe)
        return checkProbe(response, nowUtc);
    if (!known.resumable) {
        // A plain stream starts again from the first byte, on a 200 only.
        if (response.status == 200)
            return accept(false, response.contentLength);
        return errorStatus(response, nowUtc);
    }
    return checkRange(response, known, nowUtc);
}

} // namespace ferry
