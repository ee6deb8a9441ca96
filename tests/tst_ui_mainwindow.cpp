// The main window against the real engine and a local HTTP server (one that
// can serve slowly, stall or answer 404): the actions follow the selection and
// the downloads' states, pasted and dropped URLs become downloads, the add
// dialog refuses what is not a URL, Remove deletes a partial file only when
// asked to, and the session and the window's layout survive a restart.
// Settings and the session live in temporary XDG folders.
#include "core/DownloadEngine.h"
#include "core/SessionStore.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/AddDownloadsDialog.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"
#include "core/SessionKeeper.h"
#include "ui/PendingRemovals.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace ferry;
using ferry::test::MisbehavingServer;
using namespace ferry::test;

namespace {

constexpr int kWaitMs = ferry::test::kWindowWaitMs;
constexpr qint64 kSlowSize = 8 << 20;
constexpr qint64 kSlowRate = 64 << 10; // 8 MiB at 64 KiB/s: still running when the test is done with it

EngineOptions testOptions()
{
    return ferry::test::windowTestOptions();
}

// A window on a real engine with four downloads in four states.
struct Fixture {
    MisbehavingServer server;
    std::unique_ptr<DownloadEngine> engine;
    std::unique_ptr<MainWindow> window;
    DownloadId completed = 0, failed = 0, downloading = 0, paused = 0;

    bool setUp()
    {
        if (!server.listen())
            return false;
        server.setFile("/done.bin", MisbehavingServer::makeData(4096, 1));
        server.setFile("/slow.bin", MisbehavingServer::makeData(kSlowSize, 2));
        server.setFile("/later.bin", MisbehavingServer::makeData(4096, 3));
        MisbehavingServer::Behaviour slow;
        slow.bytesPerSecond = kSlowRate;
        server.setBehaviour("/slow.bin", slow);
        MisbehavingServer::Behaviour missing;
        missing.errorStatus = 404;
        server.setFile("/missing.bin", QByteArray(10, 'x'));
        server.setBehaviour("/missing.bin", missing);

        engine = std::make_unique<DownloadEngine>(testOptions());
        window = std::make_unique<MainWindow>(*engine);
        window->show();

        if (window->addUrls({server.url("/done.bin")}) != 1)
            return false;
        completed = lastId(*engine);
        window->addUrls({server.url("/missing.bin")});
        failed = lastId(*engine);
        window->addUrls({server.url("/slow.bin")});
        downloading = lastId(*engine);
        window->addUrls({server.url("/later.bin")}, false);
        paused = lastId(*engine);
        return QTest::qWaitFor([&] {
            return stateOf(*window, completed) == DownloadState::Completed
                && stateOf(*window, failed) == DownloadState::Failed
                && stateOf(*window, downloading) == DownloadState::Downloading
                && stateOf(*window, paused) == DownloadState::Paused;
        }, kWaitMs);
    }

    ~Fixture()
    {
        window.reset();
        if (engine)
            shutDown(*engine);
        engine.reset();
    }
};

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void actionsFollowSelection_data();
    void actionsFollowSelection();
    void actionsFollowStateChanges();
    void pasteAddsDownloads();
    void dropAddsDownloads();
    void addDialogRejectsInvalidLines_data();
    void addDialogRejectsInvalidLines();
    void addDialogFromWindowAddsWithItsChoices();
    void filterBoxHidesRows();
    void removeUnfinished_data();
    void removeUnfinished();
    void sessionRestoredInNextWindow();

private:
    Fixture &fixture();
    QString downloadDir() const { return m_home.filePath(u"Downloads"_s); }

    QTemporaryDir m_home;
    std::unique_ptr<Fixture> m_fixture; // shared by the action tests: four downloads in four states
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Nothing of this test reaches the user's real settings or session.
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_mainwindow"_s));
}

void TestMainWindow::init()
{
    QGuiApplication::clipboard()->clear();
}

void TestMainWindow::cleanup()
{
    // Dialogs left open by a failed test must not answer the next one.
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QDialog *>(w))
            box->reject();
}

Fixture &TestMainWindow::fixture()
{
    if (!m_fixture) {
        m_fixture = std::make_unique<Fixture>();
        if (!m_fixture->setUp())
            qWarning("the fixture's downloads did not reach their states");
    }
    return *m_fixture;
}

void TestMainWindow::actionsFollowSelection_data()
{
    QTest::addColumn<QStringList>("selected");
    QTest::addColumn<bool>("resume");
    QTest::addColumn<bool>("pause");
    QTest::addColumn<bool>("cancel");
    QTest::addColumn<bool>("remove");

    QTest::addRow("nothing") << QStringList {} << false << false << false << false;
    QTest::addRow("completed") << QStringList {u"completed"_s} << false << false << false << true;
    QTest::addRow("failed") << QStringList {u"failed"_s} << true << false << true << true;
    QTest::addRow("downloading") << QStringList {u"downloading"_s} << false << true << true << true;
    QTest::addRow("paused") << QStringList {u"paused"_s} << true << false << true << true;
    QTest::addRow("paused and downloading") << QStringList {u"paused"_s, u"downloading"_s} << true << true << true
                                            << true;
    QTest::addRow("completed and failed") << QStringList {u"completed"_s, u"failed"_s} << true << false << true << true;
}

void TestMainWindow::actionsFollowSelection()
{
    QFETCH(QStringList, selected);
    QFETCH(bool, resume);
    QFETCH(bool, pause);
    QFETCH(bool, cancel);
    QFETCH(bool, remove);

    Fixture &f = fixture();
    QCOMPARE(stateOf(*f.window, f.completed), DownloadState::Completed);
    QCOMPARE(stateOf(*f.window, f.failed), DownloadState::Failed);
    QCOMPARE(stateOf(*f.window, f.downloading), DownloadState::Downloading);
    QCOMPARE(stateOf(*f.window, f.paused), DownloadState::Paused);

    const QHash<QString, DownloadId> ids {{u"completed"_s, f.completed}, {u"failed"_s, f.failed},
                                          {u"downloading"_s, f.downloading}, {u"paused"_s, f.paused}};
    QList<DownloadId> selection;
    for (const QString &name : selected)
        selection.append(ids.value(name));
    f.window->selectIds(selection);
    QCOMPARE(f.window->selectedIds().size(), selection.size());

    QCOMPARE(action(*f.window, "actionResume")->isEnabled(), resume);
    QCOMPARE(action(*f.window, "actionPause")->isEnabled(), pause);
    QCOMPARE(action(*f.window, "actionCancel")->isEnabled(), cancel);
    QCOMPARE(action(*f.window, "actionRemove")->isEnabled(), remove);
    QCOMPARE(action(*f.window, "actionCopyUrl")->isEnabled(), !selected.isEmpty());
    QCOMPARE(action(*f.window, "actionOpenFolder")->isEnabled(), !selected.isEmpty());
    QVERIFY(action(*f.window, "actionAdd")->isEnabled());
    // Whatever is selected, the whole list has something running and something paused.
    QVERIFY(action(*f.window, "actionPauseAll")->isEnabled());
    QVERIFY(action(*f.window, "actionResumeAll")->isEnabled());
}

void TestMainWindow::actionsFollowStateChanges()
{
    Fixture &f = fixture();
    f.window->selectIds({f.paused});
    QVERIFY(action(*f.window, "actionResume")->isEnabled());
    QVERIFY(!action(*f.window, "actionPause")->isEnabled());

    // Resume it from the toolbar: the selection stays, the row's state moves on
    // (it completes: a small file), and the actions follow without a click.
    action(*f.window, "actionResume")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*f.window, f.paused), DownloadState::Completed, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!action(*f.window, "actionResume")->isEnabled(), kWaitMs);
    QVERIFY(!action(*f.window, "actionCancel")->isEnabled());
    QCOMPARE(f.window->selectedIds(), QList<DownloadId> {f.paused});
    const QString finished = QDir(downloadDir()).filePath(u"later.bin"_s);
    QVERIFY2(QFileInfo::exists(finished), qPrintable(finished));

    // Pause the slow one, and the pause action turns off, resume on.
    f.window->selectIds({f.downloading});
    QVERIFY(action(*f.window, "actionPause")->isEnabled());
    action(*f.window, "actionPause")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*f.window, f.downloading), DownloadState::Paused, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(action(*f.window, "actionResume")->isEnabled(), kWaitMs);
    QVERIFY(!action(*f.window, "actionPause")->isEnabled());

    // Resuming a paused, partly downloaded file runs it again.
    action(*f.window, "actionResume")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*f.window, f.downloading), DownloadState::Downloading, kWaitMs);
    m_fixture.reset(); // states have moved: a later user of fixture() gets a fresh one
}

void TestMainWindow::pasteAddsDownloads()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/a.bin", MisbehavingServer::makeData(2048, 4));
    server.setFile("/b.bin", MisbehavingServer::makeData(2048, 5));
    DownloadEngine engine(testOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();

    const QString text = server.url("/a.bin").toString() + u"\n\n  "_s + server.url("/b.bin").toString()
        + u"\nftp://example.test/c\nnot a url\n"_s;
    QGuiApplication::clipboard()->setText(text);
    action(window, "actionPaste")->trigger();

    QCOMPARE(window.model()->rowCount(), 2);
    const QList<DownloadSnapshot> all = engine.snapshots();
    QCOMPARE(all.at(0).url, server.url("/a.bin"));
    QCOMPARE(all.at(1).url, server.url("/b.bin"));
    for (const DownloadSnapshot &s : all) {
        QCOMPARE(engine.request(s.id).directory, downloadDir());
        QCOMPARE(engine.request(s.id).connections, window.settings().connections);
    }
    // The lines that were not URLs are reported, not silently dropped.
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(u"ftp://example.test/c"_s) && message.contains(u"not a url"_s), qPrintable(message));
    // And pasted downloads really download.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(QDir(downloadDir()).filePath(u"a.bin"_s))
                                 && QFileInfo::exists(QDir(downloadDir()).filePath(u"b.bin"_s)),
                             kWaitMs);

    // Pasting nothing useful adds nothing and says so.
    QGuiApplication::clipboard()->setText(u"just words"_s);
    action(window, "actionPaste")->trigger();
    QCOMPARE(window.model()->rowCount(), 2);
    QVERIFY(window.statusBar()->currentMessage().contains(u"just words"_s));
}

void TestMainWindow::dropAddsDownloads()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/dropped.bin", MisbehavingServer::makeData(2048, 6));
    DownloadEngine engine(testOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();

    QMimeData mime;
    mime.setUrls({server.url("/dropped.bin"), QUrl::fromLocalFile(u"/etc/hostname"_s)});
    const QPoint where = window.rect().center();
    QDragEnterEvent enter(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(where), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QCOMPARE(window.model()->rowCount(), 1);
    QCOMPARE(engine.snapshots().at(0).url, server.url("/dropped.bin"));

    // Text without any URL is refused at the door.
    QMimeData words;
    words.setText(u"hello"_s);
    QDragEnterEvent refused(where, Qt::CopyAction, &words, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void TestMainWindow::addDialogRejectsInvalidLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("valid");
    QTest::addColumn<QStringList>("invalid");

    QTest::addRow("all good") << u"http://a.test/1\nhttps://b.test/2"_s << 2 << QStringList {};
    QTest::addRow("mixed") << u"http://a.test/1\nftp://b.test/2\nnot a url\n\n# comment"_s << 1
                           << QStringList {u"ftp://b.test/2"_s, u"not a url"_s};
    QTest::addRow("only bad") << u"file:///etc/passwd\nhttp://\njavascript:alert(1)"_s << 0
                              << QStringList {u"file:///etc/passwd"_s, u"http://"_s, u"javascript:alert(1)"_s};
    QTest::addRow("empty") << QString() << 0 << QStringList {};
    QTest::addRow("duplicates count once") << u"http://a.test/1\nhttp://a.test/1"_s << 1 << QStringList {};
}

void TestMainWindow::addDialogRejectsInvalidLines()
{
    QFETCH(QString, text);
    QFETCH(int, valid);
    QFETCH(QStringList, invalid);

    AppSettings settings;
    settings.downloadFolder = downloadDir();
    AddDownloadsDialog dialog(settings);
    dialog.show();
    dialog.setUrlsText(text);

    QCOMPARE(dialog.validUrls().size(), valid);
    QCOMPARE(dialog.invalidLines(), invalid);
    QCOMPARE(dialog.requests().size(), valid);
    auto *problems = dialog.findChild<QLabel *>(u"problems"_s);
    QVERIFY(problems);
    QCOMPARE(problems->isVisible(), !invalid.isEmpty());
    for (const QString &line : invalid)
        QVERIFY2(problems->text().contains(line), qPrintable(problems->text()));

    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->isEnabled(), valid > 0);

    // accept() itself refuses too, whatever enables the button.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.size(), valid > 0 ? 1 : 0);
    QCOMPARE(dialog.isVisible(), valid == 0);

    // No folder: nothing can be added either.
    if (valid > 0) {
        AddDownloadsDialog noFolder(settings);
        noFolder.setUrlsText(text);
        noFolder.setFolder(u"  "_s);
        QVERIFY(!noFolder.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QSignalSpy refused(&noFolder, &QDialog::accepted);
        noFolder.accept();
        QCOMPARE(refused.size(), 0);
    }
}

void TestMainWindow::addDialogFromWindowAddsWithItsChoices()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/x.bin", MisbehavingServer::makeData(1024, 7));
    DownloadEngine engine(testOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();

    action(window, "actionAdd")->trigger();
    auto *dialog = waitForChild<AddDownloadsDialog>(window, u"addDownloadsDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->folder(), downloadDir()); // from the settings
    const QString other = m_home.filePath(u"elsewhere"_s);
    QVERIFY(QDir().mkpath(other));
    dialog->setUrlsText(server.url("/x.bin").toString() + u"\nnope"_s);
    dialog->setFolder(other);
    dialog->setConnections(2);
    dialog->setStartNow(false);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    QCOMPARE(window.model()->rowCount(), 1);
    const DownloadSnapshot s = engine.snapshots().at(0);
    QCOMPARE(s.url, server.url("/x.bin"));
    QCOMPARE(s.state, DownloadState::Paused); // "Start now" was unticked
    QCOMPARE(engine.request(s.id).directory, other);
    QCOMPARE(engine.request(s.id).connections, 2);
    QVERIFY(window.statusBar()->currentMessage().contains(u"nope"_s));
    QCOMPARE(server.requestCount("/x.bin"), 0);
}

void TestMainWindow::filterBoxHidesRows()
{
    DownloadEngine engine(testOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({QUrl(u"http://127.0.0.1:9/alpha.iso"_s), QUrl(u"http://127.0.0.1:9/beta.txt"_s)}, false);
    auto *box = window.findChild<QLineEdit *>(u"filter"_s);
    QVERIFY(box);
    QCOMPARE(window.view()->model()->rowCount(), 2);
    QTest::keyClicks(box, u"ALPHA"_s);
    QCOMPARE(window.view()->model()->rowCount(), 1);
    QCOMPARE(window.view()->model()->index(0, DownloadListModel::NameColumn).data().toString(), u"alpha.iso"_s);
    box->clear();
    QCOMPARE(window.view()->model()->rowCount(), 2);
}

void TestMainWindow::removeUnfinished_data()
{
    QTest::addColumn<bool>("tick");
    QTest::addColumn<bool>("confirm");
    QTest::addColumn<bool>("paused");

    QTest::addRow("running, keep the file") << false << true << false;
    QTest::addRow("running, delete the file") << true << true << false;
    QTest::addRow("paused, keep the file") << false << true << true;
    QTest::addRow("paused, delete the file") << true << true << true;
    QTest::addRow("changed my mind") << true << false << false;
}

void TestMainWindow::removeUnfinished()
{
    QFETCH(bool, tick);
    QFETCH(bool, confirm);
    QFETCH(bool, paused);

    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/partial.bin", MisbehavingServer::makeData(kSlowSize, 8));
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = kSlowRate;
    server.setBehaviour("/partial.bin", slow);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DownloadEngine engine(testOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.pendingRemovals()->setUndoInterval(300);
    window.show();
    DownloadRequest request;
    request.url = server.url("/partial.bin");
    request.directory = dir.path();
    request.connections = 1;
    const DownloadId id = engine.add(request);

    // Some bytes on disk (checkpointed), then optionally paused.
    QTRY_VERIFY_WITH_TIMEOUT(shown(window, id) && shown(window, id)->receivedBytes > 0, kWaitMs);
    const QString part = dir.filePath(u"partial.bin.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 0, kWaitMs);
    if (paused) {
        engine.pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Paused, kWaitMs);
    }

    window.selectIds({id});
    action(window, "actionRemove")->trigger();
    auto *box = waitForChild<QMessageBox>(window, u"removeQuestion"_s);
    QVERIFY(box);
    QVERIFY(box->checkBox());
    QVERIFY(!box->checkBox()->isChecked()); // keeping the data is the default
    box->checkBox()->setChecked(tick);
    QAbstractButton *button = confirm ? box->button(QMessageBox::Yes) : box->button(QMessageBox::Cancel);
    QVERIFY(button);
    button->click();

    if (!confirm) {
        QTest::qWait(200);
        QVERIFY(engine.contains(id));
        QCOMPARE(window.model()->rowCount(), 1);
        QVERIFY(QFileInfo::exists(part));
        return;
    }
    // The row leaves the view at once; the engine forgets it when the undo time is over.
    QCOMPARE(window.view()->model()->rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), 0, kWaitMs);
    QVERIFY(!engine.contains(id));
    if (tick) {
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(part), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(part + u".ferry"_s), kWaitMs);
    } else {
        QTest::qWait(300); // a stop in flight would delete it now, if it were going to
        QVERIFY2(QFileInfo::exists(part), "the partial file was deleted although the box was not ticked");
        QVERIFY(QFileInfo(part).size() > 0);
    }
    QVERIFY(!QFileInfo::exists(dir.filePath(u"partial.bin"_s)));
}

void TestMainWindow::sessionRestoredInNextWindow()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/kept.bin", MisbehavingServer::makeData(4096, 9));
    server.setFile("/waiting.bin", MisbehavingServer::makeData(4096, 10));

    const QString sessionPath = SessionStore::defaultPath();
    QVERIFY2(sessionPath.startsWith(m_home.path()) || sessionPath.contains(u"qttest"_s), qPrintable(sessionPath));
    QFile::remove(sessionPath);

    QList<DownloadSnapshot> before;
    QByteArray headerState;
    const QSize size(900, 500);
    {
        DownloadEngine engine(testOptions());
        ShutDownOnExit stopEngine {engine};
        SessionStore store(sessionPath);
        SessionKeeper keeper(engine, store);
        QVERIFY(keeper.restore().isEmpty());
        MainWindow window(engine);
        window.show();
        window.resize(size);
        window.view()->horizontalHeader()->resizeSection(DownloadListModel::NameColumn, 321);
        window.addUrls({server.url("/kept.bin")});
        window.addUrls({server.url("/waiting.bin")}, false);
        const DownloadId kept = engine.snapshots().at(0).id;
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, kept), DownloadState::Completed, kWaitMs);

        QSignalSpy finished(&keeper, &SessionKeeper::finished);
        keeper.shutdown();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        before = engine.snapshots();
    }
    QVERIFY(QFileInfo::exists(sessionPath));

    DownloadEngine engine(testOptions());

    ShutDownOnExit stopEngine {engine};
    SessionStore store(sessionPath);
    SessionKeeper keeper(engine, store);
    QCOMPARE(keeper.restore(), QString());
    MainWindow window(engine);
    window.show();

    QCOMPARE(window.model()->rowCount(), 2);
    for (int i = 0; i < before.size(); ++i) {
        const DownloadSnapshot &b = before.at(i);
        const DownloadSnapshot &a = window.model()->snapshotAt(i);
        QCOMPARE(a.url, b.url);
        QCOMPARE(a.fileName, b.fileName);
        QCOMPARE(a.state, b.state);
        QCOMPARE(a.wanted, b.wanted);
        QCOMPARE(a.totalBytes, b.totalBytes);
    }
    QCOMPARE(window.model()->snapshotAt(0).state, DownloadState::Completed);
    QCOMPARE(window.model()->snapshotAt(1).state, DownloadState::Paused);
    QCOMPARE(window.model()->index(1, DownloadListModel::NameColumn).data().toString(), u"waiting.bin"_s);
    // The window's layout came back with it.
    QCOMPARE(window.view()->horizontalHeader()->sectionSize(DownloadListModel::NameColumn), 321);
    QCOMPARE(window.size(), size);

    // The restored paused download still works.
    window.selectIds({window.model()->snapshotAt(1).id});
    action(window, "actionResume")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->snapshotAt(1).state, DownloadState::Completed, kWaitMs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_ui_mainwindow.moc"
