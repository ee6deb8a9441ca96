// See AutomaticRetry.h.
#include "core/AutomaticRetry.h"

#include "core/Backoff.h"

#include <QNetworkInformation>
#include <QRandomGenerator>

#include <algorithm>
#include <limits>

namespace ferry {

AutomaticRetry::AutomaticRetry(qint64 baseMs, qint64 maxMs, bool watchNetwork, QObject *parent)
    : QObject(parent)
    , m_baseMs(std::max<qint64>(1, baseMs))
    , m_maxMs(std::max(m_baseMs, maxMs))
{
    m_clock.start();
    m_epoch = QDateTime::currentDateTimeUtc();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AutomaticRetry::fireDue);
    if (!watchNetwork)
        return;
    // A singleton of the application; loading twice is harmless. Without a
    // backend (no NetworkManager, a container) the timer alone retries.
    if (!QNetworkInformation::instance())
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    if (QNetworkInformation *info = QNetworkInformation::instance()) {
        connect(info, &QNetworkInformation::reachabilityChanged, this, [this](QNetworkInformation::Reachability r) {
            if (r == QNetworkInformation::Reachability::Online)
                retryAllNow();
        });
    }
}

QDateTime AutomaticRetry::failed(DownloadId id)
{
    Entry &entry = m_entries[id];
    ++entry.attempts;
    entry.due = false;
    const qint64 delay = retryDelayMs(entry.attempts, m_baseMs, m_maxMs, QRandomGenerator::global()->generateDouble());
    entry.dueMs = m_clock.elapsed() + delay;
    arm();
    return dueAt(id);
}

void AutomaticRetry::forget(DownloadId id)
{
    if (m_entries.remove(id))
        arm();
}

QDateTime AutomaticRetry::dueAt(DownloadId id) const
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.cend() || it->due)
        return {};
    return m_epoch.addMSecs(it->dueMs);
}

int AutomaticRetry::attempts(DownloadId id) const
{
    return m_entries.value(id).attempts;
}

void AutomaticRetry::retryAllNow()
{
    const qint64 now = m_clock.elapsed();
    for (Entry &entry : m_entries)
        entry.dueMs = std::min(entry.dueMs, now);
    fireDue();
}

void AutomaticRetry::arm()
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Entry &entry : std::as_const(m_entries))
        if (!entry.due)
            next = std::min(next, entry.dueMs);
    if (next == std::numeric_limits<qint64>::max()) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(next - m_clock.elapsed(), 0, std::numeric_limits<int>::max())));
}

void AutomaticRetry::fireDue()
{
    const qint64 now = m_clock.elapsed();
    QList<DownloadId> due;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (!it->due && it->dueMs <= now) {
            it->due = true;
            due.append(it.key());
        }
    }
    arm();
    std::sort(due.begin(), due.end()); // in the order they were added
    for (DownloadId id : std::as_const(due))
        Q_EMIT retryDue(id);
}

} // namespace ferry
