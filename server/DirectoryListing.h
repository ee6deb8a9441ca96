// A shared folder's contents for peers: JSON for /api/files?path= and an HTML
// page for plain browsers at /files/<dir>/. Names are escaped for their
// context; links are relative ("./name") so they never lead to another host.
//
// JSON: {"path":"Music/sub","entries":[{"name":"a.flac","type":"file",
//        "size":123,"mtime":1714550000}, …]}   (mtime in Unix seconds;
//        directories first, then by name; "path" is "" for the list of roots)
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

class QFileInfo;

namespace ferry {

struct DirectoryEntry {
    QString name;
    bool isDirectory = false;
    qint64 size = 0;
    QDateTime modified;
};

class DirectoryListing final
{
public:
    // Entries of `absoluteDir` that `visible` accepts, sorted (directories first).
    static QList<DirectoryEntry> read(const QString &absoluteDir, const std::function<bool(const QFileInfo &)> &visible);
    static void sort(QList<DirectoryEntry> &entries);

    static QByteArray toJson(const QString &sharedPath, const QList<DirectoryEntry> &entries);
    // `sharedPath` "" is the list of roots (no parent link).
    static QByteArray toHtml(const QString &sharedPath, const QList<DirectoryEntry> &entries);
};

} // namespace ferry
