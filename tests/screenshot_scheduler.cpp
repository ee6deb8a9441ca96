// Not a test: makes docs/screenshots/scheduler-LANG.png and
// alternative-limit-LANG.png (scripts/screenshots).
//   screenshot_scheduler page OUT.png [zh_CN]     Settings → Scheduler, both rules on
//   screenshot_scheduler toolbar OUT.png [zh_CN]  the window with two downloads from
//       MisbehavingServer on loopback, the alternative limit on (toolbar, status bar)
//       and "shut down when done" chosen
#include "core/DownloadEngine.h"
#include "support/Behaviours.h"
#include "support/MisbehavingServer.h"
#include "support/ScreenshotStart.h"
#include "support/WindowTestHelpers.h"
#include "ui/AppSettings.h"
#include "ui/MainWindow.h"
#include "ui/NetworkSettings.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QScreen>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {
int shootPage(const ScreenshotStart &start)
{
    AppSettings settings = AppSettings::load();
    settings.schedule.queue = ScheduleRule{true, QTime(1, 0), QTime(7, 30), ScheduleRule::kEveryDay};
    settings.schedule.alternative = ScheduleRule{true, QTime(9, 0), QTime(18, 0), ScheduleRule::kWorkdays};
    SettingsDialog dialog(settings, NetworkSettings{});
    dialog.findChild<QTabWidget *>()->setCurrentWidget(dialog.findChild<QWidget *>(u"schedulerPage"_s));
    dialog.resize(600, dialog.sizeHint().height());
    dialog.show();
    QTest::qWait(800);
    return dialog.grab().save(start.out()) ? 0 : 1;
}

int shootToolbar(const ScreenshotStart &start)
{
    MisbehavingServer server;
    if (!server.listen())
        return 1;
    const MisbehavingServer::Behaviour slow = throttled(150 * 1024);
    const char *names[] = {"/fedora-workstation-41.iso", "/conference-keynote.mp4"};
    for (const char *name : names) {
        server.setFile(name, MisbehavingServer::makeData(48 << 20, 5));
        server.setBehaviour(name, slow);
    }
    AppSettings settings = AppSettings::load();
    settings.speedLimitKiB = 0;
    settings.altSpeedLimitKiB = 300;
    settings.altSpeedOn = true;
    settings.save();
    DownloadEngine engine;
    MainWindow window(engine);
    window.resize(1000, 420);
    window.move(20, 20);
    window.show();
    window.addUrls({server.url(names[0]), server.url(names[1])});
    action(window, "actionWhenDonePowerOff")->trigger();
    QTest::qWait(4000);
    const bool saved = QGuiApplication::primaryScreen()->grabWindow(0, 0, 0, 1040, 480).save(start.out());
    shutDown(engine);
    return saved ? 0 : 1;
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStringList args = app.arguments();
    const QString what = args.size() > 1 ? args.takeAt(1) : QString();
    const ScreenshotStart start(u"screenshot_scheduler"_s, args);
    if (!start.ok())
        return start.exitCode();
    if (what == u"page")
        return shootPage(start);
    if (what == u"toolbar")
        return shootToolbar(start);
    qWarning("screenshot_scheduler page|toolbar OUT.png [zh_CN]");
    return 2;
}
