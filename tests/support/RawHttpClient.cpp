#include "tests/support/RawHttpClient.h"

#include <QDeadlineTimer>

using namespace Qt::StringLiterals;

namespace ferry::test {

QByteArray RawResponse::header(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

bool RawResponse::hasHeader(QByteArrayView lowerName) const
{
    return headerCount(lowerName) > 0;
}

int RawResponse::headerCount(QByteArrayView lowerName) const
{
    int n = 0;
    for (const auto &h : headers)
        n += h.first == lowerName ? 1 : 0;
    return n;
}

bool RawHttpClient::connectTo(quint16 port, const QHostAddress &from, int timeoutMs)
{
    if (!from.isNull() && !m_socket.bind(from, 0))
        return false;
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(timeoutMs);
}

bool RawHttpClient::send(QByteArrayView bytes)
{
    if (m_socket.write(bytes.data(), bytes.size()) != bytes.size())
        return false;
    while (m_socket.bytesToWrite() > 0) {
        if (!m_socket.waitForBytesWritten(10'000))
            return false;
    }
    return true;
}

bool RawHttpClient::fill(int timeoutMs)
{
    if (m_eof)
        return false;
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs)) {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            m_eof = true;
        m_buffer += m_socket.readAll();
        return false;
    }
    m_buffer += m_socket.readAll();
    return true;
}

RawResponse RawHttpClient::readResponse(bool headRequest, int timeoutMs)
{
    RawResponse r;
    const QDeadlineTimer deadline(timeoutMs);
    qsizetype headEnd = -1;
    while ((headEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (deadline.hasExpired() || (!fill(int(qMax<qint64>(1, deadline.remainingTime()))) && m_eof))
            break;
    }
    if (headEnd < 0)
        return r;
    r.rawHead = m_buffer.first(headEnd + 4);
    m_buffer.remove(0, headEnd + 4);
    const QList<QByteArray> lines = r.rawHead.first(headEnd).split('\n');
    r.statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = r.statusLine.split(' ');
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/1."))
        return r;
    r.status = parts[1].toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.first(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    r.valid = true;
    const bool noBody = headRequest || r.status == 304 || r.status == 204 || (r.status >= 100 && r.status < 200);
    if (noBody)
        return r;
    if (r.hasHeader("content-length")) {
        const qint64 length = r.header("content-length").toLongLong();
        while (m_buffer.size() < length) {
            if (deadline.hasExpired() || (!fill(int(qMax<qint64>(1, deadline.remainingTime()))) && m_eof))
                break;
        }
        r.body = m_buffer.first(qMin<qint64>(length, m_buffer.size()));
        m_buffer.remove(0, r.body.size());
        if (r.body.size() != length)
            r.valid = false;
        return r;
    }
    // No length: the body ends with the connection.
    while (!m_eof && !deadline.hasExpired())
        fill(int(qMax<qint64>(1, deadline.remainingTime())));
    r.body = std::exchange(m_buffer, {});
    return r;
}

bool RawHttpClient::waitForClose(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_eof && !deadline.hasExpired()) {
        fill(int(qMax<qint64>(1, deadline.remainingTime())));
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            m_eof = true;
    }
    return m_eof;
}

QByteArray RawHttpClient::readUntilClose(int timeoutMs)
{
    waitForClose(timeoutMs);
    return std::exchange(m_buffer, {});
}

RawResponse fetchRaw(quint16 port, const QByteArray &head, bool headRequest)
{
    RawHttpClient client;
    if (!client.connectTo(port) || !client.send(head))
        return {};
    return client.readResponse(headRequest);
}

bool parseMultipart(const QByteArray &body, const QByteArray &boundary, QList<BytePart> *parts)
{
    parts->clear();
    const QByteArray delimiter = "--"_ba + boundary;
    qsizetype pos = 0;
    if (body.startsWith("\r\n"))
        pos = 2; // a leading CRLF before the first delimiter is allowed
    if (body.mid(pos, delimiter.size()) != delimiter)
        return false;
    while (true) {
        // At a delimiter: "--B\r\n" starts a part, "--B--\r\n" ends the body.
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return body.mid(pos + 2) == "\r\n";
        if (body.mid(pos, 2) != "\r\n")
            return false;
        pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            return false;
        BytePart part;
        for (const QByteArray &line : body.mid(pos, headEnd - pos).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                return false;
            const QByteArray name = line.first(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-type")
                part.contentType = value;
            else if (name == "content-range")
                part.contentRange = value;
        }
        // The part's length comes from its Content-Range, so data may hold anything.
        const QByteArray spec = part.contentRange.startsWith("bytes ") ? part.contentRange.mid(6) : QByteArray();
        const qsizetype dash = spec.indexOf('-');
        const qsizetype slash = spec.indexOf('/');
        if (dash <= 0 || slash <= dash)
            return false;
        const qint64 first = spec.first(dash).toLongLong();
        const qint64 last = spec.mid(dash + 1, slash - dash - 1).toLongLong();
        const qint64 length = last - first + 1;
        const qsizetype dataStart = headEnd + 4;
        if (length <= 0 || dataStart + length > body.size())
            return false;
        part.data = body.mid(dataStart, length);
        parts->append(part);
        pos = dataStart + length;
        if (body.mid(pos, 2) != "\r\n")
            return false;
        pos += 2;
        if (body.mid(pos, delimiter.size()) != delimiter)
            return false;
    }
}

} // namespace ferry::test
