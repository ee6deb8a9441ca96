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
    // Opens the file, stats the open handle and decides the answer. `sharedPath`
    // is the path as peers see it (for the upload list).
    static HttpResponse make(const HttpRequest &request, const QString &absolutePath, const QString &sharedPath);

    // `inline; filename="ascii fallback"; filename*=UTF-8''percent-encoded`
    static QByteArray contentDisposition(const QString &fileName);
    // From the name (and contents when the name says nothing); never empty.
    static QByteArray contentType(const QString &absolutePath);
};

} // namespace ferry
