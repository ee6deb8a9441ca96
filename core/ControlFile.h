// The control file "<name>.part.ferry" next to a download's data (DESIGN
// "Files"): what to ask for, which validators the data belongs to and which
// bytes are already on disk. Format: docs/file-formats.md. Pure functions and
// plain file I/O, safe to call from any thread.
#pragma once

#include "core/ByteSpan.h"
#include "core/ChecksumSpec.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace ferry {

struct ControlData {
    QUrl url;
    QUrl finalUrl;
    QString fileName; // final name, without .part
    qint64 totalBytes = -1;
    bool resumable = false;
    QByteArray etag;         // exactly as the server sent them
    QByteArray lastModified;
    QList<ByteSpan> finished;
    ChecksumSpec checksum;
    QDateTime updated;
};

namespace ControlFile {

QString pathForPart(const QString &partPath); // partPath + ".ferry"
// The names of the control files (*.part.ferry) in `directory`, sorted. A
// plain readdir: run before every download whose name is not known yet, in
// folders that may hold thousands of finished files (`ferry get -i`), where
// QDir's wildcard filter cost more than the download.
QStringList namesIn(const QString &directory);

QByteArray toJson(const ControlData &data); // {"format":"ferry-control","version":1,...}

// Validates everything; a damaged, truncated or foreign file gives nullopt
// and a translated reason in *error.
std::optional<ControlData> fromJson(const QByteArray &json, QString *error);

// Atomic (QSaveFile: temporary file, fsync, rename) and followed by an fsync
// of the directory, so after a crash the old or the new file is there, whole.
bool write(const QString &path, const ControlData &data, QString *error);

std::optional<ControlData> read(const QString &path, QString *error);

// Removes the control file (true when it is gone or was never there) and
// syncs the directory, so the removal is on disk before what follows it.
bool remove(const QString &path, QString *error);

} // namespace ControlFile

} // namespace ferry
