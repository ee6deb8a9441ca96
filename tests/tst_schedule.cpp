// ui/Schedule, row by row: what a rule puts in force at a moment and when
// that next changes — windows on a day, past midnight (belonging to the day
// they open), chosen weekdays, the same start and stop (the whole day), and
// the DST days of Europe/Berlin (a window is real instants: one hour is
// missing in March, one repeats in October). Pure: no clock, no timer.
#include "ui/Schedule.h"

#include <QTest>
#include <QTimeZone>

using namespace ferry;

Q_DECLARE_METATYPE(ferry::ScheduleRule)

namespace {
const QTimeZone kBerlin("Europe/Berlin");

QDateTime at(int y, int m, int d, int h, int min)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), kBerlin);
}

ScheduleRule rule(QTime from, QTime to, quint8 days = ScheduleRule::kEveryDay)
{
    return ScheduleRule{true, from, to, days};
}

quint8 day(int dayOfWeek)
{
    return ScheduleRule::dayBit(dayOfWeek);
}
} // namespace

class TestSchedule final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ruleAt_data();
    void ruleAt();
    void bothRulesTogether();
};

void TestSchedule::initTestCase()
{
    QVERIFY2(kBerlin.isValid(), "needs the tz database (tzdata)");
    // 2026-12-02 is a Wednesday.
    QCOMPARE(QDate(2026, 12, 2).dayOfWeek(), 3);
}

void TestSchedule::ruleAt_data()
{
    QTest::addColumn<ScheduleRule>("rule");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<bool>("inForce");
    QTest::addColumn<QDateTime>("next");
    QTest::addColumn<qint64>("secondsToNext"); // -1: not checked beyond `next`

    const QTime t8(8, 0), t18(18, 0), t22(22, 0), t6(6, 0);
    const ScheduleRule day8to18 = rule(t8, t18);
    QTest::addRow("inside") << day8to18 << at(2026, 12, 2, 12, 0) << true << at(2026, 12, 2, 18, 0) << qint64(6 * 3600);
    QTest::addRow("before") << day8to18 << at(2026, 12, 2, 7, 0) << false << at(2026, 12, 2, 8, 0) << qint64(3600);
    QTest::addRow("the start is inside") << day8to18 << at(2026, 12, 2, 8, 0) << true << at(2026, 12, 2, 18, 0)
                                         << qint64(-1);
    QTest::addRow("the stop is outside") << day8to18 << at(2026, 12, 2, 18, 0) << false << at(2026, 12, 3, 8, 0)
                                         << qint64(-1);

    const ScheduleRule night = rule(t22, t6);
    QTest::addRow("past midnight, evening") << night << at(2026, 12, 2, 23, 0) << true << at(2026, 12, 3, 6, 0)
                                            << qint64(7 * 3600);
    QTest::addRow("past midnight, morning") << night << at(2026, 12, 3, 3, 0) << true << at(2026, 12, 3, 6, 0)
                                            << qint64(-1);
    QTest::addRow("past midnight, day") << night << at(2026, 12, 3, 12, 0) << false << at(2026, 12, 3, 22, 0)
                                        << qint64(-1);
    // A Friday night runs into Saturday; Thursday's night is not chosen.
    const ScheduleRule fridayNight = rule(t22, t6, day(Qt::Friday));
    QTest::addRow("Friday night on Saturday") << fridayNight << at(2026, 12, 5, 3, 0) << true << at(2026, 12, 5, 6, 0)
                                              << qint64(-1);
    QTest::addRow("no Thursday night") << fridayNight << at(2026, 12, 4, 3, 0) << false << at(2026, 12, 4, 22, 0)
                                       << qint64(-1);
    QTest::addRow("after Friday night, a week") << fridayNight << at(2026, 12, 5, 6, 0) << false
                                                << at(2026, 12, 11, 22, 0) << qint64(-1);

    const ScheduleRule workdays = rule(QTime(9, 0), QTime(17, 0), ScheduleRule::kWorkdays);
    QTest::addRow("weekend skipped") << workdays << at(2026, 12, 4, 18, 0) << false << at(2026, 12, 7, 9, 0)
                                     << qint64(-1);
    QTest::addRow("Sunday") << workdays << at(2026, 12, 6, 12, 0) << false << at(2026, 12, 7, 9, 0) << qint64(-1);
    QTest::addRow("no day chosen") << rule(t8, t18, 0) << at(2026, 12, 2, 12, 0) << false << QDateTime()
                                   << qint64(-1);
    QTest::addRow("not enabled") << ScheduleRule{false, t8, t18, ScheduleRule::kEveryDay} << at(2026, 12, 2, 12, 0)
                                 << false << QDateTime() << qint64(-1);

    // The same start and stop: the whole day from that time.
    QTest::addRow("equal, one day") << rule(t8, t8, day(Qt::Wednesday)) << at(2026, 12, 2, 20, 0) << true
                                    << at(2026, 12, 3, 8, 0) << qint64(12 * 3600);
    QTest::addRow("equal, before it opens") << rule(t8, t8, day(Qt::Wednesday)) << at(2026, 12, 2, 7, 0) << false
                                            << at(2026, 12, 2, 8, 0) << qint64(-1);
    QTest::addRow("equal, every day: no change") << rule(t8, t8) << at(2026, 12, 2, 3, 0) << true << QDateTime()
                                                 << qint64(-1);
    const quint8 notSunday = ScheduleRule::kEveryDay & ~day(Qt::Sunday);
    QTest::addRow("equal, all but Sunday") << rule(t8, t8, notSunday) << at(2026, 12, 5, 10, 0) << true
                                           << at(2026, 12, 6, 8, 0) << qint64(22 * 3600);

    // Berlin springs forward on 2026-03-29 at 02:00 (to 03:00) and falls back
    // on 2026-10-25 at 03:00 (to 02:00).
    QTest::addRow("spring forward: one hour less") << rule(QTime(1, 0), QTime(3, 30)) << at(2026, 3, 29, 1, 30)
                                                   << true << at(2026, 3, 29, 3, 30) << qint64(3600);
    QTest::addRow("spring forward: a start in the gap") << rule(QTime(2, 30), QTime(4, 0)) << at(2026, 3, 29, 1, 59)
                                                        << false << at(2026, 3, 29, 3, 0) << qint64(60);
    QTest::addRow("fall back: one hour more") << night << at(2026, 10, 24, 22, 0) << true << at(2026, 10, 25, 6, 0)
                                              << qint64(9 * 3600);
    QTest::addRow("fall back, the day after") << night << at(2026, 10, 25, 12, 0) << false << at(2026, 10, 25, 22, 0)
                                              << qint64(10 * 3600);
}

void TestSchedule::ruleAt()
{
    QFETCH(ScheduleRule, rule);
    QFETCH(QDateTime, now);
    QFETCH(bool, inForce);
    QFETCH(QDateTime, next);
    QFETCH(qint64, secondsToNext);
    QVERIFY(now.isValid());
    QCOMPARE(rule.contains(now), inForce);
    const QDateTime change = rule.nextChange(now);
    QCOMPARE(change, next);
    if (secondsToNext >= 0)
        QCOMPARE(now.secsTo(change), secondsToNext);
    if (change.isValid()) {
        QCOMPARE(rule.contains(change), !inForce);           // it is a change
        QCOMPARE(rule.contains(change.addSecs(-1)), inForce); // and the first one
    }
}

void TestSchedule::bothRulesTogether()
{
    Schedule schedule;
    schedule.queue = rule(QTime(1, 0), QTime(7, 0));
    schedule.alternative = rule(QTime(9, 0), QTime(17, 0), ScheduleRule::kWorkdays);
    Schedule::State state = schedule.stateAt(at(2026, 12, 2, 3, 0));
    QVERIFY(state.queueRunning);
    QVERIFY(!state.alternative);
    QCOMPARE(state.nextChange, at(2026, 12, 2, 7, 0)); // the queue's stop comes first
    state = schedule.stateAt(at(2026, 12, 2, 8, 0));
    QVERIFY(!state.queueRunning);
    QCOMPARE(state.nextChange, at(2026, 12, 2, 9, 0)); // then the limit's start
    state = schedule.stateAt(at(2026, 12, 2, 10, 0));
    QVERIFY(state.alternative);
    QCOMPARE(state.nextChange, at(2026, 12, 2, 17, 0));
    schedule.alternative.enabled = false;
    state = schedule.stateAt(at(2026, 12, 2, 10, 0));
    QVERIFY(!state.alternative);
    QCOMPARE(state.nextChange, at(2026, 12, 3, 1, 0));
}

QTEST_APPLESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
