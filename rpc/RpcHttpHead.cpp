// See RpcHttpHead.h.
#include "rpc/RpcHttpHead.h"

#include <QUrl>

namespace ferry {

namespace {
bool isToken(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || c == ':' || c == '(' || c == ')' || c == ',' || c == '"')
            return false;
    }
    return true;
}

bool hasToken(const QByteArray &list, QByteArrayView token)
{
    for (const QByteArray &part : list.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}
} // namespace

RpcHttpHead RpcHttpHead::parse(QByteArrayView bytes, qint64 maxBodyBytes)
{
    RpcHttpHead head;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0) {
        head.status = bytes.size() > MaxHeadBytes ? Status::TooLarge : Status::Incomplete;
        return head;
    }
    if (end + 4 > MaxHeadBytes) {
        head.status = Status::TooLarge;
        return head;
    }
    head.headBytes = end + 4;
    const QByteArray text = bytes.first(end).toByteArray();
    head.status = Status::BadRequest;
    if (text.contains('\0'))
        return head;
    // Lines end in CRLF; a bare CR or LF inside the head is refused.
    QList<QByteArray> lines;
    for (qsizetype from = 0;;) {
        const qsizetype crlf = text.indexOf("\r\n", from);
        lines.append(text.mid(from, crlf < 0 ? -1 : crlf - from));
        if (crlf < 0)
            break;
        from = crlf + 2;
    }
    for (const QByteArray &line : std::as_const(lines))
        if (line.contains('\r') || line.contains('\n'))
            return head;
    QList<QByteArray> requestLine = lines.first().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith('/'))
        return head;
    head.method = requestLine[0];
    if (!isToken(head.method))
        return head;
    const bool http10 = requestLine[2] == "HTTP/1.0";
    const QByteArray target = requestLine[1];
    const qsizetype q = target.indexOf('?');
    head.path = QUrl::fromPercentEncoding(q < 0 ? target : target.first(q));
    head.query = QString::fromLatin1(q < 0 ? QByteArray() : target.mid(q + 1));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return head;
        const QByteArray name = line.first(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        auto it = head.headers.find(name);
        if (it == head.headers.end())
            head.headers.insert(name, value);
        else if (name == "content-length")
            return head; // two lengths: refuse rather than guess
        else
            *it += ", " + value;
    }
    if (!http10 && !head.headers.contains("host"))
        return head;
    if (head.headers.contains("transfer-encoding")) {
        head.status = Status::LengthRequired;
        return head;
    }
    if (head.headers.contains("content-length")) {
        const QByteArray text = head.headers.value("content-length");
        bool ok = !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
        const qint64 length = text.size() <= 18 ? text.toLongLong(&ok) : -1;
        if (!ok || length < 0)
            return head;
        head.contentLength = length;
    }
    if (head.contentLength > maxBodyBytes) {
        head.status = Status::BodyTooLarge;
        return head;
    }
    const QByteArray connection = head.headers.value("connection");
    head.keepAlive = http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
    head.webSocketUpgrade = head.method == "GET" && hasToken(connection, "upgrade")
        && head.headers.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
    head.status = Status::Complete;
    return head;
}

} // namespace ferry
