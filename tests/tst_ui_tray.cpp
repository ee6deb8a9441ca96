// The tray's notifications against the real engine and a local HTTP server:
// one "Download complete" per finished download and one "Download failed"
// with the reason per failure, none for what was already finished when the
// tray started (a restored session) nor when notifications are off, and
// none again when a state repeats. The offscreen platform has no tray and
// the test's session bus has no notification server (a dead address), so
// every notification is delivered nowhere, and says so; the test listens to
// TrayIcon::notified, which is emitted either way. Without a tray, closing
// the window quits. The tooltip counts and sums what the engine reports.
// tst_ui_notifications covers a real notification server.
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "ui/MainWindow.h"
#include "ui/TrayIcon.h"

#include "ui/DownloadListModel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using ferry::test::MisbehavingServer;

namespace {

constexpr int kWaitMs = 20000; // "eventually": generous, never a timing goal

EngineOptions testOptions()
{
    EngineOptions options;
    options.retryBaseMs = 50;
    options.retryMaxMs = 200;
    options.maxRetries = 1;
    return options;
}

} // namespace

class TestTray final : public QObject
{
    Q_OBJECT

private:
    DownloadRequest request(const char *path) const
    {
        DownloadRequest r;
        r.url = m_server.url(path);
        r.directory = m_dir.path();
        return r;
    }

    // Adds and waits for the download's final state.
    bool runToEnd(DownloadEngine &engine, const char *path, DownloadId *id = nullptr)
    {
        const DownloadId added = engine.add(request(path));
        if (id)
            *id = added;
        return QTest::qWaitFor([&] { return engine.snapshot(added).isFinal(); }, kWaitMs);
    }

    static void shutDown(DownloadEngine &engine)
    {
        QSignalSpy done(&engine, &DownloadEngine::shutdownFinished);
        engine.shutdown();
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, kWaitMs));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Before anything touches the bus: no notification server can answer.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_dir.filePath(u"no-bus"_s).toUtf8());
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.listen());
        m_server.setFile("/a.bin", MisbehavingServer::makeData(4096, 1));
        m_server.setFile("/b.bin", MisbehavingServer::makeData(4096, 2));
        m_server.setFile("/missing.bin", QByteArray(10, 'x'));
        MisbehavingServer::Behaviour missing;
        missing.errorStatus = 404;
        m_server.setBehaviour("/missing.bin", missing);
    }

    void completionAndFailureNotifyOnce()
    {
        DownloadEngine engine(testOptions());
        TrayIcon tray;
        tray.setEngine(&engine);
        QSignalSpy notified(&tray, &TrayIcon::notified);

        QVERIFY(runToEnd(engine, "/a.bin"));
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, kWaitMs));
        QCOMPARE(notified.at(0).at(0).toString(), u"Download complete"_s);
        QCOMPARE(notified.at(0).at(1).toString(), u"a.bin"_s);

        QVERIFY(runToEnd(engine, "/missing.bin"));
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 2; }, kWaitMs));
        QCOMPARE(notified.at(1).at(0).toString(), u"Download failed"_s);
        QVERIFY2(notified.at(1).at(1).toString().contains(u"404"_s), qPrintable(notified.at(1).at(1).toString()));
        // No server and no tray: the user is told nothing, and the signal says so.
        QCOMPARE(tray.desktopNotifier().availability(), DesktopNotifier::Availability::Unavailable);
        QCOMPARE(notified.at(0).at(2).value<TrayIcon::Delivery>(), TrayIcon::Delivery::Nowhere);
        QCOMPARE(notified.at(1).at(2).value<TrayIcon::Delivery>(), TrayIcon::Delivery::Nowhere);

        QTest::qWait(300); // nothing more arrives for the same downloads
        QCOMPARE(notified.size(), 2);
        shutDown(engine);
    }

    void finishedBeforeTheTrayIsQuiet()
    {
        DownloadEngine engine(testOptions());
        QVERIFY(runToEnd(engine, "/a.bin"));
        TrayIcon tray;
        tray.setEngine(&engine); // as after restoring a session
        QSignalSpy notified(&tray, &TrayIcon::notified);
        QVERIFY(runToEnd(engine, "/b.bin"));
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, kWaitMs));
        QTest::qWait(300);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(1).toString(), u"b.bin"_s);
        shutDown(engine);
    }

    void notificationsOff()
    {
        DownloadEngine engine(testOptions());
        TrayIcon tray;
        tray.setEngine(&engine);
        tray.setNotificationsEnabled(false);
        QSignalSpy notified(&tray, &TrayIcon::notified);
        QVERIFY(runToEnd(engine, "/a.bin"));
        QVERIFY(runToEnd(engine, "/missing.bin"));
        QTest::qWait(300);
        QCOMPARE(notified.size(), 0);
        shutDown(engine);
    }

    // The tooltip: the total speed and the counts per state.
    void toolTipCounts()
    {
        DownloadEngine engine(testOptions());
        TrayIcon tray;
        tray.setEngine(&engine);
        QVERIFY(runToEnd(engine, "/a.bin"));
        QVERIFY(runToEnd(engine, "/missing.bin"));
        QTRY_VERIFY_WITH_TIMEOUT(tray.toolTip().contains(u"1 completed · 1 failed"_s), kWaitMs);
        QVERIFY2(tray.toolTip().startsWith(u"Ferry — ↓ "_s), qPrintable(tray.toolTip()));
        DownloadSnapshot active;
        active.id = 1000;
        active.state = DownloadState::Downloading;
        tray.trackDownload(active);
        active.bytesPerSecond = 2 * 1024 * 1024;
        tray.onProgress({active});
        QVERIFY2(tray.toolTip().contains(DownloadListModel::formatSpeed(2 * 1024 * 1024)), qPrintable(tray.toolTip()));
        QVERIFY2(tray.toolTip().contains(u"1 downloading · 1 completed · 1 failed"_s), qPrintable(tray.toolTip()));
        tray.forgetDownload(active.id);
        QVERIFY2(!tray.toolTip().contains(u"downloading"_s), qPrintable(tray.toolTip()));
        shutDown(engine);
    }

    // Stock GNOME has no tray: closing the window must quit, not leave Ferry
    // running where nobody can reach it (the offscreen platform has no tray either).
    void noTrayCloseQuits()
    {
        QVERIFY(!TrayIcon::isAvailable());
        DownloadEngine engine(testOptions());
        MainWindow window(engine);
        TrayIcon tray;
        window.setTrayIcon(&tray);
        QSignalSpy quit(&window, &MainWindow::quitRequested);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.close();
        QCOMPARE(quit.size(), 1);
        shutDown(engine);
    }

private:
    MisbehavingServer m_server;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestTray)
#include "tst_ui_tray.moc"
