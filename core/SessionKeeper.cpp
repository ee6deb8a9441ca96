// See SessionKeeper.h.
#include "core/SessionKeeper.h"

#include "core/DownloadEngine.h"
#include "core/SessionStore.h"

namespace ferry {

SessionKeeper::SessionKeeper(DownloadEngine &engine, SessionStore &store, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_store(store)
{
}

QString SessionKeeper::restore()
{
    const SessionStore::LoadResult loaded = m_store.load();
    for (const DownloadRecord &record : loaded.records)
        m_engine.restore(record.request, record.snapshot);
    if (!m_following) {
        m_following = true;
        connect(&m_engine, &DownloadEngine::added, this, &SessionKeeper::changed);
        connect(&m_engine, &DownloadEngine::stateChanged, this, &SessionKeeper::changed);
        connect(&m_engine, &DownloadEngine::removed, this, &SessionKeeper::changed);
        connect(&m_engine, &DownloadEngine::orderChanged, this, &SessionKeeper::changed);
        // The store's own debounce turns 4 progress batches a second into one write.
        connect(&m_engine, &DownloadEngine::progress, this, &SessionKeeper::changed);
        connect(&m_engine, &DownloadEngine::shutdownFinished, this, &SessionKeeper::onShutdownFinished);
    }
    return loaded.warning;
}

void SessionKeeper::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (!m_following)
        connect(&m_engine, &DownloadEngine::shutdownFinished, this, &SessionKeeper::onShutdownFinished);
    m_engine.shutdown();
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
    if (!m_shuttingDown)
        m_store.scheduleSave(records());
}

void SessionKeeper::onShutdownFinished()
{
    if (!m_shuttingDown)
        return;
    m_store.saveNow(records());
    Q_EMIT finished();
}

} // namespace ferry
