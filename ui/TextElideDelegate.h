// Draws a column's text elided its own way: the table elides in the middle so
// file names keep their extension, but an error message reads best cut at
// the end.
#pragma once

#include <QStyledItemDelegate>

namespace ferry {

class TextElideDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextElideDelegate)

public:
    explicit TextElideDelegate(Qt::TextElideMode mode, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Qt::TextElideMode m_mode;
};

} // namespace ferry
