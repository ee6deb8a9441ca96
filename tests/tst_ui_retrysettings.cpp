// Settings → Connections: tries, the wait between them and the timeout,
// applied to the window's running engine at once and kept for the next
// start. Against a real local server that answers 503 to every request, the
// number of requests it received is the number of attempts.
#include "core/DownloadEngine.h"
#include "support/Behaviours.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/AppSettings.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestRetrySettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void maxTriesFromTheDialog();
    void applyToTheEngine();

private:
    QTemporaryDir m_home;
};

void TestRetrySettings::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_retrysettings"_s));
}

namespace {

SettingsDialog *openSettings(MainWindow &window)
{
    action(window, "actionSettings")->trigger();
    return waitForChild<SettingsDialog>(window, u"settingsDialog"_s);
}

QSpinBox *spin(const SettingsDialog &dialog, const char *name)
{
    auto *box = dialog.findChild<QSpinBox *>(QLatin1StringView(name));
    if (!box)
        qFatal("no spin box %s", name);
    return box;
}

void serveBusy(MisbehavingServer &server, const char *path)
{
    const MisbehavingServer::Behaviour busy = errorFor(503); // every request, without Retry-After
    server.setFile(path, QByteArray(64 * 1024, 'b'));
    server.setBehaviour(path, busy);
}

} // namespace

void TestRetrySettings::maxTriesFromTheDialog()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    for (const char *path : {"/running.bin", "/new.bin", "/restarted.bin"})
        serveBusy(server, path);

    // A download that tries for ever, running when the setting changes.
    EngineOptions options = windowTestOptions();
    options.maxRetries = std::numeric_limits<int>::max();
    auto engine = std::make_unique<DownloadEngine>(options);
    auto window = std::make_unique<MainWindow>(*engine);
    window->show();
    window->addUrls({server.url("/running.bin")});
    const DownloadId running = lastId(*engine);
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount("/running.bin") >= 3, kWindowWaitMs);
    QVERIFY(stateOf(*window, running) != DownloadState::Failed);

    SettingsDialog *dialog = openSettings(*window);
    QVERIFY(dialog);
    QCOMPARE(spin(*dialog, "maxTries")->value(), 6); // the engine's default, as `ferry get --help` says
    spin(*dialog, "maxTries")->setValue(2);
    spin(*dialog, "retryWait")->setValue(0);
    spin(*dialog, "timeout")->setValue(45);
    dialog->accept();
    QCOMPARE(engine->options().maxRetries, 1);
    QCOMPARE(engine->options().retryBaseMs, 0);
    QCOMPARE(engine->options().stallTimeoutMs, 45000);
    // The running one gives up at its next failure (it had more than two already).
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, running), DownloadState::Failed, kWindowWaitMs);

    // A new download: exactly two attempts.
    window->addUrls({server.url("/new.bin")});
    const DownloadId fresh = lastId(*engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, fresh), DownloadState::Failed, kWindowWaitMs);
    QCOMPARE(server.requestCount("/new.bin"), 2);
    QVERIFY2(shown(*window, fresh)->errorMessage.contains(u"2 attempts"_s), qPrintable(shown(*window, fresh)->errorMessage));

    // A restart: the window and its engine made again, the engine from the
    // stored settings as the application makes it (AppSettings::applyTo).
    window.reset();
    shutDown(*engine);
    engine.reset();
    options = windowTestOptions();
    AppSettings::load().applyTo(options);
    QCOMPARE(options.maxRetries, 1);
    engine = std::make_unique<DownloadEngine>(options);
    window = std::make_unique<MainWindow>(*engine);
    window->show();
    dialog = openSettings(*window);
    QVERIFY(dialog);
    QCOMPARE(spin(*dialog, "maxTries")->value(), 2);
    QCOMPARE(spin(*dialog, "retryWait")->value(), 0);
    QCOMPARE(spin(*dialog, "timeout")->value(), 45);
    dialog->reject();
    window->addUrls({server.url("/restarted.bin")});
    const DownloadId restarted = lastId(*engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, restarted), DownloadState::Failed, kWindowWaitMs);
    QCOMPARE(server.requestCount("/restarted.bin"), 2);
    window.reset();
    shutDown(*engine);
}

// The settings in the engine's terms, as `ferry get` puts them (core/RetryOptions).
void TestRetrySettings::applyToTheEngine()
{
    AppSettings settings;
    EngineOptions options;
    settings.applyTo(options);
    QCOMPARE(options.maxRetries, EngineOptions{}.maxRetries); // the defaults are the engine's
    QCOMPARE(options.retryBaseMs, EngineOptions{}.retryBaseMs);
    QCOMPARE(options.retryMaxMs, EngineOptions{}.retryMaxMs);
    QCOMPARE(options.stallTimeoutMs, EngineOptions{}.stallTimeoutMs);
    settings.maxTries = 0; // for ever
    settings.retryWaitSeconds = 5;
    settings.timeoutSeconds = 10;
    settings.applyTo(options);
    QCOMPARE(options.maxRetries, std::numeric_limits<int>::max());
    QCOMPARE(options.retryBaseMs, 5000);
    QCOMPARE(options.retryMaxMs, 5000);
    QCOMPARE(options.stallTimeoutMs, 10000);
}

QTEST_MAIN(TestRetrySettings)
#include "tst_ui_retrysettings.moc"
