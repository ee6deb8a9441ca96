// Failures that heal (issue 6): a download that failed Retryable — the
// network was down, the name did not resolve, the server refused or kept
// answering 5xx past its retry budget — is tried again on its own, after
// 30 s doubling to 15 min (with jitter), and at once when the system says the
// network is back (QNetworkInformation, where a backend exists; without one,
// only the timer). Used by DownloadEngine when EngineOptions::automaticRetry
// is on: the window and the daemon, never `ferry get`, which exits.
//
// Keeps only ids and due times; the engine decides what a retry is and when
// a download's schedule ends (it completed, the user paused, retried or
// removed it).
#pragma once

#include "core/DownloadState.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace ferry {

class AutomaticRetry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AutomaticRetry)

public:
    // baseMs doubles with each failure in a row up to maxMs. watchNetwork
    // loads a reachability backend when one exists.
    AutomaticRetry(qint64 baseMs, qint64 maxMs, bool watchNetwork, QObject *parent = nullptr);

    // The download failed again: schedules its next attempt, returns when.
    QDateTime failed(DownloadId id);
    void forget(DownloadId id);  // succeeded, or the user took over
    QDateTime dueAt(DownloadId id) const; // invalid when none is scheduled
    int attempts(DownloadId id) const;    // failures in a row so far

    // Everything scheduled is due now (the network came back). Public so the
    // window's "retry all" and the tests can use the same path.
    void retryAllNow();

Q_SIGNALS:
    void retryDue(ferry::DownloadId id);

private:
    struct Entry {
        int attempts = 0;
        qint64 dueMs = 0; // on m_clock
        bool due = false; // emitted, waiting for the engine's next failed() or forget()
    };
    void arm();
    void fireDue();

    const qint64 m_baseMs;
    const qint64 m_maxMs;
    QHash<DownloadId, Entry> m_entries;
    QTimer m_timer;
    QDateTime m_epoch;      // wall time at m_clock zero, for dueAt()
    QElapsedTimer m_clock;  // monotonic: a changed system clock does not move retries
};

} // namespace ferry
