// See StatusRoute.h.
#include "server/StatusRoute.h"

#include "server/HttpRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace ferry {

HttpResponse StatusRoute::make(const HttpRequest &request, const QStringList &rootNames, qint64 uptimeSeconds,
                               qsizetype activeTransfers)
{
    QJsonArray roots;
    for (const QString &name : rootNames)
        roots.append(name);
    const QJsonObject status {
        {u"name"_s, QSysInfo::machineHostName()},
        {u"version"_s, QStringLiteral(FERRY_VERSION)},
        {u"roots"_s, roots},
        {u"uptime"_s, uptimeSeconds},
        {u"activeTransfers"_s, qint64(activeTransfers)},
    };
    return HttpResponse::content(200, "application/json"_ba, QJsonDocument(status).toJson(QJsonDocument::Compact),
                                 request.method == "HEAD");
}

} // namespace ferry
