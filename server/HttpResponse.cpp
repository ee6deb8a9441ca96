#include "server/HttpResponse.h"

using namespace Qt::StringLiterals;

namespace ferry {

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

qint64 HttpResponse::wireBodyLength() const
{
    if (headOnly || status == 304 || status == 204 || (status >= 100 && status < 200))
        return 0;
    return file ? file->totalLength() : body.size();
}

HttpResponse HttpResponse::plain(int status, const QByteArray &text)
{
    HttpResponse r;
    r.status = status;
    r.body = text + '\n';
    r.setHeader("Content-Type"_ba, "text/plain; charset=utf-8"_ba);
    r.setHeader("Content-Length"_ba, QByteArray::number(r.body.size()));
    return r;
}

HttpResponse HttpResponse::error(int status)
{
    return plain(status, reasonPhrase(status));
}

HttpResponse HttpResponse::content(int status, const QByteArray &type, QByteArray body, bool headOnly)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headOnly = headOnly;
    r.setHeader("Content-Type"_ba, type);
    r.setHeader("Content-Length"_ba, QByteArray::number(r.body.size()));
    r.setHeader("Cache-Control"_ba, "no-cache"_ba);
    return r;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 101: return "Switching Protocols"_ba;
    case 200: return "OK"_ba;
    case 204: return "No Content"_ba;
    case 206: return "Partial Content"_ba;
    case 301: return "Moved Permanently"_ba;
    case 302: return "Found"_ba;
    case 304: return "Not Modified"_ba;
    case 400: return "Bad Request"_ba;
    case 401: return "Unauthorized"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 405: return "Method Not Allowed"_ba;
    case 408: return "Request Timeout"_ba;
    case 412: return "Precondition Failed"_ba;
    case 413: return "Content Too Large"_ba;
    case 414: return "URI Too Long"_ba;
    case 416: return "Range Not Satisfiable"_ba;
    case 421: return "Misdirected Request"_ba;
    case 429: return "Too Many Requests"_ba;
    case 431: return "Request Header Fields Too Large"_ba;
    case 500: return "Internal Server Error"_ba;
    case 501: return "Not Implemented"_ba;
    case 503: return "Service Unavailable"_ba;
    case 505: return "HTTP Version Not Supported"_ba;
    default: return "Unknown"_ba;
    }
}

} // namespace ferry
