// What happened to each download while Ferry runs, for the Details panel: the
// engine's log lines for it (DownloadEngine::logMessage: resumes, retries,
// restarts and why), with the time they came, and its speed once a second
// over the last minutes. Kept in memory only, bounded per download, and
// forgotten when the download is removed. Sampling touches only the
// downloads that are running, never the whole list.
#pragma once

#include "core/DownloadSnapshot.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace ferry {

class DownloadEngine;

class DownloadHistory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadHistory)

public:
    static constexpr int kMaxLogLines = 200;    // per download; the oldest go first
    static constexpr int kSpeedSamples = 180;   // one a second: three minutes
    static constexpr int kMaxGraphs = 64;       // downloads with a speed history; stopped ones go first

    struct LogLine {
        QDateTime at;
        QString text;
    };

    explicit DownloadHistory(DownloadEngine &engine, QObject *parent = nullptr);

    QList<LogLine> log(DownloadId id) const { return m_logs.value(id); }
    // Bytes per second, oldest first, the last one a second old at most; empty
    // for a download that has not run while Ferry runs.
    QList<double> speeds(DownloadId id) const { return m_speeds.value(id); }

Q_SIGNALS:
    void logged(ferry::DownloadId id, const ferry::DownloadHistory::LogLine &line);
    void sampled(); // once a second while something runs

private:
    void follow(const DownloadSnapshot &s);
    void sample();

    QHash<DownloadId, QList<LogLine>> m_logs;
    QHash<DownloadId, QList<double>> m_speeds;
    QHash<DownloadId, double> m_running; // its last reported speed
    QTimer m_timer;
};

} // namespace ferry
