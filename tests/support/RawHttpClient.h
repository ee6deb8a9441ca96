// A blocking HTTP/1.1 client over a raw TCP socket for the share-server tests:
// sends exactly the bytes a test writes (hostile framing included) and parses
// the answers byte-exactly, so status, every header and the body can be checked.
// Used on the test's thread while the server runs on its own.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpSocket>

namespace ferry::test {

struct RawResponse {
    bool valid = false;           // a complete status line and head arrived
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QByteArray rawHead;

    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
    int headerCount(QByteArrayView lowerName) const;
};

class RawHttpClient final
{
    Q_DISABLE_COPY_MOVE(RawHttpClient)

public:
    RawHttpClient() = default;

    // Connects to 127.0.0.1:port, optionally from a chosen local address (127.0.0.x).
    bool connectTo(quint16 port, const QHostAddress &from = {}, int timeoutMs = 10'000);
    bool send(QByteArrayView bytes);
    // Reads one response. `headRequest`: the answer to a HEAD has no body.
    RawResponse readResponse(bool headRequest = false, int timeoutMs = 20'000);
    // True when the server closed the connection within the time (reads and drops data).
    bool waitForClose(int timeoutMs = 10'000);
    // Everything that arrives until the server closes (or the time is up).
    QByteArray readUntilClose(int timeoutMs = 10'000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

private:
    bool fill(int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_eof = false;
};

// One request on a new connection; `head` is the complete request head.
RawResponse fetchRaw(quint16 port, const QByteArray &head, bool headRequest = false);

// Parsed multipart/byteranges body.
struct BytePart {
    QByteArray contentType;
    QByteArray contentRange;
    QByteArray data;
};
// False when the body is not well-formed multipart for `boundary`.
bool parseMultipart(const QByteArray &body, const QByteArray &boundary, QList<BytePart> *parts);

} // namespace ferry::test
