// See FileMove.h.
#include "core/FileMove.h"
#include "core/DirectorySync.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr qsizetype kCopyChunk = 1 << 20;

QString tr(const char *text)
{
    return QCoreApplication::translate("FileMove", text);
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString clashError(const QString &to)
{
    const QFileInfo info(to);
    return tr("A file named “%1” exists already in %2; nothing was moved.").arg(info.fileName(), native(info.absolutePath()));
}

QString moveError(const QString &from, const QString &to, int error)
{
    return tr("Cannot move %1 to %2: %3").arg(native(from), native(QFileInfo(to).absolutePath()), systemError(error));
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Copies `from` to a temporary file in the target folder, syncs it and gives
// it the name `to` only if that name is free. Returns 0 or an errno; EEXIST
// means the name is taken. Nothing is left behind on failure.
int copyInto(const QString &from, const QString &to)
{
    const QByteArray source = QFile::encodeName(from);
    const int in = ::open(source.constData(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return errno;
    struct stat st {};
    if (::fstat(in, &st) != 0) {
        const int error = errno;
        ::close(in);
        return error;
    }
    const QFileInfo target(to);
    QByteArray temp = QFile::encodeName(target.absolutePath() + u"/."_s + target.fileName() + u".moving-XXXXXX"_s);
    const int out = ::mkostemp(temp.data(), O_CLOEXEC);
    if (out < 0) {
        const int error = errno;
        ::close(in);
        return error;
    }
    int error = 0;
    QByteArray buffer(kCopyChunk, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::read(in, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = errno;
            break;
        }
        if (n == 0)
            break;
        if (!writeAll(out, buffer.constData(), n)) {
            error = errno != 0 ? errno : EIO;
            break;
        }
    }
    if (error == 0) {
        ::fchmod(out, st.st_mode & 07777);
        const struct timespec times[2] = {st.st_atim, st.st_mtim};
        ::futimens(out, times);
        if (::fsync(out) != 0)
            error = errno;
    }
    ::close(in);
    if (::close(out) != 0 && error == 0)
        error = errno;
    if (error == 0) {
        const QByteArray name = QFile::encodeName(to);
        if (::renameat2(AT_FDCWD, temp.constData(), AT_FDCWD, name.constData(), RENAME_NOREPLACE) != 0) {
            error = errno;
            // A file system without RENAME_NOREPLACE: link(2) refuses a taken name too.
            if (error == EINVAL && ::link(temp.constData(), name.constData()) == 0)
                error = 0;
            else if (error == EINVAL)
                error = errno;
        }
    }
    if (::access(temp.constData(), F_OK) == 0)
        ::unlink(temp.constData());
    return error;
}

// Puts `from` at `to` as well; returns 0 or an errno (EEXIST: the name is taken).
int place(const QString &from, const QString &to, bool forceCopy)
{
    if (!forceCopy) {
        if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
            return 0;
        // Another file system, or one without hard links: copy.
        if (errno != EXDEV && errno != EPERM && errno != EOPNOTSUPP && errno != EMLINK)
            return errno;
    }
    return copyInto(from, to);
}

} // namespace

QString moveFiles(const QList<FileMoveStep> &steps, bool forceCopy)
{
    QStringList placed;
    QString error;
    for (const FileMoveStep &step : steps) {
        const int result = place(step.from, step.to, forceCopy);
        if (result == 0) {
            placed.append(step.to);
            continue;
        }
        error = result == EEXIST ? clashError(step.to) : moveError(step.from, step.to, result);
        break;
    }
    if (!error.isEmpty()) {
        for (const QString &path : std::as_const(placed))
            ::unlink(QFile::encodeName(path).constData());
        if (!placed.isEmpty())
            syncDirectoryOf(placed.constFirst());
        return error;
    }
    // Every file is whole in its new place, on disk, before an old name goes.
    QSet<QString> folders;
    for (const FileMoveStep &step : steps)
        folders.insert(QFileInfo(step.to).absolutePath());
    for (const QString &folder : std::as_const(folders))
        syncDirectoryOf(folder + u"/."_s);
    folders.clear();
    for (const FileMoveStep &step : steps) {
        ::unlink(QFile::encodeName(step.from).constData());
        folders.insert(QFileInfo(step.from).absolutePath());
    }
    for (const QString &folder : std::as_const(folders))
        syncDirectoryOf(folder + u"/."_s);
    return {};
}

} // namespace ferry
