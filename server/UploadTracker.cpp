// See UploadTracker.h.
#include "server/UploadTracker.h"

namespace ferry {

UploadTracker::UploadTracker(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_clock.start();
    m_timer.setInterval(ProgressIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &UploadTracker::publishProgress);
}

UploadTracker::~UploadTracker() = default;

QList<UploadSnapshot> UploadTracker::uploads() const
{
    QList<UploadSnapshot> list;
    list.reserve(m_uploads.size());
    for (const Active &a : m_uploads)
        list.append(a.snapshot);
    return list;
}

quint64 UploadTracker::begin(const QString &peer, const QString &path, qint64 totalBytes, int status,
                             DeliveredProbe delivered)
{
    Active a;
    UploadSnapshot &u = a.snapshot;
    u.id = m_nextId++;
    u.peer = peer;
    u.path = path;
    u.totalBytes = totalBytes;
    u.started = QDateTime::currentDateTimeUtc();
    u.status = status;
    a.delivered = std::move(delivered);
    a.samples.append({m_clock.elapsed(), 0});
    const UploadSnapshot snapshot = u;
    m_uploads.insert(u.id, std::move(a));
    if (!m_timer.isActive())
        m_timer.start();
    Q_EMIT uploadStarted(snapshot);
    return snapshot.id;
}

void UploadTracker::end(quint64 id, qint64 sentBytes)
{
    auto it = m_uploads.find(id);
    if (it == m_uploads.end())
        return;
    UploadSnapshot u = it->snapshot;
    m_uploads.erase(it);
    u.sentBytes = sentBytes;
    u.finished = true;
    const qint64 ms = u.started.msecsTo(QDateTime::currentDateTimeUtc());
    u.bytesPerSecond = ms > 0 ? double(sentBytes) * 1000.0 / double(ms) : 0.0;
    Q_EMIT uploadFinished(u);
    if (m_uploads.isEmpty())
        m_timer.stop();
}

void UploadTracker::endAll()
{
    m_timer.stop();
    const QHash<quint64, Active> uploads = std::exchange(m_uploads, {});
    for (const Active &a : uploads) {
        UploadSnapshot done = a.snapshot;
        done.finished = true;
        Q_EMIT uploadFinished(done);
    }
}

void UploadTracker::publishProgress()
{
    const qint64 now = m_clock.elapsed();
    QList<UploadSnapshot> batch;
    for (Active &a : m_uploads) {
        UploadSnapshot &u = a.snapshot;
        const qint64 delivered =
            qMax(u.sentBytes, a.delivered ? qBound(qint64(0), a.delivered(), u.totalBytes) : u.sentBytes);
        a.samples.append({now, delivered});
        // Keep one sample at or before the window's start, so the span is the whole window.
        while (a.samples.size() > 2 && now - a.samples.at(1).first >= SpeedWindowMs)
            a.samples.removeFirst();
        const auto &[since, base] = a.samples.constFirst();
        const double speed = now > since ? double(delivered - base) * 1000.0 / double(now - since) : 0.0;
        // Also when only the speed moved: a stalled peer is shown slowing down.
        if (delivered == u.sentBytes && qRound64(speed) == qRound64(u.bytesPerSecond))
            continue;
        u.sentBytes = delivered;
        u.bytesPerSecond = speed;
        batch.append(u);
    }
    if (!batch.isEmpty())
        Q_EMIT uploadsProgress(batch);
}

} // namespace ferry
