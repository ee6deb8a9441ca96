// DownloadEngine: a download's other folder (setDirectory) and checksum
// (setChecksum). The files move on the thread pool through core/FileMove;
// the engine keeps the download from starting while they move and makes the
// new folder its own only when every file is there.
#include "core/DownloadEngine.h"

#include "core/ControlFile.h"
#include "core/Download.h"
#include "core/FileMove.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ferry {

void DownloadEngine::setChecksum(DownloadId id, const ChecksumSpec &checksum)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->snapshot.state == DownloadState::Completed)
        return;
    it->request.checksum = checksum;
    if (it->download)
        QMetaObject::invokeMethod(it->download, [d = it->download, checksum] { d->setChecksum(checksum); },
                                  Qt::QueuedConnection);
    Q_EMIT orderChanged(); // the request changed: worth saving
}

void DownloadEngine::setDirectory(DownloadId id, const QString &directory)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    const auto answer = [this, id](const QString &error) {
        QTimer::singleShot(0, this, [this, id, error] { Q_EMIT directoryChanged(id, error); });
    };
    const QString folder = QDir::cleanPath(QDir(directory).absolutePath());
    const QString name = it->snapshot.fileName.isEmpty() ? it->snapshot.url.toDisplayString() : it->snapshot.fileName;
    if (directory.trimmed().isEmpty())
        return answer(tr("No folder given for %1.").arg(name));
    if (it->snapshot.moving || !it->moveWhenStopped.isEmpty())
        return answer(tr("%1 is being moved already.").arg(name));
    if (folder == QDir::cleanPath(it->request.directory))
        return answer({});
    if (it->snapshot.state == DownloadState::Verifying)
        return answer(tr("%1 is being verified; move it when that is done.").arg(name));
    if (it->download) {
        // Paused for the move (its control file written), resumed after it.
        it->moveWhenStopped = folder;
        stopDownload(*it);
        return;
    }
    startMove(id, *it, folder);
}

void DownloadEngine::startMove(DownloadId id, Entry &entry, const QString &directory)
{
    const DownloadSnapshot &s = entry.snapshot;
    if (s.filePath.isEmpty()) { // never started: no file yet, only the folder changes
        finishMove(id, directory, {});
        return;
    }
    const QString name = QFileInfo(s.filePath).fileName();
    const QDir to(directory);
    const bool completed = s.state == DownloadState::Completed;
    QList<FileMoveStep> steps;
    if (completed) {
        steps.append({s.filePath, to.filePath(name)});
    } else {
        const QString part = s.filePath + u".part"_s;
        steps.append({part, to.filePath(name + u".part"_s)});
        steps.append({ControlFile::pathForPart(part), to.filePath(name + u".part.ferry"_s)});
    }
    // It does not start meanwhile, and says why rather than "Queued" or "Paused".
    entry.snapshot.moving = true;
    Q_EMIT stateChanged(entry.snapshot);
    auto promise = std::make_shared<QPromise<QString>>();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, directory] {
        const QString error = watcher->future().resultCount() > 0 ? watcher->result() : tr("The move was interrupted.");
        watcher->deleteLater();
        finishMove(id, directory, error);
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, steps, directory, completed, name] {
        QString error;
        if (!QDir().mkpath(directory)) {
            error = tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(directory));
        } else if (completed && !QFileInfo::exists(steps.constFirst().from)) {
            error = tr("%1 is not on disk any more; nothing was moved.").arg(QDir::toNativeSeparators(steps.constFirst().from));
        } else if (!completed && QFileInfo::exists(QDir(directory).filePath(name))) {
            // Its finished file would take that name: refused now rather than renamed later.
            error = tr("A file named “%1” exists already in %2; nothing was moved.")
                        .arg(name, QDir::toNativeSeparators(directory));
        } else {
            QList<FileMoveStep> present; // an unfinished download may have no file yet
            for (const FileMoveStep &step : steps)
                if (QFileInfo::exists(step.from))
                    present.append(step);
            error = moveFiles(present);
        }
        promise->addResult(error);
        promise->finish();
    });
}

void DownloadEngine::finishMove(DownloadId id, const QString &directory, const QString &error)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    it->snapshot.moving = false;
    if (error.isEmpty()) {
        it->request.directory = directory;
        if (!it->snapshot.filePath.isEmpty())
            it->snapshot.filePath = QDir(directory).filePath(QFileInfo(it->snapshot.filePath).fileName());
        Q_EMIT orderChanged(); // the request changed: worth saving
    } else {
        Q_EMIT logMessage(id, error);
    }
    Q_EMIT stateChanged(it->snapshot);
    Q_EMIT directoryChanged(id, error);
    if (it->removeWhenStopped) // removed while its files moved
        remove(id, it->deleteDataWhenStopped);
    schedule();
    checkShutdown();
}

} // namespace ferry
