// See ProgressBarDelegate.h.
#include "ui/ProgressBarDelegate.h"

#include "ui/DownloadListModel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace ferry {

namespace {
constexpr int kVerticalMargin = 2;
constexpr int kHorizontalMargin = 3;
constexpr int kMinimumWidth = 110;
} // namespace

ProgressBarDelegate::ProgressBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void ProgressBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The cell background first, so selection stays visible around the bar.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const int percent = index.data(DownloadListModel::ProgressRole).toInt();
    const QString text = index.data(Qt::DisplayRole).toString();
    if (percent < 0 && text.isEmpty())
        return; // nothing known yet (or failed before the first byte): an empty bar says nothing
    QStyleOptionProgressBar bar;
    bar.initFrom(widget);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.rect = option.rect.adjusted(kHorizontalMargin, kVerticalMargin, -kHorizontalMargin, -kVerticalMargin);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = std::max(percent, 0);
    bar.text = text;
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    painter->save();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    painter->restore();
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), kMinimumWidth));
    return size;
}

} // namespace ferry
