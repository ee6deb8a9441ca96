#include "app/GetCommand.h"

#include "app/CommandHelp.h"
#include "app/DownloadPlan.h"

#include "app/NetworkOptions.h"
#include "app/SignalWatcher.h"
#include "core/DataSize.h"
#include "core/DownloadEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QLocale>
#include <QTextStream>

#include <cmath>
#include <csignal>
#include <limits>
#include <optional>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kMaxRetryWaitSeconds = 3600; // as aria2's --retry-wait
constexpr int kMaxJobs = 64;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(GetCommand)
};

// "2M", "500K", "1.5m", "100000" → bytes per second (K/M/G are powers of 1024, as in curl, wget and aria2).
std::optional<qint64> parseRate(const QString &text)
{
    QString number = text.trimmed();
    double factor = 1;
    if (!number.isEmpty()) {
        switch (number.back().toUpper().unicode()) {
        case 'K': factor = 1024.0; break;
        case 'M': factor = 1024.0 * 1024; break;
        case 'G': factor = 1024.0 * 1024 * 1024; break;
        default: break;
        }
        if (factor != 1)
            number.chop(1);
    }
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok || value <= 0 || !std::isfinite(value) || value * factor > 1e15)
        return std::nullopt;
    return qint64(value * factor);
}

QString formatBytes(qint64 bytes)
{
    return formatDataSize(bytes); // the window's units (docs/units.md)
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return u"--"_s;
    if (seconds < 60)
        return Text::tr("%1s").arg(seconds);
    if (seconds < 3600)
        return Text::tr("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
    return Text::tr("%1h%2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QChar(u'0'));
}

int terminalWidth()
{
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20)
        return size.ws_col;
    return 80;
}

// Drives the engine for `ferry get`: reports, and decides the exit code.
class GetSession final : public QObject
{
public:
    GetSession(DownloadEngine &engine, bool quiet)
        : m_engine(engine)
        , m_quiet(quiet)
        , m_err(stderr)
        , m_out(stdout)
        , m_interactive(!quiet && ::isatty(STDERR_FILENO))
    {
        m_clock.start();
        connect(&engine, &DownloadEngine::progress, this, [this] { drawBar(); });
        connect(&engine, &DownloadEngine::stateChanged, this, &GetSession::onStateChanged);
        connect(&engine, &DownloadEngine::logMessage, this, [this](DownloadId id, const QString &message) {
            if (m_quiet)
                return;
            // Notes, not failures: named by file (or URL) since several run at once.
            const DownloadSnapshot s = m_engine.snapshot(id);
            const QString name = s.fileName.isEmpty() ? typedUrl(s) : s.fileName;
            printLine(m_err, u"ferry: %1: %2"_s.arg(name, message));
        });
    }

    void onStateChanged(const DownloadSnapshot &s)
    {
        if (s.state == DownloadState::Completed) {
            const double seconds = std::max(0.001, m_clock.elapsed() / 1000.0);
            if (!m_quiet)
                printLine(m_out, Text::tr("Saved %1 (%2 in %3 s, %4/s)")
                                     .arg(s.filePath, formatBytes(s.receivedBytes))
                                     .arg(seconds, 0, 'f', 1)
                                     .arg(formatBytes(qint64(s.receivedBytes / seconds))));
        } else if (s.state == DownloadState::Failed) {
            ++m_failures;
            printLine(m_err, u"ferry: %1: %2"_s.arg(typedUrl(s), s.errorMessage));
        } else {
            drawBar();
        }
        if (s.isFinal())
            m_final.insert(s.id);
        if (allFinal())
            QCoreApplication::exit(m_failures ? kExitFailed : EXIT_SUCCESS);
    }

    // What the user typed for a download: a URL Qt cannot parse has no text of its own.
    void rememberTyped(DownloadId id, const QString &text) { m_typed.insert(id, text); }

    void interrupted(int signalNumber)
    {
        if (m_interrupted)
            return;
        m_interrupted = true;
        clearBar();
        m_err << Text::tr("ferry: interrupted; run the same command again to resume.") << '\n';
        m_err.flush();
        connect(&m_engine, &DownloadEngine::shutdownFinished, this,
                [signalNumber] { QCoreApplication::exit(128 + signalNumber); });
        m_engine.shutdown();
    }

private:
    QString typedUrl(const DownloadSnapshot &s) const
    {
        return s.url.isValid() ? s.url.toDisplayString() : m_typed.value(s.id);
    }

    // Counted, not looked up: a list of thousands of files would copy every
    // snapshot at every state change.
    bool allFinal() const { return m_final.size() >= m_typed.size(); }

    void printLine(QTextStream &stream, const QString &line)
    {
        clearBar();
        stream << line << '\n';
        stream.flush();
        drawBar();
    }

    void clearBar()
    {
        if (m_barShown) {
            m_err << "\r\033[K";
            m_err.flush();
            m_barShown = false;
        }
    }

    void drawBar()
    {
        if (!m_interactive || m_interrupted)
            return;
        qint64 received = 0, total = 0;
        double speed = 0;
        int active = 0;
        bool totalKnown = true;
        QString name;
        for (const DownloadSnapshot &s : m_engine.snapshots()) {
            if (s.isFinal())
                continue;
            ++active;
            received += s.receivedBytes;
            speed += s.bytesPerSecond;
            if (s.totalBytes < 0)
                totalKnown = false;
            else
                total += s.totalBytes;
            name = s.fileName.isEmpty() ? s.url.fileName() : s.fileName;
        }
        if (active == 0)
            return;
        if (active > 1)
            name = Text::tr("%n files", nullptr, active);
        const int width = terminalWidth();
        QString right = u" %1/%2  %3/s  ETA %4"_s.arg(
            formatBytes(received), totalKnown ? formatBytes(total) : u"?"_s, formatBytes(qint64(speed)),
            formatDuration(totalKnown && speed > 0 ? qint64((total - received) / speed) : -1));
        QString left = name.left(std::max(8, width / 4));
        const int barWidth = width - int(left.size()) - int(right.size()) - 9;
        QString bar;
        if (barWidth >= 10) {
            const double fraction = totalKnown && total > 0 ? double(received) / double(total) : 0;
            const int filled = int(fraction * barWidth);
            bar = u" %1% ["_s.arg(int(fraction * 100), 3) + QString(filled, u'=')
                + (filled < barWidth ? u">"_s + QString(barWidth - filled - 1, u' ') : QString()) + u']';
        }
        m_err << '\r' << left << bar << right << "\033[K";
        m_err.flush();
        m_barShown = true;
    }

    DownloadEngine &m_engine;
    const bool m_quiet;
    QTextStream m_err;
    QTextStream m_out;
    const bool m_interactive;
    bool m_barShown = false;
    bool m_interrupted = false;
    int m_failures = 0;
    QHash<DownloadId, QString> m_typed; // every download added
    QSet<DownloadId> m_final;
    QElapsedTimer m_clock;
};

} // namespace

int runGetCommand(QCoreApplication &app, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("Download URLs with several connections each. Re-running the same command resumes."));
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, Text::tr("Show this help."));
    const QCommandLineOption dirOption(u"o"_s, Text::tr("Save into DIR (default: the current folder)."), Text::tr("DIR"));
    const QCommandLineOption fileOption(u"O"_s, Text::tr("Save as FILE (one URL only)."), Text::tr("FILE"));
    const QCommandLineOption connectionsOption({u"x"_s, u"connections"_s},
                                               Text::tr("Connections per file, 1-16 (default 4)."), Text::tr("N"), u"4"_s);
    const QCommandLineOption rateOption(u"limit-rate"_s, Text::tr("Limit the total speed, e.g. 500K or 2M (bytes per second)."),
                                        Text::tr("RATE"));
    const QCommandLineOption checksumOption(u"checksum"_s, Text::tr("Verify the file, e.g. sha256=HEX (md5, sha1, sha256, sha512)."),
                                            Text::tr("ALGO=HEX"));
    const QCommandLineOption headerOption(u"header"_s, Text::tr("Send an extra request header (repeatable)."), Text::tr("'Name: value'"));
    const QCommandLineOption quietOption({u"q"_s, u"quiet"_s}, Text::tr("Print nothing but errors."));
    // Spelled as aria2 spells them (-m, --max-tries, --retry-wait); the defaults are the engine's.
    const QCommandLineOption triesOption({u"m"_s, u"max-tries"_s},
                                         Text::tr("Attempts per connection before a file fails, 0 = no limit (default %1).")
                                             .arg(EngineOptions{}.maxRetries + 1),
                                         Text::tr("N"));
    const QCommandLineOption retryWaitOption(u"retry-wait"_s,
                                             Text::tr("Wait SECONDS between attempts (default: 1 s, doubling up to 60 s)."),
                                             Text::tr("SECONDS"));
    const QCommandLineOption inputOption({u"i"_s, u"input-file"_s},
                                         Text::tr("Download the URLs listed in FILE, one a line, with aria2's indented "
                                                  "out=NAME and dir=DIR lines; further URLs on a line, separated by "
                                                  "tabs, are mirrors of the file; - reads standard input."),
                                         Text::tr("FILE"));
    const QCommandLineOption jobsOption({u"j"_s, u"max-concurrent-downloads"_s},
                                        Text::tr("Files downloaded at once, 1-%1 (default %2).").arg(kMaxJobs).arg(EngineOptions{}.maxActive),
                                        Text::tr("N"));
    const QCommandLineOption continueOption({u"c"_s, u"continue"_s},
                                            Text::tr("With -O FILE: continue FILE.part even if it came from another URL (a new "
                                                     "link to the same file). Its data is kept only if the server has the same "
                                                     "file; otherwise the download starts again and says why."));
    parser.addOption(continueOption);
    parser.addOptions({helpOption, dirOption, fileOption, connectionsOption, rateOption, checksumOption, headerOption, quietOption,
                       triesOption, retryWaitOption, inputOption, jobsOption});
    const NetworkOptions networkOptions;
    parser.addOptions(networkOptions.options());
    parser.addPositionalArgument(u"URL"_s, Text::tr("What to download."), u"URL..."_s);

    QTextStream err(stderr);
    auto usageError = [&err](const QString &message) {
        err << u"ferry get: "_s << message << '\n' << Text::tr("Run 'ferry get --help' for the options.") << '\n';
        return kExitUsage;
    };
    if (!parser.parse(QStringList{u"ferry get"_s} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << commandHelpText(parser, u"ferry get"_s);
        return EXIT_SUCCESS;
    }
    const QStringList urls = parser.positionalArguments();
    const bool fromList = parser.isSet(inputOption);
    if (urls.isEmpty() && !fromList)
        return usageError(Text::tr("no URL given"));
    if (parser.isSet(fileOption) && (urls.size() > 1 || fromList))
        return usageError(Text::tr("-O names one file; give one URL, or use -o DIR"));
    if (parser.isSet(continueOption) && !parser.isSet(fileOption))
        return usageError(Text::tr("--continue needs -O FILE: the partial file to continue"));
    if (parser.isSet(fileOption) && parser.isSet(dirOption))
        return usageError(Text::tr("use either -o DIR or -O FILE"));
    if (parser.isSet(checksumOption) && (urls.size() > 1 || fromList))
        return usageError(Text::tr("--checksum applies to one URL (in a list, give each its own checksum= line)"));

    DownloadRequest base;
    bool ok = false;
    base.connections = parser.value(connectionsOption).toInt(&ok);
    if (!ok || base.connections < 1 || base.connections > 16)
        return usageError(Text::tr("-x needs a number from 1 to 16"));
    if (parser.isSet(dirOption))
        base.directory = QFileInfo(parser.value(dirOption)).absoluteFilePath();
    if (parser.isSet(fileOption)) {
        const QFileInfo target(parser.value(fileOption));
        if (target.fileName().isEmpty() || target.isDir())
            return usageError(Text::tr("-O needs a file name, not a folder"));
        base.directory = target.absolutePath();
        base.fileName = target.fileName();
        base.conflict = ConflictPolicy::Overwrite; // the user named the file
        base.continueFromOtherUrl = parser.isSet(continueOption);
    }
    if (parser.isSet(checksumOption)) {
        QString error;
        const auto spec = ChecksumSpec::parse(parser.value(checksumOption), &error);
        if (!spec)
            return usageError(error);
        base.checksum = *spec;
    }
    for (const QString &header : parser.values(headerOption)) {
        const auto parsed = parseHeaderLine(header);
        if (!parsed)
            return usageError(Text::tr("a header must look like 'Name: value': %1").arg(header));
        base.headers.append(*parsed);
    }
    if (QString error; !networkOptions.apply(parser, &base, &error))
        return usageError(error);
    EngineOptions options;
    if (parser.isSet(rateOption)) {
        const auto rate = parseRate(parser.value(rateOption));
        if (!rate)
            return usageError(Text::tr("--limit-rate needs a speed such as 500K or 2M"));
        options.globalSpeedLimit = *rate;
    }
    RetryOptions retry; // the engine's defaults unless told
    if (parser.isSet(triesOption)) {
        retry.maxTries = parser.value(triesOption).toInt(&ok);
        if (!ok || retry.maxTries < 0)
            return usageError(Text::tr("--max-tries needs a number, 0 for no limit"));
    }
    if (parser.isSet(retryWaitOption)) {
        const double seconds = parser.value(retryWaitOption).toDouble(&ok);
        if (!ok || !(seconds >= 0) || seconds > kMaxRetryWaitSeconds)
            return usageError(Text::tr("--retry-wait needs a number of seconds from 0 to %1").arg(kMaxRetryWaitSeconds));
        retry.retryWaitMs = int(seconds * 1000);
    }
    retry.applyTo(options);

    if (parser.isSet(jobsOption)) {
        options.maxActive = parser.value(jobsOption).toInt(&ok);
        if (!ok || options.maxActive < 1 || options.maxActive > kMaxJobs)
            return usageError(Text::tr("-j needs a number from 1 to %1").arg(kMaxJobs));
    }

    DownloadPlan plan(base);
    for (const QString &text : urls)
        plan.addUrl(text);
    for (const QString &list : parser.values(inputOption))
        plan.addInputFile(list);
    if (!plan.errors().isEmpty()) {
        for (const QString &error : plan.errors())
            err << u"ferry get: "_s << error << '\n';
        err << Text::tr("Nothing was downloaded.") << '\n';
        return kExitUsage;
    }
    if (!parser.isSet(quietOption)) {
        for (const QString &note : plan.notes())
            err << u"ferry: "_s << note << '\n';
        err.flush();
    }
    if (plan.items().isEmpty()) {
        err << Text::tr("ferry get: the list holds no URL") << '\n';
        return kExitUsage;
    }

    DownloadEngine engine(options);
    GetSession session(engine, parser.isSet(quietOption));
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::signalReceived, &session, &GetSession::interrupted);
    for (const DownloadPlan::Item &item : plan.items()) {
        QUrl shown = item.request.url; // a user:password@ in the URL is never printed
        shown.setUserInfo(QString());
        session.rememberTyped(engine.add(item.request), item.request.url.userInfo().isEmpty() ? item.typed : shown.toString());
    }
    return app.exec();
}

} // namespace ferry
