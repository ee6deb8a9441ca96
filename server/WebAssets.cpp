// See WebAssets.h.
#include "server/WebAssets.h"

#include "server/HttpRequest.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMimeDatabase>

using namespace Qt::StringLiterals;

namespace ferry {

HttpResponse WebAssets::page(const HttpRequest &request)
{
    return asset(request, "index.html");
}

HttpResponse WebAssets::asset(const HttpRequest &request, QByteArrayView name)
{
    // Asset names are plain file names of the compiled-in page; nothing else.
    if (name.isEmpty() || name.startsWith('.'))
        return HttpResponse::error(404);
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '-' || c == '_';
        if (!ok)
            return HttpResponse::error(404);
    }
    const QString resource = u":/web/"_s + QString::fromLatin1(name);
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return HttpResponse::error(404);
    static const QMimeDatabase db;
    QByteArray type = db.mimeTypeForFile(resource, QMimeDatabase::MatchExtension).name().toLatin1();
    if (type.startsWith("text/") || type == "application/javascript" || type == "application/json")
        type += "; charset=utf-8"_ba;
    return HttpResponse::content(200, type, file.readAll(), request.method == "HEAD");
}

HttpResponse WebAssets::unauthorizedPage(bool headOnly)
{
    QFile file(u":/web/unauthorized.html"_s);
    const QByteArray body = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    HttpResponse r = HttpResponse::content(401, "text/html; charset=utf-8"_ba, body, headOnly);
    // The page's own <style> (it cannot load /assets/ without the token),
    // allowed by its hash and nothing else.
    const qsizetype open = body.indexOf("<style>");
    const qsizetype close = body.indexOf("</style>");
    QByteArray styles = "'none'"_ba;
    if (open >= 0 && close > open) {
        const QByteArrayView css = QByteArrayView(body).sliced(open + 7, close - open - 7);
        styles = "'sha256-"_ba + QCryptographicHash::hash(css, QCryptographicHash::Sha256).toBase64() + '\'';
    }
    r.setHeader("Content-Security-Policy"_ba,
                "default-src 'none'; style-src "_ba + styles + "; base-uri 'none'; frame-ancestors 'none'"_ba);
    return r;
}

} // namespace ferry
