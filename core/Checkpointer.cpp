#include "core/Checkpointer.h"

#include "core/PartFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ferry {

// Pool jobs report back through the gate, never through a bare `this`: the
// owner may be destroyed while a job runs. Posting under the gate's lock is
// safe, and Qt drops events still queued for an object when it is deleted.
struct Checkpointer::Gate {
    QMutex mutex;
    Checkpointer *target = nullptr;

    void post(std::function<void()> fn)
    {
        QMutexLocker lock(&mutex);
        if (target)
            QMetaObject::invokeMethod(target, std::move(fn), Qt::QueuedConnection);
    }
};

Checkpointer::Checkpointer(PartFile &file, Snapshot snapshot, Log log, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_snapshot(std::move(snapshot))
    , m_log(std::move(log))
    , m_gate(std::make_shared<Gate>())
{
    m_gate->target = this;
}

Checkpointer::~Checkpointer()
{
    QMutexLocker lock(&m_gate->mutex);
    m_gate->target = nullptr;
}

void Checkpointer::checkpoint(std::function<void()> then)
{
    if (then)
        m_afterJobs.push_back(std::move(then));
    if (!m_file.isOpen() || m_controlPath.isEmpty() || (!m_dirty && m_jobsInFlight == 0)) {
        if (m_jobsInFlight == 0) {
            auto pending = std::exchange(m_afterJobs, {});
            for (auto &fn : pending)
                fn();
        }
        return;
    }
    if (m_jobsInFlight > 0)
        return; // the running job's completion starts the next one
    m_dirty = false;
    const int fd = m_file.duplicateHandle();
    const ControlData data = m_snapshot();
    const QString path = m_controlPath;
    m_controlFileMayExist = true;
    run([this, fd, data, path]() -> std::function<void()> {
        QString error;
        bool ok = fd >= 0 && ::fdatasync(fd) == 0;
        if (!ok)
            error = QString::fromLocal8Bit(std::strerror(errno));
        if (fd >= 0)
            ::close(fd);
        if (ok)
            ok = ControlFile::write(path, data, &error);
        return [this, ok, error, path] {
            if (!ok && m_log)
                m_log(QCoreApplication::translate("ferry::Download", "Could not save progress to %1: %2")
                          .arg(QDir::toNativeSeparators(path), error));
        };
    });
}

void Checkpointer::voidControlFile(std::function<void()> then)
{
    m_dirty = false;
    checkpoint([this, then = std::move(then)]() mutable {
        if (m_controlPath.isEmpty()) {
            then();
            return;
        }
        run([this, path = m_controlPath]() -> std::function<void()> {
            QString error;
            if (ControlFile::remove(path, &error))
                return [this, path] {
                    if (path == m_controlPath)
                        m_controlFileMayExist = false;
                };
            return [this, path, error] {
                if (m_log)
                    m_log(QCoreApplication::translate("ferry::Download", "Could not remove %1: %2")
                              .arg(QDir::toNativeSeparators(path), error));
            };
        });
        checkpoint(std::move(then)); // after the removal
    });
}

void Checkpointer::run(std::function<std::function<void()>()> work, QThreadPool *pool)
{
    ++m_jobsInFlight;
    (pool ? pool : QThreadPool::globalInstance())->start([this, gate = m_gate, work = std::move(work)] {
        std::function<void()> then = work();
        gate->post([this, then = std::move(then)] {
            if (then)
                then();
            jobDone();
        });
    });
}

void Checkpointer::jobDone()
{
    --m_jobsInFlight;
    checkpoint(); // runs again if more arrived, else the waiting continuations
}

} // namespace ferry
