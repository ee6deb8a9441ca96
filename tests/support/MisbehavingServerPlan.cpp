// What the misbehaving test server answers: the status line, headers and
// body of each request, decided under the shared mutex from the files, the
// behaviour scripts (the misbehaviour window of each path), redirects,
// logins and the connection limit; and the request log's accessors. The
// sockets that send it are in MisbehavingServer.cpp.
#include "tests/support/MisbehavingServerShared.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK"_ba;
    case 206: return "Partial Content"_ba;
    case 301: return "Moved Permanently"_ba;
    case 302: return "Found"_ba;
    case 303: return "See Other"_ba;
    case 307: return "Temporary Redirect"_ba;
    case 308: return "Permanent Redirect"_ba;
    case 400: return "Bad Request"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 408: return "Request Timeout"_ba;
    case 410: return "Gone"_ba;
    case 416: return "Range Not Satisfiable"_ba;
    case 429: return "Too Many Requests"_ba;
    case 500: return "Internal Server Error"_ba;
    case 502: return "Bad Gateway"_ba;
    case 503: return "Service Unavailable"_ba;
    default: return "Status"_ba;
    }
}

QByteArray htmlPage(int status)
{
    const QByteArray title = QByteArray::number(status) + ' ' + reasonPhrase(status);
    return "<!DOCTYPE html>\n<html><head><title>"_ba + title + "</title></head>\n<body><h1>"_ba + title
        + "</h1>\n<p>This is an error page of the Ferry test server. It must never end up in a downloaded file.</p>\n"
          "</body></html>\n"_ba;
}

// "bytes=a-b", "bytes=a-", "bytes=-n" against a file of `size` bytes.
// Returns false when the header is not a single range we understand (→ 200).
// Sets unsatisfiable when it is one that does not fit the file (→ 416).
bool parseSingleRange(QByteArray value, qint64 size, qint64 *start, qint64 *end, bool *unsatisfiable)
{
    *unsatisfiable = false;
    value = value.trimmed();
    if (!value.toLower().startsWith("bytes="))
        return false;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return false;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return false;
    const QByteArray first = spec.left(dash).trimmed();
    const QByteArray last = spec.mid(dash + 1).trimmed();
    bool ok = false;
    if (first.isEmpty()) {
        const qint64 n = last.toLongLong(&ok);
        if (!ok || n <= 0) {
            *unsatisfiable = ok;
            return ok;
        }
        *start = std::max<qint64>(0, size - n);
        *end = size - 1;
        return size > 0;
    }
    *start = first.toLongLong(&ok);
    if (!ok || *start < 0)
        return false;
    if (last.isEmpty()) {
        *end = size - 1;
    } else {
        *end = last.toLongLong(&ok);
        if (!ok || *end < *start)
            return false;
        *end = std::min(*end, size - 1);
    }
    if (*start >= size) {
        *unsatisfiable = true;
        return true;
    }
    return true;
}


} // namespace

namespace ferry::test {

void MisbehavingServer::Shared::setFileLocked(const QByteArray &path, const QByteArray &data)
{
    ++fileVersion;
    const QDateTime base(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);
    files.insert(path, File{data, "\"v"_ba + QByteArray::number(fileVersion) + '-' + QByteArray::number(data.size(), 16) + '"',
                            httpDate(base.addSecs(3600LL * fileVersion))});
}

MisbehavingServer::Shared::Plan MisbehavingServer::Shared::plan(Request request, bool refused)
{
    QMutexLocker lock(&mutex);
    Plan plan;
    const bool head = request.method == "HEAD";
    const bool clientCloses = request.header("connection").toLower().contains("close");
    QList<QByteArray> headers{"Date: "_ba + httpDate(QDateTime::currentDateTimeUtc()), "Server: ferry-misbehaving-test"_ba};

    auto finish = [&](int status, const QByteArray &body, qint64 start, qint64 length, bool withLength) {
        request.status = status;
        request.receivedAtMs = clock.elapsed();
        if (withLength)
            headers.append("Content-Length: "_ba + QByteArray::number(length));
        if (!withLength || clientCloses)
            headers.append("Connection: close"_ba);
        plan.head = "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"_ba
            + headers.join("\r\n") + "\r\n\r\n"_ba;
        plan.body = body;
        plan.bodyStart = start;
        plan.sendLimit = head ? 0 : length;
        plan.after = (!withLength || clientCloses) ? Plan::After::Close : Plan::After::KeepAlive;
        plan.logIndex = int(log.size());
        plan.logGeneration = logGeneration;
        log.append(request);
    };
    auto errorPage = [&](int status) {
        const QByteArray page = htmlPage(status);
        headers.append("Content-Type: text/html; charset=utf-8"_ba);
        finish(status, page, 0, page.size(), true);
    };

    if (request.method != "GET" && !head) {
        headers.append("Allow: GET, HEAD"_ba);
        errorPage(405);
        return plan;
    }
    if (const auto rule = accessRules.constFind(request.path); rule != accessRules.cend()) {
        const AccessVerdict verdict = checkAccess(*rule, request.method, request.target, request.header("authorization"),
                                                  request.header("cookie"), &digestNonces);
        headers.append(verdict.headers);
        if (verdict.status != 0) {
            errorPage(verdict.status);
            return plan;
        }
    }
    if (refused) { // over the connection limit, as nginx's limit_conn answers
        headers.append("Connection: close"_ba);
        errorPage(limitStatus);
        plan.after = Plan::After::Close;
        return plan;
    }
    const auto redirect = redirects.constFind(request.path);
    if (redirect != redirects.cend()) {
        headers.append("Location: "_ba + redirect->location);
        const QByteArray page = htmlPage(redirect->status);
        headers.append("Content-Type: text/html; charset=utf-8"_ba);
        if (redirect->bodyBytes < 0) {
            finish(redirect->status, page, 0, page.size(), true);
        } else {
            finish(redirect->status, page, 0, redirect->bodyBytes, redirect->bodyBytes != kEndlessBody);
            plan.repeatBody = true;
        }
        return plan;
    }
    if (!files.contains(request.path)) {
        errorPage(404);
        return plan;
    }

    const int index = counts[request.path]++;
    const QList<Behaviour> sequence = behaviours.value(request.path);
    const Behaviour b = sequence.isEmpty() ? Behaviour() : sequence.at(std::min<qsizetype>(index, sequence.size() - 1));
    if (b.changeAfterRequests >= 0 && index == b.changeAfterRequests)
        setFileLocked(request.path, b.changedData);
    const File file = files.value(request.path);
    const bool bad = index >= b.skipRequests && (b.misbehaveRequests < 0 || index < b.skipRequests + b.misbehaveRequests);
    plan.bytesPerSecond = b.bytesPerSecond;

    if (bad && b.errorStatus != 0) {
        if (b.retryAfterSeconds >= 0)
            headers.append("Retry-After: "_ba + QByteArray::number(b.retryAfterSeconds));
        errorPage(b.errorStatus);
        return plan;
    }

    const qint64 size = file.data.size();
    const QByteArray range = request.header("range");
    const QByteArray ifRange = request.header("if-range");
    bool partial = false;
    qint64 start = 0;
    qint64 end = size - 1;
    if (request.hasHeader("range") && !(bad && b.ignoreRange) && !(bad && b.fullOnIfRange && request.hasHeader("if-range"))) {
        bool validatorOk = true;
        if (request.hasHeader("if-range") && !(bad && b.ignoreIfRange)) {
            if (ifRange.startsWith('"') || ifRange.startsWith("W/"))
                validatorOk = b.sendEtag && ifRange == file.etag;
            else
                validatorOk = b.sendLastModified && ifRange == file.lastModified;
        }
        bool unsatisfiable = false;
        if (validatorOk && size > 0 && parseSingleRange(range, size, &start, &end, &unsatisfiable)) {
            if (unsatisfiable) {
                headers.append("Content-Range: bytes */"_ba + QByteArray::number(size));
                if (b.sendEtag)
                    headers.append("ETag: "_ba + file.etag);
                errorPage(416);
                return plan;
            }
            partial = true;
        }
    }
    if (!partial) {
        start = 0;
        end = size - 1;
    }

    headers.append("Content-Type: application/octet-stream"_ba);
    if (!(bad && b.ignoreRange))
        headers.append("Accept-Ranges: bytes"_ba);
    if (b.sendEtag && !(partial && bad && b.omitEtagOn206))
        headers.append("ETag: "_ba + file.etag);
    if (b.sendLastModified)
        headers.append("Last-Modified: "_ba + file.lastModified);
    if (!b.contentDisposition.isEmpty())
        headers.append("Content-Disposition: "_ba + b.contentDisposition);
    if (partial && bad && b.shiftBody) {
        start = std::min(start + b.contentRangeStartShift, size - 1);
        end = std::min(end + b.contentRangeStartShift, size - 1);
    }
    if (partial) {
        const qint64 shift = bad && !b.shiftBody ? b.contentRangeStartShift : 0;
        const qint64 totalShift = bad ? b.contentRangeTotalShift : 0;
        headers.append("Content-Range: bytes "_ba + QByteArray::number(start + shift) + '-' + QByteArray::number(end + shift)
                       + '/' + QByteArray::number(size + totalShift));
    }
    const qint64 length = end - start + 1;
    finish(partial ? 206 : 200, file.data, start, length, partial || !(bad && b.noContentLength));
    if (!head && bad && b.dropAfterBytes >= 0 && b.dropAfterBytes < length) {
        plan.sendLimit = b.dropAfterBytes;
        plan.after = Plan::After::Close;
    } else if (!head && bad && b.stallAfterBytes >= 0 && b.stallAfterBytes < length) {
        plan.sendLimit = b.stallAfterBytes;
        plan.after = Plan::After::Stall;
    }
    return plan;
}

bool MisbehavingServer::Request::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [&](const auto &h) { return h.first == name.toByteArray().toLower(); });
}

QByteArray MisbehavingServer::Request::header(QByteArrayView name) const
{
    const QByteArray lower = name.toByteArray().toLower();
    for (const auto &h : headers) {
        if (h.first == lower)
            return h.second;
    }
    return {};
}

qint64 MisbehavingServer::Request::rangeStart() const
{
    const QByteArray range = header("range").trimmed();
    if (!range.toLower().startsWith("bytes="))
        return -1;
    const QByteArray spec = range.mid(6);
    const qsizetype dash = spec.indexOf('-');
    bool ok = false;
    const qint64 start = spec.left(dash).trimmed().toLongLong(&ok);
    return ok ? start : -1;
}

} // namespace ferry::test
