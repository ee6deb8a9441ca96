#include "core/WorkerPool.h"

#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

WorkerPool::WorkerPool(int threadCount)
{
    const int count = std::clamp(threadCount, 1, 16);
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"ferry-net-%1"_s.arg(i));
        thread->start();
        m_workers.append({thread, 0});
    }
}

WorkerPool::~WorkerPool()
{
    for (const Worker &worker : std::as_const(m_workers)) {
        worker.thread->quit();
        worker.thread->wait();
        delete worker.thread;
    }
}

QThread *WorkerPool::acquire()
{
    auto it = std::min_element(m_workers.begin(), m_workers.end(),
                               [](const Worker &a, const Worker &b) { return a.load < b.load; });
    ++it->load;
    return it->thread;
}

void WorkerPool::release(QThread *thread)
{
    for (Worker &worker : m_workers)
        if (worker.thread == thread && worker.load > 0)
            --worker.load;
}

} // namespace ferry
