// The download table as the window shows it: whole rows selected, columns
// sized so the Status column takes the room left (an error needs it more than
// a name, which elides in the middle), the progress bar and eliding
// delegates, sortable by any column and, with no sort column, in the queue's
// order (a third click on a header returns to it).
#pragma once

#include <QTableView>

namespace ferry {

class DownloadView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadView)

public:
    // Over `model` (its columns are DownloadListModel's), which it needs to size them.
    DownloadView(QAbstractItemModel *model, QWidget *parent);

    // Drops the sort column: the rows show in the queue's order again.
    void showQueueOrder();
};

} // namespace ferry
