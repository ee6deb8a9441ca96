// Edit… (ui/EditDownloadsDialog through the window's action) with the real
// engine, a loopback server and real files: a completed file moves to a
// folder on another file system (tmpfs) byte-exact and leaves nothing behind;
// a paused download's .part and control file move and it resumes from where
// it was; a running one pauses for the move and goes on; a name in the target
// folder is never overwritten and a folder that cannot be made leaves the
// original complete, each with one warning; the speed limit reaches a running
// transfer; a field showing "(several values)" that the user leaves alone
// changes nothing; a checksum set on one download is verified at its end;
// while its files move, the row says so instead of its old state.
#include "core/ControlFile.h"
#include "core/DownloadEngine.h"
#include "core/FileMove.h"
#include "support/LocalFiles.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/EditDownloadsDialog.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;

EditDownloadsDialog *openEdit(MainWindow &window, const QList<DownloadId> &ids)
{
    window.selectIds(ids);
    QAction *edit = action(window, "actionEdit");
    if (!edit->isEnabled())
        return nullptr;
    edit->trigger();
    return waitForChild<EditDownloadsDialog>(window, u"editDownloadsDialog"_s);
}

void accept(EditDownloadsDialog *dialog)
{
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
}

QLineEdit *folderEdit(EditDownloadsDialog *dialog)
{
    return dialog->findChild<QLineEdit *>(u"folder"_s);
}

QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

dev_t deviceOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_dev : dev_t(0);
}

// A download from `server` throttled to `bytesPerSecond`, one connection, into `folder`.
DownloadId startSlow(DownloadEngine &engine, MisbehavingServer &server, const QByteArray &path, const QByteArray &data,
                     const QString &folder, qint64 bytesPerSecond)
{
    server.setFile(path, data);
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = bytesPerSecond;
    server.setBehaviour(path, slow);
    DownloadRequest request;
    request.url = server.url(path);
    request.directory = folder;
    request.connections = 1;
    return engine.add(request);
}

QMessageBox *warningBox(const MainWindow &window)
{
    return waitForChild<QMessageBox>(window, u"warning"_s);
}
} // namespace

class TestEditDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void completedFileMovesToAnotherFileSystem();
    void pausedDownloadMovesItsPartAndResumes();
    void runningDownloadPausesForTheMove();
    void nameInTheTargetIsNotOverwritten();
    void folderThatCannotBeMadeKeepsTheOriginal();
    void copyThatFailsHalfwayLeavesNothing();
    void speedLimitReachesARunningTransfer();
    void severalValuesAreLeftAlone();
    void checksumOfOneIsVerified();
    void shutdownWaitsForAMove();
    void rowSaysMovingWhileFilesMove();

private:
    DownloadId completedDownload(DownloadEngine &engine, MisbehavingServer &server, const QByteArray &path,
                                 const QByteArray &data, const QString &folder);
    QTemporaryDir m_home;
};

void TestEditDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_editdialog"_s));
}

DownloadId TestEditDialog::completedDownload(DownloadEngine &engine, MisbehavingServer &server, const QByteArray &path,
                                             const QByteArray &data, const QString &folder)
{
    server.setFile(path, data);
    DownloadRequest request;
    request.url = server.url(path);
    request.directory = folder;
    request.connections = 2;
    const DownloadId id = engine.add(request);
    if (!QTest::qWaitFor([&] { return engine.snapshot(id).state == DownloadState::Completed; }, kWindowWaitMs))
        qWarning("the download did not complete: %s", qPrintable(engine.snapshot(id).errorText()));
    return id;
}

void TestEditDialog::completedFileMovesToAnotherFileSystem()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    QTemporaryDir from;
    // /dev/shm is a tmpfs on Debian: a move there cannot be a rename.
    QTemporaryDir to(QFileInfo(u"/dev/shm"_s).isWritable() ? u"/dev/shm/ferry-edit-XXXXXX"_s
                                                         : QDir::tempPath() + u"/ferry-edit-XXXXXX"_s);
    QVERIFY(from.isValid() && to.isValid());
    if (deviceOf(from.path()) == deviceOf(to.path()))
        qWarning("%s is on the same file system as %s: this run moves by hard link, not by copy",
                 qPrintable(to.path()), qPrintable(from.path()));
    const QByteArray data = MisbehavingServer::makeData(3 * MiB + 17, 41);

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const DownloadId id = completedDownload(engine, server, "/movie.mkv", data, from.path());
    QCOMPARE(engine.snapshot(id).state, DownloadState::Completed);
    const QString target = to.path() + u"/movie.mkv"_s;

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    QCOMPARE(folderEdit(dialog)->text(), QDir::cleanPath(from.path()));
    QVERIFY(!dialog->findChild<QLineEdit *>(u"checksum"_s)->isEnabled()); // completed: nothing to verify
    folderEdit(dialog)->setText(to.path());
    accept(dialog);

    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).filePath, target, kWindowWaitMs);
    QCOMPARE(readAll(target), data);
    QVERIFY(!QFileInfo::exists(from.path() + u"/movie.mkv"_s));
    QCOMPARE(entries(to.path()), QStringList{u"movie.mkv"_s}); // no temporary copy left
    QCOMPARE(entries(from.path()), QStringList());
    QCOMPARE(QDir::cleanPath(engine.request(id).directory), QDir::cleanPath(to.path()));
    QTRY_COMPARE_WITH_TIMEOUT(shown(window, id)->filePath, target, kWindowWaitMs);
}

void TestEditDialog::pausedDownloadMovesItsPartAndResumes()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const QByteArray data = MisbehavingServer::makeData(4 * MiB, 42);
    QTemporaryDir from, to;
    QVERIFY(from.isValid() && to.isValid());
    const QString target = to.path() + u"/deeper/still"_s; // made by the move

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const DownloadId id = startSlow(engine, server, "/paused.iso", data, from.path(), 512 * KiB);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).receivedBytes > 256 * KiB, kWindowWaitMs);
    engine.pause(id);
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Paused, kWindowWaitMs);
    const qint64 kept = engine.snapshot(id).receivedBytes;

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    folderEdit(dialog)->setText(target);
    accept(dialog);

    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(target + u"/paused.iso.part.ferry"_s), kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).filePath, target + u"/paused.iso"_s, kWindowWaitMs);
    QVERIFY(QFileInfo(target + u"/paused.iso.part"_s).size() >= kept);
    QCOMPARE(entries(from.path()), QStringList()); // neither the .part nor its control file stays
    QVERIFY(ControlFile::read(target + u"/paused.iso.part.ferry"_s, nullptr).has_value());
    QCOMPARE(engine.snapshot(id).state, DownloadState::Paused); // a move does not start it

    server.setBehaviour("/paused.iso", {});
    server.clearLog();
    engine.resume(id);
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, kWindowWaitMs);
    QCOMPARE(readAll(target + u"/paused.iso"_s), data);
    QCOMPARE(entries(target), QStringList{u"paused.iso"_s});
    // It went on from the moved .part: the server was asked for the rest only.
    QVERIFY(!server.requests("/paused.iso").isEmpty());
    QVERIFY(server.requests("/paused.iso").constFirst().rangeStart() >= kept);
}

void TestEditDialog::runningDownloadPausesForTheMove()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const QByteArray data = MisbehavingServer::makeData(4 * MiB, 43);
    QTemporaryDir from, to;
    QVERIFY(from.isValid() && to.isValid());

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const DownloadId id = startSlow(engine, server, "/running.zip", data, from.path(), 512 * KiB);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).receivedBytes > 256 * KiB, kWindowWaitMs);
    QCOMPARE(engine.snapshot(id).state, DownloadState::Downloading);

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QLabel *>(u"note"_s)->text().contains(u"pauses"_s));
    folderEdit(dialog)->setText(to.path());
    server.setBehaviour("/running.zip", {}); // what is asked for after the move comes at once
    accept(dialog);

    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, kWindowWaitMs);
    QCOMPARE(engine.snapshot(id).filePath, to.path() + u"/running.zip"_s);
    QCOMPARE(readAll(to.path() + u"/running.zip"_s), data);
    QCOMPARE(entries(from.path()), QStringList());
    QCOMPARE(entries(to.path()), QStringList{u"running.zip"_s});
    // The data from before the move was kept: a later request started past zero.
    const QList<MisbehavingServer::Request> asked = server.requests("/running.zip");
    QVERIFY(asked.size() >= 2);
    QVERIFY(asked.constLast().rangeStart() > 0);
}

void TestEditDialog::nameInTheTargetIsNotOverwritten()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    QTemporaryDir from, to;
    QVERIFY(from.isValid() && to.isValid());
    const QByteArray data = MisbehavingServer::makeData(1 * MiB, 44);
    QVERIFY(writeFile(to.path() + u"/report.pdf"_s, "the user's own report"));

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const DownloadId id = completedDownload(engine, server, "/report.pdf", data, from.path());
    QCOMPARE(engine.snapshot(id).state, DownloadState::Completed);

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    folderEdit(dialog)->setText(to.path());
    accept(dialog);

    QMessageBox *box = warningBox(window);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"report.pdf"_s) && box->text().contains(u"exists already"_s), qPrintable(box->text()));
    QCOMPARE(readAll(to.path() + u"/report.pdf"_s), "the user's own report"_ba);
    QCOMPARE(readAll(from.path() + u"/report.pdf"_s), data);
    QCOMPARE(entries(to.path()), QStringList{u"report.pdf"_s});
    QCOMPARE(engine.snapshot(id).filePath, from.path() + u"/report.pdf"_s);
    QCOMPARE(QDir::cleanPath(engine.request(id).directory), QDir::cleanPath(from.path()));
    box->close();
}

void TestEditDialog::folderThatCannotBeMadeKeepsTheOriginal()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    QTemporaryDir from, to;
    QVERIFY(from.isValid() && to.isValid());
    const QByteArray data = MisbehavingServer::makeData(1 * MiB, 45);
    QVERIFY(writeFile(to.path() + u"/plain-file"_s, "not a folder"));

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    // Paused half-way: the .part and control file are what must survive.
    const DownloadId id = startSlow(engine, server, "/half.bin", data, from.path(), 256 * KiB);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).receivedBytes > 64 * KiB, kWindowWaitMs);
    engine.pause(id);
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Paused, kWindowWaitMs);
    const QByteArray part = readAll(from.path() + u"/half.bin.part"_s);
    const QByteArray control = readAll(from.path() + u"/half.bin.part.ferry"_s);
    QVERIFY(!part.isEmpty() && !control.isEmpty());

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    folderEdit(dialog)->setText(to.path() + u"/plain-file/sub"_s);
    accept(dialog);

    QMessageBox *box = warningBox(window);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"Cannot create the folder"_s), qPrintable(box->text()));
    QCOMPARE(readAll(from.path() + u"/half.bin.part"_s), part);
    QCOMPARE(readAll(from.path() + u"/half.bin.part.ferry"_s), control);
    QCOMPARE(QDir::cleanPath(engine.request(id).directory), QDir::cleanPath(from.path()));
    box->close();

    server.setBehaviour("/half.bin", {});
    engine.resume(id); // still a download that works, where it was
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, kWindowWaitMs);
    QCOMPARE(readAll(from.path() + u"/half.bin"_s), data);
}

// core/FileMove on its own, by copy (as across file systems): when the second
// file's name is taken, the first one's copy is taken away again and both
// originals stay; when both names are free, both land whole.
void TestEditDialog::copyThatFailsHalfwayLeavesNothing()
{
    QTemporaryDir from, to;
    QVERIFY(from.isValid() && to.isValid());
    const QByteArray part = MisbehavingServer::makeData(2 * MiB + 3, 46);
    const QByteArray control = "{\"format\":\"ferry-control\"}";
    QVERIFY(writeFile(from.path() + u"/a.part"_s, part));
    QVERIFY(writeFile(from.path() + u"/a.part.ferry"_s, control));
    QVERIFY(writeFile(to.path() + u"/a.part.ferry"_s, "taken"));
    const QList<FileMoveStep> steps{{from.path() + u"/a.part"_s, to.path() + u"/a.part"_s},
                                    {from.path() + u"/a.part.ferry"_s, to.path() + u"/a.part.ferry"_s}};
    const QString error = moveFiles(steps, true);
    QVERIFY2(error.contains(u"exists already"_s), qPrintable(error));
    QCOMPARE(entries(to.path()), QStringList{u"a.part.ferry"_s});
    QCOMPARE(readAll(to.path() + u"/a.part.ferry"_s), "taken"_ba);
    QCOMPARE(readAll(from.path() + u"/a.part"_s), part);
    QCOMPARE(readAll(from.path() + u"/a.part.ferry"_s), control);

    QVERIFY(QFile::remove(to.path() + u"/a.part.ferry"_s));
    QCOMPARE(moveFiles(steps, true), QString());
    QCOMPARE(readAll(to.path() + u"/a.part"_s), part);
    QCOMPARE(readAll(to.path() + u"/a.part.ferry"_s), control);
    QCOMPARE(entries(from.path()), QStringList());
    QCOMPARE(entries(to.path()), (QStringList{u"a.part"_s, u"a.part.ferry"_s}));
}

void TestEditDialog::speedLimitReachesARunningTransfer()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    // 8 MiB/s: 64 MiB last long enough to watch, far above the limit set below.
    const DownloadId id = startSlow(engine, server, "/fast.bin", MisbehavingServer::makeData(64 * MiB, 47), dir.path(), 8 * MiB);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).receivedBytes > 1 * MiB, kWindowWaitMs);

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    auto *limit = dialog->findChild<QSpinBox *>(u"speedLimit"_s);
    QCOMPARE(limit->value(), 0);
    limit->setValue(128);
    accept(dialog);
    QCOMPARE(engine.request(id).speedLimit, 128 * KiB);

    // What the server sends once Qt's buffers have drained: near the limit,
    // far below the 8 MiB/s it offers (a wide margin, not a timing goal).
    QTest::qWait(1500);
    const qint64 before = server.bodyBytesSent("/fast.bin");
    QElapsedTimer timer;
    timer.start();
    QTest::qWait(2000);
    const double rate = double(server.bodyBytesSent("/fast.bin") - before) / (double(timer.elapsed()) / 1000.0);
    QVERIFY2(rate < 4 * 128 * KiB, qPrintable(u"%1 bytes/s"_s.arg(rate)));
    QCOMPARE(engine.snapshot(id).state, DownloadState::Downloading);
    engine.remove(id, true);
}

void TestEditDialog::severalValuesAreLeftAlone()
{
    QTemporaryDir a, b, c;
    QVERIFY(a.isValid() && b.isValid() && c.isValid());
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const QString folders[] = {a.path(), b.path(), c.path()};
    const qint64 limits[] = {0, 100 * KiB, 200 * KiB};
    const int connections[] = {1, 4, 8};
    QList<DownloadId> ids;
    for (int i = 0; i < 3; ++i) {
        DownloadRequest request;
        request.url = QUrl(u"http://127.0.0.1:9/file%1.bin"_s.arg(i));
        request.directory = folders[i];
        request.speedLimit = limits[i];
        request.connections = connections[i];
        ids.append(engine.add(request, false));
    }

    EditDownloadsDialog *dialog = openEdit(window, ids);
    QVERIFY(dialog);
    auto *limit = dialog->findChild<QSpinBox *>(u"speedLimit"_s);
    auto *conns = dialog->findChild<QSpinBox *>(u"connections"_s);
    QCOMPARE(limit->text(), EditDownloadsDialog::severalValues());
    QCOMPARE(conns->text(), EditDownloadsDialog::severalValues());
    QCOMPARE(folderEdit(dialog)->text(), QString());
    QCOMPARE(folderEdit(dialog)->placeholderText(), EditDownloadsDialog::severalValues());
    QVERIFY(!dialog->findChild<QLineEdit *>(u"checksum"_s)->isEnabled()); // one download at a time
    conns->setValue(3);
    accept(dialog);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(engine.request(ids[i]).connections, 3);
        QCOMPARE(engine.request(ids[i]).speedLimit, limits[i]);
        QCOMPARE(QDir::cleanPath(engine.request(ids[i]).directory), QDir::cleanPath(folders[i]));
    }

    // Now the connections are one value: shown as it is, and a new limit for all.
    dialog = openEdit(window, ids);
    QVERIFY(dialog);
    conns = dialog->findChild<QSpinBox *>(u"connections"_s);
    QCOMPARE(conns->value(), 3);
    dialog->findChild<QSpinBox *>(u"speedLimit"_s)->setValue(64);
    accept(dialog);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(engine.request(ids[i]).connections, 3);
        QCOMPARE(engine.request(ids[i]).speedLimit, 64 * KiB);
        QCOMPARE(QDir::cleanPath(engine.request(ids[i]).directory), QDir::cleanPath(folders[i]));
    }
    // Cancel changes nothing.
    dialog = openEdit(window, ids);
    QVERIFY(dialog);
    dialog->findChild<QSpinBox *>(u"connections"_s)->setValue(9);
    dialog->reject();
    QCOMPARE(engine.request(ids[0]).connections, 3);
}

void TestEditDialog::checksumOfOneIsVerified()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const QByteArray data = MisbehavingServer::makeData(1 * MiB, 48);
    server.setFile("/checked.deb", data);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    DownloadRequest request;
    request.url = server.url("/checked.deb");
    request.directory = dir.path();
    const DownloadId id = engine.add(request, false);

    EditDownloadsDialog *dialog = openEdit(window, {id});
    QVERIFY(dialog);
    auto *checksum = dialog->findChild<QLineEdit *>(u"checksum"_s);
    QVERIFY(checksum->isEnabled());
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    checksum->setText(u"sha256=xyz"_s);
    QVERIFY(!ok->isEnabled()); // one clear problem, not a silent ignore
    const QByteArray wrong = QCryptographicHash::hash("other bytes", QCryptographicHash::Sha256).toHex();
    checksum->setText(u"sha256="_s + QString::fromLatin1(wrong));
    QVERIFY(ok->isEnabled());
    accept(dialog);
    QCOMPARE(engine.request(id).checksum.toString(), u"sha256="_s + QString::fromLatin1(wrong));

    engine.resume(id);
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Failed, kWindowWaitMs);
    QCOMPARE(engine.snapshot(id).cause, FailureCause::Checksum);
}

// Quitting while files move: the engine says it has shut down only after the
// move's answer, so the session written then names the folder the files are in.
void TestEditDialog::shutdownWaitsForAMove()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    QTemporaryDir from;
    QTemporaryDir to(QFileInfo(u"/dev/shm"_s).isWritable() ? u"/dev/shm/ferry-edit-XXXXXX"_s
                                                         : QDir::tempPath() + u"/ferry-edit-XXXXXX"_s);
    QVERIFY(from.isValid() && to.isValid());
    const QByteArray data = MisbehavingServer::makeData(16 * MiB, 49);
    DownloadEngine engine(windowTestOptions());
    const DownloadId id = completedDownload(engine, server, "/image.iso", data, from.path());
    QCOMPARE(engine.snapshot(id).state, DownloadState::Completed);

    QList<QString> events;
    connect(&engine, &DownloadEngine::directoryChanged, this, [&events](DownloadId, const QString &error) {
        events.append(error.isEmpty() ? u"moved"_s : error);
    });
    connect(&engine, &DownloadEngine::shutdownFinished, this, [&events, &engine, id] {
        events.append(u"shut down in "_s + QDir::cleanPath(engine.request(id).directory));
    });
    engine.setDirectory(id, to.path());
    engine.shutdown();
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, kWindowWaitMs);
    QCOMPARE(events, (QList<QString>{u"moved"_s, u"shut down in "_s + QDir::cleanPath(to.path())}));
    QCOMPARE(readAll(to.path() + u"/image.iso"_s), data);
}

// While the files move on the thread pool, the row says so (not "Completed",
// "Paused" or "Queued"), and says the state again when they are there. The
// engine's answer arrives through the event loop, so the first look below,
// made before the loop runs, sees the move in progress whatever its speed.
void TestEditDialog::rowSaysMovingWhileFilesMove()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    QTemporaryDir from, to;
    QVERIFY(from.isValid() && to.isValid());
    const QByteArray data = MisbehavingServer::makeData(1 * MiB, 50);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const DownloadId id = completedDownload(engine, server, "/song.flac", data, from.path());
    QCOMPARE(engine.snapshot(id).state, DownloadState::Completed);
    const auto statusText = [&window, id] {
        return window.model()->index(window.model()->rowOf(id), DownloadListModel::StatusColumn).data().toString();
    };
    QCOMPARE(statusText(), stateName(DownloadState::Completed));

    engine.setDirectory(id, to.path());
    QCOMPARE(statusText(), DownloadListModel::tr("Moving to another folder…"));
    QVERIFY(engine.snapshot(id).moving);

    QTRY_COMPARE_WITH_TIMEOUT(statusText(), stateName(DownloadState::Completed), kWindowWaitMs);
    QCOMPARE(readAll(to.path() + u"/song.flac"_s), data);
    QCOMPARE(shown(window, id)->filePath, to.path() + u"/song.flac"_s);
}

QTEST_MAIN(TestEditDialog)
#include "tst_ui_editdialog.moc"
