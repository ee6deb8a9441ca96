// See RpcDispatcher.h. The error texts and codes are aria2's (src/rpc_helper.cc,
// src/RpcMethod.cc), so clients that match on them keep working.
#include "rpc/RpcDispatcher.h"

#include "rpc/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

const QString kMulticall = u"system.multicall"_s;
const QString kListMethods = u"system.listMethods"_s;
const QString kListNotifications = u"system.listNotifications"_s;
constexpr QLatin1StringView kTokenPrefix("token:");

// The result part of an answer: a method's own JSON text, or its value written out.
void appendResult(QByteArray &out, const RpcResult &result)
{
    if (!result.rawJson.isEmpty())
        out += result.rawJson;
    else
        json::appendValue(out, result.value);
}

void appendError(QByteArray &out, int code, const QString &message)
{
    out += "{\"code\":" + QByteArray::number(code) + ",\"message\":";
    json::appendString(out, message);
    out += '}';
}

// {"error"|"result":…,"id":…,"jsonrpc":"2.0"}: written as text, so a large
// result is never turned into QJson objects and back.
void appendResponse(QByteArray &out, const QJsonValue &id, const RpcResult &result)
{
    if (result.ok()) {
        out += "{\"id\":";
        json::appendValue(out, id);
        out += ",\"jsonrpc\":\"2.0\",\"result\":";
        appendResult(out, result);
    } else {
        out += "{\"error\":";
        appendError(out, result.errorCode, result.errorMessage);
        out += ",\"id\":";
        json::appendValue(out, id);
        out += ",\"jsonrpc\":\"2.0\"";
    }
    out += '}';
}

QByteArray wrap(const QByteArray &json, const QString &callback)
{
    if (callback.isEmpty())
        return json;
    return callback.toLatin1() + '(' + json + ')';
}

// aria2 (HttpServerBodyCommand::sendJsonRpcResponse): a method's error is
// 400, a broken request 400, an unknown method 404, anything else 500.
int httpStatusFor(const RpcResult &result)
{
    switch (result.errorCode) {
    case 0: return 200;
    case 1:
    case -32600: return 400;
    case -32601: return 404;
    default: return 500;
    }
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // The length is not secret (aria2 compares HMACs of both for the same effect).
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

void RpcDispatcher::addMethod(const QString &name, Method method)
{
    m_methods.insert(name, std::move(method));
}

QStringList RpcDispatcher::methodNames() const
{
    QStringList names = m_methods.keys();
    names << kMulticall << kListMethods << kListNotifications;
    std::sort(names.begin(), names.end());
    return names;
}

bool RpcDispatcher::isSafeCallback(const QString &name)
{
    if (name.isEmpty() || name.size() > 128)
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'
            || c == u'$' || c == u'.';
    });
}

QByteArray RpcDispatcher::errorBody(int code, const QString &message)
{
    QByteArray out;
    appendResponse(out, QJsonValue::Null, RpcResult::failure(message, code));
    return out;
}

RpcDispatcher::Reply RpcDispatcher::handleBody(QByteArrayView body, const QString &callback) const
{
    Reply reply;
    if (body.size() > MaxBodyBytes) {
        reply.body = wrap(errorBody(-32600, u"Request too large."_s), callback);
        reply.httpStatus = 413;
        return reply;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        // Qt reads only objects and arrays at the top; aria2 calls any other
        // JSON value (42, "x", null) an invalid request, not a parse error.
        QJsonParseError again{};
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body.toByteArray() + ']', &again);
        if (again.error == QJsonParseError::NoError && wrapped.array().size() == 1) {
            reply.body = wrap(errorBody(-32600, u"Invalid Request."_s), callback);
            reply.httpStatus = 400;
            return reply;
        }
        const RpcResult parse = RpcResult::failure(u"Parse error."_s, -32700);
        reply.body = wrap(errorBody(parse.errorCode, parse.errorMessage), callback);
        reply.httpStatus = httpStatusFor(parse);
        return reply;
    }
    if (doc.isObject()) {
        const Single single = handleObject(doc.object());
        QByteArray out;
        appendResponse(out, single.id, single.result);
        reply.body = wrap(out, callback);
        reply.httpStatus = httpStatusFor(single.result);
        reply.unauthorized = single.unauthorized;
        reply.authorized = single.authorized;
        return reply;
    }
    if (doc.isArray()) {
        // A batch: every object gets an answer in order; other members are
        // skipped, as aria2 does.
        QByteArray answers = "[";
        for (const QJsonValue &member : doc.array()) {
            if (!member.isObject())
                continue;
            const Single single = handleObject(member.toObject());
            if (answers.size() > 1)
                answers += ',';
            appendResponse(answers, single.id, single.result);
            reply.unauthorized = reply.unauthorized || single.unauthorized;
            reply.authorized = reply.authorized || single.authorized;
        }
        answers += ']';
        reply.body = wrap(answers, callback);
        return reply;
    }
    reply.body = wrap(errorBody(-32600, u"Invalid Request."_s), callback);
    reply.httpStatus = 400;
    return reply;
}

RpcDispatcher::Reply RpcDispatcher::handleQuery(const QUrlQuery &query) const
{
    QString callback = query.queryItemValue(u"jsoncallback"_s, QUrl::FullyDecoded);
    if (!callback.isEmpty() && !isSafeCallback(callback)) {
        Reply reply;
        reply.body = errorBody(-32600, u"Invalid Request."_s);
        reply.httpStatus = 400;
        return reply;
    }
    // '+' may arrive as a space when a client did not percent-encode base64.
    QString encoded = query.queryItemValue(u"params"_s, QUrl::FullyDecoded);
    encoded.replace(u' ', u'+');
    const QByteArray params = QByteArray::fromBase64(encoded.toLatin1());
    const bool hasMethod = query.hasQueryItem(u"method"_s);
    const bool hasId = query.hasQueryItem(u"id"_s);
    if (!hasMethod && !hasId)
        return handleBody(params, callback); // a batch, or one call, all in params
    QJsonObject request;
    if (hasMethod)
        request.insert(u"method"_s, query.queryItemValue(u"method"_s, QUrl::FullyDecoded));
    if (hasId)
        request.insert(u"id"_s, query.queryItemValue(u"id"_s, QUrl::FullyDecoded));
    if (query.hasQueryItem(u"params"_s)) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(params, &error);
        if (error.error != QJsonParseError::NoError)
            return handleBody(params, callback); // the same parse error a POST gets
        request.insert(u"params"_s, doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    }
    return handleBody(QJsonDocument(request).toJson(QJsonDocument::Compact), callback);
}

RpcDispatcher::Single RpcDispatcher::handleObject(const QJsonObject &request) const
{
    Single single;
    if (!request.contains(u"id"_s)) {
        // aria2 answers notifications (no id) too, with an error.
        single.id = QJsonValue::Null;
        single.result = RpcResult::failure(u"Invalid Request."_s, -32600);
        return single;
    }
    single.id = request.value(u"id"_s);
    const QJsonValue method = request.value(u"method"_s);
    if (!method.isString()) {
        single.result = RpcResult::failure(u"Invalid Request."_s, -32600);
        return single;
    }
    const QJsonValue params = request.value(u"params"_s);
    if (!params.isUndefined() && !params.isArray()) {
        single.result = RpcResult::failure(u"Invalid params."_s, -32602);
        return single;
    }
    single.result = call(method.toString(), params.toArray(), &single);
    return single;
}

RpcResult RpcDispatcher::call(const QString &name, QJsonArray params, Single *auth) const
{
    if (name == kListMethods)
        return RpcResult::success(QJsonArray::fromStringList(methodNames()));
    if (name == kListNotifications)
        return RpcResult::success(QJsonArray::fromStringList(m_notifications));
    if (name == kMulticall)
        return multicall(params, auth);
    if (!authorize(params)) {
        auth->unauthorized = true;
        return RpcResult::failure(u"Unauthorized"_s);
    }
    auth->authorized = true;
    const auto it = m_methods.constFind(name);
    if (it == m_methods.cend())
        return RpcResult::failure(u"No such method: "_s + name);
    return (*it)(params);
}

RpcResult RpcDispatcher::multicall(const QJsonArray &params, Single *auth) const
{
    if (params.isEmpty() || !params.first().isArray())
        return RpcResult::failure(u"The parameter at 0 has wrong type."_s);
    QByteArray answers = "[";
    for (const QJsonValue &spec : params.first().toArray()) {
        if (answers.size() > 1)
            answers += ',';
        if (!spec.isObject()) {
            appendError(answers, 1, u"system.multicall expected struct."_s);
            continue;
        }
        const QJsonObject entry = spec.toObject();
        const QJsonValue name = entry.value(u"methodName"_s);
        if (!name.isString()) {
            appendError(answers, 1, u"Missing methodName."_s);
            continue;
        }
        if (name.toString() == kMulticall) {
            appendError(answers, 1, u"Recursive system.multicall forbidden."_s);
            continue;
        }
        const RpcResult result = call(name.toString(), entry.value(u"params"_s).toArray(), auth);
        if (result.ok()) {
            // A success is the one member of an array (XML-RPC's multicall shape).
            answers += '[';
            appendResult(answers, result);
            answers += ']';
        } else {
            appendError(answers, result.errorCode, result.errorMessage);
        }
    }
    answers += ']';
    return RpcResult::json(answers);
}

bool RpcDispatcher::authorize(QJsonArray &params) const
{
    // As aria2: a first parameter "token:..." is always taken off, so methods
    // see their own parameters whether a secret is set or not.
    QByteArray token;
    bool given = false;
    if (!params.isEmpty() && params.first().isString() && params.first().toString().startsWith(kTokenPrefix)) {
        token = params.first().toString().mid(kTokenPrefix.size()).toUtf8();
        given = true;
        params.removeFirst();
    }
    if (!m_secret)
        return true;
    return given && constantTimeEquals(token, *m_secret);
}

} // namespace ferry
