// "When all are done" in the window, against the real engine and a local
// server. Quit: the window's event loop really ends when the last download
// completes. Suspend and shut down: after the 30-second notice (counted on an
// injected clock) the call reaches org.freedesktop.login1 — here a recording
// object of this test on the private bus of dbus-run-session, which
// FERRY_LOGIN1_BUS_ADDRESS points the call at — with interactive=false; a
// cancelled notice sends nothing, checked once its deadline has passed; the
// choice goes back to "nothing" after it acted.
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/MainWindow.h"
#include "ui/PowerNotice.h"
#include "ui/SchedulerControl.h"
#include "ui/WhenDone.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {
// What the computer was asked to do, as logind would receive it.
class Login1Recorder final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")

public:
    QStringList calls; // "Suspend(false)"

public Q_SLOTS:
    Q_SCRIPTABLE void Suspend(bool interactive) { calls.append(u"Suspend(%1)"_s.arg(interactive ? u"true" : u"false")); }
    Q_SCRIPTABLE void PowerOff(bool interactive) { calls.append(u"PowerOff(%1)"_s.arg(interactive ? u"true" : u"false")); }
};

struct FakeClock {
    QDateTime base = QDateTime::currentDateTime();
    QElapsedTimer since;
    FakeClock() { since.start(); }
    QDateTime now() const { return base.addMSecs(since.elapsed()); }
    void advance(int seconds) { base = base.addSecs(seconds); }
};

// A window on the real engine whose scheduler reads the fake clock.
struct ClockedWindow {
    DownloadEngine engine{windowTestOptions()};
    ShutDownOnExit stopEngine{engine};
    MainWindow window{engine};
    FakeClock clock;
    ClockedWindow()
    {
        window.show();
        window.scheduler()->setClock([this] { return clock.now(); });
    }
    WhenDone *whenDone() const { return window.scheduler()->whenDone(); }
};
} // namespace

class TestWhenDone final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void quitEndsTheEventLoop();
    void suspendAfterTheNotice();
    void cancelSendsNothing();

private:
    DownloadId download(MainWindow &window, DownloadEngine &engine, const QByteArray &path);

    QTemporaryDir m_home;
    MisbehavingServer m_server;
    Login1Recorder m_login1;
};

void TestWhenDone::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_whendone"_s));
    QVERIFY(m_server.listen());
    // The test's own session bus (dbus-run-session), never the machine's system bus.
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY2(bus.isConnected(), "run under dbus-run-session");
    QVERIFY(bus.registerService(u"org.freedesktop.login1"_s));
    QVERIFY(bus.registerObject(u"/org/freedesktop/login1"_s, &m_login1, QDBusConnection::ExportScriptableSlots));
    qputenv("FERRY_LOGIN1_BUS_ADDRESS", qgetenv("DBUS_SESSION_BUS_ADDRESS"));
}

DownloadId TestWhenDone::download(MainWindow &window, DownloadEngine &engine, const QByteArray &path)
{
    m_server.setFile(path, MisbehavingServer::makeData(256 * 1024, 7));
    if (window.addUrls({m_server.url(path)}) != 1)
        return 0;
    return lastId(engine);
}

void TestWhenDone::quitEndsTheEventLoop()
{
    DownloadEngine engine(windowTestOptions());
    MainWindow window(engine);
    window.show();
    WhenDone *whenDone = window.scheduler()->whenDone();
    action(window, "actionWhenDoneQuit")->trigger();
    QCOMPARE(whenDone->choice(), WhenDone::Choice::Quit);
    QVERIFY(window.findChild<QToolButton *>(u"whenDoneStatus"_s)->isVisible());

    // As app/GuiLauncher: a quit closes the window, stops the engine, then the event loop ends.
    connect(&window, &MainWindow::quitRequested, &engine, [&] {
        window.setQuitting(true);
        window.hide();
        engine.shutdown();
    });
    connect(&engine, &DownloadEngine::shutdownFinished, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    QTimer giveUp;
    giveUp.setSingleShot(true);
    connect(&giveUp, &QTimer::timeout, qApp, [] { QCoreApplication::exit(1); });
    giveUp.start(kWindowWaitMs);
    const QByteArray data = MisbehavingServer::makeData(256 * 1024, 7);
    const DownloadId id = download(window, engine, "/last.bin");
    QVERIFY(id != 0);
    QCOMPARE(QCoreApplication::exec(), 0); // ended by the quit, not by giving up
    QCOMPARE(engine.snapshot(id).state, DownloadState::Completed);
    QFile file(engine.snapshot(id).filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), data);
    QCOMPARE(whenDone->choice(), WhenDone::Choice::Nothing); // once
}

void TestWhenDone::suspendAfterTheNotice()
{
    m_login1.calls.clear();
    ClockedWindow scene;
    DownloadEngine &engine = scene.engine;
    MainWindow &window = scene.window;
    FakeClock &clock = scene.clock;
    WhenDone *whenDone = scene.whenDone();
    action(window, "actionWhenDoneSuspend")->trigger();
    const DownloadId id = download(window, engine, "/suspend.bin");
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, kWindowWaitMs);
    PowerNotice *notice = whenDone->notice();
    QTRY_VERIFY(notice->isVisible());
    const QString text = notice->findChild<QLabel *>(u"powerNoticeText"_s)->text();
    QVERIFY2(text.contains(u"suspends in 30 second"_s), qPrintable(text));
    QCOMPARE(whenDone->choice(), WhenDone::Choice::Nothing); // reset at once: it acts once
    QVERIFY(action(window, "actionWhenDoneNothing")->isChecked());

    clock.advance(PowerNotice::kNoticeSeconds + 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_login1.calls, QStringList{u"Suspend(false)"_s}, kWindowWaitMs);
    QVERIFY(!notice->isVisible());
}

void TestWhenDone::cancelSendsNothing()
{
    m_login1.calls.clear();
    ClockedWindow scene;
    DownloadEngine &engine = scene.engine;
    MainWindow &window = scene.window;
    FakeClock &clock = scene.clock;
    WhenDone *whenDone = scene.whenDone();
    PowerNotice *notice = whenDone->notice();

    action(window, "actionWhenDoneSuspend")->trigger();
    const DownloadId first = download(window, engine, "/cancel.bin");
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(first).state, DownloadState::Completed, kWindowWaitMs);
    QTRY_VERIFY(notice->isCounting());
    clock.advance(10);
    notice->findChild<QPushButton *>(u"powerNoticeCancel"_s)->click();
    QVERIFY(!notice->isVisible());
    clock.advance(PowerNotice::kNoticeSeconds); // the cancelled notice's deadline has passed

    // A second, uncancelled notice: its call is the only one the recorder
    // gets. Calls on one connection arrive in order, so a Suspend sent by the
    // cancelled notice would have come first.
    action(window, "actionWhenDonePowerOff")->trigger();
    const DownloadId second = download(window, engine, "/poweroff.bin");
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(second).state, DownloadState::Completed, kWindowWaitMs);
    QTRY_VERIFY(notice->isCounting());
    QVERIFY(m_login1.calls.isEmpty());
    clock.advance(PowerNotice::kNoticeSeconds + 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_login1.calls, QStringList{u"PowerOff(false)"_s}, kWindowWaitMs);
    QCOMPARE(whenDone->choice(), WhenDone::Choice::Nothing);
}

QTEST_MAIN(TestWhenDone)
#include "tst_ui_whendone.moc"
