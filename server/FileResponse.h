// The answer to GET/HEAD of one shared file: validators and preconditions,
// ranges (single, multipart/byteranges streamed with an exact length, 416),
// and the headers a download client needs (type, RFC 6266 name, ETag…).
#pragma once

#include "server/HttpResponse.h"

#include <QString>

namespace ferry {

struct HttpRequest;

class FileResponse final
{
public:
    // Stats the open handle `fd` (a regular file, ShareRoots::openFile; the
    // answer owns it) and decides the answer. `fileName` names it for the
    // type and Content-Disposition; `sharedPath` is the path as peers see it
    // (for the upload list).
    static HttpResponse make(const HttpRequest &request, int fd, const QString &fileName, const QString &sharedPath);

    // `inline; filename="ascii fallback"; filename*=UTF-8''percent-encoded`,
    // `attachment; …` for a type a browser would run (isActiveType).
    static QByteArray contentDisposition(const QString &fileName, bool attachment = false);
    // HTML, SVG, XML and script types: content that runs code when a browser
    // shows it, so it is only ever downloaded.
    static bool isActiveType(QByteArrayView contentType);
    // From the name (and contents when the name says nothing); never empty.
    static QByteArray contentType(const QString &absolutePath);
};

} // namespace ferry
