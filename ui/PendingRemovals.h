// Removals from the download list that can still be undone. The rows leave the
// view at once (the window hides ids()), but the engine removes them — and
// deletes their partial data when that was asked for — only when the undo time
// is over, or at once when the window quits. Until then nothing is lost.
#pragma once

#include "core/DownloadState.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace ferry {

class DownloadEngine;

class PendingRemovals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingRemovals)

public:
    explicit PendingRemovals(DownloadEngine &engine, QObject *parent = nullptr);
    ~PendingRemovals() override;

    // Schedules the removal; every add restarts the undo time for all pending ones.
    void add(const QList<DownloadId> &ids, bool deletePartialData);
    // Brings every pending download back.
    void undo();
    // Removes every pending download from the engine now.
    void commit();

    bool isEmpty() const { return m_pending.isEmpty(); }
    QSet<DownloadId> ids() const;
    int count() const { return int(m_pending.size()); }

    int undoInterval() const { return m_timer.interval(); }
    void setUndoInterval(int ms) { m_timer.setInterval(ms); }

Q_SIGNALS:
    void changed();

private:
    void forget(DownloadId id);

    DownloadEngine &m_engine;
    QList<QPair<DownloadId, bool>> m_pending; // id, delete partial data
    QTimer m_timer;
};

} // namespace ferry
