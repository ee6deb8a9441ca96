// The window's network side (ui/NetworkControl, ui/NetworkPage, ui/LoginDialog,
// ui/Keyring) with the real engine and real servers: Settings → Network's
// proxy carries new downloads through a real squid and a real danted (their
// logs show the request), a 401 from a real nginx auth_basic opens the login
// dialog, a refused login asks again, the host's login serves the next
// download without a 401, and a login saved in a real keyring (GNOME
// Keyring on the private bus that dbus-run-session gives the test) answers
// the next start's 401 without a dialog, while no password reaches a file.
#include "core/DownloadEngine.h"
#include "core/ProxyUrl.h"
#include "tests/support/DanteProxy.h"
#include "tests/support/MisbehavingServer.h"
#include "tests/support/NginxServer.h"
#include "tests/support/SquidProxy.h"
#include "ui/LoginDialog.h"
#include "ui/NetworkControl.h"
#include "ui/NetworkPage.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadState;
using ferry::LoginDialog;
using ferry::NetworkControl;
using ferry::NetworkSettings;
using namespace ferry::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every byte Ferry wrote under `root` (settings, session, control files).
QByteArray everythingUnder(const QString &root)
{
    QByteArray all;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += readAll(it.next());
    return all;
}

void fill(LoginDialog *dialog, const QString &user, const QString &password, bool save = false)
{
    dialog->findChild<QLineEdit *>(u"loginUser"_s)->setText(user);
    dialog->findChild<QLineEdit *>(u"loginPassword"_s)->setText(password);
    dialog->findChild<QCheckBox *>(u"loginSave"_s)->setChecked(save);
    dialog->accept();
}

} // namespace

class TestUiNetwork final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void settingsPageMakesTheProxy();
    void proxyFromSettingsCarriesDownloads_data();
    void proxyFromSettingsCarriesDownloads();
    void loginDialogAnswersA401();
    void savedLoginAnswersTheNextStart();

private:
    QString downloads() const { return m_home.filePath(u"downloads"_s); }
    DownloadId addTo(DownloadEngine &engine, const QUrl &url);

    QTemporaryDir m_home;
    QWidget m_window; // the login dialogs' parent, as the main window is
    NginxServer m_nginx;
    QProcess m_keyring;
};

void TestUiNetwork::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
    for (const char *name : {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTPS_PROXY", "ALL_PROXY",
                             "NO_PROXY", "HTTP_PROXY"})
        qunsetenv(name);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"FerryTest"_s);
    QCoreApplication::setApplicationName(u"tst_ui_network"_s);
    QVERIFY(QDir().mkpath(downloads()));
    QVERIFY(QDir().mkpath(m_home.filePath(u"data/keyrings"_s)));
    QString error;
    QVERIFY2(m_nginx.start(&error), qPrintable(error));

    // A real Secret Service for QtKeychain, on the test's private session bus.
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run under dbus-run-session");
    m_keyring.setProgram(u"gnome-keyring-daemon"_s);
    m_keyring.setArguments({u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    m_keyring.start();
    QVERIFY2(m_keyring.waitForStarted(10000), "gnome-keyring-daemon (Debian's gnome-keyring) did not start");
    m_keyring.write("test-keyring-password");
    m_keyring.closeWriteChannel();
    QProcess probe; // wait until the service owns its name on the bus
    QTRY_VERIFY_WITH_TIMEOUT(([&probe] {
                                 probe.start(u"dbus-send"_s, {u"--session"_s, u"--print-reply"_s,
                                                              u"--dest=org.freedesktop.DBus"_s,
                                                              u"/org/freedesktop/DBus"_s,
                                                              u"org.freedesktop.DBus.NameHasOwner"_s,
                                                              u"string:org.freedesktop.secrets"_s});
                                 probe.waitForFinished(5000);
                                 return probe.readAllStandardOutput().contains("true");
                             }()),
                             10000);
}

void TestUiNetwork::cleanupTestCase()
{
    m_keyring.terminate();
    m_keyring.waitForFinished(5000);
}

void TestUiNetwork::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

DownloadId TestUiNetwork::addTo(DownloadEngine &engine, const QUrl &url)
{
    ferry::DownloadRequest request;
    request.url = url;
    request.directory = downloads();
    request.connections = 1;
    request.conflict = ferry::ConflictPolicy::Overwrite;
    return engine.add(request);
}

void TestUiNetwork::settingsPageMakesTheProxy()
{
    NetworkSettings saved;
    saved.proxy = NetworkSettings::Proxy::Http;
    saved.host = u"proxy.test"_s;
    ferry::SettingsDialog dialog(ferry::AppSettings{}, saved);
    QVERIFY(dialog.findChild<QRadioButton *>(u"proxyManual"_s)->isChecked());
    QCOMPARE(dialog.networkSettings().toProxySetting().url, u"http://proxy.test:3128"_s);

    // SOCKS5 with a login whose password needs escaping, names resolved by the proxy.
    auto *kind = dialog.findChild<QComboBox *>(u"proxyKind"_s);
    kind->setCurrentIndex(kind->findText(u"SOCKS5"_s));
    dialog.findChild<QLineEdit *>(u"proxyHost"_s)->setText(u" 127.0.0.1 "_s);
    dialog.findChild<QSpinBox *>(u"proxyPort"_s)->setValue(1081);
    dialog.findChild<QLineEdit *>(u"proxyUser"_s)->setText(u"me"_s);
    dialog.findChild<QLineEdit *>(u"proxyPassword"_s)->setText(u"p@ss:w/rd"_s);
    QVERIFY(dialog.findChild<QCheckBox *>(u"proxyRemoteDns"_s)->isEnabled());
    const ferry::ProxySetting proxy = dialog.networkSettings().toProxySetting();
    QCOMPARE(proxy.mode, ferry::ProxyMode::Manual);
    QCOMPARE(proxy.url, u"socks5h://me:p%40ss:w%2Frd@127.0.0.1:1081"_s);
    const ferry::ProxyUrl parsed = ferry::parseProxyUrl(proxy.url); // as the engine reads it
    QVERIFY(parsed.ok);
    QCOMPARE(parsed.proxy.user(), u"me"_s);
    QCOMPARE(parsed.proxy.password(), u"p@ss:w/rd"_s);
    QCOMPARE(parsed.proxy.type(), QNetworkProxy::Socks5Proxy);

    // A manual proxy without a host is refused on the Network page, with a reason.
    dialog.findChild<QLineEdit *>(u"proxyHost"_s)->clear();
    dialog.show();
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.findChild<QLabel *>(u"problem"_s)->text().isEmpty());
    dialog.findChild<QRadioButton *>(u"proxyNone"_s)->setChecked(true);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.networkSettings().toProxySetting().mode, ferry::ProxyMode::None);
}

void TestUiNetwork::proxyFromSettingsCarriesDownloads_data()
{
    QTest::addColumn<bool>("socks");
    QTest::newRow("squid (HTTP)") << false;
    QTest::newRow("danted (SOCKS5)") << true;
}

void TestUiNetwork::proxyFromSettingsCarriesDownloads()
{
    QFETCH(bool, socks);
    MisbehavingServer web;
    QVERIFY(web.listen());
    web.setFile("/via.bin", MisbehavingServer::makeData(300 * 1024, 7));
    web.setFile("/direct.bin", MisbehavingServer::makeData(100 * 1024, 8));
    SquidProxy squid;
    DanteProxy dante;
    QString error;
    QVERIFY2(socks ? dante.start(false, &error) : squid.start(false, &error), qPrintable(error));

    DownloadEngine engine;
    NetworkControl control(engine, &m_window);
    NetworkSettings settings;
    settings.proxy = socks ? NetworkSettings::Proxy::Socks5 : NetworkSettings::Proxy::Http;
    settings.host = u"127.0.0.1"_s;
    settings.port = socks ? dante.port() : squid.port();
    control.apply(settings);
    const DownloadId via = addTo(engine, web.url("/via.bin"));
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(via).state, DownloadState::Completed, 30000);
    QCOMPARE(readAll(downloads() + u"/via.bin"_s), web.fileData("/via.bin"));
    if (socks)
        QTRY_VERIFY(!dante.connectsTo(web.port()).isEmpty());
    else
        QTRY_VERIFY(!squid.logLinesFor(web.url("/via.bin").toString()).isEmpty());

    // Back to "no proxy": the next download goes direct, and the proxy saw none of it.
    settings.proxy = NetworkSettings::Proxy::None;
    control.apply(settings);
    const int before = socks ? int(dante.connectsTo(web.port()).size()) : 0;
    const DownloadId direct = addTo(engine, web.url("/direct.bin"));
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(direct).state, DownloadState::Completed, 30000);
    QCOMPARE(readAll(downloads() + u"/direct.bin"_s), web.fileData("/direct.bin"));
    if (socks)
        QCOMPARE(dante.connectsTo(web.port()).size(), before);
    else
        QCOMPARE(squid.logLinesFor(web.url("/direct.bin").toString()).size(), 0);
    QCOMPARE(NetworkSettings::load().proxy, NetworkSettings::Proxy::None); // saved
}

void TestUiNetwork::loginDialogAnswersA401()
{
    const QByteArray one = MisbehavingServer::makeData(200 * 1024, 11);
    const QByteArray two = MisbehavingServer::makeData(150 * 1024, 12);
    QVERIFY(QDir().mkpath(m_nginx.wwwPath(u"private"_s)));
    for (const auto &[name, data] : {std::pair{u"private/one.bin"_s, one}, std::pair{u"private/two.bin"_s, two}}) {
        QFile f(m_nginx.wwwPath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }

    DownloadEngine engine;
    NetworkControl control(engine, &m_window);
    const DownloadId first = addTo(engine, m_nginx.url(u"/private/one.bin"_s));
    QTRY_COMPARE_WITH_TIMEOUT(control.openDialogs().size(), 1, 20000);
    QCOMPARE(engine.snapshot(first).cause, ferry::FailureCause::LoginRequired);
    LoginDialog *dialog = control.openDialogs().first();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(u"loginText"_s)->text().contains(u"asks for"_s));
    fill(dialog, QString::fromLatin1(NginxServer::kUser), u"wrong"_s);

    // Refused: asked again, saying so, with the user name kept.
    QTRY_COMPARE_WITH_TIMEOUT(control.openDialogs().size(), 1, 20000);
    dialog = control.openDialogs().first();
    QVERIFY(dialog->findChild<QLabel *>(u"loginText"_s)->text().contains(u"refused"_s));
    QCOMPARE(dialog->findChild<QLineEdit *>(u"loginUser"_s)->text(), QString::fromLatin1(NginxServer::kUser));
    fill(dialog, QString::fromLatin1(NginxServer::kUser), QString::fromLatin1(NginxServer::kPassword));
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(first).state, DownloadState::Completed, 20000);
    QCOMPARE(readAll(downloads() + u"/one.bin"_s), one);

    // The host's next download is given the login when it is added: it answers its 401
    // itself and never fails for want of one (no dialog, no Failed state on the way).
    QSignalSpy states(&engine, &DownloadEngine::stateChanged);
    const DownloadId second = addTo(engine, m_nginx.url(u"/private/two.bin"_s));
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(second).state, DownloadState::Completed, 20000);
    QCOMPARE(readAll(downloads() + u"/two.bin"_s), two);
    for (const QList<QVariant> &signal : std::as_const(states))
        QVERIFY(signal.first().value<ferry::DownloadSnapshot>().state != DownloadState::Failed);
    QVERIFY(control.openDialogs().isEmpty());
    const auto log = m_nginx.log(u"/private/two.bin"_s);
    QVERIFY(!log.isEmpty());
    QCOMPARE(log.last().status / 100, 2);
    QCOMPARE(log.last().user, QString::fromLatin1(NginxServer::kUser));
    // Not saved: no file of Ferry's holds the password.
    QSettings().sync();
    QVERIFY(!everythingUnder(m_home.filePath(u"config"_s)).contains(NginxServer::kPassword));
}

void TestUiNetwork::savedLoginAnswersTheNextStart()
{
    const QByteArray data = MisbehavingServer::makeData(120 * 1024, 13);
    QVERIFY(QDir().mkpath(m_nginx.wwwPath(u"private"_s)));
    QFile f(m_nginx.wwwPath(u"private/saved.bin"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();
    {
        DownloadEngine engine;
        NetworkControl control(engine, &m_window);
        const DownloadId id = addTo(engine, m_nginx.url(u"/private/saved.bin"_s));
        QTRY_COMPARE_WITH_TIMEOUT(control.openDialogs().size(), 1, 20000);
        LoginDialog *dialog = control.openDialogs().first();
        QVERIFY(dialog->findChild<QCheckBox *>(u"loginSave"_s)->isEnabled());
        QSignalSpy notice(&control, &NetworkControl::notice);
        fill(dialog, QString::fromLatin1(NginxServer::kUser), QString::fromLatin1(NginxServer::kPassword), true);
        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(notice.size(), 1, 10000);
        QVERIFY2(notice.first().first().toString().contains(u"saved"_s), qPrintable(notice.first().first().toString()));
    }
    QVERIFY(QFile::remove(downloads() + u"/saved.bin"_s));

    // "The next start": a new engine and control, nothing remembered in memory.
    DownloadEngine engine;
    NetworkControl control(engine, &m_window);
    const DownloadId id = addTo(engine, m_nginx.url(u"/private/saved.bin"_s));
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, 20000);
    QVERIFY(control.openDialogs().isEmpty());
    QCOMPARE(readAll(downloads() + u"/saved.bin"_s), data);
    const auto log = m_nginx.log(u"/private/saved.bin"_s);
    QCOMPARE(log.last().user, QString::fromLatin1(NginxServer::kUser));
    QCOMPARE(log.last().status / 100, 2);
    // In the keyring, which encrypts its file: no plain password anywhere under HOME.
    QVERIFY(!everythingUnder(m_home.path()).contains(NginxServer::kPassword));
}

QTEST_MAIN(TestUiNetwork)
#include "tst_ui_network.moc"
