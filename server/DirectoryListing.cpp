#include "server/DirectoryListing.h"

#include <QCollator>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// A listing is a page a person reads; past this many entries it is cut.
constexpr qsizetype MaxEntries = 10'000;

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

QList<DirectoryEntry> DirectoryListing::read(const QString &absoluteDir,
                                             const std::function<bool(const QFileInfo &)> &visible)
{
    QList<DirectoryEntry> out;
    const QDir dir(absoluteDir);
    const QFileInfoList infos = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                                  QDir::NoSort);
    for (const QFileInfo &info : infos) {
        if (out.size() >= MaxEntries)
            break;
        if (!visible(info))
            continue;
        DirectoryEntry e;
        e.name = info.fileName();
        e.isDirectory = info.isDir();
        e.size = e.isDirectory ? 0 : info.size();
        e.modified = info.lastModified().toUTC();
        out.append(e);
    }
    sort(out);
    return out;
}

void DirectoryListing::sort(QList<DirectoryEntry> &entries)
{
    QCollator collator(QLocale::c());
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(entries.begin(), entries.end(), [&](const DirectoryEntry &a, const DirectoryEntry &b) {
        if (a.isDirectory != b.isDirectory)
            return a.isDirectory;
        const int c = collator.compare(a.name, b.name);
        return c != 0 ? c < 0 : a.name < b.name;
    });
}

QByteArray DirectoryListing::toJson(const QString &sharedPath, const QList<DirectoryEntry> &entries)
{
    QJsonArray list;
    for (const DirectoryEntry &e : entries) {
        list.append(QJsonObject {
            {u"name"_s, e.name},
            {u"type"_s, e.isDirectory ? u"dir"_s : u"file"_s},
            {u"size"_s, e.size},
            {u"mtime"_s, e.modified.isValid() ? e.modified.toSecsSinceEpoch() : 0},
        });
    }
    const QJsonObject root {{u"path"_s, sharedPath}, {u"entries"_s, list}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray DirectoryListing::toHtml(const QString &sharedPath, const QList<DirectoryEntry> &entries)
{
    const QString title = sharedPath.isEmpty() ? QCoreApplication::translate("DirectoryListing", "Shared folders") : sharedPath.toHtmlEscaped();
    QString html = u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"_s
        % title % u" — Ferry</title>\n<style>body{font-family:sans-serif;margin:2em}"
                  "td{padding:.2em 1em .2em 0}td.n{text-align:right}</style></head>\n<body><h1>"_s
        % title % u"</h1>\n<table>\n<tr><th>"_s % QCoreApplication::translate("DirectoryListing", "Name") % u"</th><th>"_s % QCoreApplication::translate("DirectoryListing", "Size") % u"</th><th>"_s
        % QCoreApplication::translate("DirectoryListing", "Modified") % u"</th></tr>\n"_s;
    if (!sharedPath.isEmpty())
        html += u"<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n"_s;
    for (const DirectoryEntry &e : entries) {
        // "./" keeps a name such as "x:y" from being read as a URL scheme.
        const QString href = u"./"_s % QString::fromLatin1(e.name.toUtf8().toPercentEncoding())
            % (e.isDirectory ? u"/"_s : QString());
        const QString label = e.name.toHtmlEscaped() % (e.isDirectory ? u"/"_s : QString());
        html += u"<tr><td><a href=\""_s % href.toHtmlEscaped() % u"\">"_s % label % u"</a></td><td class=\"n\">"_s
            % (e.isDirectory ? QString() : humanSize(e.size)) % u"</td><td>"_s
            % e.modified.toString(u"yyyy-MM-dd HH:mm"_s) % u"</td></tr>\n"_s;
    }
    html += u"</table>\n</body></html>\n"_s;
    return html.toUtf8();
}

} // namespace ferry
