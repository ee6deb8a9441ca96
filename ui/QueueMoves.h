// Moving the selected downloads in the engine's queue — up or down by one, to
// the top or the bottom — keeping their order among themselves, as KGet and
// Free Download Manager do. A pure plan: the (id, index) pairs to hand to
// DownloadEngine::moveTo, one after the other.
#pragma once

#include "core/DownloadState.h"

#include <QList>
#include <QPair>
#include <QSet>

namespace ferry {

enum class QueueMove { Up, Down, Top, Bottom };

// `order`: every download in the engine's order. Selected downloads already
// at the edge they move to stay, and so does a block of them there.
QList<QPair<DownloadId, int>> planQueueMoves(const QList<DownloadId> &order, const QSet<DownloadId> &selected,
                                             QueueMove move);

} // namespace ferry
