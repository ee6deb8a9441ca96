// What one JSON-RPC method call answers: a value, or an error with aria2's
// numbering (code 1 and a message for everything a method refuses; the
// JSON-RPC codes -32600/-32601/-32602/-32700 for a broken envelope).
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace ferry {

struct RpcResult {
    QJsonValue value;  // the result, when ok
    QByteArray rawJson; // the result already as JSON text (large lists); wins over value
    int errorCode = 0; // 0 = ok
    QString errorMessage;

    bool ok() const { return errorCode == 0; }

    static RpcResult success(const QJsonValue &value) { return RpcResult{value, {}, 0, {}}; }
    static RpcResult json(QByteArray text) { return RpcResult{{}, std::move(text), 0, {}}; }
    static RpcResult failure(const QString &message, int code = 1) { return RpcResult{{}, {}, code, message}; }
};

} // namespace ferry
