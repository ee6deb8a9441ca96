#include "app/ServeCommand.h"

#include "app/CommandHelp.h"
#include "server/SavedSecrets.h"

#include "app/SignalWatcher.h"
#include "server/AccessToken.h"
#include "server/LiveEvents.h"
#include "server/ShareServer.h"
#include "server/ShareService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
void printError(const QString &message)
{
    QTextStream(stderr) << u"ferry serve: "_s << message << '\n';
}
} // namespace

int runServeCommand(QCoreApplication &app, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommand",
        "Share folders on the local network until Ctrl+C. Peers open the printed URL in a browser, "
        "or use curl, wget, aria2c or Ferry with the token."));
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, QCoreApplication::translate("ServeCommand", "Show this help."));
    const QCommandLineOption portOption(u"port"_s,
        QCoreApplication::translate("ServeCommand", "Port to listen on (default 8686; 0 picks a free one)."), u"N"_s,
        QString::number(ShareSettings::DefaultPort));
    const QCommandLineOption bindOption(u"bind"_s,
        QCoreApplication::translate("ServeCommand",
            "Address to listen on (default ::, every interface, IPv4 and IPv6; 0.0.0.0 for IPv4 only)."),
        u"ADDR"_s, u"::"_s);
    const QCommandLineOption tokenOption(u"token"_s,
        QCoreApplication::translate("ServeCommand",
            "Access token peers must present (default: $FERRY_TOKEN, else the saved one)."),
        u"T"_s);
    const QCommandLineOption tokenFileOption(u"token-file"_s,
        QCoreApplication::translate("ServeCommand",
            "Read the access token from the first line of FILE (kept off the command line)."),
        u"FILE"_s);
    const QCommandLineOption noAuthOption(u"no-auth"_s,
        QCoreApplication::translate("ServeCommand", "Share without a token: anyone who can reach the port can read."));
    const QCommandLineOption logOption(u"access-log"_s,
        QCoreApplication::translate("ServeCommand", "Append one line per request to FILE."), u"FILE"_s);
    const QCommandLineOption hiddenOption(u"show-hidden"_s,
        QCoreApplication::translate("ServeCommand", "Also list and serve hidden files (dotfiles)."));
    parser.addOptions(
        {helpOption, portOption, bindOption, tokenOption, tokenFileOption, noAuthOption, logOption, hiddenOption});
    parser.addPositionalArgument(u"DIR"_s, QCoreApplication::translate("ServeCommand", "Folders to share."),
                                 u"DIR..."_s);

    if (!parser.parse(QStringList {u"ferry serve"_s} + args)) {
        printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << commandHelpText(parser, u"ferry serve"_s);
        return 0;
    }

    ShareSettings settings;
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        printError(QCoreApplication::translate("ServeCommand", "invalid port '%1'").arg(parser.value(portOption)));
        return 2;
    }
    settings.port = quint16(port);
    settings.bindAddress = QHostAddress(parser.value(bindOption));
    // "::" is both families (IPv4 arrives v4-mapped), as in nginx's "[::]:80 ipv6only=off".
    if (settings.bindAddress == QHostAddress(QHostAddress::AnyIPv6))
        settings.bindAddress = QHostAddress(QHostAddress::Any);
    if (settings.bindAddress.isNull()) {
        printError(QCoreApplication::translate("ServeCommand", "invalid address '%1'").arg(parser.value(bindOption)));
        return 2;
    }
    if (parser.isSet(noAuthOption) && (parser.isSet(tokenOption) || parser.isSet(tokenFileOption))) {
        printError(QCoreApplication::translate("ServeCommand", "--token and --no-auth cannot be used together"));
        return 2;
    }
    if (parser.isSet(tokenOption) && parser.isSet(tokenFileOption)) {
        printError(QCoreApplication::translate("ServeCommand", "--token and --token-file cannot be used together"));
        return 2;
    }
    settings.roots = parser.positionalArguments();
    if (settings.roots.isEmpty()) {
        printError(QCoreApplication::translate("ServeCommand", "name at least one folder to share (see 'ferry serve --help')"));
        return 2;
    }
    settings.requireToken = !parser.isSet(noAuthOption);
    if (settings.requireToken) {
        const QByteArray fromEnvironment = qgetenv("FERRY_TOKEN");
        bool given = true;
        if (parser.isSet(tokenOption)) {
            settings.token = parser.value(tokenOption).toUtf8();
        } else if (parser.isSet(tokenFileOption)) {
            QFile file(parser.value(tokenFileOption));
            if (!file.open(QIODevice::ReadOnly)) {
                printError(QCoreApplication::translate("ServeCommand", "cannot read the token file %1: %2")
                               .arg(parser.value(tokenFileOption), file.errorString()));
                return 2;
            }
            settings.token = file.readLine(4096).trimmed();
        } else if (!fromEnvironment.isEmpty()) {
            settings.token = fromEnvironment.trimmed();
        } else {
            given = false;
        }
        if (given) {
            if (!AccessToken::isUsable(settings.token)) {
                printError(QCoreApplication::translate("ServeCommand", "the token may only hold letters, digits and - _ . ~ (at most 256)"));
                return 2;
            }
        } else {
            settings.token = savedShareToken();
        }
    }
    settings.linkSecret = savedLinkSecret();
    settings.showHidden = parser.isSet(hiddenOption);
    settings.accessLogPath = parser.value(logOption);

    ShareService service;
    // The live-events hub (/ws) lives beside the server on its thread. `serve`
    // has no downloads: peers see the transfers to peers only.
    service.runOnServerThread([](ShareServer &server) { LiveEvents::attachTo(server); });
    SignalWatcher watcher;
    int exitCode = 0;
    QTextStream out(stdout);

    QObject::connect(&service, &ShareService::started, &app, [&](const QUrl &url) {
        // started() carries one URL; a wildcard bind is reachable on several.
        const auto urls = ShareServer::reachableUrls(settings.bindAddress, quint16(url.port()), settings.token);
        out << QCoreApplication::translate("ServeCommand", "Sharing %n folder(s). Open this address in a browser:",
                                           nullptr, int(settings.roots.size()))
            << '\n';
        for (const QUrl &u : urls)
            out << u"  "_s << u.toString(QUrl::FullyEncoded) << '\n';
        if (!settings.requireToken)
            out << QCoreApplication::translate("ServeCommand",
                       "No token: anyone who can reach this port can read the shared folders.") << '\n';
        out << QCoreApplication::translate("ServeCommand", "Press Ctrl+C to stop.") << '\n';
        out.flush();
    });
    QObject::connect(&service, &ShareService::failed, &app, [&](const QString &message) {
        printError(message);
        exitCode = 1;
        app.exit(1);
    });
    // Leaving the loop destroys the service, which closes every connection on
    // the server thread and joins it: a clean stop.
    QObject::connect(&watcher, &SignalWatcher::signalReceived, &app, [&](int) { app.exit(exitCode); });

    service.start(settings);
    app.exec();
    return exitCode;
}

} // namespace ferry
