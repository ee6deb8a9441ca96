// The session.json format (DESIGN "Session", docs/file-formats.md): the
// window's and the daemon's download list as JSON, and back. SessionStore
// keeps it on disk; tests and bench/window build and read it directly.
#pragma once

#include "core/DownloadRecord.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ferry {

QByteArray sessionToJson(const QList<DownloadRecord> &records);
// nullopt and a translated *error for a damaged, truncated or foreign file.
// A record that cannot be read is left out; *skipped (when given) gets one
// translated line for each ("download 3: the field "state" is …").
std::optional<QList<DownloadRecord>> sessionFromJson(const QByteArray &json, QString *error,
                                                     QStringList *skipped = nullptr);

} // namespace ferry
