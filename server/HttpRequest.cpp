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

QByteArray HttpRequest::rawQueryValue(QByteArrayView rawQuery, QByteArrayView name)
{
    qsizetype start = 0;
    while (start <= rawQuery.size()) {
        qsizetype end = rawQuery.indexOf('&', start);
        if (end < 0)
            end = rawQuery.size();
        const QByteArrayView pair = rawQuery.sliced(start, end - start);
        const qsizetype eq = pair.indexOf('=');
        if ((eq < 0 ? pair : pair.first(eq)) == name)
            return eq < 0 ? QByteArray("") : pair.sliced(eq + 1).toByteArray();
        start = end + 1;
    }
    return {};
}

QByteArray HttpRequest::cookie(QByteArrayView name) const
{
    for (const QByteArray &line : headerValues("cookie")) {
        for (QByteArray part : line.split(';')) {
            part = part.trimmed();
            const qsizetype eq = part.indexOf('=');
            if (eq > 0 && QByteArrayView(part).first(eq) == name)
                return part.mid(eq + 1);
        }
    }
    return {};
}

} // namespace ferry
