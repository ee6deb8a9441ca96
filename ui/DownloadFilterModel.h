// Sorting and the filter box of the download table: a row stays visible when
// its name or its URL contains the filter text (case-insensitive).
#pragma once

#include <QSortFilterProxyModel>

namespace ferry {

class DownloadFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadFilterModel)

public:
    explicit DownloadFilterModel(QObject *parent = nullptr);

    QString filterText() const { return m_text; }
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace ferry
