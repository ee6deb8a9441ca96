// Starts the window: hands the command line to a running instance when there
// is one, else restores the session, shows the window and the tray, and on
// quit stops the engine and writes the session before the event loop ends.
#include "app/GuiLauncher.h"

#include "core/Translations.h"
#include "core/DownloadEngine.h"
#include "core/SessionStore.h"
#include "ui/AppSettings.h"
#include "ui/Autostart.h"
#include "ui/MainWindow.h"
#include "core/SessionKeeper.h"
#include "ui/SingleInstance.h"
#include "ui/TrayIcon.h"
#include "ui/UrlList.h"
#include "app/RemoteControlBridge.h"
#ifdef HAVE_FERRY_SERVER
#include "app/SharingBridge.h"
#include "ui/SharingPanel.h"
#endif

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QTextStream>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace ferry {

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Ferry"_s);
    QCoreApplication::setApplicationName(u"ferry"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    QGuiApplication::setApplicationDisplayName(u"Ferry"_s);
    QGuiApplication::setDesktopFileName(u"io.github.ferry"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/ferry.png"_s));
    if (QIcon::fallbackThemeName().isEmpty() || QIcon::fallbackThemeName() == u"hicolor")
        QIcon::setFallbackThemeName(u"Adwaita"_s);
    installTranslations(app);

    QStringList lines = app.arguments().mid(1);
    // Started at login (ui/Autostart): into the tray, when there is one.
    const bool hidden = lines.removeAll(Autostart::kHiddenArgument) > 0;
    SingleInstance instance;
    if (instance.sendToRunning(lines))
        return EXIT_SUCCESS;
    if (!instance.listen()) {
        // Another instance took the name between our two tries: hand over to it.
        if (instance.sendToRunning(lines))
            return EXIT_SUCCESS;
        QTextStream(stderr) << QCoreApplication::translate("main", "ferry: cannot listen on %1; URLs from other "
                                                                   "'ferry' commands will not reach this window.")
                                   .arg(instance.name())
                            << '\n';
    }

    const AppSettings settings = AppSettings::load();
    EngineOptions options;
    settings.applyTo(options); // downloads at once, the speed limit in force, tries and timeouts
    options.automaticRetry = true; // the window stays: failures of the network heal on their own
    DownloadEngine engine(options);
    SessionStore store(SessionStore::defaultPath());
    SessionKeeper keeper(engine, store);

    MainWindow window(engine);
    TrayIcon tray;
    tray.setEngine(&engine);
    if (TrayIcon::isAvailable()) {
        window.setTrayIcon(&tray);
        tray.setVisible(true);
    }
    // Clicking a notification shows the window, also where there is no tray.
    QObject::connect(&tray, &TrayIcon::showWindowRequested, &window, &MainWindow::bringToFront);
    QApplication::setQuitOnLastWindowClosed(false);
#ifdef HAVE_FERRY_SERVER
    SharingBridge sharing(*window.sharingPanel(), &engine);
    sharing.restore();
#else
    window.sharingDock()->setEnabled(false);
#endif

    // Remote control (aria2 RPC) runs on the window's engine: what it adds is a download like any other.
    RemoteControlBridge remote(engine, settings.downloadFolder);
    auto *remoteAction = new QAction;
    remoteAction->setObjectName(u"actionRemoteControl"_s);
    const auto nameRemoteAction = [remoteAction] {
        remoteAction->setText(QCoreApplication::translate("main", "&Remote Control…"));
    };
    nameRemoteAction();
    QObject::connect(&window, &MainWindow::languageChanged, remoteAction, nameRemoteAction);
    window.addSettingsEntry(remoteAction);
    QObject::connect(remoteAction, &QAction::triggered, &window, [&] { remote.openDialog(&window); });
    // aria2.saveSession: the session is written on the store's thread at once; the answer does not wait for the disk.
    remote.setSaveSession([&keeper](QString *) {
        keeper.saveNow();
        return true;
    });
    remote.restore();

    QObject::connect(&store, &SessionStore::saveFailed, &window, &MainWindow::showWarning);
    QObject::connect(&instance, &SingleInstance::messageReceived, &window, [&window](const QStringList &received) {
        window.addFromText(received.join(u'\n'));
        window.bringToFront();
    });
    QObject::connect(&window, &MainWindow::quitRequested, &keeper, [&] {
        if (keeper.isShuttingDown())
            return;
        window.setQuitting(true);
        window.hide();
        tray.setVisible(false);
        keeper.shutdown();
    });
    QObject::connect(&keeper, &SessionKeeper::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);

    // The session is read on the store's thread and handed to the engine in
    // slices: the window shows at once and fills while the event loop runs.
    // The command line's URLs follow the history, as they would have after a
    // blocking load.
    QObject::connect(&keeper, &SessionKeeper::restored, &window, [&window, lines](const QString &warning) {
        if (!warning.isEmpty())
            window.showWarning(warning);
        if (!lines.isEmpty())
            window.addFromText(lines.join(u'\n'));
    });
    keeper.restoreInBackground();
    if (!hidden || !TrayIcon::isAvailable())
        window.show();
    return app.exec();
}

} // namespace ferry
