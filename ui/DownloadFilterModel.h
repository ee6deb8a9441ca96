// Sorting and the filters of the download table: a row stays visible when its
// name or its URL contains the filter text (case-insensitive), its state is
// the one chosen (all, active, queued, paused, completed, failed), its
// category the one chosen (all, or a ui/FileKind by the file's name) and it is
// not waiting to be removed (removals can be undone for a few seconds, so the
// rows leave the view before they leave the engine). Unsorted (no sort
// column), the rows are in the engine's queue order.
#pragma once

#include "core/DownloadSnapshot.h"
#include "core/DownloadState.h"
#include "ui/FileKind.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <optional>

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

    // nullopt: every category.
    std::optional<FileKind> categoryFilter() const { return m_category; }
    void setCategoryFilter(std::optional<FileKind> category);
    // A download's category: by its file name, or the URL's while the name is unknown.
    static FileKind categoryOf(const DownloadSnapshot &s);

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
    std::optional<FileKind> m_category;
    QSet<DownloadId> m_hidden;
};

} // namespace ferry
