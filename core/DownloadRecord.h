// One entry of the saved session: what was asked for and how far it got.
#pragma once

#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"

#include <QMetaType>

namespace ferry {

struct DownloadRecord {
    DownloadRequest request;
    DownloadSnapshot snapshot;
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::DownloadRecord)
