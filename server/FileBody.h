// Streams a response body made of file ranges and small literal pieces (the
// multipart part headers) to a socket with bounded memory: file bytes go out
// with sendfile(2) while the kernel takes them and Qt's write buffer is empty
// (when the kernel is full the caller waits for the descriptor to be writable,
// as nginx does, rather than copying bytes into Qt's buffer), otherwise one
// chunk at a time only while the socket's unsent bytes stay below a watermark.
// Never holds more than one chunk of the file.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

#include <memory>

class QTcpSocket;

namespace ferry {

class FileBody final
{
public:
    struct Piece {
        QByteArray literal;   // sent as is when `length` is 0
        qint64 offset = 0;    // file range otherwise
        qint64 length = 0;
    };

    // More: call again on bytesWritten, or soon when Qt holds nothing.
    // Blocked: sendfile found the kernel's send buffer full and Qt's buffer is
    // empty; call again once the descriptor is writable (no bytesWritten comes).
    enum class Progress { More, Blocked, Done, Failed };

    // Bodies at least this long are worth a head written straight to the
    // kernel and file bytes sent with sendfile(2) (see HttpConnection).
    static constexpr qint64 SendfileMinimum = 64 * 1024;

    // `file` is open for reading; `expectedSize` is the size stat'ed on the open
    // handle when the headers were made (a shorter file later is a failure).
    FileBody(std::unique_ptr<QFile> file, QList<Piece> pieces);
    Q_DISABLE_COPY_MOVE(FileBody)

    qint64 totalLength() const { return m_total; }
    qint64 sentBytes() const { return m_sent; }

    // Moves bytes to the socket until the watermark is reached or the body is
    // done, or the kernel takes no more (Blocked). Failed: the file shrank or
    // could not be read; the connection must be closed.
    Progress pump(QTcpSocket *socket);

    // For bodies shorter than SendfileMinimum: appends the whole body to
    // `out` (the caller sends it with the head, in one write) and counts it as
    // sent. False: the file shrank or could not be read.
    bool readAllInto(QByteArray &out);

    static void setSendfileEnabled(bool enabled); // for measurements; on by default

private:
    bool sendLiteral(QTcpSocket *socket, const Piece &piece);
    Progress sendFileBytes(QTcpSocket *socket, Piece &piece);

    std::unique_ptr<QFile> m_file;
    QList<Piece> m_pieces;
    qsizetype m_index = 0;
    qint64 m_total = 0;
    qint64 m_sent = 0;
    QByteArray m_chunk;
};

} // namespace ferry
