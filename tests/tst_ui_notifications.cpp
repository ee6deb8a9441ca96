// The tray's notifications against a real notification server: Debian's dunst
// on a private session bus and a private X display (CTest starts the suite as
// `dbus-run-session -- xvfb-run -a tst_ui_notifications`). What dunst got is
// read back with `dunstctl history`: summary, body, category, the
// desktop-entry hint (a dunst rule matching it rewrites the message) and the
// grouping. Actions are invoked the way a user does it: `dunstctl context`
// opens dunst's action menu, whose "dmenu" is a script that picks the label
// the test wrote down, and dunst sends ActionInvoked. Their effects are
// checked where they land: Retry makes the server see a new request and the
// file complete; Open hands the file's URL to the desktop
// (QDesktopServices' handler); Show in folder calls the file manager over
// D-Bus (a FileManager1 service the test registers on the same bus).
#include "core/DownloadEngine.h"
#include "support/CommandRun.h"
#include "support/MisbehavingServer.h"
#include "ui/TrayIcon.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDesktopServices>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using ferry::test::CommandResult;
using ferry::test::MisbehavingServer;

namespace {

constexpr int kWaitMs = 20000; // "eventually": generous, never a timing goal
const QString DesktopEntryMark = u"[desktop-entry io.github.ferry]"_s;

EngineOptions testOptions()
{
    EngineOptions options;
    options.retryBaseMs = 50;
    options.retryMaxMs = 200;
    options.maxRetries = 1;
    return options;
}

// One notification as dunstctl history shows it.
struct Shown {
    QString summary, body, message, category, appName;
};

} // namespace

// org.freedesktop.FileManager1 as Nautilus or Dolphin offer it, recording the calls.
class FakeFileManager final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")
    Q_DISABLE_COPY_MOVE(FakeFileManager)

public:
    FakeFileManager() = default;
    QStringList shown;

public Q_SLOTS:
    void ShowItems(const QStringList &uris, const QString &startupId)
    {
        Q_UNUSED(startupId);
        shown += uris;
    }
};

// Where QDesktopServices::openUrl hands file: URLs during the test (instead of xdg-open).
class OpenedUrls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenedUrls)

public:
    OpenedUrls() = default;
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class TestNotifications final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    MisbehavingServer m_server;
    QProcess m_dunst;
    FakeFileManager m_fileManager;
    OpenedUrls m_opened;
    int m_historyFloor = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static CommandResult dunstctl(const QStringList &args)
    {
        return ferry::test::runCommand(u"dunstctl"_s, args, kWaitMs);
    }

    static int displayedCount()
    {
        const CommandResult r = dunstctl({u"count"_s, u"displayed"_s});
        return r.exitCode == 0 ? r.out.trimmed().toInt() : -1;
    }

    // Closes what is on screen and returns what dunst showed since the last
    // clearHistory(), oldest first (dunst 1.9 cannot clear its history: the
    // test remembers the highest id it has seen instead).
    QList<Shown> history() const
    {
        dunstctl({u"close-all"_s});
        QList<Shown> list;
        for (const auto &[id, shown] : allHistory()) {
            if (id > m_historyFloor)
                list.append(shown);
        }
        return list;
    }

    static QList<std::pair<int, Shown>> allHistory()
    {
        const CommandResult r = dunstctl({u"history"_s});
        QList<std::pair<int, Shown>> list;
        const QJsonArray groups = QJsonDocument::fromJson(r.out).object().value(u"data"_s).toArray();
        for (const QJsonValue &entry : groups.at(0).toArray()) {
            const QJsonObject o = entry.toObject();
            const auto field = [&o](const char *name) {
                return o.value(QLatin1StringView(name)).toObject().value(u"data"_s).toVariant().toString();
            };
            list.append({field("id").toInt(),
                         {field("summary"), field("body"), field("message"), field("category"), field("appname")}});
        }
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        return list;
    }

    void clearHistory()
    {
        dunstctl({u"close-all"_s});
        const auto all = allHistory();
        if (!all.isEmpty())
            m_historyFloor = std::max(m_historyFloor, all.last().first);
    }

    // Opens dunst's action menu; the dmenu script picks the entry with this label.
    bool chooseAction(const QString &label)
    {
        QFile choice(path(u"choice"_s));
        if (!choice.open(QIODevice::WriteOnly) || choice.write(label.toUtf8()) < 0)
            return false;
        choice.close();
        const CommandResult r = dunstctl({u"context"_s});
        return r.exitCode == 0;
    }

    DownloadRequest request(const char *urlPath) const
    {
        DownloadRequest r;
        r.url = m_server.url(urlPath);
        r.directory = m_dir.filePath(u"downloads"_s);
        return r;
    }

    static void shutDown(DownloadEngine &engine)
    {
        QSignalSpy done(&engine, &DownloadEngine::shutdownFinished);
        engine.shutdown();
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, kWaitMs));
    }

    static bool waitForDesktop(TrayIcon &tray)
    {
        return QTest::qWaitFor([&] {
            return tray.desktopNotifier().availability() == DesktopNotifier::Availability::Available;
        }, kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") && !qEnvironmentVariableIsEmpty("DISPLAY"),
                 "run under dbus-run-session and xvfb-run, as CTest does");
        QVERIFY(QDir().mkpath(path(u"downloads"_s)));
        QVERIFY(m_server.listen());
        m_server.setFile("/a.bin", MisbehavingServer::makeData(4096, 1));
        m_server.setFile("/flaky.bin", MisbehavingServer::makeData(8192, 3));

        // dunst's action menu ("dmenu"): pick the line of the chosen label.
        QFile chooser(path(u"choose.sh"_s));
        QVERIFY(chooser.open(QIODevice::WriteOnly));
        chooser.write("#!/bin/sh\nexec grep -F -m1 \"#$(cat '" + path(u"choice"_s).toUtf8() + "') \"\n");
        chooser.close();
        QVERIFY(chooser.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        // Never expire (the test closes them); mark what carries Ferry's desktop-entry hint.
        QFile config(path(u"dunstrc"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[global]\n    dmenu = " + path(u"choose.sh"_s).toUtf8() + "\n    browser = /bin/true\n"
                     "    idle_threshold = 0\n    sticky_history = yes\n    history_length = 50\n"
                     "[urgency_low]\n    timeout = 0\n[urgency_normal]\n    timeout = 0\n"
                     "[urgency_critical]\n    timeout = 0\n"
                     "[ferry_entry]\n    desktop_entry = io.github.ferry\n    format = \""
                     + DesktopEntryMark.toUtf8() + " %s\\n%b\"\n");
        config.close();
        m_dunst.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_dunst.start(u"dunst"_s, {u"-config"_s, path(u"dunstrc"_s)});
        QVERIFY2(m_dunst.waitForStarted(10'000), "dunst is missing (package dunst)");
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY(bus.isConnected());
        QVERIFY(QTest::qWaitFor([&] {
            return bus.interface()->isServiceRegistered(u"org.freedesktop.Notifications"_s).value();
        }, kWaitMs));

        QVERIFY(bus.registerObject(u"/org/freedesktop/FileManager1"_s, &m_fileManager, QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(u"org.freedesktop.FileManager1"_s));
        QDesktopServices::setUrlHandler(u"file"_s, &m_opened, "open");
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(u"file"_s);
        m_dunst.terminate();
        if (!m_dunst.waitForFinished(5'000))
            m_dunst.kill();
    }

    void init() { clearHistory(); }

    void completionWithOpenAndShowInFolder()
    {
        DownloadEngine engine(testOptions());
        TrayIcon tray;
        tray.setEngine(&engine);
        QVERIFY(waitForDesktop(tray));
        QSignalSpy notified(&tray, &TrayIcon::notified);
        const DownloadId id = engine.add(request("/a.bin"));
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, kWaitMs));
        QCOMPARE(notified.at(0).at(2).value<TrayIcon::Delivery>(), TrayIcon::Delivery::Desktop);
        const QString file = engine.snapshot(id).filePath;
        QCOMPARE(file, path(u"downloads/a.bin"_s));

        QVERIFY(QTest::qWaitFor([] { return displayedCount() == 1; }, kWaitMs));
        QVERIFY(chooseAction(u"Open"_s));
        QVERIFY(QTest::qWaitFor([&] { return !m_opened.urls.isEmpty(); }, kWaitMs));
        QCOMPARE(m_opened.urls, QList<QUrl> {QUrl::fromLocalFile(file)});

        const QList<Shown> shown = history();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.at(0).summary, u"Download complete"_s);
        QCOMPARE(shown.at(0).body, u"a.bin"_s);
        QCOMPARE(shown.at(0).category, u"transfer.complete"_s);
        QCOMPARE(shown.at(0).appName, u"Ferry"_s);
        QVERIFY2(shown.at(0).message.startsWith(DesktopEntryMark), qPrintable(shown.at(0).message));

        // The same kind of notification again, this time "Show in folder".
        clearHistory();
        notified.clear();
        engine.remove(id, false);
        QVERIFY(QFile::remove(file));
        const DownloadId again = engine.add(request("/a.bin"));
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, kWaitMs));
        QVERIFY(QTest::qWaitFor([] { return displayedCount() == 1; }, kWaitMs));
        QVERIFY(chooseAction(u"Show in folder"_s));
        QVERIFY(QTest::qWaitFor([&] { return !m_fileManager.shown.isEmpty(); }, kWaitMs));
        QCOMPARE(m_fileManager.shown,
                 QStringList {QUrl::fromLocalFile(engine.snapshot(again).filePath).toString(QUrl::FullyEncoded)});
        shutDown(engine);
    }

    // A retryable failure offers Retry; choosing it in dunst starts the download
    // again: the server sees a new request and the file completes.
    void retryableFailureRetries()
    {
        MisbehavingServer::Behaviour unavailable;
        unavailable.errorStatus = 503;
        m_server.setBehaviour("/flaky.bin", unavailable);
        DownloadEngine engine(testOptions());
        TrayIcon tray;
        tray.setEngine(&engine);
        QVERIFY(waitForDesktop(tray));
        QSignalSpy notified(&tray, &TrayIcon::notified);
        const DownloadId id = engine.add(request("/flaky.bin"));
        QVERIFY(QTest::qWaitFor([&] { return engine.snapshot(id).state == DownloadState::Failed; }, kWaitMs));
        QCOMPARE(engine.snapshot(id).errorKind, ErrorKind::Retryable);
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, kWaitMs));
        QVERIFY(QTest::qWaitFor([] { return displayedCount() == 1; }, kWaitMs));

        const int requestsBefore = m_server.requestCount("/flaky.bin");
        m_server.setBehaviour("/flaky.bin", MisbehavingServer::Behaviour {}); // the server is back
        QVERIFY(chooseAction(u"Retry"_s));
        QVERIFY(QTest::qWaitFor([&] { return engine.snapshot(id).state == DownloadState::Completed; }, kWaitMs));
        QVERIFY(m_server.requestCount("/flaky.bin") > requestsBefore);
        QFile file(engine.snapshot(id).filePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_server.fileData("/flaky.bin"));

        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 2; }, kWaitMs)); // "Download complete"
        QCOMPARE(notified.at(1).at(0).toString(), u"Download complete"_s);
        const QList<Shown> shown = history(); // the failure, then the completion
        QCOMPARE(shown.size(), 2);
        QCOMPARE(shown.last().summary, u"Download complete"_s);
        const Shown &failure = shown.first();
        QCOMPARE(failure.summary, u"Download failed"_s);
        QCOMPARE(failure.category, u"transfer.error"_s);
        QVERIFY2(failure.body.contains(u"/flaky.bin"_s), qPrintable(failure.body)); // the URL: no name yet
        QVERIFY2(failure.body.contains(u"503"_s), qPrintable(failure.body));
        shutDown(engine);
    }

    // Many finishing together make one notification, with the count in its title.
    void manyAtOnceAreOne()
    {
        TrayIcon tray;
        QVERIFY(waitForDesktop(tray));
        QSignalSpy notified(&tray, &TrayIcon::notified);
        for (DownloadId id = 1; id <= 12; ++id) {
            DownloadSnapshot s;
            s.id = id;
            s.state = DownloadState::Downloading;
            s.fileName = u"file-%1.bin"_s.arg(id);
            s.filePath = path(u"downloads/"_s + s.fileName);
            tray.trackDownload(s);
            s.state = DownloadState::Completed;
            tray.onStateChanged(s);
        }
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, kWaitMs));
        QVERIFY(QTest::qWaitFor([] { return displayedCount() >= 1; }, kWaitMs));
        const QList<Shown> shown = history();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.at(0).summary, u"12 downloads finished"_s);
        QCOMPARE(shown.at(0).category, u"transfer.complete"_s);
        QVERIFY2(shown.at(0).body.startsWith(u"file-1.bin\nfile-2.bin"_s), qPrintable(shown.at(0).body));
        QVERIFY2(shown.at(0).body.endsWith(u"and 7 more"_s), qPrintable(shown.at(0).body));
        QCOMPARE(notified.size(), 1);
    }
};

QTEST_MAIN(TestNotifications)
#include "tst_ui_notifications.moc"
