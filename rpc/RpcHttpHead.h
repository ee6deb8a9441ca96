// The head of one HTTP/1.1 request to the RPC port, parsed from bytes: only
// what the RPC needs (method, path, query, a few headers, the body's length)
// with hard limits, so a hostile client costs bounded memory. Pure.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace ferry {

struct RpcHttpHead {
    enum class Status {
        Incomplete, // need more bytes
        Complete,
        BadRequest,    // 400
        TooLarge,      // 431: the head is over MaxHeadBytes
        BodyTooLarge,  // 413: Content-Length over the body limit
        LengthRequired, // 411: a body without Content-Length (chunked is not taken)
    };

    static constexpr qsizetype MaxHeadBytes = 16 * 1024;

    Status status = Status::Incomplete;
    QByteArray method;
    QString path;       // percent-decoded, without the query
    QString query;      // raw, without '?'
    QHash<QByteArray, QByteArray> headers; // lower-case names; repeated ones joined with ", "
    qsizetype headBytes = 0;  // bytes of the head, blank line included
    qint64 contentLength = 0;
    bool keepAlive = true;
    bool webSocketUpgrade = false;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }

    static RpcHttpHead parse(QByteArrayView bytes, qint64 maxBodyBytes);
};

} // namespace ferry
