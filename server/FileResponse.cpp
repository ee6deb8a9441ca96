#include "server/FileResponse.h"

#include "server/ByteRanges.h"
#include "core/HttpDate.h"
#include "server/HttpRequest.h"
#include "server/Preconditions.h"

#include <QFileInfo>
#include <QHash>
#include <QMimeDatabase>
#include <QRandomGenerator>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// File names whose Content-Type is remembered (per thread) before starting over.
constexpr qsizetype MaxRememberedTypes = 1024;

QByteArray makeBoundary()
{
    static constexpr char Hex[] = "0123456789abcdef";
    QByteArray b = "ferry-"_ba;
    for (int i = 0; i < 24; ++i)
        b += Hex[QRandomGenerator::global()->bounded(16)];
    return b;
}
} // namespace

bool FileResponse::isActiveType(QByteArrayView contentType)
{
    QByteArray type = contentType.toByteArray().toLower();
    if (const qsizetype semicolon = type.indexOf(';'); semicolon >= 0)
        type.truncate(semicolon);
    type = type.trimmed();
    static const QList<QByteArray> active {
        "text/html"_ba, "application/xhtml+xml"_ba, "image/svg+xml"_ba, "text/xml"_ba, "application/xml"_ba,
        "text/xsl"_ba, "application/xslt+xml"_ba, "text/javascript"_ba, "application/javascript"_ba,
        "application/x-javascript"_ba, "application/ecmascript"_ba, "text/ecmascript"_ba,
    };
    return active.contains(type) || type.endsWith("+xml") || type.endsWith("/xml");
}

QByteArray FileResponse::contentDisposition(const QString &fileName, bool attachment)
{
    const QByteArray utf8 = fileName.toUtf8();
    QByteArray fallback;
    fallback.reserve(utf8.size());
    for (const QChar c : fileName) {
        const char16_t u = c.unicode();
        fallback += (u >= 0x20 && u < 0x7f && u != u'"' && u != u'\\' && u != u'%') ? static_cast<char>(u) : '_';
    }
    // attr-char of RFC 8187: ALPHA / DIGIT / "!#$&+-.^_`|~"
    const QByteArray encoded = utf8.toPercentEncoding("!#$&+.^_`|~"_ba);
    return (attachment ? "attachment; filename=\""_ba : "inline; filename=\""_ba) + fallback + "\"; filename*=UTF-8''"_ba + encoded;
}

QByteArray FileResponse::contentType(const QString &absolutePath)
{
    // The answer depends on the file name only (MatchExtension), and Qt's
    // glob matching compiles regular expressions on every call: the largest
    // cost of a small request. Remembered per thread, forgotten when full.
    thread_local QHash<QString, QByteArray> known;
    const QString fileName = absolutePath.sliced(absolutePath.lastIndexOf(u'/') + 1);
    if (const auto it = known.constFind(fileName); it != known.cend())
        return *it;

    static const QMimeDatabase db;
    const QMimeType type = db.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    QByteArray name = "application/octet-stream"_ba;
    if (type.isValid() && !type.isDefault()) {
        name = type.name().toLatin1();
        if (name.startsWith("text/"))
            name += "; charset=utf-8"_ba;
    }
    if (known.size() >= MaxRememberedTypes)
        known.clear();
    known.insert(fileName, name);
    return name;
}

HttpResponse FileResponse::make(const HttpRequest &request, int fd, const QString &fileName, const QString &sharedPath)
{
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return HttpResponse::error(403);
    }
    // Stat the handle we will read, not the name: the name may change under us.
    struct stat st = {};
    if (::fstat(file->handle(), &st) != 0)
        return HttpResponse::error(500);
    if (!S_ISREG(st.st_mode))
        return HttpResponse::error(403);

    const qint64 size = st.st_size;
    const qint64 mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    EntityInfo entity;
    entity.etag = makeStrongETag(quint64(st.st_ino), size, mtimeNs);
    entity.lastModified = QDateTime::fromSecsSinceEpoch(st.st_mtim.tv_sec, Qt::UTC);

    HttpResponse r;
    r.headOnly = request.method == "HEAD";
    r.setHeader("ETag"_ba, entity.etag);
    r.setHeader("Last-Modified"_ba, formatHttpDate(entity.lastModified));

    switch (evaluatePreconditions(request, entity)) {
    case Precondition::NotModified:
        r.status = 304;
        return r;
    case Precondition::Failed: {
        HttpResponse f = HttpResponse::error(412);
        f.headOnly = r.headOnly;
        f.setHeader("ETag"_ba, entity.etag); // tells the client what the file is now
        f.setHeader("Last-Modified"_ba, formatHttpDate(entity.lastModified));
        return f;
    }
    case Precondition::Proceed:
        break;
    }

    const QByteArray type = contentType(fileName);
    r.setHeader("Accept-Ranges"_ba, "bytes"_ba);
    r.setHeader("Content-Disposition"_ba, contentDisposition(fileName, isActiveType(type)));
    r.uploadPath = sharedPath;

    RangeDecision decision;
    decision.kind = RangeDecision::Kind::Full;
    if (size > 0 && request.hasHeader("range") && rangeAllowedByIfRange(request, entity))
        decision = evaluateRange(request.header("range"), size);

    QList<FileBody::Piece> pieces;
    switch (decision.kind) {
    case RangeDecision::Kind::Unsatisfiable: {
        HttpResponse u = HttpResponse::error(416);
        u.headOnly = r.headOnly;
        u.setHeader("Content-Range"_ba, unsatisfiedContentRange(size));
        u.setHeader("ETag"_ba, entity.etag);
        u.setHeader("Last-Modified"_ba, formatHttpDate(entity.lastModified));
        return u;
    }
    case RangeDecision::Kind::Full:
        r.status = 200;
        r.setHeader("Content-Type"_ba, type);
        if (size > 0)
            pieces.append({{}, 0, size});
        break;
    case RangeDecision::Kind::Partial:
        r.status = 206;
        if (decision.ranges.size() == 1) {
            const ByteRange &range = decision.ranges.first();
            r.setHeader("Content-Type"_ba, type);
            r.setHeader("Content-Range"_ba, contentRangeHeader(range, size));
            pieces.append({{}, range.first, range.length()});
        } else {
            // Streamed multipart: part heads are small literals between file ranges.
            const QByteArray boundary = makeBoundary();
            r.setHeader("Content-Type"_ba, "multipart/byteranges; boundary="_ba + boundary);
            for (qsizetype i = 0; i < decision.ranges.size(); ++i) {
                const ByteRange &range = decision.ranges[i];
                const QByteArray partHead = (i == 0 ? "--"_ba : "\r\n--"_ba) + boundary + "\r\nContent-Type: "_ba
                    + type + "\r\nContent-Range: "_ba + contentRangeHeader(range, size) + "\r\n\r\n"_ba;
                pieces.append({partHead, 0, 0});
                pieces.append({{}, range.first, range.length()});
            }
            pieces.append({"\r\n--"_ba + boundary + "--\r\n"_ba, 0, 0});
        }
        break;
    }

    r.file = std::make_unique<FileBody>(std::move(file), std::move(pieces));
    r.setHeader("Content-Length"_ba, QByteArray::number(r.file->totalLength()));
    return r;
}

} // namespace ferry
