// The Add dialog's choices reach the download, against the real engine and a
// local server: file name, folder, connections, checksum (verified), speed
// limit, start paused, and the Advanced part — extra headers, Referer,
// User-Agent and a Basic login, read back from what the server received.
// A bad checksum or header line keeps Add disabled and says why. Settings →
// Folders gives a category its own folder: pasted links and an Add dialog
// whose folder is left alone land there, a folder chosen in the dialog wins.
#include "core/DownloadEngine.h"
#include "support/AccessRule.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/AddDownloadsDialog.h"
#include "ui/AppSettings.h"
#include "ui/FileKind.h"
#include "ui/MainWindow.h"
#include "ui/NetworkSettings.h"
#include "ui/SettingsDialog.h"
#include "support/LocalFiles.h"

#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestAddDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyChoiceReachesTheDownload();
    void startPausedSendsNothing();
    void badFieldsKeepAddDisabled_data();
    void badFieldsKeepAddDisabled();
    void fileNameIsForOneUrl();
    void categoryFoldersWhenNoneIsChosen();

private:
    QString downloadDir() const { return m_home.filePath(u"Downloads"_s); }
    QTemporaryDir m_home;
};

namespace {
template<typename T>
T *field(const QWidget &dialog, const char *name)
{
    auto *w = dialog.findChild<T *>(QLatin1StringView(name));
    if (!w)
        qFatal("no field %s", name);
    return w;
}

QPushButton *okButton(const QWidget &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}
} // namespace

void TestAddDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_adddialog"_s));
}

void TestAddDialog::everyChoiceReachesTheDownload()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const QByteArray data = MisbehavingServer::makeData(300 * 1024, 11);
    server.setFile("/private/report.bin", data);
    AccessRule login;
    login.login = AccessRule::Login::Basic;
    login.user = "ann";
    login.password = "s3cret";
    server.setAccessRule("/private/report.bin", login);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();

    action(window, "actionAdd")->trigger();
    auto *dialog = waitForChild<AddDownloadsDialog>(window, u"addDownloadsDialog"_s);
    QVERIFY(dialog);
    const QString folder = m_home.filePath(u"reports"_s);
    QVERIFY(QDir().mkpath(folder));
    dialog->setUrlsText(server.url("/private/report.bin").toString());
    field<QLineEdit>(*dialog, "fileName")->setText(u"q3-report.bin"_s);
    dialog->setFolder(folder);
    field<QSpinBox>(*dialog, "connections")->setValue(2);
    field<QLineEdit>(*dialog, "checksum")
        ->setText(u"sha256="_s + QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    field<QSpinBox>(*dialog, "speedLimit")->setValue(5000);
    // The Advanced part is folded away until asked for.
    QVERIFY(!field<QWidget>(*dialog, "advanced")->isVisible());
    field<QPushButton>(*dialog, "advancedButton")->click();
    QVERIFY(field<QWidget>(*dialog, "advanced")->isVisible());
    field<QPlainTextEdit>(*dialog, "headers")->setPlainText(u"X-Ferry-Test: from the dialog\n\nAccept-Language: de"_s);
    field<QLineEdit>(*dialog, "referer")->setText(u"http://127.0.0.1/reports.html"_s);
    field<QLineEdit>(*dialog, "userAgent")->setText(u"FerryDialogTest/1.0"_s);
    field<QLineEdit>(*dialog, "user")->setText(u"ann"_s);
    field<QLineEdit>(*dialog, "password")->setText(u"s3cret"_s);
    QVERIFY(okButton(*dialog)->isEnabled());
    okButton(*dialog)->click();

    const DownloadId id = lastId(engine);
    QVERIFY(id != 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Completed, kWindowWaitMs);
    QFile file(QDir(folder).filePath(u"q3-report.bin"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), data);

    const DownloadRequest request = engine.request(id);
    QCOMPARE(request.connections, 2);
    QCOMPARE(request.speedLimit, qint64(5000) * 1024);
    QCOMPARE(request.checksum.algorithmName(), u"sha256"_s);
    // What the server saw: every request with the headers, the login on those it let through.
    const QList<MisbehavingServer::Request> seen = server.requests("/private/report.bin");
    QVERIFY(!seen.isEmpty());
    bool served = false;
    for (const MisbehavingServer::Request &r : seen) {
        QCOMPARE(r.header("x-ferry-test"), "from the dialog"_ba);
        QCOMPARE(r.header("accept-language"), "de"_ba);
        QCOMPARE(r.header("referer"), "http://127.0.0.1/reports.html"_ba);
        QCOMPARE(r.header("user-agent"), "FerryDialogTest/1.0"_ba);
        if (r.status == 200 || r.status == 206) {
            served = true;
            QCOMPARE(r.header("authorization"), "Basic " + QByteArray("ann:s3cret").toBase64());
        }
    }
    QVERIFY(served);
}

void TestAddDialog::startPausedSendsNothing()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/later.bin", MisbehavingServer::makeData(4096, 3));
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    action(window, "actionAdd")->trigger();
    auto *dialog = waitForChild<AddDownloadsDialog>(window, u"addDownloadsDialog"_s);
    QVERIFY(dialog);
    dialog->setUrlsText(server.url("/later.bin").toString());
    field<QCheckBox>(*dialog, "startPaused")->setChecked(true);
    okButton(*dialog)->click();
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Paused, kWindowWaitMs);
    QCOMPARE(server.requestCount("/later.bin"), 0);
    // Resumed, it is an ordinary download.
    engine.resume(id);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Completed, kWindowWaitMs);
}

void TestAddDialog::badFieldsKeepAddDisabled_data()
{
    QTest::addColumn<QString>("checksum");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("problem");
    QTest::addRow("unknown algorithm") << u"crc32=1234abcd"_s << QString() << u"Checksum"_s;
    QTest::addRow("short digest") << u"sha256=abcd"_s << QString() << u"Checksum"_s;
    QTest::addRow("header without a colon") << QString() << u"X-Good: 1\nnot a header"_s << u"not a header"_s;
    QTest::addRow("header name with a space") << QString() << u"Bad Name: 1"_s << u"Bad Name: 1"_s;
}

void TestAddDialog::badFieldsKeepAddDisabled()
{
    QFETCH(QString, checksum);
    QFETCH(QString, headers);
    QFETCH(QString, problem);
    AppSettings settings;
    settings.downloadFolder = downloadDir();
    AddDownloadsDialog dialog(settings);
    dialog.show();
    dialog.setUrlsText(u"http://127.0.0.1:9/file.bin"_s);
    QVERIFY(okButton(dialog)->isEnabled());
    field<QLineEdit>(dialog, "checksum")->setText(checksum);
    field<QPlainTextEdit>(dialog, "headers")->setPlainText(headers);
    QVERIFY(!okButton(dialog)->isEnabled());
    auto *problems = field<QLabel>(dialog, "problems");
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(problem), qPrintable(problems->text()));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept(); // refused whatever enables the button
    QCOMPARE(accepted.size(), 0);
    // Mended, it can be added.
    field<QLineEdit>(dialog, "checksum")->clear();
    field<QPlainTextEdit>(dialog, "headers")->clear();
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY(!problems->isVisible());
}

void TestAddDialog::fileNameIsForOneUrl()
{
    AppSettings settings;
    settings.downloadFolder = downloadDir();
    AddDownloadsDialog dialog(settings);
    dialog.setUrlsText(u"http://127.0.0.1:9/a.bin"_s);
    auto *name = field<QLineEdit>(dialog, "fileName");
    QVERIFY(name->isEnabled());
    name->setText(u"mine.bin"_s);
    QCOMPARE(dialog.requests().value(0).fileName, u"mine.bin"_s);
    dialog.setUrlsText(u"http://127.0.0.1:9/a.bin\nhttp://127.0.0.1:9/b.bin"_s);
    QVERIFY(!name->isEnabled());
    const QList<DownloadRequest> both = dialog.requests();
    QCOMPARE(both.size(), 2);
    QVERIFY(both.at(0).fileName.isEmpty() && both.at(1).fileName.isEmpty());
    // A login typed in the URL leaves it (as ferry get does).
    dialog.setUrlsText(u"http://bob:pw@127.0.0.1:9/a.bin"_s);
    const DownloadRequest one = dialog.requests().value(0);
    QCOMPARE(one.user, u"bob"_s);
    QCOMPARE(one.password, u"pw"_s);
    QVERIFY(one.url.userInfo().isEmpty());
}

void TestAddDialog::categoryFoldersWhenNoneIsChosen()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const QByteArray video = MisbehavingServer::makeData(40 * 1024, 21);
    const QByteArray notes = MisbehavingServer::makeData(20 * 1024, 22);
    server.setFile("/talk.mp4", video);
    server.setFile("/notes.pdf", notes);
    server.setFile("/film.mkv", video);
    QTemporaryDir videos, chosen;
    QVERIFY(videos.isValid() && chosen.isValid());

    // Settings → Folders: what is typed is what is kept, and saved.
    AppSettings before = AppSettings::load();
    before.downloadFolder = downloadDir();
    SettingsDialog settingsDialog(before, NetworkSettings{});
    field<QLineEdit>(settingsDialog, "categoryFolder-video")->setText(videos.path());
    const AppSettings edited = settingsDialog.settings();
    QCOMPARE(edited.categoryFolders[size_t(FileKind::Video)], videos.path());
    QVERIFY(edited.categoryFolders[size_t(FileKind::Document)].isEmpty());
    edited.save();
    QCOMPARE(AppSettings::load().categoryFolders, edited.categoryFolders);

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    QCOMPARE(window.settings().categoryFolders[size_t(FileKind::Video)], videos.path());
    // A paste: each by its category.
    QCOMPARE(window.addUrls({server.url("/talk.mp4"), server.url("/notes.pdf")}), 2);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(videos.filePath(u"talk.mp4"_s)), kWindowWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(downloadDir() + u"/notes.pdf"_s), kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, lastId(engine)), DownloadState::Completed, kWindowWaitMs);
    QCOMPARE(ferry::test::readAll(videos.filePath(u"talk.mp4"_s)), video);
    QVERIFY(!QFile::exists(downloadDir() + u"/talk.mp4"_s));

    // The Add dialog with its folder left as it was: the category's; another folder typed: that one.
    AddDownloadsDialog dialog(window.settings());
    dialog.setUrlsText(server.url("/film.mkv").toString() + u"\n"_s + server.url("/notes.pdf").toString());
    QList<DownloadRequest> requests = dialog.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).directory, videos.path());
    QCOMPARE(requests.at(1).directory, downloadDir());
    field<QLineEdit>(dialog, "folder")->setText(chosen.path());
    requests = dialog.requests();
    QCOMPARE(requests.at(0).directory, chosen.path());
    QCOMPARE(requests.at(1).directory, chosen.path());

    AppSettings reset = window.settings();
    reset.categoryFolders = {};
    window.applySettings(reset);
}

QTEST_MAIN(TestAddDialog)
#include "tst_ui_adddialog.moc"
