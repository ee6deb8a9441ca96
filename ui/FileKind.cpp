// See FileKind.h.
#include "ui/FileKind.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

const QHash<QString, FileKind> &kindsBySuffix()
{
    static const QHash<QString, FileKind> kinds = [] {
        QHash<QString, FileKind> k;
        const auto add = [&k](FileKind kind, std::initializer_list<QString> suffixes) {
            for (const QString &s : suffixes)
                k.insert(s, kind);
        };
        add(FileKind::Video, {u"mp4"_s, u"mkv"_s, u"webm"_s, u"avi"_s, u"mov"_s, u"m4v"_s, u"wmv"_s, u"flv"_s,
                              u"mpg"_s, u"mpeg"_s, u"3gp"_s});
        add(FileKind::Music, {u"mp3"_s, u"flac"_s, u"ogg"_s, u"oga"_s, u"opus"_s, u"m4a"_s, u"aac"_s, u"wav"_s,
                              u"wma"_s});
        add(FileKind::Archive, {u"zip"_s, u"7z"_s, u"rar"_s, u"tar"_s, u"gz"_s, u"tgz"_s, u"bz2"_s, u"tbz2"_s,
                                u"xz"_s, u"txz"_s, u"zst"_s, u"lz"_s, u"lzma"_s, u"iso"_s, u"img"_s, u"dmg"_s});
        add(FileKind::Document, {u"pdf"_s, u"epub"_s, u"mobi"_s, u"djvu"_s, u"doc"_s, u"docx"_s, u"odt"_s,
                                 u"xls"_s, u"xlsx"_s, u"ods"_s, u"ppt"_s, u"pptx"_s, u"odp"_s});
        add(FileKind::Program, {u"deb"_s, u"rpm"_s, u"apk"_s, u"appimage"_s, u"flatpak"_s, u"snap"_s, u"msi"_s,
                                u"exe"_s, u"pkg"_s, u"jar"_s, u"run"_s, u"bin"_s});
        return k;
    }();
    return kinds;
}

} // namespace

FileKind fileKindOf(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (dot <= 0 || dot == fileName.size() - 1 || fileName.indexOf(u'/', dot) >= 0)
        return FileKind::Other;
    return kindsBySuffix().value(fileName.mid(dot + 1).toLower(), FileKind::Other);
}

QString fileKindName(FileKind kind)
{
    switch (kind) {
    case FileKind::Video: return QCoreApplication::translate("FileKind", "Video");
    case FileKind::Music: return QCoreApplication::translate("FileKind", "Music");
    case FileKind::Archive: return QCoreApplication::translate("FileKind", "Archives");
    case FileKind::Document: return QCoreApplication::translate("FileKind", "Documents");
    case FileKind::Program: return QCoreApplication::translate("FileKind", "Programs");
    case FileKind::Other: return QCoreApplication::translate("FileKind", "Other");
    }
    return {};
}

} // namespace ferry
