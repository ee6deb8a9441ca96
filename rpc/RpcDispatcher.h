// The JSON-RPC 2.0 envelope as aria2 speaks it, apart from any socket: parses
// a request body (one call or a batch), checks the "token:SECRET" first
// parameter, runs system.multicall / listMethods / listNotifications itself
// and hands every other call to the method registered under its name. Pure:
// bytes in, bytes out (docs/rpc.md, "The wire").
#pragma once

#include "rpc/RpcResult.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QStringList>

#include <functional>
#include <optional>

class QUrlQuery;

namespace ferry {

class RpcDispatcher
{
public:
    using Method = std::function<RpcResult(const QJsonArray &params)>;

    struct Reply {
        QByteArray body;          // the JSON (or JSONP) to send back
        int httpStatus = 200;     // as aria2 maps a single error onto HTTP
        bool unauthorized = false; // some call had a wrong or missing token
        bool authorized = false;   // some call passed the token check
    };

    // The largest request body accepted (HTTP and WebSocket alike).
    static constexpr qsizetype MaxBodyBytes = 2 * 1024 * 1024;

    void addMethod(const QString &name, Method method);
    bool hasMethod(const QString &name) const { return m_methods.contains(name); }
    void setNotifications(const QStringList &names) { m_notifications = names; }

    // nullopt: no token needed (a "token:..." first parameter is still taken
    // off). A secret is compared in constant time.
    void setSecret(std::optional<QByteArray> secret) { m_secret = std::move(secret); }

    QStringList methodNames() const; // every method, system.* included, sorted

    // A POST body or a WebSocket text message. `callback` non-empty wraps the
    // answer as JSONP.
    Reply handleBody(QByteArrayView body, const QString &callback = {}) const;
    // An HTTP GET's query (method, id, base64 params, jsoncallback).
    Reply handleQuery(const QUrlQuery &query) const;

    // A callback name safe to put in front of "(": letters, digits, _ $ .
    static bool isSafeCallback(const QString &name);
    // The error answer for a body refused before parsing (too large).
    static QByteArray errorBody(int code, const QString &message);

private:
    struct Single {
        QJsonValue id;
        RpcResult result;
        bool unauthorized = false;
        bool authorized = false;
    };
    Single handleObject(const QJsonObject &request) const;
    RpcResult call(const QString &name, QJsonArray params, Single *auth) const;
    RpcResult multicall(const QJsonArray &params, Single *auth) const;
    bool authorize(QJsonArray &params) const;

    QHash<QString, Method> m_methods;
    QStringList m_notifications;
    std::optional<QByteArray> m_secret;
};

} // namespace ferry
