// See AccessManagerPool.h.
#include "core/AccessManagerPool.h"

#include <QNetworkAccessManager>
#include <QThread>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr long kConnectionsPerManager = 6; // Qt 6.4's per-host limit of one manager
constexpr qint64 kIdleMs = 60 * 1000;
thread_local AccessManagerPool *t_pool = nullptr;

long leases(const std::shared_ptr<QNetworkAccessManager> &manager)
{
    return manager.use_count() - 1; // the pool's own reference is no lease
}
} // namespace

AccessManagerPool *AccessManagerPool::forCurrentThread()
{
    if (!t_pool) {
        t_pool = new AccessManagerPool;
        t_pool->m_clock.start();
        // Deferred deletes still run after finished(): the pool goes with its
        // thread. Managers still lent live on in their downloads.
        connect(QThread::currentThread(), &QThread::finished, t_pool, &QObject::deleteLater);
    }
    return t_pool;
}

AccessManagerPool::~AccessManagerPool()
{
    if (t_pool == this)
        t_pool = nullptr;
}

std::shared_ptr<QNetworkAccessManager> AccessManagerPool::lease(const QUrl &url, const QString &profile,
                                                                const Configure &configure)
{
    sweep();
    const QString key = url.scheme().toLower() + u"://"_s + url.host().toLower() + u':'
        + QString::number(url.port(-1)) + u'\n' + profile;
    std::vector<Entry> &entries = m_byKey[key];
    for (Entry &entry : entries) {
        if (leases(entry.manager) < kConnectionsPerManager) {
            entry.idleSinceMs = -1;
            return entry.manager;
        }
    }
    Entry entry;
    entry.manager = std::make_shared<QNetworkAccessManager>();
    if (configure)
        configure(entry.manager.get());
    entries.push_back(entry);
    return entry.manager;
}

// Managers nobody used for a minute go, with their idle connections: a window
// open for weeks must not keep a manager for every host it ever met.
void AccessManagerPool::sweep()
{
    const qint64 now = m_clock.elapsed();
    for (auto it = m_byKey.begin(); it != m_byKey.end();) {
        std::erase_if(it->second, [now](Entry &entry) {
            if (leases(entry.manager) > 0) {
                entry.idleSinceMs = -1;
                return false;
            }
            if (entry.idleSinceMs < 0)
                entry.idleSinceMs = now;
            return now - entry.idleSinceMs > kIdleMs;
        });
        it = it->second.empty() ? m_byKey.erase(it) : std::next(it);
    }
}

} // namespace ferry
