// See DownloadFilterModel.h.
#include "ui/DownloadFilterModel.h"

#include "ui/DownloadListModel.h"

#include <QUrl>

namespace ferry {

DownloadFilterModel::DownloadFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DownloadListModel::SortRole);
    setDynamicSortFilter(true);
}

void DownloadFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    refilter();
}

void DownloadFilterModel::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    refilter();
}

void DownloadFilterModel::setCategoryFilter(std::optional<FileKind> category)
{
    if (category == m_category)
        return;
    m_category = category;
    refilter();
}

FileKind DownloadFilterModel::categoryOf(const DownloadSnapshot &s)
{
    return fileKindOf(!s.fileName.isEmpty() ? s.fileName : s.url.fileName());
}

bool DownloadFilterModel::matches(StateFilter filter, DownloadState state)
{
    switch (filter) {
    case StateFilter::All:
        return true;
    case StateFilter::Active:
        return state == DownloadState::Downloading || state == DownloadState::Verifying;
    case StateFilter::Queued:
        return state == DownloadState::Queued;
    case StateFilter::Paused:
        return state == DownloadState::Paused;
    case StateFilter::Completed:
        return state == DownloadState::Completed;
    case StateFilter::Failed:
        return state == DownloadState::Failed;
    }
    return true;
}

void DownloadFilterModel::setHiddenIds(const QSet<DownloadId> &ids)
{
    if (ids == m_hidden)
        return;
    m_hidden = ids;
    refilter();
}

void DownloadFilterModel::refilter()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
    endFilterChange();
#else
    invalidateFilter();
#endif
}

bool DownloadFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex name = sourceModel()->index(sourceRow, DownloadListModel::NameColumn, sourceParent);
    if (!m_hidden.isEmpty() && m_hidden.contains(name.data(DownloadListModel::IdRole).value<DownloadId>()))
        return false;
    if (m_state != StateFilter::All
        && !matches(m_state, DownloadState(name.data(DownloadListModel::StateRole).toInt())))
        return false;
    if (m_category) {
        const auto *list = qobject_cast<const DownloadListModel *>(sourceModel());
        if (list && categoryOf(list->snapshotAt(sourceRow)) != *m_category)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    if (name.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    const QUrl url = name.data(DownloadListModel::UrlRole).toUrl();
    return url.toDisplayString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace ferry
