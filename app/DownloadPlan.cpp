// See DownloadPlan.h.
#include "app/DownloadPlan.h"

#include "core/DownloadEngine.h"
#include "core/InputFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr qint64 kMaxInputFileBytes = 64 * 1024 * 1024; // about a million URLs; memory stays bounded

struct Text {
    Q_DECLARE_TR_FUNCTIONS(GetCommand)
};

// The same download, however it was written: QUrl's encoding, with dot segments resolved.
QString urlKey(const QString &typed)
{
    const QUrl url(typed);
    return url.isValid() ? url.adjusted(QUrl::NormalizePathSegments).toString(QUrl::FullyEncoded) : typed;
}

QString describeOrigin(const QString &origin)
{
    return origin.isEmpty() ? Text::tr("the command line") : origin;
}

} // namespace

DownloadPlan::DownloadPlan(const DownloadRequest &base)
    : m_base(base)
{
}

void DownloadPlan::addUrl(const QString &typed)
{
    Item item;
    item.request = m_base;
    item.request.url = QUrl(typed); // no guessing: "example.com/x" is not a URL here
    item.typed = typed;
    add(item);
}

void DownloadPlan::addInputFile(const QString &path)
{
    const bool standardInput = path == u"-";
    const QString shown = standardInput ? Text::tr("standard input") : path;
    QFile file;
    const bool opened = standardInput ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        m_errors << Text::tr("cannot read %1: %2").arg(shown, file.errorString());
        return;
    }
    const QByteArray data = file.read(kMaxInputFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        m_errors << Text::tr("cannot read %1: %2").arg(shown, file.errorString());
        return;
    }
    if (data.size() > kMaxInputFileBytes) {
        m_errors << Text::tr("%1 is larger than %2 MiB; split the list").arg(shown).arg(kMaxInputFileBytes >> 20);
        return;
    }
    const InputFileResult parsed = parseInputFile(data);
    auto at = [&shown](int line) { return u"%1:%2"_s.arg(shown).arg(line); };
    for (const InputFileError &error : parsed.errors)
        m_errors << u"%1: %2"_s.arg(at(error.line), error.message);

    for (const InputEntry &entry : parsed.entries) {
        Item item;
        item.request = m_base;
        item.request.url = QUrl(entry.url);
        item.typed = entry.url;
        item.origin = at(entry.line);
        if (!entry.dir.isEmpty())
            item.request.directory = QFileInfo(entry.dir).absoluteFilePath(); // relative to here, as aria2's dir=
        if (!entry.out.isEmpty()) {
            const QDir dir(item.request.directory.isEmpty() ? QDir::currentPath() : item.request.directory);
            const QFileInfo target(dir.filePath(entry.out));
            item.request.directory = target.absolutePath();
            item.request.fileName = target.fileName();
            item.request.conflict = ConflictPolicy::Overwrite; // the user named the file, as with -O
        }
        if (!entry.checksum.isEmpty()) {
            QString text = entry.checksum;
            if (text.startsWith(u"sha-"_s, Qt::CaseInsensitive))
                text.remove(3, 1); // aria2 writes sha-256=…
            QString error;
            const auto spec = ChecksumSpec::parse(text, &error);
            if (!spec)
                m_errors << u"%1: %2"_s.arg(at(entry.checksumLine), error);
            else
                item.request.checksum = *spec;
        }
        for (const auto &[line, text] : entry.headers) {
            const auto header = parseHeaderLine(text);
            if (!header)
                m_errors << u"%1: %2"_s.arg(at(line), Text::tr("a header must look like 'Name: value': %1").arg(text));
            else
                item.request.headers.append(*header);
        }
        // Further URLs on the line are mirrors of the file, tried in order when
        // the one before fails (docs/engine.md "Mirrors"); only http(s) ones.
        for (const QString &text : entry.mirrors) {
            const QUrl mirror(text);
            if (DownloadEngine::isUsableLink(mirror))
                item.request.mirrors.append(mirror);
            else
                m_notes << Text::tr("%1: %2 is not used as a mirror (only http and https URLs without a login are)")
                               .arg(item.origin, text);
        }
        add(item);
    }
}

// A URL listed twice for the same place is downloaded once: a second run
// into the same .part would only be refused by its lock, and a second copy
// named "file (1).bin" is never what a list meant. Two different URLs for
// one fixed name would overwrite each other: that is an error of the list.
void DownloadPlan::add(Item item)
{
    const QString directory = item.request.directory.isEmpty() ? QDir::currentPath() : item.request.directory;
    const QString target = item.request.fileName.isEmpty() ? QString() : QDir(directory).filePath(item.request.fileName);
    const QString key = urlKey(item.typed) + u'\n' + directory + u'\n' + item.request.fileName;
    if (const auto seen = m_byKey.constFind(key); seen != m_byKey.cend()) {
        m_notes << Text::tr("%1: %2 is listed again (first in %3); downloaded once")
                       .arg(describeOrigin(item.origin), item.typed, describeOrigin(m_items.at(*seen).origin));
        return;
    }
    if (!target.isEmpty()) {
        if (const auto other = m_byTarget.constFind(target); other != m_byTarget.cend()) {
            m_errors << Text::tr("%1: %2 is also the file of %3 (%4)")
                            .arg(describeOrigin(item.origin), QDir::toNativeSeparators(target), m_items.at(*other).typed,
                                 describeOrigin(m_items.at(*other).origin));
            return;
        }
        m_byTarget.insert(target, m_items.size());
    }
    m_byKey.insert(key, m_items.size());
    m_items.append(std::move(item));
}

} // namespace ferry
