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
    if (m_text.isEmpty())
        return true;
    if (name.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    const QUrl url = name.data(DownloadListModel::UrlRole).toUrl();
    return url.toDisplayString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace ferry
