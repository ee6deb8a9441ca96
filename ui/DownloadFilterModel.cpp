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
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
    m_text = trimmed;
    endFilterChange();
#else
    m_text = trimmed;
    invalidateFilter();
#endif
}

bool DownloadFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex name = sourceModel()->index(sourceRow, DownloadListModel::NameColumn, sourceParent);
    if (name.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    const QUrl url = name.data(DownloadListModel::UrlRole).toUrl();
    return url.toDisplayString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace ferry
