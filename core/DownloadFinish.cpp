// A download's last steps: the final checkpoint and fdatasync, the checksum
// (cancellable, on its own thread pool), the rename to the final name, and
// deleting the partial files of a removed download.
#include "core/Download.h"

#include "core/ChecksumSpec.h"

#include <QThreadPool>

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ferry {

void Download::finishDownload()
{
    if (m_phase == Phase::Finishing || m_phase == Phase::Done || m_phase == Phase::Stopping)
        return;
    m_phase = Phase::Finishing;
    abortAll();
    m_checkpointTimer.stop();
    m_snap.totalBytes = m_total;
    const bool verify = !m_request.checksum.isEmpty();
    if (!verify && !m_checkpointer.busy() && !m_checkpointer.controlFileMayExist()) {
        // Finished before its first checkpoint: no control file to write only
        // to delete it. The data is still on disk before the file gets its name.
        const int fd = m_file.duplicateHandle();
        m_checkpointer.run([this, fd]() -> std::function<void()> {
            const bool ok = fd >= 0 && ::fdatasync(fd) == 0;
            const QString error = QString::fromLocal8Bit(std::strerror(errno));
            if (fd >= 0)
                ::close(fd);
            return [this, ok, error] {
                if (m_phase != Phase::Finishing)
                    return;
                if (!ok)
                    fail(ErrorKind::Fatal, text(QT_TR_NOOP("Cannot write %1: %2")).arg(QDir::toNativeSeparators(m_file.path()), error));
                else
                    finalize();
            };
        });
        return;
    }
    m_checkpointer.markDirty();
    checkpoint([this, verify] {
        if (m_phase != Phase::Finishing)
            return;
        if (verify)
            setState(DownloadState::Verifying);
        const ChecksumSpec spec = m_request.checksum;
        const QString path = m_file.path();
        m_hashCancel = std::make_shared<std::atomic_bool>(false); // a stop sets it: the hash ends within a chunk
        m_checkpointer.run([this, path, spec, verify, cancel = m_hashCancel]() -> std::function<void()> {
            QString error;
            QByteArray digest;
            if (verify)
                digest = hashFile(path, spec.algorithm, &error, cancel.get());
            return [this, digest, error, spec, verify] {
                if (m_phase != Phase::Finishing)
                    return; // a stop is waiting for this job
                if (verify && digest.isEmpty()) {
                    fail(ErrorKind::Fatal, text(QT_TR_NOOP("Cannot read %1 to verify it: %2")).arg(QDir::toNativeSeparators(m_file.path()), error));
                } else if (verify && digest != spec.expectedHex) {
                    fail(ErrorKind::NeedsUser,
                         text(QT_TR_NOOP("Checksum mismatch (%1 expected %2, got %3); the data is kept in %4"))
                             .arg(spec.algorithmName(), QString::fromLatin1(spec.expectedHex),
                                  QString::fromLatin1(digest), QDir::toNativeSeparators(m_file.path())),
                         FailureCause::Checksum);
                } else {
                    finalize();
                }
            };
        }, checksumThreadPool());
    });
}

void Download::finalize()
{
    m_file.close();
    const bool replace = m_request.conflict == ConflictPolicy::Overwrite || !m_request.fileName.isEmpty();
    if (!m_file.moveInto(m_directory, &m_fileName, replace)) {
        fail(ErrorKind::Fatal, TranslatableText::plain(m_file.errorString()));
        return;
    }
    m_snap.fileName = m_fileName;
    m_snap.filePath = QDir(m_directory).filePath(m_fileName);
    if (m_checkpointer.controlFileMayExist())
        QFile::remove(m_checkpointer.controlPath());
    m_checkpointer.setControlFileMayExist(false);
    m_phase = Phase::Done;
    m_progressTimer.stop();
    m_checkpointTimer.stop();
    m_snap.finished = QDateTime::currentDateTimeUtc();
    m_snap.receivedBytes = m_total;
    setState(DownloadState::Completed);
}

void Download::deletePartialFiles()
{
    m_file.close();
    if (!m_file.path().isEmpty())
        QFile::remove(m_file.path());
    if (!m_checkpointer.controlPath().isEmpty())
        QFile::remove(m_checkpointer.controlPath());
}

} // namespace ferry
