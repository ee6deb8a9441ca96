// See QueueMoves.h.
#include "ui/QueueMoves.h"

namespace ferry {

QList<QPair<DownloadId, int>> planQueueMoves(const QList<DownloadId> &order, const QSet<DownloadId> &selected,
                                             QueueMove move)
{
    QList<QPair<DownloadId, int>> plan;
    QList<DownloadId> now = order; // as the engine's list will be after each step
    const int n = int(now.size());
    switch (move) {
    case QueueMove::Up:
        for (int i = 1; i < n; ++i) {
            if (selected.contains(now.at(i)) && !selected.contains(now.at(i - 1))) {
                plan.append({now.at(i), i - 1});
                now.swapItemsAt(i, i - 1);
            }
        }
        break;
    case QueueMove::Down:
        for (int i = n - 2; i >= 0; --i) {
            if (selected.contains(now.at(i)) && !selected.contains(now.at(i + 1))) {
                plan.append({now.at(i), i + 1});
                now.swapItemsAt(i, i + 1);
            }
        }
        break;
    case QueueMove::Top: {
        int to = 0;
        for (DownloadId id : order)
            if (selected.contains(id))
                plan.append({id, to++});
        break;
    }
    case QueueMove::Bottom: {
        int to = n - 1;
        for (auto it = order.crbegin(); it != order.crend(); ++it)
            if (selected.contains(*it))
                plan.append({*it, to--});
        break;
    }
    }
    // Steps that leave a download where it is are left out.
    QList<QPair<DownloadId, int>> moves;
    now = order;
    for (const auto &[id, to] : plan) {
        const qsizetype from = now.indexOf(id);
        if (from == to)
            continue;
        now.move(from, to);
        moves.append({id, to});
    }
    return moves;
}

} // namespace ferry
