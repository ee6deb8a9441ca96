// What the user asked for when adding a download. A value type.
#pragma once

#include "core/ChecksumSpec.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QUrl>

namespace ferry {

// What to do when the target file name already exists.
enum class ConflictPolicy {
    Rename,    // "name (1).ext"
    Overwrite,
    Skip,      // leave the existing file; the download completes at once
};

struct DownloadRequest {
    QUrl url;
    QString directory;        // where the file goes; empty = current directory
    QString fileName;         // fixed name (-O); empty = from the server or the URL
    int connections = 4;      // 1..16
    qint64 speedLimit = 0;    // bytes per second, 0 = unlimited
    ChecksumSpec checksum;    // empty = none
    QList<QPair<QByteArray, QByteArray>> headers; // extra request headers
    ConflictPolicy conflict = ConflictPolicy::Rename;
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::DownloadRequest)
