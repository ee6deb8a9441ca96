// One parsed HTTP/1.x request head as the share server sees it: what
// parseHttpRequest() produces and the routes consume. Bodies are refused by
// the parser, so a request is its head only.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace ferry {

struct HttpRequest {
    QByteArray method;                            // case-sensitive token, e.g. "GET"
    QByteArray target;                            // the request-target as received
    QByteArray path;                              // raw, still percent-encoded, starts with '/'
    QByteArray query;                             // raw, after the first '?' (without it)
    int versionMinor = 1;                         // HTTP/1.<versionMinor>
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed

    // First value of the field, or empty when absent.
    QByteArray header(QByteArrayView lowerName) const;
    // Every line of the field in order (a field may be sent as several lines).
    QList<QByteArray> headerValues(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;

    // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive() const;
    // GET over HTTP/1.1 with "Connection: upgrade" and "Upgrade: websocket"
    // (tokens matched case-insensitively inside comma-separated lists).
    bool isWebSocketUpgrade() const;
    // True when any line of the field holds `lowerToken` as a list member.
    bool headerHasToken(QByteArrayView lowerName, QByteArrayView lowerToken) const;
    // Value of `name` in the query, still percent-encoded; null when absent,
    // empty for "name" or "name=".
    QByteArray queryValue(QByteArrayView name) const { return rawQueryValue(query, name); }
    // Value of the cookie `name` (the first one sent); null when absent.
    QByteArray cookie(QByteArrayView name) const;

    static QByteArray rawQueryValue(QByteArrayView rawQuery, QByteArrayView name);
};

} // namespace ferry
