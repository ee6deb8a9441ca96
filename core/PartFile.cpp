#include "core/PartFile.h"

#include "core/FileNames.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr qint64 kWriteBackChunk = 16 * 1024 * 1024; // written bytes between write-back kicks

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The user hears these from the Download: same translation context.
QString cannotWrite(const QString &path, const QString &why)
{
    return QCoreApplication::translate("ferry::Download", "Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
}
} // namespace

bool PartFile::setError(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
    return false;
}

bool PartFile::open(const QString &path, const std::function<void(const QString &)> &log)
{
    m_error = Error::None;
    m_errorString.clear();
    if (m_file.isOpen() && m_path == path)
        return true;
    if (m_file.isOpen())
        m_file.close();
    m_path = path;
    m_file.setFileName(path);
    // Opened without truncating: the lock below decides whether it is ours.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return setError(Error::Io, cannotWrite(path, m_file.errorString()));
    // One writer per partial file: another Ferry downloading into it (the
    // same `ferry get` in a second terminal, or the window) holds this lock
    // until it closes the file. Without it both would write, and the loser
    // would fail on a file renamed under it.
    if (::flock(m_file.handle(), LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (error == EWOULDBLOCK) {
            m_file.close();
            m_path.clear();
            return setError(Error::Busy, QString());
        }
        // Some file systems have no locks (ENOLCK, EOPNOTSUPP): go on without.
        if (log)
            log(QCoreApplication::translate("ferry::Download", "Cannot lock %1: %2")
                    .arg(QDir::toNativeSeparators(path), errnoText(error)));
    }
    return true;
}

void PartFile::close()
{
    m_file.close();
}

bool PartFile::truncate(qint64 size)
{
    if (::ftruncate(m_file.handle(), size) != 0)
        return setError(Error::Io, cannotWrite(m_path, errnoText(errno)));
    return true;
}

bool PartFile::reserve(qint64 size)
{
    if (size <= 0 || ::fallocate(m_file.handle(), 0, 0, size) == 0)
        return true;
    const int error = errno;
    if (error == ENOSPC || error == EDQUOT)
        return setError(Error::DiskFull, errnoText(error));
    return truncate(size); // file systems without fallocate: a sparse file
}

bool PartFile::writeAt(qint64 offset, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(m_file.handle(), data, size_t(size), offset);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            return error == ENOSPC
                ? setError(Error::DiskFull, QCoreApplication::translate("ferry::Download", "The disk is full: cannot write %1")
                                                .arg(QDir::toNativeSeparators(m_path)))
                : setError(Error::Io, cannotWrite(m_path, errnoText(error)));
        }
        data += written;
        offset += written;
        size -= written;
        m_unflushedBytes += written;
    }
    if (m_unflushedBytes >= kWriteBackChunk) {
        // Start write-back now, without waiting for it: the disk works while
        // the network does, and the checkpoints' fdatasync (and the last one
        // before the rename) finds little left to write.
        m_unflushedBytes = 0;
        ::sync_file_range(m_file.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
    }
    return true;
}

QByteArray PartFile::readAt(qint64 offset, qint64 size) const
{
    QByteArray out(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(m_file.handle(), out.data() + done, size_t(size - done), offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    out.truncate(done);
    return out;
}

qint64 PartFile::size() const
{
    return m_file.isOpen() ? m_file.size() : QFileInfo(m_path).size();
}

int PartFile::duplicateHandle() const
{
    return ::fcntl(m_file.handle(), F_DUPFD_CLOEXEC, 0);
}

bool PartFile::moveInto(const QString &directory, QString *fileName, bool replace)
{
    const QDir dir(directory);
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const QString target = dir.filePath(*fileName);
        const QByteArray from = QFile::encodeName(m_path);
        const QByteArray to = QFile::encodeName(target);
        const auto cannotRename = [&](int error) {
            return setError(Error::Io, QCoreApplication::translate("ferry::Download", "Cannot rename %1 to %2: %3")
                                           .arg(QDir::toNativeSeparators(m_path), QDir::toNativeSeparators(target), errnoText(error)));
        };
        if (replace) {
            if (::rename(from.constData(), to.constData()) == 0)
                return true;
            return cannotRename(errno);
        }
        if (::link(from.constData(), to.constData()) == 0) {
            ::unlink(from.constData());
            return true;
        }
        const int linkError = errno;
        if (linkError == EEXIST) {
            *fileName = uniqueFileName(*fileName, [&dir](const QString &candidate) {
                return dir.exists(candidate) || dir.exists(candidate + u".part"_s);
            });
            continue;
        }
        // File systems without hard links: check, then rename (a small race, but no data is lost).
        if (!QFileInfo::exists(target) && ::rename(from.constData(), to.constData()) == 0)
            return true;
        return cannotRename(linkError);
    }
    return setError(Error::Io, QCoreApplication::translate("ferry::Download", "Cannot rename %1 to %2: %3")
                                   .arg(QDir::toNativeSeparators(m_path), dir.filePath(*fileName), errnoText(EEXIST)));
}

} // namespace ferry
