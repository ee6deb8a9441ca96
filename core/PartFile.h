// A download's data file, "<name>.part": opened and locked by one writer,
// reserved to its full size, written with positional writes, pushed to disk
// early (write-back), truncated for a restart, and finally given its real
// name without replacing a file nobody asked to replace. Owned by one
// Download on its worker thread; every failure comes back as a sentence for
// the user (errorString()) and, where it matters, as a kind.
#pragma once

#include <QFile>
#include <QString>
#include <functional>

namespace ferry {

class PartFile final
{
    Q_DISABLE_COPY_MOVE(PartFile)

public:
    enum class Error { None, Busy, DiskFull, Io };

    PartFile() = default;

    QString path() const { return m_path; }
    bool isOpen() const { return m_file.isOpen(); }
    int handle() const { return m_file.handle(); }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }

    // Opens `path` for reading and writing without truncating it and takes an
    // exclusive flock. Busy: another Ferry holds it (the file is then not
    // ours, nothing is touched). Already open on that path: nothing to do —
    // a checkpoint in flight holds a duplicate of the descriptor and with it
    // the lock, so reopening would lock us out of our own file.
    bool open(const QString &path, const std::function<void(const QString &)> &log);
    void close();

    bool truncate(qint64 size);
    // Makes the file `size` bytes long with the space reserved (fallocate),
    // so a full disk is found before the transfer. DiskFull when it does not fit.
    bool reserve(qint64 size);
    bool writeAt(qint64 offset, const char *data, qint64 size);
    // Reads exactly `size` bytes at `offset` (fewer when the file is shorter).
    QByteArray readAt(qint64 offset, qint64 size) const;
    qint64 size() const;
    // A duplicate descriptor for a pool thread to fdatasync; -1 on failure.
    int duplicateHandle() const;

    // Gives the file its final name in `directory`. With `replace` it renames
    // over `*fileName`; otherwise link(2)+unlink(2), which fails atomically
    // when the name is taken, and then `*fileName` becomes "name (1).ext"
    // and so on. The file must be closed.
    bool moveInto(const QString &directory, QString *fileName, bool replace);

private:
    bool setError(Error error, const QString &message);

    QFile m_file;
    QString m_path;
    qint64 m_unflushedBytes = 0; // written since write-back was last started
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace ferry
