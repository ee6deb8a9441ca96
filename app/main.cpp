// ferry: the window, `ferry get`, `ferry serve` and `ferry daemon`. Picks the mode from the
// first argument before any QCoreApplication exists, so the headless commands
// never load a GUI platform plugin.
#include "app/DaemonCommand.h"
#include "app/GetCommand.h"
#include "core/Translations.h"
#ifdef HAVE_FERRY_SERVER
#include "app/ServeCommand.h"
#endif
#ifdef HAVE_FERRY_UI
#include "app/GuiLauncher.h"
#endif

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(u"Ferry"_s);
    QCoreApplication::setApplicationName(u"ferry"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
}

QString usage()
{
    return QCoreApplication::translate("main",
        "Usage:\n"
        "  ferry                         open the window\n"
        "  ferry URL...                  open the window (or the running one) and add URLs\n"
        "  ferry --hidden                start in the tray (Settings: start when I log in)\n"
        "  ferry get [options] URL...    download headless; re-running resumes\n"
        "  ferry serve [options] DIR...  share folders on the local network\n"
        "  ferry daemon [options]        the engine without a window, driven over aria2's JSON-RPC\n"
        "  ferry --help | --version\n"
        "\n"
        "Run 'ferry get --help', 'ferry serve --help' or 'ferry daemon --help' for their options.\n");
}

// True when a window could be shown: Qt was told a platform, or X11/Wayland is there.
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

// A URL has a ':', '/' or '.' somewhere; a bare word is a command (perhaps
// mistyped, like "serv"), never something to open the window for.
bool isBareWord(QByteArrayView a)
{
    return !a.isEmpty() && !a.contains(':') && !a.contains('/') && !a.contains('.');
}

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    ferry::installTranslations(app);
    QTextStream out(stdout);
    QStringList args = app.arguments().mid(1);
    const QString command = args.isEmpty() ? QString() : args.takeFirst();

    if (command == u"get")
        return ferry::runGetCommand(app, args);
    if (command == u"daemon")
        return ferry::runDaemonCommand(app, args);
#ifdef HAVE_FERRY_SERVER
    if (command == u"serve")
        return ferry::runServeCommand(app, args);
#endif
    if (command == u"--version" || command == u"-v") {
        out << "ferry " << QCoreApplication::applicationVersion() << '\n';
        return EXIT_SUCCESS;
    }
    if (command == u"--help" || command == u"-h") {
        out << usage();
        return EXIT_SUCCESS;
    }
    if (command.isEmpty() || command.startsWith(u'-')) {
        QTextStream(stderr) << QCoreApplication::translate("main", "ferry: unknown option '%1'").arg(command) << '\n'
                            << usage();
        return 2;
    }
    if (isBareWord(command.toUtf8())) {
        QTextStream(stderr) << QCoreApplication::translate("main", "ferry: unknown command '%1'").arg(command) << '\n'
                            << usage();
        return 2;
    }
    // A URL (or anything else) without a display: the window cannot open.
    QTextStream(stderr) << QCoreApplication::translate("main",
        "ferry: the window needs a display; use 'ferry get URL' to download or 'ferry serve DIR' to share in a terminal.")
                        << '\n';
    return 2;
}

bool isHeadlessCommand(const char *arg)
{
    const QByteArrayView a(arg);
    if (a == "--hidden") // the window's own option: started at login, into the tray (ui/Autostart)
        return false;
    return a == "get" || a == "serve" || a == "daemon" || a == "--help" || a == "-h" || a == "--version" || a == "-v"
        || (a.startsWith("-") && a != "-") || isBareWord(a);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && isHeadlessCommand(argv[1]))
        return runHeadless(argc, argv);
    if (!hasDisplay()) {
        // One plain line instead of Qt's platform-plugin abort.
        char *fake[] = {argv[0], const_cast<char *>("--no-display")};
        int fakeArgc = 1;
        QCoreApplication app(fakeArgc, fake);
        setApplicationNames();
        ferry::installTranslations(app);
        QTextStream(stderr) << QCoreApplication::translate("main",
            "ferry: the window needs a display; use 'ferry get URL' to download or 'ferry serve DIR' to share in a terminal.")
                            << '\n';
        return 2;
    }
#ifdef HAVE_FERRY_UI
    return ferry::runGui(argc, argv);
#else
    return runHeadless(argc, argv);
#endif
}
