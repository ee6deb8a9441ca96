// See PendingRemovals.h.
#include "ui/PendingRemovals.h"

#include "core/DownloadEngine.h"

#include <QSignalBlocker>

#include <utility>

namespace ferry {

namespace {
constexpr int kUndoMs = 8000; // long enough to read the message and reach the button
} // namespace

PendingRemovals::PendingRemovals(DownloadEngine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kUndoMs);
    connect(&m_timer, &QTimer::timeout, this, &PendingRemovals::commit);
    // A download the engine removed by itself is no longer ours to bring back.
    connect(&engine, &DownloadEngine::removed, this, &PendingRemovals::forget);
}

PendingRemovals::~PendingRemovals()
{
    // Whoever listened may be half destroyed by now: remove without telling.
    const QSignalBlocker quiet(this);
    commit();
}

void PendingRemovals::add(const QList<DownloadId> &ids, bool deletePartialData)
{
    bool added = false;
    for (DownloadId id : ids) {
        if (!m_engine.contains(id))
            continue;
        auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const auto &p) { return p.first == id; });
        if (it != m_pending.end()) {
            it->second = it->second || deletePartialData;
            continue;
        }
        m_pending.append({id, deletePartialData});
        added = true;
    }
    if (m_pending.isEmpty())
        return;
    m_timer.start();
    if (added)
        Q_EMIT changed();
}

void PendingRemovals::undo()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    m_pending.clear();
    Q_EMIT changed();
}

void PendingRemovals::commit()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const auto pending = std::exchange(m_pending, {});
    for (const auto &[id, deleteData] : pending)
        m_engine.remove(id, deleteData);
    Q_EMIT changed();
}

QSet<DownloadId> PendingRemovals::ids() const
{
    QSet<DownloadId> set;
    set.reserve(m_pending.size());
    for (const auto &p : m_pending)
        set.insert(p.first);
    return set;
}

void PendingRemovals::forget(DownloadId id)
{
    const auto removed = m_pending.removeIf([id](const auto &p) { return p.first == id; });
    if (removed > 0)
        Q_EMIT changed();
}

} // namespace ferry
