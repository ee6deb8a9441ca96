// A download's files: resuming from the control file (what it claims is
// checked against the .part), choosing the name (never one on disk or one
// another download of this process chose), opening the .part, and the
// control data written beside it. The lifecycle is in Download.cpp.
#include "core/Download.h"

#include "core/ControlFile.h"
#include "core/ControlFileIndex.h"
#include "core/DataSize.h"
#include "core/FileNames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

QString describeBytes(qint64 bytes)
{
    return formatDataSize(bytes);
}

// Names chosen by this process's downloads (full paths), until each Download
// ends: two downloads of one list with the same file name, on two worker
// threads, both found "a (2).bin" free on disk before either made its .part.
QMutex &claimsMutex()
{
    static QMutex mutex;
    return mutex;
}

QSet<QString> &claimedPaths()
{
    static QSet<QString> paths;
    return paths;
}

} // namespace

bool Download::tryResumeFromControlFile()
{
    QStringList candidates;
    const QDir dir(m_directory);
    if (!m_fileName.isEmpty()) {
        candidates << dir.filePath(m_fileName + u".part.ferry"_s);
    } else {
        // Not a scan per download: a list of n files into one folder would read
        // the names of all the files before each one (core/ControlFileIndex).
        const QStringList found = ControlFileIndex::shared().namesIn(m_directory);
        for (const QString &name : found)
            candidates << dir.filePath(name);
    }
    for (const QString &path : std::as_const(candidates)) {
        if (!QFileInfo::exists(path))
            continue;
        QString error;
        const std::optional<ControlData> data = ControlFile::read(path, &error);
        if (!data) {
            log(tr("Ignoring the damaged control file %1: %2").arg(QDir::toNativeSeparators(path), error));
            continue;
        }
        if (data->url != m_url && data->url != m_request.url) {
            if (!m_request.continueFromOtherUrl || m_fileName.isEmpty())
                continue; // another download's file
            // A changed link: the validators recorded for the old one go with
            // every range request (If-Range), so another file restarts from zero.
            log(tr("Continuing %1 (started from %2) from the new link; its data is kept only if the server has the same file")
                    .arg(m_fileName, data->url.toDisplayString()));
        }
        if (adoptControlData(*data, path))
            return true;
        break;
    }
    return false;
}

bool Download::adoptControlData(const ControlData &data, const QString &controlPath)
{
    const QString partPath = controlPath.chopped(int(qstrlen(".ferry")));
    m_fileName = data.fileName.isEmpty() ? QFileInfo(partPath).completeBaseName() : data.fileName;
    if (!QFileInfo::exists(partPath)) {
        log(tr("The partial file %1 is missing; starting again").arg(QDir::toNativeSeparators(partPath)));
        return false;
    }
    if (!data.resumable || data.totalBytes < 0) {
        log(tr("The server cannot resume this download; starting again from the beginning"));
        return false;
    }
    m_map.reset(data.totalBytes);
    if (!m_map.setFinished(data.finished)) {
        log(tr("The control file %1 does not fit the file; starting again").arg(QDir::toNativeSeparators(controlPath)));
        return false;
    }
    m_resumable = true;
    m_total = data.totalBytes;
    m_etag = data.etag;
    m_lastModified = data.lastModified;
    m_snap.finalUrl = data.finalUrl;
    m_snap.totalBytes = m_total;
    m_snap.resumable = true;
    if (!openPartFile(false))
        return false;
    m_checkpointer.setControlFileMayExist(true);
    // Claims beyond the .part's end are void (a file cut short after a crash,
    // by a sync tool or by hand): those bytes are fetched again, never taken
    // as the zeros a read past the end would give.
    const qint64 onDisk = m_file.size();
    if (m_map.finishedBytes() > 0 && m_map.finished().constLast().end > onDisk) {
        QList<ByteSpan> kept;
        for (const ByteSpan &span : data.finished) {
            if (span.begin < onDisk)
                kept << ByteSpan{span.begin, std::min(span.end, onDisk)};
        }
        m_map.reset(data.totalBytes);
        m_map.setFinished(kept);
        log(tr("The partial file %1 is shorter than its control file says (%2 of %3); the rest is fetched again")
                .arg(QDir::toNativeSeparators(m_file.path()), describeBytes(onDisk), describeBytes(m_total)));
        m_checkpointer.markDirty();
    }
    log(tr("Resuming at %1 of %2").arg(describeBytes(m_map.finishedBytes()), describeBytes(m_total)));
    publish(false);
    return true;
}

void Download::chooseFileName(const QString &suggested)
{
    const QDir dir(m_directory);
    if (!m_request.fileName.isEmpty()) {
        m_fileName = m_request.fileName;
    } else if (m_fileName.isEmpty()) {
        QString name = sanitizeFileName(suggested);
        if (suggested.isEmpty()) {
            name = sanitizeFileName(fileNameFromUrl(m_sessionUrl));
            if (name == u"download")
                name = sanitizeFileName(fileNameFromUrl(m_url));
        }
        if (m_request.conflict == ConflictPolicy::Skip && dir.exists(name)) {
            m_fileName = name;
            m_snap.fileName = name;
            m_snap.filePath = dir.filePath(name);
            abortAll();
            m_phase = Phase::Done;
            log(tr("%1 exists already; skipped").arg(QDir::toNativeSeparators(m_snap.filePath)));
            m_snap.finished = QDateTime::currentDateTimeUtc();
            setState(DownloadState::Completed);
            return;
        }
        if (m_request.conflict == ConflictPolicy::Rename) {
            const QMutexLocker lock(&claimsMutex());
            name = uniqueFileName(name, [&dir](const QString &candidate) {
                return claimedPaths().contains(dir.filePath(candidate)) || dir.exists(candidate)
                    || dir.exists(candidate + u".part"_s);
            });
            m_claimedPath = dir.filePath(name);
            claimedPaths().insert(m_claimedPath);
        }
        m_fileName = name;
    }
    m_snap.fileName = m_fileName;
    m_snap.filePath = dir.filePath(m_fileName);
}

bool Download::openPartFile(bool truncate)
{
    const QDir dir(m_directory);
    m_snap.fileName = m_fileName;
    m_snap.filePath = dir.filePath(m_fileName);
    const QString partPath = m_snap.filePath + u".part"_s;
    m_checkpointer.setControlPath(ControlFile::pathForPart(partPath));
    const auto logLine = [this](const QString &message) { log(message); };
    bool opened = m_file.open(partPath, logLine);
    // The folder is made when the file cannot be opened without it, not
    // looked up before every file of a list.
    if (!opened && m_file.error() == PartFile::Error::Io && !dir.exists()) {
        if (!QDir().mkpath(m_directory)) {
            fail(ErrorKind::Fatal, text(QT_TR_NOOP("Cannot create the folder %1")).arg(QDir::toNativeSeparators(m_directory)));
            return false;
        }
        opened = m_file.open(partPath, logLine);
    }
    if (!opened)
        return failPartFile();
    if (!truncate)
        return true;
    // A control file left here (another URL's under -O, one that could not
    // be adopted) goes before its data does. Nothing of this download's is
    // in flight yet; a restart has voided its own already.
    if (QString error; QFileInfo::exists(m_checkpointer.controlPath())
                       && !ControlFile::remove(m_checkpointer.controlPath(), &error)) {
        fail(ErrorKind::Fatal, text(QT_TR_NOOP("Cannot remove %1: %2")).arg(QDir::toNativeSeparators(m_checkpointer.controlPath()), error));
        return false;
    }
    m_checkpointer.setControlFileMayExist(false); // until a checkpoint writes one
    if (!m_file.truncate(0))
        return failPartFile();
    // Reserve the space now: a full disk is reported before the transfer, not
    // in the middle of it. Not for a file of one segment (most of a list of
    // small files): it is written in a moment, a full disk fails its first
    // write with ENOSPC just as clearly, and the call cost more than the rest
    // of the file's disk work but the create and the flush.
    if (m_total > m_options.minSplitBytes && !m_file.reserve(m_total)) {
        if (m_file.error() == PartFile::Error::DiskFull) {
            m_file.close();
            QFile::remove(m_file.path());
            QFile::remove(m_checkpointer.controlPath());
            fail(ErrorKind::Fatal, text(QT_TR_NOOP("Not enough disk space for %1 (%2 needed in %3)"))
                                       .arg(m_fileName, describeBytes(m_total), QDir::toNativeSeparators(m_directory)),
                 FailureCause::NoSpace);
            return false;
        }
        return failPartFile();
    }
    return true;
}

// Fails the download with what the part file said went wrong.
bool Download::failPartFile()
{
    if (m_file.error() == PartFile::Error::Busy) {
        const QString part = m_snap.filePath + u".part"_s;
        m_checkpointer.setControlPath({}); // not ours: never checkpointed nor deleted from here
        fail(ErrorKind::Fatal, text(QT_TR_NOOP("%1 is being downloaded by another Ferry (its partial file %2 is in use)"))
                                   .arg(m_fileName, QDir::toNativeSeparators(part)));
        return false;
    }
    fail(ErrorKind::Fatal, TranslatableText::plain(m_file.errorString()),
         m_file.error() == PartFile::Error::DiskFull ? FailureCause::NoSpace : FailureCause::FileError);
    return false;
}

ControlData Download::controlData() const
{
    ControlData data;
    data.url = m_url;
    data.finalUrl = m_snap.finalUrl;
    data.fileName = m_fileName;
    data.totalBytes = m_total;
    data.resumable = m_resumable;
    data.etag = m_etag;
    data.lastModified = m_lastModified;
    if (m_resumable)
        data.finished = m_map.finished();
    data.checksum = m_request.checksum;
    data.updated = QDateTime::currentDateTimeUtc();
    return data;
}

void Download::releaseClaimedName()
{
    if (m_claimedPath.isEmpty())
        return;
    const QMutexLocker lock(&claimsMutex());
    claimedPaths().remove(m_claimedPath);
    m_claimedPath.clear();
}

} // namespace ferry
