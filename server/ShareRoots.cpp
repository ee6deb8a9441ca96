// ShareRoots: decoding, dot-segment resolution and containment checks for
// shared paths. Lexical checks come first (they are cheap and cannot be fooled
// by the file system), then the canonical path decides, so a symlink or a
// rename race can at worst lead to a 403/404, never to a byte outside a root.
#include "server/ShareRoots.h"

#include "core/HttpText.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

using Status = ShareRoots::Resolved::Status;

// Percent-decodes once; false on '%' without two hex digits.
bool percentDecode(QByteArrayView in, QByteArray &out)
{
    out.clear();
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.append(in[i]);
            continue;
        }
        if (i + 2 >= in.size())
            return false;
        const int hi = hexDigitValue(in[i + 1]);
        const int lo = hexDigitValue(in[i + 2]);
        if (hi < 0 || lo < 0)
            return false;
        out.append(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

// Strict UTF-8: no overlong forms (%c0%ae is not '.'), no surrogates, nothing
// above U+10FFFF.
bool isStrictUtf8(QByteArrayView s)
{
    qsizetype i = 0;
    while (i < s.size()) {
        const auto lead = static_cast<unsigned char>(s[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if ((lead & 0xe0) == 0xc0) {
            length = 2; cp = lead & 0x1f; minimum = 0x80;
        } else if ((lead & 0xf0) == 0xe0) {
            length = 3; cp = lead & 0x0f; minimum = 0x800;
        } else if ((lead & 0xf8) == 0xf0) {
            length = 4; cp = lead & 0x07; minimum = 0x10000;
        } else {
            return false;
        }
        if (s.size() - i < length)
            return false;
        for (int k = 1; k < length; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += length;
    }
    return true;
}

// Bytes a shared name may never contain once decoded: NUL and other controls
// (no file name worth serving has them, and they poison logs and headers) and
// the backslash (a separator to Windows clients and to some proxies).
bool hasForbiddenByte(QByteArrayView s)
{
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '\\')
            return true;
    }
    return false;
}

bool hasForbiddenChar(const QString &name)
{
    for (QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'\\')
            return true;
    }
    return false;
}

bool isInside(const QString &canonical, const QString &rootPath)
{
    if (canonical == rootPath)
        return true;
    const QString prefix = rootPath.endsWith(u'/') ? rootPath : rootPath + u'/';
    return canonical.startsWith(prefix);
}

// The part of `canonical` below `rootPath` ("" for the root itself).
QString below(const QString &canonical, const QString &rootPath)
{
    if (canonical.size() <= rootPath.size())
        return {};
    return canonical.mid(rootPath.endsWith(u'/') ? rootPath.size() : rootPath.size() + 1);
}

QString joinPath(const QString &directory, const QString &relative)
{
    if (relative.isEmpty())
        return directory;
    return (directory.endsWith(u'/') ? directory : directory + u'/') + relative;
}

bool hasHiddenSegment(const QString &relative)
{
    if (relative.isEmpty())
        return false;
    for (QStringView segment : QStringView(relative).split(u'/')) {
        if (segment.startsWith(u'.'))
            return true;
    }
    return false;
}

// Ferry's own unfinished downloads (DESIGN.md "Files"): the control file
// NAME.part.ferry holds full URLs with their signed queries, and NAME.part
// beside it is mostly zeros that would pass for the file. Neither exists for
// peers, whatever the "show hidden" setting.
bool isUnfinishedDownload(const QString &path)
{
    if (path.endsWith(u".part.ferry"_s))
        return true;
    return path.endsWith(u".part"_s) && ::access(QFile::encodeName(path + u".ferry"_s).constData(), F_OK) == 0;
}

// Below a canonical root, a path none of whose parts is a symlink is already
// its own canonical form. Checking that costs one lstat per part below the
// root, where realpath reads every folder from "/" as a possible link, the
// largest cost of a small request. The root's ancestors were resolved when it
// was shared. False on any link or failure: the full canonicalisation decides.
bool isPlainBelowRoot(const QString &rootPath, const QString &candidate, struct stat *st)
{
    QByteArray path = QFile::encodeName(candidate);
    qsizetype end = QFile::encodeName(rootPath).size();
    if (end > path.size())
        return false;
    for (;;) {
        // The prefix up to this part, terminated in place and put back after.
        const bool whole = end == path.size();
        const char saved = whole ? '\0' : path.at(end);
        if (!whole)
            path[end] = '\0';
        const int rc = ::lstat(path.constData(), st);
        if (!whole)
            path[end] = saved;
        if (rc != 0 || S_ISLNK(st->st_mode))
            return false;
        if (end == path.size())
            return true;
        end = path.indexOf('/', end + 1);
        if (end < 0)
            end = path.size();
    }
}

} // namespace

bool ShareRoots::addRoot(const QString &directory, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QFileInfo info(directory);
    if (directory.isEmpty() || !info.exists())
        return fail(tr("The folder %1 does not exist.").arg(directory));
    if (!info.isDir())
        return fail(tr("%1 is not a folder.").arg(directory));
    if (!info.isReadable() || !info.isExecutable())
        return fail(tr("The folder %1 cannot be read.").arg(directory));
    const QString canonical = info.canonicalFilePath();
    // A name that does not survive the trip through QString (not UTF-8) could
    // never be opened again by its canonical path.
    if (canonical.isEmpty() || !QFileInfo::exists(canonical))
        return fail(tr("The folder %1 cannot be shared: its path is not valid UTF-8.").arg(directory));
    for (const Root &root : std::as_const(m_roots)) {
        if (root.canonicalPath == canonical)
            return fail(tr("The folder %1 is already shared.").arg(directory));
    }

    QString base = QFileInfo(canonical).fileName();
    if (base.isEmpty())
        base = u"root"_s; // "/" has no folder name
    for (QChar &c : base) { // names must be writable in a URL that resolve() accepts
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'\\')
            c = u'_';
    }
    QString name = base;
    for (int n = 2; rootNames().contains(name); ++n)
        name = base + u" ("_s + QString::number(n) + u')';

    m_roots.append({name, canonical});
    return true;
}

QStringList ShareRoots::rootNames() const
{
    QStringList names;
    names.reserve(m_roots.size());
    for (const Root &root : m_roots)
        names.append(root.name);
    return names;
}

QString ShareRoots::rootPath(const QString &rootName) const
{
    for (const Root &root : m_roots) {
        if (root.name == rootName)
            return root.canonicalPath;
    }
    return {};
}

ShareRoots::Resolved::Status ShareRoots::checkTarget(const Root &root, const QString &candidate,
                                                     QString &canonical, bool &isDirectory) const
{
    struct stat st = {};
    if (isUnfinishedDownload(candidate))
        return Status::NotFound;
    if (isPlainBelowRoot(root.canonicalPath, candidate, &st)) {
        canonical = candidate;
        if (!m_showHidden && hasHiddenSegment(below(canonical, root.canonicalPath)))
            return Status::NotFound;
        if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
            return Status::Forbidden; // FIFOs, sockets and devices would block or never end
        isDirectory = S_ISDIR(st.st_mode);
        if (::access(QFile::encodeName(canonical).constData(), isDirectory ? R_OK | X_OK : R_OK) != 0)
            return Status::Forbidden;
        return Status::Ok;
    }

    const QFileInfo info(candidate);
    canonical = info.canonicalFilePath(); // empty when missing or dangling
    if (canonical.isEmpty())
        return Status::NotFound;
    if (!isInside(canonical, root.canonicalPath))
        return Status::Forbidden;
    if (isUnfinishedDownload(canonical))
        return Status::NotFound;
    // A symlink inside the root may still lead to a dotfile inside it.
    if (!m_showHidden && hasHiddenSegment(below(canonical, root.canonicalPath)))
        return Status::NotFound;
    const QFileInfo target(canonical);
    // FIFOs, sockets and devices would block or never end.
    if (!target.isFile() && !target.isDir())
        return Status::Forbidden;
    if (!target.isReadable() || (target.isDir() && !target.isExecutable()))
        return Status::Forbidden;
    isDirectory = target.isDir();
    return Status::Ok;
}

ShareRoots::Resolved ShareRoots::resolve(QByteArrayView encodedPath) const
{
    Resolved result;
    QByteArray decoded;
    if (!percentDecode(encodedPath, decoded) || hasForbiddenByte(decoded) || !isStrictUtf8(decoded)) {
        result.status = Status::BadRequest;
        return result;
    }

    // Dot segments are resolved on the decoded text, so "%2e%2e" is "..";
    // climbing above the list of roots is an error, not a clamp.
    const QString text = QString::fromUtf8(decoded);
    QStringList segments;
    for (QStringView segment : QStringView(text).split(u'/')) {
        if (segment.isEmpty() || segment == u".")
            continue;
        if (segment == u"..") {
            if (segments.isEmpty()) {
                result.status = Status::BadRequest;
                return result;
            }
            segments.removeLast();
            continue;
        }
        segments.append(segment.toString());
    }

    if (segments.isEmpty()) {
        result.status = Status::Ok;
        result.isTopLevel = true;
        result.isDirectory = true;
        return result;
    }

    const Root *root = nullptr;
    for (const Root &r : m_roots) {
        if (r.name == segments.front())
            root = &r;
    }
    if (!root)
        return result; // NotFound
    segments.removeFirst();
    const QString relative = segments.join(u'/');
    if (!m_showHidden && hasHiddenSegment(relative))
        return result; // NotFound: hidden files do not exist for peers

    const QString candidate = joinPath(root->canonicalPath, relative);
    QString canonical;
    bool isDirectory = false;
    result.status = checkTarget(*root, candidate, canonical, isDirectory);
    if (result.status != Status::Ok)
        return result;
    result.absolutePath = canonical;
    result.rootName = root->name;
    result.relativePath = relative;
    result.isDirectory = isDirectory;
    return result;
}

int ShareRoots::openFile(const Resolved &file, Resolved::Status *status) const
{
    *status = Status::NotFound;
    const QString rootPath = this->rootPath(file.rootName);
    if (file.status != Status::Ok || file.isDirectory || rootPath.isEmpty() || !isInside(file.absolutePath, rootPath)
        || file.absolutePath == rootPath)
        return -1;
    // The canonical path below the root has no symlink in it: each part is
    // opened as a real folder (or, last, a real file) or not at all.
    const QByteArray relative = QFile::encodeName(below(file.absolutePath, rootPath));
    const QList<QByteArray> parts = relative.split('/');
    int dir = ::open(QFile::encodeName(rootPath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return -1;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QByteArray &part = parts[i];
        if (part.isEmpty() || part == "." || part == "..") {
            ::close(dir);
            return -1;
        }
        const bool last = i == parts.size() - 1;
        const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK | O_NOCTTY : O_DIRECTORY);
        const int next = ::openat(dir, part.constData(), flags);
        const int error = errno;
        ::close(dir);
        if (next < 0) {
            // ELOOP/ENOTDIR: a part is now a symlink or no folder; EACCES: unreadable.
            *status = error == ENOENT ? Status::NotFound : Status::Forbidden;
            return -1;
        }
        dir = next;
    }
    struct stat st = {};
    if (::fstat(dir, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(dir);
        *status = Status::Forbidden; // FIFOs, sockets and devices would block or never end
        return -1;
    }
    // Reads of a regular file never block; sendfile and pread want it plain.
    ::fcntl(dir, F_SETFL, ::fcntl(dir, F_GETFL) & ~O_NONBLOCK);
    *status = Status::Ok;
    return dir;
}

const ShareRoots::Root *ShareRoots::rootContaining(const QString &canonicalPath) const
{
    const Root *best = nullptr;
    for (const Root &root : m_roots) {
        // Nested roots: the innermost one is the strictest choice.
        if (isInside(canonicalPath, root.canonicalPath)
            && (!best || root.canonicalPath.size() > best->canonicalPath.size()))
            best = &root;
    }
    return best;
}

bool ShareRoots::isListableIn(const Root &root, const QFileInfo &entry) const
{
    const QString name = entry.fileName();
    if (name.isEmpty() || name == u"." || name == u".." || hasForbiddenChar(name))
        return false;
    if (!m_showHidden && name.startsWith(u'.'))
        return false;
    const QString directory = QFileInfo(entry.absolutePath()).canonicalFilePath();
    if (directory.isEmpty() || !isInside(directory, root.canonicalPath))
        return false;
    if (!m_showHidden && hasHiddenSegment(below(directory, root.canonicalPath)))
        return false;
    QString canonical;
    bool isDirectory = false;
    return checkTarget(root, joinPath(directory, name), canonical, isDirectory) == Status::Ok;
}

bool ShareRoots::isListable(const QFileInfo &entry) const
{
    const Root *root = rootContaining(QFileInfo(entry.absolutePath()).canonicalFilePath());
    return root && isListableIn(*root, entry);
}

QFileInfoList ShareRoots::listEntries(const Resolved &directory) const
{
    QFileInfoList entries;
    if (directory.status != Status::Ok || !directory.isDirectory || directory.isTopLevel)
        return entries;
    const Root *root = nullptr;
    for (const Root &r : m_roots) {
        if (r.name == directory.rootName)
            root = &r;
    }
    if (!root)
        return entries;
    const QFileInfoList all = QDir(directory.absolutePath)
        .entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                       QDir::DirsFirst | QDir::Name | QDir::IgnoreCase);
    for (const QFileInfo &entry : all) {
        if (isListableIn(*root, entry))
            entries.append(entry);
    }
    return entries;
}

} // namespace ferry
