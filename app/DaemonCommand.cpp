// See DaemonCommand.h. The secret: --rpc-secret, --rpc-secret-file, or the
// saved one (made on first use and printed); --rpc-no-secret only when the
// user says so (docs/rpc.md, "Security").
#include "app/DaemonCommand.h"

#include "app/CommandHelp.h"
#include "app/SignalWatcher.h"
#include "core/DownloadEngine.h"
#include "core/ProxyUrl.h"
#include "core/SessionKeeper.h"
#include "core/SessionStore.h"
#include "rpc/Aria2Proxy.h"
#include "rpc/RpcSecret.h"
#include "rpc/RpcService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(DaemonCommand)
};

void printError(const QString &message)
{
    QTextStream(stderr) << u"ferry daemon: "_s << message << '\n';
}

QString defaultSessionPath()
{
    // Beside the window's session.json, not in it: both may run at once.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"daemon-session.json"_s);
}

} // namespace

int runDaemonCommand(QCoreApplication &app, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Text::tr(
        "Run the download engine without a window, driven over aria2's JSON-RPC (AriaNg, browser add-ons, scripts). "
        "Stops on Ctrl+C, SIGTERM or aria2.shutdown; the list of downloads is kept for the next start."));
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, Text::tr("Show this help."));
    const QCommandLineOption portOption(u"rpc-port"_s, Text::tr("RPC port (default 6800; 0 picks a free one)."),
                                        u"N"_s, QString::number(RpcSettings::DefaultPort));
    const QCommandLineOption secretOption(u"rpc-secret"_s, Text::tr("The secret clients must send (\"token:SECRET\")."),
                                          u"S"_s);
    const QCommandLineOption secretFileOption(u"rpc-secret-file"_s, Text::tr("Read the secret from the first line of FILE."),
                                              u"F"_s);
    const QCommandLineOption noSecretOption(u"rpc-no-secret"_s,
        Text::tr("Accept calls without a secret (then web pages are refused, and only this machine should reach the port)."));
    const QCommandLineOption listenAllOption(u"rpc-listen-all"_s,
        Text::tr("Listen on every network interface, not only on this machine (loopback)."));
    const QCommandLineOption dirOption(u"d"_s, Text::tr("Where downloads go (default: the current folder)."), u"DIR"_s);
    const QCommandLineOption jobsOption(u"j"_s, Text::tr("Downloads running at once (default 3)."), u"N"_s, u"3"_s);
    const QCommandLineOption sessionOption(u"session"_s,
        Text::tr("The session file (default: daemon-session.json in Ferry's data folder)."), u"FILE"_s);
    // aria2's names and meaning: the proxy of every download added from now on.
    const QCommandLineOption allProxyOption(u"all-proxy"_s,
        Text::tr("Download through this proxy: [http://]HOST[:PORT] (port 80 when left out), socks5:// or socks5h://, "
                 "with USER:PASSWORD@ if it needs a login (default: the *_proxy variables)."),
        Text::tr("URL"));
    const QCommandLineOption allProxyUserOption(u"all-proxy-user"_s, Text::tr("The user for --all-proxy."), Text::tr("USER"));
    const QCommandLineOption allProxyPasswdOption(u"all-proxy-passwd"_s, Text::tr("The password for --all-proxy."),
                                                  Text::tr("PASSWORD"));
    const QCommandLineOption noProxyOption(u"no-proxy"_s,
        Text::tr("Hosts, domains and address blocks reached directly, separated by commas (e.g. localhost,.lan,10.0.0.0/8)."),
        Text::tr("LIST"));
    parser.addOptions({helpOption, portOption, secretOption, secretFileOption, noSecretOption, listenAllOption,
                       dirOption, jobsOption, sessionOption, allProxyOption, allProxyUserOption, allProxyPasswdOption,
                       noProxyOption});

    if (!parser.parse(QStringList{u"ferry daemon"_s} + args)) {
        printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << commandHelpText(parser, u"ferry daemon"_s);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(Text::tr("unexpected argument '%1' (add downloads over the RPC)").arg(parser.positionalArguments().first()));
        return 2;
    }

    RpcSettings settings;
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        printError(Text::tr("invalid port '%1'").arg(parser.value(portOption)));
        return 2;
    }
    settings.port = quint16(port);
    settings.listenAll = parser.isSet(listenAllOption);
    const int secretWays = int(parser.isSet(secretOption)) + int(parser.isSet(secretFileOption)) + int(parser.isSet(noSecretOption));
    if (secretWays > 1) {
        printError(Text::tr("use only one of --rpc-secret, --rpc-secret-file and --rpc-no-secret"));
        return 2;
    }
    bool generated = false;
    if (parser.isSet(secretOption)) {
        settings.secret = parser.value(secretOption).toUtf8();
    } else if (parser.isSet(secretFileOption)) {
        QFile file(parser.value(secretFileOption));
        if (!file.open(QIODevice::ReadOnly)) {
            printError(Text::tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
            return 2;
        }
        settings.secret = file.readLine(1024).trimmed();
    } else if (!parser.isSet(noSecretOption)) {
        settings.secret = savedRpcSecret();
        generated = true;
    }
    if (settings.secret && !isUsableRpcSecret(*settings.secret)) {
        printError(Text::tr("the secret must be 1 to 256 printable characters without spaces"));
        return 2;
    }
    const int jobs = parser.value(jobsOption).toInt(&ok);
    if (!ok || jobs < 1 || jobs > 100) {
        printError(Text::tr("-j takes a number from 1 to 100"));
        return 2;
    }
    Aria2Proxy proxy;
    for (const QCommandLineOption *option : {&allProxyOption, &allProxyUserOption, &allProxyPasswdOption, &noProxyOption}) {
        const QString name = option->names().first();
        if (parser.isSet(*option) && !aria2::setProxyOption(&proxy, name, parser.value(*option))) {
            // Never the value: it may hold a password.
            printError(Text::tr("--%1: not a proxy Ferry can use (http://HOST:PORT, socks5:// or socks5h://)").arg(name));
            return 2;
        }
    }
    const QString dir = QDir(parser.isSet(dirOption) ? parser.value(dirOption) : QDir::currentPath()).absolutePath();
    if (!QDir().mkpath(dir)) {
        printError(Text::tr("cannot create the folder %1").arg(dir));
        return 2;
    }
    const QString sessionPath = parser.isSet(sessionOption) ? QFileInfo(parser.value(sessionOption)).absoluteFilePath()
                                                            : defaultSessionPath();
    // The session holds logins and cookies: a folder made for it is the owner's only.
    if (const QString folder = QFileInfo(sessionPath).absolutePath(); !QFileInfo::exists(folder) && QDir().mkpath(folder))
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    EngineOptions engineOptions;
    engineOptions.maxActive = jobs;
    DownloadEngine engine(engineOptions);
    SessionStore store(sessionPath);
    SessionKeeper keeper(engine, store);
    QTextStream out(stdout);
    const QString warning = keeper.restore();
    if (!warning.isEmpty())
        printError(warning);
    QObject::connect(&store, &SessionStore::saveFailed, &app, [](const QString &message) { printError(message); });

    Aria2GlobalOptions globals;
    globals.dir = dir;
    globals.maxConcurrentDownloads = jobs;
    globals.proxy = proxy;
    RpcService rpc(engine, globals);
    rpc.methods().setHooks({
        [&store, &keeper](QString *) {
            store.saveNow(keeper.records());
            return true;
        },
        [&keeper](bool) { keeper.shutdown(); },
    });
    QString error;
    if (!rpc.start(settings, &error)) {
        printError(error);
        return 1;
    }
    QObject::connect(&keeper, &SessionKeeper::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::signalReceived, &app, [&](int) {
        rpc.stop(); // no new calls while the engine winds down
        keeper.shutdown();
    });

    out << Text::tr("Ferry is listening for aria2 RPC calls at %1").arg(rpc.address().toString()) << '\n';
    if (generated)
        out << Text::tr("Secret (the saved one; set another with --rpc-secret): %1").arg(QString::fromUtf8(*settings.secret)) << '\n';
    else if (!settings.secret)
        out << Text::tr("No secret: any program on this machine can control Ferry.") << '\n';
    out << Text::tr("Downloads go to %1; the session is kept in %2.").arg(dir, sessionPath) << '\n';
    if (const ProxySetting setting = proxy.setting(); setting.mode == ProxyMode::Manual) {
        const ProxyUrl parsed = parseProxyUrl(setting.url);
        out << Text::tr("New downloads go through the proxy %1.").arg(proxyDisplayName(parsed.proxy)) << '\n';
    }
    out.flush();
    app.exec();
    return 0;
}

} // namespace ferry
