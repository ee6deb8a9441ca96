// See DownloadView.h.
#include "ui/DownloadView.h"

#include "ui/DownloadListModel.h"
#include "ui/ProgressBarDelegate.h"
#include "ui/TextElideDelegate.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
struct ColumnWidth {
    int column;
    int width;
};
constexpr ColumnWidth kColumnWidths[] = {
    {DownloadListModel::NameColumn, 240}, {DownloadListModel::SizeColumn, 80},
    {DownloadListModel::ProgressColumn, 120}, {DownloadListModel::SpeedColumn, 90},
    {DownloadListModel::EtaColumn, 80}, {DownloadListModel::AddedColumn, 90},
};
} // namespace

DownloadView::DownloadView(QAbstractItemModel *model, QWidget *parent)
    : QTableView(parent)
{
    setModel(model);
    setObjectName(u"downloads"_s);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    setItemDelegateForColumn(DownloadListModel::ProgressColumn, new ProgressBarDelegate(this));
    setItemDelegateForColumn(DownloadListModel::StatusColumn, new TextElideDelegate(Qt::ElideRight, this));
    setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSortIndicatorClearable(true);
    header->setSectionResizeMode(DownloadListModel::StatusColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(40);
    for (const ColumnWidth &c : kColumnWidths)
        header->resizeSection(c.column, c.width);
    setSortingEnabled(true);
    showQueueOrder();
}

void DownloadView::showQueueOrder()
{
    sortByColumn(-1, Qt::AscendingOrder);
}

} // namespace ferry
