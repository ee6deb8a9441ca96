// The window's hold on the queue: the state filter box (all, active, queued,
// paused, completed, failed), moving the selected downloads up, down, to the
// top or the bottom (QueueMoves keeps their order; a view sorted by a column
// returns to the queue's order so the move shows), and Clear Completed, which
// takes the completed rows away as an undoable removal (PendingRemovals).
#pragma once

#include "core/DownloadState.h"
#include "ui/QueueMoves.h"

#include <QList>
#include <QObject>

class QComboBox;
class QWidget;

namespace ferry {

class DownloadEngine;
class DownloadFilterModel;
class DownloadView;
class PendingRemovals;

class QueueControls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueControls)

public:
    QueueControls(DownloadEngine &engine, DownloadFilterModel &filter, PendingRemovals &removals,
                  DownloadView &view, QWidget *parent);

    QComboBox *stateFilterBox() const { return m_stateBox; }
    void move(QueueMove move, const QList<DownloadId> &selected);
    void clearCompleted();

Q_SIGNALS:
    void stateFilterChanged();

private:
    DownloadEngine &m_engine;
    DownloadFilterModel &m_filter;
    PendingRemovals &m_removals;
    DownloadView &m_view;
    QComboBox *m_stateBox = nullptr;
};

} // namespace ferry
