// The window and the files of finished downloads, against the real engine and
// a local server: a completed file deleted from disk shows as missing and is
// offered for download again (byte-exact, under its own name), and "Open
// Folder" asks the file manager to select the file
// (org.freedesktop.FileManager1.ShowItems, on a private session bus started
// here) and opens the folder when no file manager answers.
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"

#include <QDBusConnection>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;
using ferry::test::MisbehavingServer;

namespace {
constexpr int kWaitMs = kWindowWaitMs;
} // namespace

// Plays the desktop's file manager on the private bus.
class FakeFileManager final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")

public:
    QList<QStringList> shown;

public Q_SLOTS:
    Q_SCRIPTABLE void ShowItems(const QStringList &uris, const QString &startupId)
    {
        Q_UNUSED(startupId);
        shown.append(uris);
    }
};

// Where QDesktopServices would have sent file: URLs.
class OpenedUrls final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class TestWindowFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void missingFileOffersDownloadAgain();
    void openFolderSelectsTheFile();

private:
    QString downloadDir() const { return m_home.filePath(u"Downloads"_s); }
    QTemporaryDir m_home;
    QProcess m_bus;
    OpenedUrls m_opened;
};

void TestWindowFiles::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_windowfiles"_s));
    // Nothing leaves the test for a real desktop: file: URLs come here, the bus is our own.
    QDesktopServices::setUrlHandler(u"file"_s, &m_opened, "open");
    m_bus.start(u"dbus-daemon"_s, {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
    QVERIFY2(m_bus.waitForStarted(), "dbus-daemon did not start (package dbus)");
    QVERIFY(m_bus.waitForReadyRead(10000));
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus.readLine().trimmed());
    QVERIFY(QDBusConnection::sessionBus().isConnected());
}

void TestWindowFiles::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(u"file"_s);
    m_bus.kill();
    m_bus.waitForFinished();
}

void TestWindowFiles::missingFileOffersDownloadAgain()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const QByteArray data = MisbehavingServer::makeData(4096, 50);
    server.setFile("/report.pdf", data);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/report.pdf")});
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Completed, kWaitMs);
    const QString path = QDir(downloadDir()).filePath(u"report.pdf"_s);

    // Present: double-click opens it.
    const QModelIndex index = window.view()->model()->index(0, DownloadListModel::NameColumn);
    window.openDownload(index);
    QCOMPARE(m_opened.urls, QList<QUrl> {QUrl::fromLocalFile(path)});
    m_opened.urls.clear();

    // Deleted behind Ferry's back: the row says so, and double-click offers it again.
    QVERIFY(QFile::remove(path));
    window.openDownload(index);
    QVERIFY(m_opened.urls.isEmpty());
    const QModelIndex status = window.model()->index(window.model()->rowOf(id), DownloadListModel::StatusColumn);
    QCOMPARE(status.data().toString(), DownloadListModel::tr("File missing"));
    window.selectIds({id});
    QVERIFY(action(window, "actionDownloadAgain")->isEnabled());
    auto *box = waitForChild<QMessageBox>(window, u"missingQuestion"_s);
    QVERIFY(box);
    box->findChild<QPushButton *>(u"downloadAgain"_s)->click();

    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, lastId(engine)) == DownloadState::Completed, kWaitMs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), data);
    QCOMPARE(window.model()->rowCount(), 1); // the old row made way for the new one
    QVERIFY(!QFileInfo::exists(QDir(downloadDir()).filePath(u"report (1).pdf"_s)));
}

void TestWindowFiles::openFolderSelectsTheFile()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/shown.bin", MisbehavingServer::makeData(2048, 51));
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/shown.bin")});
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Completed, kWaitMs);
    const QString path = QDir(downloadDir()).filePath(u"shown.bin"_s);

    FakeFileManager manager;
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY(bus.registerObject(u"/org/freedesktop/FileManager1"_s, &manager, QDBusConnection::ExportScriptableSlots));
    QVERIFY(bus.registerService(u"org.freedesktop.FileManager1"_s));
    m_opened.urls.clear();
    window.selectIds({id});
    action(window, "actionOpenFolder")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(manager.shown.size(), 1, kWaitMs);
    QCOMPARE(manager.shown.at(0), QStringList {QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded)});
    QVERIFY(m_opened.urls.isEmpty());

    // No file manager on the bus: the folder opens instead.
    bus.unregisterService(u"org.freedesktop.FileManager1"_s);
    bus.unregisterObject(u"/org/freedesktop/FileManager1"_s);
    action(window, "actionOpenFolder")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.urls, QList<QUrl> {QUrl::fromLocalFile(downloadDir())}, kWaitMs);
    QCOMPARE(manager.shown.size(), 1);
}

QTEST_MAIN(TestWindowFiles)
#include "tst_ui_windowfiles.moc"
