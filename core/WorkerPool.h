// The engine's network threads: a few QThreads with running event loops. Each
// Download is moved onto the least busy one and does all its network and disk
// work there.
#pragma once

#include <QList>

class QThread;

namespace ferry {

class WorkerPool
{
public:
    explicit WorkerPool(int threadCount);
    ~WorkerPool(); // quits and joins the threads
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    QThread *acquire();              // the thread with the fewest downloads
    void release(QThread *thread);

private:
    struct Worker {
        QThread *thread = nullptr;
        int load = 0;
    };
    QList<Worker> m_workers;
};

} // namespace ferry
