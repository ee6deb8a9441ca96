// See Schedule.h.
#include "ui/Schedule.h"

#include <QTimeZone>

#include <algorithm>

namespace ferry {

namespace {
constexpr int kMaxGapMinutes = 3 * 60; // DST gaps are an hour, some 30 minutes: never this long

// `time` on `date` in `zone`; inside a DST gap, the first minute after it.
QDateTime instant(QDate date, QTime time, const QTimeZone &zone)
{
    QDateTime at(date, time, zone);
    for (int minutes = 1; !at.isValid() && minutes <= kMaxGapMinutes; ++minutes)
        at = QDateTime(date, time.addSecs(minutes * 60), zone);
    return at;
}

struct Window {
    QDateTime open;
    QDateTime close;
};

// The rule's windows that open on the days from `first` to `last`.
QList<Window> windows(const ScheduleRule &rule, QDate first, QDate last, const QTimeZone &zone)
{
    QList<Window> list;
    if (!rule.enabled || !rule.from.isValid() || !rule.to.isValid())
        return list;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        if (!rule.onDay(day.dayOfWeek()))
            continue;
        const QDate closeDay = rule.to > rule.from ? day : day.addDays(1); // past midnight, or the whole day
        const Window w{instant(day, rule.from, zone), instant(closeDay, rule.to, zone)};
        if (w.open.isValid() && w.close.isValid() && w.open < w.close)
            list.append(w);
    }
    return list;
}

QTimeZone zoneOf(const QDateTime &at)
{
    return at.timeSpec() == Qt::TimeZone ? at.timeZone() : QTimeZone::systemTimeZone();
}

bool inside(const QList<Window> &list, const QDateTime &at)
{
    return std::any_of(list.cbegin(), list.cend(), [&](const Window &w) { return w.open <= at && at < w.close; });
}
} // namespace

bool ScheduleRule::contains(const QDateTime &at) const
{
    const QDate day = at.toTimeZone(zoneOf(at)).date();
    return inside(windows(*this, day.addDays(-1), day, zoneOf(at)), at);
}

QDateTime ScheduleRule::nextChange(const QDateTime &at) const
{
    const QTimeZone zone = zoneOf(at);
    const QDate day = at.toTimeZone(zone).date();
    // A weekly rule changes within a week or never; the windows of the days
    // after that only keep the last one's end from looking like a change.
    const QList<Window> list = windows(*this, day.addDays(-1), day.addDays(10), zone);
    const QDateTime horizon = at.addDays(8);
    QList<QDateTime> edges;
    for (const Window &w : list) {
        for (const QDateTime &edge : {w.open, w.close})
            if (edge > at && edge < horizon)
                edges.append(edge);
    }
    std::sort(edges.begin(), edges.end());
    const bool now = inside(list, at);
    // Windows that touch (every day the whole day) make no change where they meet.
    for (const QDateTime &edge : std::as_const(edges))
        if (inside(list, edge) != now)
            return edge;
    return {};
}

Schedule::State Schedule::stateAt(const QDateTime &at) const
{
    State state;
    state.queueRunning = queue.contains(at);
    state.alternative = alternative.contains(at);
    const QDateTime a = queue.nextChange(at);
    const QDateTime b = alternative.nextChange(at);
    if (!a.isValid())
        state.nextChange = b;
    else if (!b.isValid())
        state.nextChange = a;
    else
        state.nextChange = std::min(a, b);
    return state;
}

} // namespace ferry
