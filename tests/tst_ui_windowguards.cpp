// Nothing is lost by one click in the window, against the real engine and a
// local server: Remove asks once for the whole selection before any row leaves
// and can be undone; Cancel (which deletes data) is named apart from Remove;
// pausing what cannot resume warns first; a retry shows at once; a download
// that exists already (in the list or on disk) asks before it is added; quitting
// with downloads running asks (with "don't ask again"); the first close to
// the tray says that Ferry keeps running.
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/AppSettings.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"
#include "ui/PendingRemovals.h"
#include "ui/TrayIcon.h"
#include "ui/UrlIntake.h"

#include <QApplication>
#include <QDBusConnection>
#include <QLabel>
#include <QProcess>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {
constexpr int kWaitMs = kWindowWaitMs;
constexpr qint64 kSlowSize = 8 << 20;
constexpr qint64 kSlowRate = 64 << 10; // still running when the test is done with it
} // namespace

class TestWindowGuards final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void removeAsksOnceForTheWholeSelection();
    void cancelIsNamedApartAndCanBeUndone();
    void pauseWarnsWhenTheServerCannotResume();
    void retryShowsAtOnce();
    void existingDownloadAsks();
    void quitAsksWhileDownloadsRun();
    void closeToTrayExplainsOnce();
    void notificationSettingSaysWhenNothingCanShow();

private:
    QString downloadDir() const { return m_home.filePath(u"Downloads"_s); }
    QTemporaryDir m_home;
    QProcess m_bus; // a private session bus, before anything connects to one
};

void TestWindowGuards::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_windowguards"_s));
    // The tray's notifier and the settings dialog use the session bus; the
    // test decides what is on it (no notification service at first).
    m_bus.start(u"dbus-daemon"_s, {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
    QVERIFY2(m_bus.waitForStarted(), "dbus-daemon did not start (package dbus)");
    QVERIFY(m_bus.waitForReadyRead(10000));
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(!address.isEmpty());
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
}

void TestWindowGuards::cleanupTestCase()
{
    m_bus.kill();
    m_bus.waitForFinished();
}

void TestWindowGuards::cleanup()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QDialog *>(w))
            box->reject();
}

void TestWindowGuards::removeAsksOnceForTheWholeSelection()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    MisbehavingServer::Behaviour missing;
    missing.errorStatus = 404;
    server.setFile("/gone.bin", QByteArray(10, 'x'));
    server.setBehaviour("/gone.bin", missing);
    QList<QUrl> urls;
    for (int i = 0; i < 4; ++i) {
        const QByteArray path = "/done" + QByteArray::number(i) + ".bin";
        server.setFile(path, MisbehavingServer::makeData(2048, quint32(20 + i)));
        urls.append(server.url(path));
    }
    urls.append(QUrl(server.url("/gone.bin").toString() + u"?a"_s));
    urls.append(QUrl(server.url("/gone.bin").toString() + u"?b"_s));

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls(urls);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(window.model()->snapshots().cbegin(), window.model()->snapshots().cend(),
                                         [](const DownloadSnapshot &s) { return s.isFinal(); }),
                             kWaitMs);
    QCOMPARE(window.model()->rowCount(), 6);
    QAbstractItemModel *view = window.view()->model();

    // Ctrl+A, Delete: one question, and nothing leaves the list while it is asked.
    action(window, "actionSelectAll")->trigger();
    action(window, "actionRemove")->trigger();
    auto *box = waitForChild<QMessageBox>(window, u"removeQuestion"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"6"_s), qPrintable(box->text()));
    QCOMPARE(view->rowCount(), 6);
    QCOMPARE(engine.snapshots().size(), 6);
    QVERIFY(box->checkBox()); // two of them are unfinished
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(view->rowCount(), 6);
    QCOMPARE(engine.snapshots().size(), 6);
    QVERIFY(!window.findChild<QMessageBox *>(u"removeQuestion"_s) ||
            !window.findChild<QMessageBox *>(u"removeQuestion"_s)->isVisible());

    // Confirmed: the rows leave at once, and Undo brings every one back.
    action(window, "actionSelectAll")->trigger();
    action(window, "actionRemove")->trigger();
    box = waitForChild<QMessageBox>(window, u"removeQuestion"_s);
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(view->rowCount(), 0);
    QCOMPARE(engine.snapshots().size(), 6);
    QVERIFY(action(window, "actionUndoRemove")->isEnabled());
    action(window, "actionUndoRemove")->trigger();
    QCOMPARE(view->rowCount(), 6);
    QVERIFY(!action(window, "actionUndoRemove")->isEnabled());

    // Once the undo time is over the engine forgets them; finished files stay.
    window.pendingRemovals()->setUndoInterval(200);
    action(window, "actionSelectAll")->trigger();
    action(window, "actionRemove")->trigger();
    box = waitForChild<QMessageBox>(window, u"removeQuestion"_s);
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshots().isEmpty(), kWaitMs);
    QCOMPARE(window.model()->rowCount(), 0);
    for (int i = 0; i < 4; ++i)
        QVERIFY(QFileInfo::exists(QDir(downloadDir()).filePath(u"done%1.bin"_s.arg(i))));
}

void TestWindowGuards::cancelIsNamedApartAndCanBeUndone()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/slow.bin", MisbehavingServer::makeData(kSlowSize, 30));
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = kSlowRate;
    server.setBehaviour("/slow.bin", slow);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();

    // The two actions say what they do: one forgets, one deletes.
    QAction *cancel = action(window, "actionCancel");
    QAction *remove = action(window, "actionRemove");
    QVERIFY(cancel->iconText() != remove->iconText());
    QVERIFY2(cancel->text().contains(u"Delete"_s), qPrintable(cancel->text()));
    QVERIFY2(remove->text().contains(u"List"_s), qPrintable(remove->text()));

    window.addUrls({server.url("/slow.bin")});
    const DownloadId id = lastId(engine);
    const QString part = QDir(downloadDir()).filePath(u"slow.bin.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 0, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Downloading, kWaitMs);
    window.selectIds({id});
    cancel->trigger();
    auto *box = waitForChild<QMessageBox>(window, u"cancelQuestion"_s);
    QVERIFY(box);
    QCOMPARE(window.view()->model()->rowCount(), 1);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(window.view()->model()->rowCount(), 0);
    // Undone within the time: the download and its data are still there.
    action(window, "actionUndoRemove")->trigger();
    QCOMPARE(window.view()->model()->rowCount(), 1);
    QVERIFY(engine.contains(id));
    QCOMPARE(stateOf(window, id), DownloadState::Downloading);
    QVERIFY(QFileInfo::exists(part));

    // Not undone: the data goes with it.
    window.pendingRemovals()->setUndoInterval(200);
    window.selectIds({id});
    cancel->trigger();
    box = waitForChild<QMessageBox>(window, u"cancelQuestion"_s);
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!engine.contains(id), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(part), kWaitMs);
}

void TestWindowGuards::pauseWarnsWhenTheServerCannotResume()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    MisbehavingServer::Behaviour noRanges;
    noRanges.bytesPerSecond = kSlowRate;
    noRanges.ignoreRange = true;
    server.setFile("/norange.bin", MisbehavingServer::makeData(kSlowSize, 32));
    server.setBehaviour("/norange.bin", noRanges);
    server.setFile("/ranges.bin", MisbehavingServer::makeData(kSlowSize, 33));
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = kSlowRate;
    server.setBehaviour("/ranges.bin", slow);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/norange.bin")});
    const DownloadId restarting = lastId(engine);
    window.addUrls({server.url("/ranges.bin")});
    const DownloadId resumable = lastId(engine);
    QTRY_VERIFY_WITH_TIMEOUT(shown(window, restarting)->receivedBytes > 0 && shown(window, resumable)->receivedBytes > 0
                                 && shown(window, resumable)->resumable,
                             kWaitMs);
    QVERIFY(!shown(window, restarting)->resumable);

    // The resumable one pauses at once; the other one asks first.
    window.selectIds({restarting, resumable});
    action(window, "actionPause")->trigger();
    auto *box = waitForChild<QMessageBox>(window, u"pauseQuestion"_s);
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(u"beginning"_s), qPrintable(box->informativeText()));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, resumable), DownloadState::Paused, kWaitMs);
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(stateOf(window, restarting), DownloadState::Downloading);
    QCOMPARE(engine.snapshot(restarting).wanted, true);

    window.selectIds({restarting});
    action(window, "actionPause")->trigger();
    box = waitForChild<QMessageBox>(window, u"pauseQuestion"_s);
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, restarting), DownloadState::Paused, kWaitMs);
}

void TestWindowGuards::retryShowsAtOnce()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    MisbehavingServer::Behaviour missing;
    missing.errorStatus = 404;
    server.setFile("/missing.bin", QByteArray(10, 'x'));
    server.setBehaviour("/missing.bin", missing);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/missing.bin")});
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Failed, kWaitMs);
    const int row = window.model()->rowOf(id);
    const QModelIndex status = window.model()->index(row, DownloadListModel::StatusColumn);
    const QString failedText = status.data().toString();

    window.selectIds({id});
    action(window, "actionResume")->trigger();
    // Before any event is processed, the row and the status bar say what happens.
    QVERIFY2(status.data().toString().contains(u"retry"_s, Qt::CaseInsensitive), qPrintable(status.data().toString()));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"Retrying"_s),
             qPrintable(window.statusBar()->currentMessage()));
    // And when it fails again, the row says that it is again.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Failed, kWaitMs);
    QVERIFY(status.data().toString() != failedText);
    QVERIFY2(status.data().toString().contains(u"again"_s), qPrintable(status.data().toString()));
    QCOMPARE(server.requestCount("/missing.bin"), 2);
}

void TestWindowGuards::existingDownloadAsks()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/dup.bin", MisbehavingServer::makeData(2048, 40));
    server.setFile("/ondisk.bin", MisbehavingServer::makeData(2048, 41));
    QFile onDisk(QDir(downloadDir()).filePath(u"ondisk.bin"_s));
    QVERIFY(onDisk.open(QIODevice::WriteOnly) && onDisk.write("mine") == 4);
    onDisk.close();
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    QAbstractItemModel *view = window.view()->model();
    auto answer = [&](const char *button, bool remember = false) {
        auto *box = waitForChild<QMessageBox>(window, u"duplicateQuestion"_s);
        if (!box)
            return false;
        if (remember)
            box->checkBox()->setChecked(true);
        auto *b = box->findChild<QPushButton *>(QLatin1StringView(button));
        if (!b)
            return false;
        b->click();
        return true;
    };

    QCOMPARE(window.addUrls({server.url("/dup.bin")}), 1);
    const DownloadId first = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, first), DownloadState::Completed, kWaitMs);

    // The same URL again: asked, not added as "dup (1).bin".
    QCOMPARE(window.addUrls({server.url("/dup.bin")}), 0);
    QVERIFY(answer("skip"));
    QCOMPARE(view->rowCount(), 1);
    QVERIFY(!QFileInfo::exists(QDir(downloadDir()).filePath(u"dup (1).bin"_s)));

    // Open the existing one: its row is selected.
    window.selectIds({});
    QCOMPARE(window.addUrls({server.url("/dup.bin")}), 0);
    QVERIFY(answer("openExisting"));
    QCOMPARE(window.selectedIds(), QList<DownloadId> {first});
    QCOMPARE(view->rowCount(), 1);

    // Download again: a second copy, as the user asked.
    QCOMPARE(window.addUrls({server.url("/dup.bin")}), 0);
    QVERIFY(answer("downloadAgain"));
    QCOMPARE(view->rowCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(QDir(downloadDir()).filePath(u"dup (1).bin"_s)), kWaitMs);

    // A file already on disk under the name the URL gives, not in the list: asked too.
    QCOMPARE(window.addUrls({server.url("/ondisk.bin")}), 0);
    QVERIFY(answer("skip", true)); // and remembered
    QCOMPARE(view->rowCount(), 2);
    QCOMPARE(window.settings().duplicates, int(UrlIntake::Duplicate::Skip));
    QCOMPARE(AppSettings::load().duplicates, int(UrlIntake::Duplicate::Skip));
    QCOMPARE(window.addUrls({server.url("/ondisk.bin"), server.url("/dup.bin")}), 0);
    auto *none = window.findChild<QMessageBox *>(u"duplicateQuestion"_s);
    QVERIFY(!none || !none->isVisible()); // (the last one may still wait for its deleteLater)
    QCOMPARE(view->rowCount(), 2);
    QFile kept(QDir(downloadDir()).filePath(u"ondisk.bin"_s));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), "mine"_ba);
    QCOMPARE(server.requestCount("/ondisk.bin"), 0);

    AppSettings restored = window.settings();
    restored.duplicates = int(UrlIntake::Duplicate::Ask);
    window.applySettings(restored);
}

void TestWindowGuards::quitAsksWhileDownloadsRun()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/slow.bin", MisbehavingServer::makeData(kSlowSize, 31));
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = kSlowRate;
    server.setBehaviour("/slow.bin", slow);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine); // no tray: closing means quitting
    window.show();
    QSignalSpy quit(&window, &MainWindow::quitRequested);

    // Nothing running: no question.
    window.close();
    QCOMPARE(quit.size(), 1);

    window.addUrls({server.url("/slow.bin")});
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Downloading, kWaitMs);
    window.close();
    auto *box = waitForChild<QMessageBox>(window, u"quitQuestion"_s);
    QVERIFY(box);
    QCOMPARE(quit.size(), 1);
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(quit.size(), 1);
    QCOMPARE(stateOf(window, id), DownloadState::Downloading);

    // The menu's Quit asks the same; "don't ask again" is remembered.
    action(window, "actionQuit")->trigger();
    box = waitForChild<QMessageBox>(window, u"quitQuestion"_s);
    QVERIFY(box);
    QVERIFY(box->checkBox());
    box->checkBox()->setChecked(true);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(quit.size(), 2);
    QVERIFY(!AppSettings::load().confirmQuit);
    window.close();
    QCOMPARE(quit.size(), 3);

    AppSettings restored = window.settings();
    restored.confirmQuit = true;
    window.applySettings(restored);
}

void TestWindowGuards::closeToTrayExplainsOnce()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    TrayIcon tray;
    window.setTrayIcon(&tray, true); // as on a desktop with a tray (offscreen has none)
    window.show();
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    QSignalSpy notified(&tray, &TrayIcon::notified);

    window.close();
    QVERIFY(!window.isVisible());
    QCOMPARE(quit.size(), 0);
    // Delivered as any notification (the desktop's server, else the tray's balloon): asynchronously.
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, kWaitMs);
    QVERIFY(QSettings().value(u"window/closeToTrayExplained"_s).toBool());
    QVERIFY2(notified.at(0).at(0).toString().contains(u"keeps running"_s), qPrintable(notified.at(0).at(0).toString()));

    window.bringToFront();
    window.close();
    QVERIFY(!window.isVisible());
    QCOMPARE(notified.size(), 1); // once is enough
    QCOMPARE(quit.size(), 0);
}

// On the private session bus of initTestCase the test decides whether a
// notification service exists; the offscreen platform has no tray.
void TestWindowGuards::notificationSettingSaysWhenNothingCanShow()
{
    QVERIFY(!TrayIcon::isAvailable());

    auto settingsShown = [&](MainWindow &window) {
        action(window, "actionSettings")->trigger();
        auto *dialog = waitForChild<QDialog>(window, u"settingsDialog"_s);
        if (!dialog)
            return std::pair<bool, bool> {false, false};
        const bool enabled = dialog->findChild<QCheckBox *>(u"notifications"_s)->isEnabled();
        const bool note = dialog->findChild<QLabel *>(u"notificationsUnavailable"_s)->isVisible();
        dialog->reject();
        [[maybe_unused]] const bool gone = QTest::qWaitFor([&] { return !window.findChild<QDialog *>(u"settingsDialog"_s); }, kWaitMs);
        return std::pair<bool, bool> {enabled, note};
    };

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    // Neither a tray nor a notification service: the setting says so.
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    QCOMPARE(settingsShown(window), (std::pair<bool, bool> {false, true}));
    // A notification service appears: the setting is live again.
    QVERIFY(QDBusConnection::sessionBus().registerService(u"org.freedesktop.Notifications"_s));
    QCOMPARE(settingsShown(window), (std::pair<bool, bool> {true, false}));
    QDBusConnection::sessionBus().unregisterService(u"org.freedesktop.Notifications"_s);
}

QTEST_MAIN(TestWindowGuards)
#include "tst_ui_windowguards.moc"
