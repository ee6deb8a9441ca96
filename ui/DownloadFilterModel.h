// Sorting and the filters of the download table: a row stays visible when its
// name or its URL contains the filter text (case-insensitive), its state is
// the one chosen (all, active, queued, paused, completed, failed) and it is
// not waiting to be removed (removals can be undone for a few seconds, so the
// rows leave the view before they leave the engine). Unsorted (no sort
// column), the rows are in the engine's queue order.
#pragma once

#include "core/DownloadState.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace ferry {

class DownloadFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadFilterModel)

public:
    enum class StateFilter { All, Active, Queued, Paused, Completed, Failed };

    explicit DownloadFilterModel(QObject *parent = nullptr);

    StateFilter stateFilter() const { return m_state; }
    void setStateFilter(StateFilter filter);
    static bool matches(StateFilter filter, DownloadState state);

    QString filterText() const { return m_text; }
    void setFilterText(const QString &text);
    // Rows of these downloads are hidden whatever the filter text says.
    void setHiddenIds(const QSet<DownloadId> &ids);
    const QSet<DownloadId> &hiddenIds() const { return m_hidden; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QString m_text;
    StateFilter m_state = StateFilter::All;
    QSet<DownloadId> m_hidden;
};

} // namespace ferry
