// `/api/status`: what a peer may know about this share (name, version, the
// shared roots, uptime, transfers under way) as one JSON object.
#pragma once

#include "server/HttpResponse.h"

#include <QStringList>

namespace ferry {

struct HttpRequest;

class StatusRoute final
{
public:
    static HttpResponse make(const HttpRequest &request, const QStringList &rootNames, qint64 uptimeSeconds,
                             qsizetype activeTransfers);
};

} // namespace ferry
