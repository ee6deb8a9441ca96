// Records a download's progress safely: flushes the .part file (fdatasync)
// and then writes the control file, on a pool thread so the network thread
// keeps reading. The ranges it records are taken before the flush, so the
// control file never claims data that is not on disk. Checkpoints never
// overlap; requests made while one runs coalesce into one more after it.
//
// It also runs the download's other pool jobs (checksums) through the same
// gate, so "when every job is done" (a stop, a failure) has one meaning.
// Jobs report back through a gate the owner closes when it is destroyed:
// an engine torn down without shutdown() leaves jobs that find no one to
// tell, and the files resume as after a crash.
#pragma once

#include "core/ControlFile.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

class QThreadPool;

namespace ferry {

class PartFile;

class Checkpointer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Checkpointer)

public:
    using Snapshot = std::function<ControlData()>;
    using Log = std::function<void(const QString &)>;

    Checkpointer(PartFile &file, Snapshot snapshot, Log log, QObject *parent = nullptr);
    ~Checkpointer() override;

    void setControlPath(const QString &path) { m_controlPath = path; }
    QString controlPath() const { return m_controlPath; }

    // Whether the control file at controlPath() may be on disk: one was
    // adopted or written, and not removed since. The owner holds the .part's
    // lock, so nobody else writes it; a false here spares a lookup per file.
    bool controlFileMayExist() const { return m_controlFileMayExist; }
    void setControlFileMayExist(bool mayExist) { m_controlFileMayExist = mayExist; }

    void markDirty() { m_dirty = true; }
    bool isDirty() const { return m_dirty; }
    bool busy() const { return m_jobsInFlight > 0; }

    // Flushes and records now (if anything changed), then runs `then` once
    // no job is running. Without a file or control path it only waits.
    void checkpoint(std::function<void()> then = {});

    // Voids the record before the data it describes is thrown away: after
    // any job in flight (which may still be writing the old claims), removes
    // the control file and syncs its directory, then runs `then`. Nothing is
    // recorded again until markDirty().
    void voidControlFile(std::function<void()> then);

    // Runs `work` on `pool` (QThreadPool::globalInstance() when null); the
    // function it returns runs back on this object's thread, unless the
    // owner is gone. Counted as a job: checkpoint(then) waits for it.
    void run(std::function<std::function<void()>()> work, QThreadPool *pool = nullptr);

private:
    struct Gate;
    void jobDone();

    PartFile &m_file;
    Snapshot m_snapshot;
    Log m_log;
    QString m_controlPath;
    bool m_dirty = false;
    bool m_controlFileMayExist = true; // until the owner knows better
    int m_jobsInFlight = 0;
    std::vector<std::function<void()>> m_afterJobs;
    std::shared_ptr<Gate> m_gate;
};

} // namespace ferry
