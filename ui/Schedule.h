// The Scheduler's rules and what they put in force at a given moment — a pure
// function of the rules and a QDateTime (Qt Core only), tested row by row in
// tst_schedule. The window (ui/SchedulerControl) asks it what is in force now
// and when that next changes, and arms one timer for that moment.
//
// A rule is a daily window from `from` to `to` on the chosen weekdays, in the
// time zone of the moment asked about. The day is the day the window opens:
// Friday 23:00–02:00 runs into Saturday's night. `to` equal to `from` is the
// whole day (24 hours from `from`, as qBittorrent's scheduler). On a day that
// skips an hour (DST) a time inside the gap is taken as the first minute that
// exists after it; windows are real instants, so Berlin's 01:00–03:30 on the
// spring-forward day lasts 1 h 30 min.
#pragma once

#include <QDateTime>
#include <QList>
#include <QTime>

namespace ferry {

struct ScheduleRule {
    bool enabled = false;
    QTime from;
    QTime to;
    // Bit (d - 1) for Qt::DayOfWeek d: Monday is bit 0, Sunday bit 6.
    quint8 days = kEveryDay;

    static constexpr quint8 kEveryDay = 0x7f;
    static constexpr quint8 kWorkdays = 0x1f;
    static quint8 dayBit(int dayOfWeek) { return quint8(1u << (dayOfWeek - 1)); }
    bool onDay(int dayOfWeek) const { return (days & dayBit(dayOfWeek)) != 0; }

    // Whether `at` lies inside one of the rule's windows (false when not enabled).
    bool contains(const QDateTime &at) const;
    // The first moment after `at` at which contains() changes; invalid when it
    // never does (not enabled, no day chosen, or every day the whole day).
    QDateTime nextChange(const QDateTime &at) const;
    bool operator==(const ScheduleRule &) const = default;
};

struct Schedule {
    // "Start the queue at `from`, stop (pause all) at `to`": the queue runs inside the window.
    ScheduleRule queue{false, QTime(8, 0), QTime(23, 0), ScheduleRule::kEveryDay};
    // "Use the alternative speed limit from `from` to `to`".
    ScheduleRule alternative{false, QTime(8, 0), QTime(18, 0), ScheduleRule::kWorkdays};

    struct State {
        bool queueRunning = false; // meaningful when queue.enabled
        bool alternative = false;  // meaningful when alternative.enabled
        QDateTime nextChange;      // the earlier of the two rules' next changes; invalid: none
    };
    State stateAt(const QDateTime &at) const;
    bool operator==(const Schedule &) const = default;
};

} // namespace ferry
