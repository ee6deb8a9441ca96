// The control files of each folder, kept current by inotify: see ControlFileIndex.h.
#include "core/ControlFileIndex.h"

#include "core/ControlFile.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr char kSuffix[] = ".part.ferry";
constexpr size_t kSuffixLength = sizeof(kSuffix) - 1;
constexpr uint32_t kFolderEvents = IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF
    | IN_ONLYDIR;

// As ControlFile::namesIn decides: "*.part.ferry" with something before it.
bool isControlFileName(const char *name)
{
    const size_t length = std::strlen(name);
    return length > kSuffixLength && std::memcmp(name + length - kSuffixLength, kSuffix, kSuffixLength) == 0;
}

QStringList sorted(const QSet<QString> &names)
{
    QStringList list(names.cbegin(), names.cend());
    list.sort();
    return list;
}

} // namespace

ControlFileIndex::ControlFileIndex()
    : m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
{
}

ControlFileIndex::~ControlFileIndex()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

ControlFileIndex &ControlFileIndex::shared()
{
    static ControlFileIndex index;
    return index;
}

QStringList ControlFileIndex::namesIn(const QString &directory)
{
    const QMutexLocker lock(&m_mutex);
    if (m_fd < 0)
        return ControlFile::namesIn(directory);
    drainLocked();
    const QByteArray encoded = QFile::encodeName(directory);
    struct stat folderStat {};
    if (::stat(encoded.constData(), &folderStat) != 0 || !S_ISDIR(folderStat.st_mode))
        return {};
    if (const auto known = m_watchOf.constFind(directory); known != m_watchOf.cend()) {
        Folder &folder = m_folders[*known];
        // The same folder still: one renamed or replaced at this path is another one.
        if (folder.device == quint64(folderStat.st_dev) && folder.inode == quint64(folderStat.st_ino)) {
            folder.lastUsed = ++m_uses;
            return sorted(folder.names);
        }
        forgetLocked(*known);
    }
    // The watch first, then the scan: whatever changes in between is both in
    // the scan and in the queue, and replaying the queue in order ends where
    // the folder is.
    const int watch = ::inotify_add_watch(m_fd, encoded.constData(), kFolderEvents);
    if (watch < 0)
        return ControlFile::namesIn(directory); // no watch left (fs.inotify.max_user_watches)
    Folder &folder = m_folders[watch];
    if (folder.paths.isEmpty()) { // not the same folder by another path
        const QStringList scanned = ControlFile::namesIn(directory);
        folder.names = QSet<QString>(scanned.cbegin(), scanned.cend());
        folder.device = quint64(folderStat.st_dev);
        folder.inode = quint64(folderStat.st_ino);
    }
    folder.paths << directory;
    folder.lastUsed = ++m_uses;
    m_watchOf.insert(directory, watch);
    const QStringList names = sorted(folder.names);
    trimLocked();
    return names;
}

int ControlFileIndex::watchedFolders() const
{
    const QMutexLocker lock(&m_mutex);
    return int(m_folders.size());
}

void ControlFileIndex::drainLocked()
{
    alignas(inotify_event) char buffer[16 * 1024];
    bool overflow = false;
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // EAGAIN: nothing more queued
        for (ssize_t at = 0; at < n;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
            at += ssize_t(sizeof(inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                overflow = true;
                continue;
            }
            const auto folder = m_folders.find(event->wd);
            if (folder == m_folders.end())
                continue;
            if (event->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
                forgetLocked(event->wd);
                continue;
            }
            if (event->len == 0 || (event->mask & IN_ISDIR) || !isControlFileName(event->name))
                continue;
            const QString name = QFile::decodeName(event->name);
            if (event->mask & (IN_DELETE | IN_MOVED_FROM)) {
                folder->names.remove(name);
            } else if (event->mask & (IN_CREATE | IN_MOVED_TO)) {
                // Only regular files, as the scan takes them; one gone
                // already has its removal queued behind this.
                QByteArray path = QFile::encodeName(folder->paths.constFirst());
                path.append('/').append(event->name);
                struct stat st {};
                if (::lstat(path.constData(), &st) == 0 && S_ISREG(st.st_mode))
                    folder->names.insert(name);
            }
        }
    }
    if (overflow) { // reports were lost: every folder is scanned again when next asked
        const QList<int> watches = m_folders.keys();
        for (const int watch : watches)
            forgetLocked(watch);
    }
}

void ControlFileIndex::forgetLocked(int watch)
{
    const auto folder = m_folders.find(watch);
    if (folder == m_folders.end())
        return;
    for (const QString &path : std::as_const(folder->paths))
        m_watchOf.remove(path);
    m_folders.erase(folder);
    ::inotify_rm_watch(m_fd, watch); // EINVAL when the kernel dropped it already
}

void ControlFileIndex::trimLocked()
{
    while (m_folders.size() > kMaxFolders) {
        const auto oldest = std::min_element(m_folders.cbegin(), m_folders.cend(),
                                             [](const Folder &a, const Folder &b) { return a.lastUsed < b.lastUsed; });
        forgetLocked(oldest.key());
    }
}

} // namespace ferry
