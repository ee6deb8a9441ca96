// See TextElideDelegate.h.
#include "ui/TextElideDelegate.h"

namespace ferry {

TextElideDelegate::TextElideDelegate(Qt::TextElideMode mode, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_mode(mode)
{
}

void TextElideDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = m_mode;
}

} // namespace ferry
