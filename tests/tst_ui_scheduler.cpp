// The Scheduler in the window, against the real engine and a local server:
// the "Alternative Speed Limit" toggle makes the engine's one global limit
// the alternative one, shows in the status bar and survives a restart; the
// schedule (with an injected clock) starts the queue at its time through the
// one armed timer, switches the limit in and out, and — after a jump of the
// clock such as a night asleep — catches up on what it slept through
// (Pause All at the stop); Settings → Scheduler reads back and saves its rules.
#include "core/DownloadEngine.h"
#include "support/Behaviours.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/AppSettings.h"
#include "ui/MainWindow.h"
#include "ui/NetworkSettings.h"
#include "ui/SchedulerControl.h"
#include "ui/SettingsDialog.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimeEdit>
#include <QTimeZone>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {
constexpr qint64 kUsualKiB = 4000;
constexpr qint64 kAlternativeKiB = 300;

// A wall clock that runs from a moment the test sets.
struct FakeClock {
    QDateTime base;
    QElapsedTimer since;
    void set(const QDateTime &at)
    {
        base = at;
        since.start();
    }
    QDateTime now() const { return base.addMSecs(since.elapsed()); }
};

QDateTime berlin(int day, QTime time)
{
    return QDateTime(QDate(2026, 12, day), time, QTimeZone("Europe/Berlin"));
}

void saveLimits(bool alternativeOn, const Schedule &schedule = {})
{
    AppSettings settings = AppSettings::load();
    settings.speedLimitKiB = kUsualKiB;
    settings.altSpeedLimitKiB = kAlternativeKiB;
    settings.altSpeedOn = alternativeOn;
    settings.schedule = schedule;
    settings.save();
}

bool allIn(const DownloadEngine &engine, const QList<DownloadId> &ids, DownloadState state)
{
    for (DownloadId id : ids)
        if (engine.snapshot(id).state != state)
            return false;
    return true;
}
} // namespace

class TestScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void alternativeLimitToggle();
    void scheduleDrivesQueueAndLimit();
    void settingsPageReadsBackTheRules();

private:
    QTemporaryDir m_home;
};

void TestScheduler::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_scheduler"_s));
    QVERIFY(QTimeZone("Europe/Berlin").isValid());
}

void TestScheduler::alternativeLimitToggle()
{
    saveLimits(false);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    {
        MainWindow window(engine);
        window.show();
        QCOMPARE(engine.options().globalSpeedLimit, kUsualKiB * 1024);
        QAction *toggle = action(window, "actionAlternativeSpeed");
        QVERIFY(toggle->isCheckable());
        QVERIFY(!toggle->shortcut().isEmpty());
        QVERIFY(window.findChild<QToolBar *>(u"mainToolBar"_s)->actions().contains(toggle));
        QVERIFY(window.findChild<QMenu *>(u"toolsMenu"_s)->actions().contains(toggle));
        QVERIFY(!toggle->icon().pixmap(16, 16).isNull());
        auto *status = window.findChild<QToolButton *>(u"alternativeSpeedStatus"_s);
        QVERIFY(status);
        QVERIFY(!status->isVisible());

        toggle->trigger();
        QVERIFY(toggle->isChecked());
        QCOMPARE(engine.options().globalSpeedLimit, kAlternativeKiB * 1024);
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(u"300"_s), qPrintable(status->text()));
        QVERIFY(AppSettings::load().altSpeedOn);
    }
    // A restart: the toggle is still on, and so is the limit the engine applies.
    {
        MainWindow window(engine);
        window.show();
        QAction *toggle = action(window, "actionAlternativeSpeed");
        QVERIFY(toggle->isChecked());
        QCOMPARE(engine.options().globalSpeedLimit, kAlternativeKiB * 1024);
        auto *status = window.findChild<QToolButton *>(u"alternativeSpeedStatus"_s);
        QVERIFY(status->isVisible());
        status->click(); // the status bar's button turns it off
        QVERIFY(!toggle->isChecked());
        QCOMPARE(engine.options().globalSpeedLimit, kUsualKiB * 1024);
        QVERIFY(!status->isVisible());
        QVERIFY(!AppSettings::load().altSpeedOn);
    }
}

void TestScheduler::scheduleDrivesQueueAndLimit()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const MisbehavingServer::Behaviour slow = throttled(16 * 1024); // still downloading when the stop comes
    QList<QUrl> urls;
    for (int i = 0; i < 2; ++i) {
        const QByteArray path = "/night" + QByteArray::number(i) + ".bin";
        server.setFile(path, MisbehavingServer::makeData(4 * 1024 * 1024, quint32(i)));
        server.setBehaviour(path, slow);
        urls.append(server.url(path));
    }
    Schedule schedule;
    schedule.queue = ScheduleRule{true, QTime(8, 0), QTime(23, 0), ScheduleRule::kEveryDay};
    schedule.alternative = ScheduleRule{true, QTime(9, 0), QTime(17, 0), ScheduleRule::kEveryDay};
    saveLimits(false, schedule);

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    SchedulerControl *scheduler = window.scheduler();
    FakeClock clock;
    clock.set(berlin(2, QTime(7, 59, 59, 400)));
    scheduler->setClock([&clock] { return clock.now(); });
    QCOMPARE(scheduler->nextChange(), berlin(2, QTime(8, 0)));
    QCOMPARE(window.addUrls(urls, false), 2);
    const QList<DownloadId> ids {engine.snapshots().at(0).id, engine.snapshots().at(1).id};
    QVERIFY(allIn(engine, ids, DownloadState::Paused));

    // 08:00 comes on the timer: the queue starts.
    QTRY_VERIFY_WITH_TIMEOUT(allIn(engine, ids, DownloadState::Downloading), kWindowWaitMs);
    QCOMPARE(scheduler->nextChange(), berlin(2, QTime(9, 0)));
    QCOMPARE(engine.options().globalSpeedLimit, kUsualKiB * 1024);

    // 09:00 (a jump, as after a short suspend): the alternative limit comes in.
    clock.set(berlin(2, QTime(9, 0, 0, 100)));
    scheduler->reevaluate();
    QCOMPARE(engine.options().globalSpeedLimit, kAlternativeKiB * 1024);
    QVERIFY(action(window, "actionAlternativeSpeed")->isChecked());
    QVERIFY(window.findChild<QToolButton *>(u"alternativeSpeedStatus"_s)->isVisible());
    QCOMPARE(scheduler->nextChange(), berlin(2, QTime(17, 0)));

    // Asleep from 09:30 to 23:30: on wake, 17:00 and 23:00 are caught up.
    clock.set(berlin(2, QTime(23, 30)));
    scheduler->reevaluate();
    QCOMPARE(engine.options().globalSpeedLimit, kUsualKiB * 1024);
    QVERIFY(!action(window, "actionAlternativeSpeed")->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(allIn(engine, ids, DownloadState::Paused), kWindowWaitMs);
    QCOMPARE(stateOf(window, ids.at(0)), DownloadState::Paused);
    QCOMPARE(scheduler->nextChange(), berlin(3, QTime(8, 0)));
}

void TestScheduler::settingsPageReadsBackTheRules()
{
    saveLimits(false);
    SettingsDialog dialog(AppSettings::load(), NetworkSettings{});
    auto *page = dialog.findChild<QWidget *>(u"schedulerPage"_s);
    QVERIFY(page);
    dialog.findChild<QCheckBox *>(u"queueEnabled"_s)->setChecked(true);
    dialog.findChild<QTimeEdit *>(u"queueFrom"_s)->setTime(QTime(1, 30));
    dialog.findChild<QTimeEdit *>(u"queueTo"_s)->setTime(QTime(6, 45));
    for (int day = 1; day <= 7; ++day)
        dialog.findChild<QCheckBox *>(u"queueDay"_s + QString::number(day))->setChecked(day >= 6);
    dialog.findChild<QCheckBox *>(u"alternativeEnabled"_s)->setChecked(true);
    dialog.findChild<QSpinBox *>(u"altSpeedLimit"_s)->setValue(123);

    const AppSettings chosen = dialog.settings();
    QCOMPARE(chosen.altSpeedLimitKiB, qint64(123));
    const ScheduleRule queue = chosen.schedule.queue;
    QVERIFY(queue.enabled);
    QCOMPARE(queue.from, QTime(1, 30));
    QCOMPARE(queue.to, QTime(6, 45));
    QCOMPARE(queue.days, quint8(ScheduleRule::dayBit(Qt::Saturday) | ScheduleRule::dayBit(Qt::Sunday)));
    QVERIFY(chosen.schedule.alternative.enabled);
    chosen.save();
    QCOMPARE(AppSettings::load(), chosen);
}

QTEST_MAIN(TestScheduler)
#include "tst_ui_scheduler.moc"
