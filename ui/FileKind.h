// What kind of file a name is, by its extension: the groups download
// managers sort by (FDM's and KGet's categories) and what the clipboard
// watcher counts as "a file to download" rather than a web page.
#pragma once

#include <QString>

namespace ferry {

enum class FileKind { Video, Music, Archive, Document, Program, Other };
inline constexpr int kFileKindCount = 6;
// By the last suffix, case-insensitive ("x.tar.gz" is an Archive, "setup.EXE"
// a Program); names without a known suffix are Other.
FileKind fileKindOf(const QString &fileName);
// The category's name in the window ("Video", "Archives"…), translated.
QString fileKindName(FileKind kind);

} // namespace ferry
