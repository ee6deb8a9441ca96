// Accessors of HttpRequest: field lookup and the connection-level decisions
// (persistence, WebSocket upgrade) that follow from the head alone.
#include "server/HttpRequest.h"

using namespace Qt::StringLiterals;

namespace ferry {

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView lowerName) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (h.first == lowerName)
            values.append(h.second);
    }
    return values;
}

bool HttpRequest::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return true;
    }
    return false;
}

bool HttpRequest::headerHasToken(QByteArrayView lowerName, QByteArrayView lowerToken) const
{
    for (const auto &h : headers) {
        if (h.first != lowerName)
            continue;
        QByteArrayView rest(h.second);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView member = comma < 0 ? rest : rest.first(comma);
            if (member.trimmed().compare(lowerToken, Qt::CaseInsensitive) == 0)
                return true;
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
        }
    }
    return false;
}

bool HttpRequest::keepAlive() const
{
    if (headerHasToken("connection", "close"))
        return false;
    if (versionMinor >= 1)
        return true;
    return headerHasToken("connection", "keep-alive");
}

bool HttpRequest::isWebSocketUpgrade() const
{
    return method == "GET"_ba && versionMinor >= 1
        && headerHasToken("connection", "upgrade")
        && headerHasToken("upgrade", "websocket");
}

} // namespace ferry
