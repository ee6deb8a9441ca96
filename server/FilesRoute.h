// The shared files as peers reach them: `/files/<root>/<path>` (a file with
// ranges and preconditions, or a folder as an HTML listing) and
// `/api/files?path=` (a folder as JSON). Every path goes through ShareRoots.
#pragma once

#include "server/DirectoryListing.h"
#include "server/HttpResponse.h"

#include <QByteArrayView>
#include <QList>

namespace ferry {

struct HttpRequest;
class ShareRoots;

class FilesRoute final
{
public:
    explicit FilesRoute(const ShareRoots &roots);

    // `encodedPath` is what follows /files/. `signedLinkOnly`: the request
    // carries a signed link and nothing else, which grants that one file.
    HttpResponse files(const HttpRequest &request, QByteArrayView encodedPath, bool signedLinkOnly) const;
    HttpResponse apiFiles(const HttpRequest &request) const;
    // `/api/link?path=<shared path>&ttl=<seconds>`: a signed link to one
    // file (SignedLink) that works without the token until it expires
    // (default 24 h, at most 30 days), as JSON {"link":"/files/…","expires":unix}.
    HttpResponse signedLink(const HttpRequest &request, const QByteArray &secret) const;

    static constexpr qint64 DefaultLinkSeconds = 24 * 3600;
    static constexpr qint64 MaxLinkSeconds = 30 * 24 * 3600;

private:
    QList<DirectoryEntry> rootEntries() const;

    const ShareRoots &m_roots;
};

} // namespace ferry
