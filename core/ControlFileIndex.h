// Which control files (*.part.ferry) a folder holds, for the downloads whose
// name is not known before they start (Download::tryResumeFromControlFile).
// Scanning the folder for each of them made `ferry get -i` of n files into
// one folder O(n²): every file read the names of all the files before it.
// Here a folder is scanned once; an inotify watch then reports every name
// created, renamed or removed in it — by this process or any other — and the
// queue of those reports is read before each answer, so an answer is the
// folder as it is at that moment, not as it was at the scan. A folder whose
// watch is lost (the queue overflowed, the folder was removed, renamed or
// replaced by another at its path) is scanned again. Without inotify (no
// instance or watch left, a file system without it) every call scans.
//
// Thread-safe: one index per process (shared()), used by every worker thread.
#pragma once

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

namespace ferry {

class ControlFileIndex final
{
    Q_DISABLE_COPY_MOVE(ControlFileIndex)

public:
    static constexpr int kMaxFolders = 64; // watched at once; the least recently asked is dropped first

    ControlFileIndex();
    ~ControlFileIndex();

    static ControlFileIndex &shared();

    // The names of the control files in `directory`, sorted: what
    // ControlFile::namesIn would read there now.
    QStringList namesIn(const QString &directory);

    // How many folders are watched now (0 without inotify): for tests.
    int watchedFolders() const;

private:
    struct Folder {
        QSet<QString> names;
        QStringList paths; // the paths it was asked by (a symlink is another path to the same folder)
        quint64 device = 0;
        quint64 inode = 0;
        quint64 lastUsed = 0;
    };

    void drainLocked();
    void forgetLocked(int watch);
    void trimLocked();

    mutable QMutex m_mutex;
    int m_fd = -1;
    QHash<int, Folder> m_folders;  // by watch descriptor
    QHash<QString, int> m_watchOf; // by the path asked
    quint64 m_uses = 0;
};

} // namespace ferry
