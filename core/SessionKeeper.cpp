// See SessionKeeper.h.
#include "core/SessionKeeper.h"

#include "core/DownloadEngine.h"
#include "core/SessionStore.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace ferry {

namespace {

// A restore slice stops after this long so the event loop runs (paints,
// input, the downloads' own events) between slices.
constexpr qint64 kRestoreSliceNs = 8'000'000;

} // namespace

SessionKeeper::SessionKeeper(DownloadEngine &engine, SessionStore &store, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_store(store)
{
}

SessionKeeper::Saved SessionKeeper::savedPart(const DownloadSnapshot &s)
{
    return Saved{s.fileName, s.filePath, s.finalUrl, s.totalBytes, s.resumable};
}

QString SessionKeeper::restore()
{
    const SessionStore::LoadResult loaded = m_store.load();
    m_engine.restoreMany(loaded.records);
    follow();
    rememberSaved(records());
    return loaded.warning;
}

void SessionKeeper::restoreInBackground()
{
    if (m_restoring)
        return;
    m_restoring = true;
    follow(); // downloads added while the file is read are saved once it is in
    connect(&m_store, &SessionStore::loaded, this, [this](const SessionStore::LoadResult &result) {
        m_toRestore = result.records;
        m_restoreNext = 0;
        m_restoreWarning = result.warning;
        restoreSlice();
    }, Qt::SingleShotConnection);
    m_store.loadInBackground();
}

void SessionKeeper::restoreSlice()
{
    // Slices as large as fit in kRestoreSliceNs, judged by the one before.
    QElapsedTimer slice;
    slice.start();
    const qsizetype count = std::min(m_sliceSize, m_toRestore.size() - m_restoreNext);
    m_engine.restoreMany(m_toRestore.mid(m_restoreNext, count));
    m_restoreNext += count;
    const qint64 ns = std::max<qint64>(slice.nsecsElapsed(), 1);
    m_sliceSize = std::clamp<qsizetype>(qsizetype(double(count) * double(kRestoreSliceNs) / double(ns)), 50, 5000);
    if (m_restoreNext < m_toRestore.size())
        QTimer::singleShot(0, this, &SessionKeeper::restoreSlice);
    else
        finishRestore();
}

void SessionKeeper::finishRestore()
{
    m_toRestore.clear();
    m_restoring = false;
    // Restoring saves nothing by itself, but what was added or changed meanwhile must reach the file.
    if (std::exchange(m_changedWhileRestoring, false))
        changed();
    else
        rememberSaved(records());
    Q_EMIT restored(m_restoreWarning);
    if (m_shutdownWaitsForRestore) {
        m_shutdownWaitsForRestore = false;
        m_engine.shutdown();
    }
}

void SessionKeeper::follow()
{
    if (m_following)
        return;
    m_following = true;
    connect(&m_engine, &DownloadEngine::added, this, &SessionKeeper::changed);
    connect(&m_engine, &DownloadEngine::stateChanged, this, &SessionKeeper::changed);
    connect(&m_engine, &DownloadEngine::removed, this, &SessionKeeper::changed);
    connect(&m_engine, &DownloadEngine::orderChanged, this, &SessionKeeper::changed);
    // Progress alone is in the control files; a batch is worth a write only
    // when it carries something else that is saved.
    connect(&m_engine, &DownloadEngine::progress, this, &SessionKeeper::onProgress);
    connect(&m_engine, &DownloadEngine::shutdownFinished, this, &SessionKeeper::onShutdownFinished);
    connect(&m_store, &SessionStore::flushed, this, &SessionKeeper::onFlushed);
}

void SessionKeeper::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (!m_following) {
        connect(&m_engine, &DownloadEngine::shutdownFinished, this, &SessionKeeper::onShutdownFinished);
        connect(&m_store, &SessionStore::flushed, this, &SessionKeeper::onFlushed);
    }
    if (m_restoring) {
        m_shutdownWaitsForRestore = true; // a half-restored list must never be the one written
        return;
    }
    m_engine.shutdown();
}

void SessionKeeper::saveNow()
{
    if (!m_restoring && !m_shuttingDown)
        m_store.flush(records());
}

QList<DownloadRecord> SessionKeeper::records() const
{
    QList<DownloadRecord> list;
    const QList<DownloadSnapshot> snapshots = m_engine.snapshots();
    list.reserve(snapshots.size());
    for (const DownloadSnapshot &snapshot : snapshots)
        list.append(DownloadRecord{m_engine.request(snapshot.id), snapshot});
    return list;
}

void SessionKeeper::changed()
{
    if (m_restoring)
        m_changedWhileRestoring = true;
    if (m_shuttingDown || m_restoring)
        return;
    const QList<DownloadRecord> list = records();
    rememberSaved(list);
    m_store.scheduleSave(list);
}

void SessionKeeper::rememberSaved(const QList<DownloadRecord> &list)
{
    m_saved.clear();
    m_saved.reserve(list.size());
    for (const DownloadRecord &record : list)
        m_saved.insert(record.snapshot.id, savedPart(record.snapshot));
}

void SessionKeeper::onProgress(const QList<DownloadSnapshot> &batch)
{
    for (const DownloadSnapshot &snapshot : batch) {
        const auto it = m_saved.constFind(snapshot.id);
        if (it == m_saved.cend() || !(*it == savedPart(snapshot))) {
            changed();
            return;
        }
    }
}

void SessionKeeper::onShutdownFinished()
{
    if (!m_shuttingDown || m_writingFinal)
        return;
    // The final list has every byte count as the control files have it; it is
    // written on the store's thread while the event loop goes on.
    m_writingFinal = true;
    m_store.flush(records());
}

void SessionKeeper::onFlushed()
{
    if (m_writingFinal && !m_store.hasPendingSave()) {
        m_writingFinal = false;
        Q_EMIT finished();
    }
}

} // namespace ferry
