// A response as the share server's routes produce it: status, headers and a
// body that is either a few bytes in memory or a file streamed by FileBody.
// HttpConnection adds Date/Server/Connection and writes it out.
#pragma once

#include "server/FileBody.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace ferry {

struct HttpResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;                      // small bodies (errors, JSON, listings)
    std::unique_ptr<FileBody> file;       // streamed bodies; `body` is then unused
    bool headOnly = false;                // HEAD: every GET header, no body
    bool closeAfter = false;              // close the connection once sent
    bool handOver = false;                // WebSocket upgrade: give the unread socket to the hub
    QString uploadPath;                   // non-empty: a shared file, reported as an upload

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
    // Bytes that follow the head on the wire.
    qint64 wireBodyLength() const;

    // A short plain-text answer. Never echoes anything from the request.
    static HttpResponse plain(int status, const QByteArray &text);
    // plain() with the status's reason phrase as its text.
    static HttpResponse error(int status);
    // A body made in memory (a page, JSON, a listing), not to be cached
    // without asking again.
    static HttpResponse content(int status, const QByteArray &type, QByteArray body, bool headOnly);
    static QByteArray reasonPhrase(int status);
};

} // namespace ferry
