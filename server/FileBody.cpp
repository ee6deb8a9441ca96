#include "server/FileBody.h"

#include <QTcpSocket>

#include <atomic>
#include <cerrno>
#include <sys/sendfile.h>
#include <unistd.h>

namespace ferry {

namespace {
// Unsent bytes we let Qt hold per connection before waiting for bytesWritten.
constexpr qint64 WriteWatermark = 256 * 1024;
// One read from the file into Qt's buffer.
constexpr qint64 ChunkSize = 128 * 1024;
// Upper bound for one sendfile call, so one fast client cannot starve the others.
constexpr qint64 SendfileSlice = 4 * 1024 * 1024;
// File ranges at least this long wait for Qt's buffer to drain and go on with
// sendfile, rather than being copied chunk by chunk through Qt's buffer.
constexpr qint64 SendfileMinimum = FileBody::SendfileMinimum;

std::atomic<bool> g_sendfileEnabled {true};
} // namespace

FileBody::FileBody(std::unique_ptr<QFile> file, QList<Piece> pieces)
    : m_file(std::move(file))
    , m_pieces(std::move(pieces))
{
    for (const Piece &p : m_pieces)
        m_total += p.length > 0 ? p.length : p.literal.size();
}

void FileBody::setSendfileEnabled(bool enabled)
{
    g_sendfileEnabled = enabled;
}

bool FileBody::sendLiteral(QTcpSocket *socket, const Piece &piece)
{
    const qint64 written = socket->write(piece.literal);
    if (written != piece.literal.size())
        return false;
    m_sent += written;
    return true;
}

FileBody::Progress FileBody::sendFileBytes(QTcpSocket *socket, Piece &piece)
{
    // Zero-copy path: only when Qt holds nothing unsent, so bytes stay in order.
    if (g_sendfileEnabled && socket->bytesToWrite() == 0) {
        const int out = static_cast<int>(socket->socketDescriptor());
        const int in = m_file->handle();
        qint64 budget = SendfileSlice;
        while (piece.length > 0 && budget > 0) {
            off_t offset = piece.offset;
            const ssize_t n = ::sendfile(out, in, &offset, static_cast<size_t>(qMin(piece.length, budget)));
            if (n > 0) {
                piece.offset += n;
                piece.length -= n;
                m_sent += n;
                budget -= n;
                continue;
            }
            if (n == 0)
                return Progress::Failed; // the file is shorter than when we stat'ed it
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return Progress::Blocked; // kernel buffer full: the caller waits for writability
            if (errno == EINVAL || errno == ENOSYS) {
                g_sendfileEnabled = false; // not supported here: plain reads from now on
                break;
            }
            return Progress::Failed;
        }
        if (piece.length == 0)
            return Progress::Done;
        if (budget == 0)
            return Progress::More; // yield to other connections; caller re-pumps soon
    } else if (g_sendfileEnabled && piece.length >= SendfileMinimum) {
        // Qt still holds bytes (the head, a part head, the chunk queued when
        // the kernel was full): its bytesWritten brings us back once they are
        // out, and sendfile goes on from there.
        return Progress::More;
    }

    // Buffered path: one chunk into Qt's write buffer.
    const qint64 want = qMin(piece.length, ChunkSize);
    m_chunk.resize(want);
    const ssize_t n = ::pread(m_file->handle(), m_chunk.data(), static_cast<size_t>(want), piece.offset);
    if (n <= 0)
        return Progress::Failed;
    if (socket->write(m_chunk.constData(), n) != n)
        return Progress::Failed;
    piece.offset += n;
    piece.length -= n;
    m_sent += n;
    return piece.length == 0 ? Progress::Done : Progress::More;
}

bool FileBody::readAllInto(QByteArray &out)
{
    Q_ASSERT(m_total < SendfileMinimum && m_sent == 0);
    out.reserve(out.size() + m_total);
    for (const Piece &piece : std::as_const(m_pieces)) {
        if (piece.length == 0) {
            out += piece.literal;
            continue;
        }
        const qsizetype at = out.size();
        out.resize(at + piece.length);
        const ssize_t n = ::pread(m_file->handle(), out.data() + at, static_cast<size_t>(piece.length), piece.offset);
        if (n != piece.length)
            return false; // a short read: the file shrank since its headers were made
    }
    m_index = m_pieces.size();
    m_sent = m_total;
    return true;
}

FileBody::Progress FileBody::pump(QTcpSocket *socket)
{
    while (m_index < m_pieces.size()) {
        if (socket->bytesToWrite() >= WriteWatermark)
            return Progress::More;
        Piece &piece = m_pieces[m_index];
        if (piece.length == 0) {
            if (!sendLiteral(socket, piece))
                return Progress::Failed;
            ++m_index;
            continue;
        }
        const qint64 sentBefore = m_sent;
        const Progress p = sendFileBytes(socket, piece);
        if (p == Progress::Failed || p == Progress::Blocked)
            return p;
        if (p == Progress::Done) {
            ++m_index;
            continue;
        }
        // Sendfile slice used up with Qt's buffer still empty: let the event
        // loop run other connections, the caller schedules another pump. No
        // progress: waiting for Qt's buffer to drain.
        if (socket->bytesToWrite() == 0 || m_sent == sentBefore)
            return Progress::More;
    }
    m_chunk = QByteArray();
    return Progress::Done;
}

} // namespace ferry
