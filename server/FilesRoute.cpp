// See FilesRoute.h.
#include "server/FilesRoute.h"

#include "server/FileResponse.h"
#include "server/HttpRequest.h"
#include "server/ShareRoots.h"
#include "server/SignedLink.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
using Resolved = ShareRoots::Resolved;

// The status a failed sandbox resolution answers with (never echoing the path).
int resolutionErrorStatus(Resolved::Status status)
{
    switch (status) {
    case Resolved::Status::BadRequest: return 400;
    case Resolved::Status::Forbidden: return 403;
    case Resolved::Status::NotFound: return 404;
    case Resolved::Status::Ok: break;
    }
    return 0;
}

QString sharedPathOf(const Resolved &resolved)
{
    return resolved.relativePath.isEmpty() ? resolved.rootName : resolved.rootName + u'/' + resolved.relativePath;
}
} // namespace

FilesRoute::FilesRoute(const ShareRoots &roots)
    : m_roots(roots)
{
}

QList<DirectoryEntry> FilesRoute::rootEntries() const
{
    QList<DirectoryEntry> entries;
    for (const QString &name : m_roots.rootNames()) {
        const Resolved resolved = m_roots.resolve(QUrl::toPercentEncoding(name));
        DirectoryEntry e;
        e.name = name;
        e.isDirectory = true;
        if (resolved.status == Resolved::Status::Ok)
            e.modified = QFileInfo(resolved.absolutePath).lastModified().toUTC();
        entries.append(e);
    }
    DirectoryListing::sort(entries);
    return entries;
}

HttpResponse FilesRoute::apiFiles(const HttpRequest &request) const
{
    const QByteArray encoded = request.queryValue("path");
    const bool head = request.method == "HEAD";
    QByteArrayView trimmed = encoded;
    while (trimmed.endsWith('/'))
        trimmed.chop(1);
    if (trimmed.isEmpty())
        return HttpResponse::content(200, "application/json"_ba, DirectoryListing::toJson(QString(), rootEntries()),
                                     head);
    const Resolved resolved = m_roots.resolve(trimmed);
    if (resolved.status != Resolved::Status::Ok)
        return HttpResponse::error(resolutionErrorStatus(resolved.status));
    // "share/.." is the list of roots again; it has no folder of its own.
    if (resolved.isTopLevel)
        return HttpResponse::content(200, "application/json"_ba, DirectoryListing::toJson(QString(), rootEntries()),
                                     head);
    if (!resolved.isDirectory || resolved.absolutePath.isEmpty())
        return HttpResponse::error(404);
    const auto entries = DirectoryListing::read(resolved.absolutePath,
                                                [this](const QFileInfo &info) { return m_roots.isListable(info); });
    return HttpResponse::content(200, "application/json"_ba, DirectoryListing::toJson(sharedPathOf(resolved), entries),
                                 head);
}

HttpResponse FilesRoute::signedLink(const HttpRequest &request, const QByteArray &secret) const
{
    const Resolved resolved = m_roots.resolve(request.queryValue("path"));
    if (resolved.status != Resolved::Status::Ok)
        return HttpResponse::error(resolutionErrorStatus(resolved.status));
    if (resolved.isDirectory || resolved.isTopLevel)
        return HttpResponse::error(400); // a link grants one file
    qint64 seconds = DefaultLinkSeconds;
    if (const QByteArray ttl = request.queryValue("ttl"); !ttl.isNull()) {
        bool ok = false;
        seconds = ttl.toLongLong(&ok);
        if (!ok || seconds < 1 || seconds > MaxLinkSeconds)
            return HttpResponse::error(400);
    }
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(seconds);
    const QByteArray target = SignedLink::makeTarget(secret, sharedPathOf(resolved), expires);
    const QJsonObject answer {
        {u"link"_s, QString::fromLatin1(target)},
        {u"expires"_s, expires.toSecsSinceEpoch()},
    };
    HttpResponse r = HttpResponse::content(200, "application/json"_ba,
                                           QJsonDocument(answer).toJson(QJsonDocument::Compact),
                                           request.method == "HEAD");
    r.setHeader("Cache-Control"_ba, "no-store"_ba);
    return r;
}

HttpResponse FilesRoute::files(const HttpRequest &request, QByteArrayView encodedPath, bool signedLinkOnly) const
{
    const bool head = request.method == "HEAD";
    const bool trailingSlash = encodedPath.isEmpty() || encodedPath.endsWith('/');
    QByteArrayView trimmed = encodedPath;
    while (trimmed.endsWith('/'))
        trimmed.chop(1);
    if (trimmed.isEmpty()) {
        if (signedLinkOnly)
            return HttpResponse::error(401);
        // One shared folder: it is what there is to see.
        if (m_roots.rootNames().size() == 1) {
            HttpResponse r = HttpResponse::error(302);
            r.setHeader("Location"_ba, "./"_ba + QUrl::toPercentEncoding(m_roots.rootNames().constFirst()) + '/');
            return r;
        }
        return HttpResponse::content(200, "text/html; charset=utf-8"_ba,
                                     DirectoryListing::toHtml(QString(), rootEntries()), head);
    }
    const Resolved resolved = m_roots.resolve(trimmed);
    if (resolved.status != Resolved::Status::Ok)
        return HttpResponse::error(resolutionErrorStatus(resolved.status));
    // The list of roots reached through dot segments: only /files/ names it.
    if (resolved.isTopLevel || resolved.absolutePath.isEmpty())
        return HttpResponse::error(404);
    const QString shared = sharedPathOf(resolved);
    if (resolved.isDirectory) {
        if (signedLinkOnly)
            return HttpResponse::error(401); // a signed link grants one file, not a folder
        if (!trailingSlash) {
            // Relative, so it can never point at another host.
            const qsizetype slash = trimmed.lastIndexOf('/');
            const QByteArrayView last = slash < 0 ? trimmed : trimmed.sliced(slash + 1);
            HttpResponse r = HttpResponse::error(301);
            r.setHeader("Location"_ba, "./"_ba + last.toByteArray() + '/');
            return r;
        }
        const auto entries = DirectoryListing::read(
            resolved.absolutePath, [this](const QFileInfo &info) { return m_roots.isListable(info); });
        return HttpResponse::content(200, "text/html; charset=utf-8"_ba, DirectoryListing::toHtml(shared, entries),
                                     head);
    }
    if (trailingSlash)
        return HttpResponse::error(404);
    Resolved::Status opened = Resolved::Status::NotFound;
    const int fd = m_roots.openFile(resolved, &opened);
    if (fd < 0)
        return HttpResponse::error(resolutionErrorStatus(opened));
    return FileResponse::make(request, fd, QFileInfo(resolved.absolutePath).fileName(), shared);
}

} // namespace ferry
