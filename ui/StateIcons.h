// The small icons of the download table's Name column, one per state, drawn
// here rather than taken from the style: the style's stand-ins (a list for
// "queued", a media-pause glyph) were unreadable at 16 px and looked alike.
// Simple shapes in distinct colours: a clock (queued), an arrow (downloading),
// two bars (paused), a circle arrow (verifying), a tick (completed), a cross
// (failed), an exclamation mark (completed but the file is missing).
#pragma once

#include "core/DownloadState.h"

#include <QIcon>

namespace ferry {

QIcon stateIcon(DownloadState state, bool fileMissing = false);

} // namespace ferry
