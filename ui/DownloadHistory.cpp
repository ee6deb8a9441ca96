// See DownloadHistory.h.
#include "ui/DownloadHistory.h"

#include "core/DownloadEngine.h"

namespace ferry {

DownloadHistory::DownloadHistory(DownloadEngine &engine, QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DownloadHistory::sample);
    connect(&engine, &DownloadEngine::logMessage, this, [this](DownloadId id, const QString &text) {
        QList<LogLine> &lines = m_logs[id];
        if (lines.size() >= kMaxLogLines)
            lines.removeFirst();
        lines.append({QDateTime::currentDateTime(), text});
        Q_EMIT logged(id, lines.constLast());
    });
    connect(&engine, &DownloadEngine::added, this, &DownloadHistory::follow);
    connect(&engine, &DownloadEngine::stateChanged, this, &DownloadHistory::follow);
    connect(&engine, &DownloadEngine::progress, this, [this](const QList<DownloadSnapshot> &changed) {
        for (const DownloadSnapshot &s : changed)
            follow(s);
    });
    connect(&engine, &DownloadEngine::removed, this, [this](DownloadId id) {
        m_logs.remove(id);
        m_speeds.remove(id);
        m_running.remove(id);
    });
    for (const DownloadSnapshot &s : engine.snapshots())
        follow(s);
}

void DownloadHistory::follow(const DownloadSnapshot &s)
{
    if (s.isActive()) {
        m_running.insert(s.id, s.bytesPerSecond);
        if (!m_timer.isActive())
            m_timer.start();
    } else if (m_running.remove(s.id) > 0 && m_speeds.contains(s.id)) {
        // The graph drops to zero where the download stopped.
        m_speeds[s.id].append(0);
    }
}

void DownloadHistory::sample()
{
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        QList<double> &samples = m_speeds[it.key()];
        if (samples.size() >= kSpeedSamples)
            samples.removeFirst();
        samples.append(it.value());
    }
    for (auto it = m_speeds.begin(); m_speeds.size() > kMaxGraphs && it != m_speeds.end();)
        it = m_running.contains(it.key()) ? std::next(it) : m_speeds.erase(it);
    if (m_running.isEmpty())
        m_timer.stop();
    Q_EMIT sampled();
}

} // namespace ferry
