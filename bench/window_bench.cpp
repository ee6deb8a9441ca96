// The window with a long history (issue #10, docs/benchmarks.md "W1-W3"): a
// session of N finished downloads plus K active ones at full speed, in the
// same engine, session store, session keeper and main window the app runs.
// Measures, and prints as one JSON object:
//   startupMs   from main() to the window shown with every saved row in the table
//   maxStallMs  the longest lateness of a 10 ms GUI timer over the run (a watchdog:
//               how long the event loop was kept from running), with p99 and ticks
//   filterMs    typing a word into the filter box until the table is filtered
//   filterAllMs clearing it again (every row back)
// Run by bench/window, which writes the session and starts nginx; alone:
//   window_bench --session-file FILE --url http://127.0.0.1:PORT/files/big-%1.bin --active 10
//                --seconds 60 --dir DOWNLOADDIR --filter WORD
#include "core/DownloadEngine.h"
#include "core/SessionStore.h"
#include "ui/MainWindow.h"
#include "core/SessionKeeper.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTableView>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

constexpr int TickMs = 10;

// Writes a session of `count` finished downloads (what a long history looks like).
int writeSession(const QString &path, int count)
{
    QList<DownloadRecord> records;
    records.reserve(count);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-365);
    static const QStringList words {u"ubuntu"_s, u"report"_s, u"holiday"_s, u"backup"_s, u"video"_s,
                                    u"podcast"_s, u"invoice"_s, u"firmware"_s, u"dataset"_s, u"album"_s};
    for (int i = 0; i < count; ++i) {
        DownloadRecord r;
        const QString name = u"%1-%2.bin"_s.arg(words.at(i % words.size())).arg(i);
        r.request.url = QUrl(u"http://mirror.example/pub/%1/%2"_s.arg(i % 97).arg(name));
        r.request.directory = u"/var/tmp/ferry-history"_s;
        r.snapshot.id = DownloadId(i + 1);
        r.snapshot.url = r.request.url;
        r.snapshot.finalUrl = r.request.url;
        r.snapshot.fileName = name;
        r.snapshot.filePath = r.request.directory + u'/' + name;
        r.snapshot.state = DownloadState::Completed;
        r.snapshot.wanted = false;
        r.snapshot.totalBytes = 1'000'000 + i;
        r.snapshot.receivedBytes = r.snapshot.totalBytes;
        r.snapshot.added = start.addSecs(i * 60);
        r.snapshot.finished = r.snapshot.added.addSecs(30);
        records.append(r);
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(sessionToJson(records)) < 0)
        return 1;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ferry-window-bench"_s);
    QCommandLineParser parser;
    const QCommandLineOption writeOpt(u"write-session"_s, u"write a session of N downloads to --session and exit (QGuiApplication takes --session for itself)"_s, u"N"_s);
    const QCommandLineOption sessionOpt(u"session-file"_s, u"session.json to load"_s, u"FILE"_s);
    const QCommandLineOption urlOpt(u"url"_s, u"URL of active download %1 (1..K)"_s, u"URL"_s);
    const QCommandLineOption activeOpt(u"active"_s, u"active downloads"_s, u"K"_s, u"10"_s);
    const QCommandLineOption secondsOpt(u"seconds"_s, u"how long to watch the event loop"_s, u"S"_s, u"60"_s);
    const QCommandLineOption dirOpt(u"dir"_s, u"where active downloads go"_s, u"DIR"_s);
    const QCommandLineOption filterOpt(u"filter"_s, u"the word typed into the filter box"_s, u"WORD"_s, u"holiday-42"_s);
    parser.addOptions({writeOpt, sessionOpt, urlOpt, activeOpt, secondsOpt, dirOpt, filterOpt});
    parser.process(app);
    if (parser.isSet(writeOpt))
        return writeSession(parser.value(sessionOpt), parser.value(writeOpt).toInt());

    // --- start-up: as app/GuiLauncher does it -------------------------------
    DownloadEngine engine;
    SessionStore store(parser.value(sessionOpt));
    SessionKeeper keeper(engine, store);
    QString warning;
    bool restored = false;
    double readMs = 0, restoredMs = 0; // the file read and parsed (store thread); every record in the engine
    QObject::connect(&store, &SessionStore::loaded, &app, [&] { readMs = double(sinceStart.nsecsElapsed()) / 1e6; });
    QObject::connect(&keeper, &SessionKeeper::restored, &app, [&](const QString &w) {
        warning = w;
        restored = true;
        restoredMs = double(sinceStart.nsecsElapsed()) / 1e6;
    });
    keeper.restoreInBackground();
    MainWindow window(engine);
    window.show();
    auto *view = window.findChild<QTableView *>();
    auto *filterBox = window.findChild<QLineEdit *>(u"filter"_s);
    if (!view || !filterBox) {
        QTextStream(stderr) << "window_bench: the window has no table or no filter box\n";
        return 2;
    }
    // Shown, and filled: every saved row is in the table.
    while (!restored || !window.isVisible() || view->model()->rowCount() < engine.snapshots().size())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    QCoreApplication::processEvents(); // the first paint
    const int expectedRows = int(engine.snapshots().size());
    const double startupMs = double(sinceStart.nsecsElapsed()) / 1e6;

    // --- K downloads at full speed; a finished one is started again ----------
    const int active = parser.value(activeOpt).toInt();
    const QString dir = parser.value(dirOpt);
    QHash<DownloadId, int> running;
    qint64 bytesDone = 0;
    int failures = 0;
    const auto startSlot = [&](int slot) {
        DownloadRequest r;
        r.url = QUrl(parser.value(urlOpt).arg(slot));
        r.directory = dir;
        r.conflict = ConflictPolicy::Overwrite;
        running.insert(engine.add(r), slot);
    };
    QObject::connect(&engine, &DownloadEngine::stateChanged, &app, [&](const DownloadSnapshot &s) {
        if (!running.contains(s.id) || !s.isFinal())
            return;
        const int slot = running.take(s.id);
        if (s.state == DownloadState::Failed) {
            QTextStream(stderr) << "window_bench: " << s.url.toDisplayString() << ": " << s.errorMessage << '\n';
            if (++failures > 20) { // a server that is not there: stop rather than spin
                QCoreApplication::exit(3);
                return;
            }
        }
        bytesDone += s.receivedBytes;
        // The list stays history + K: a finished one leaves it (and the disk) before its slot starts again.
        const DownloadId id = s.id;
        // Unlinking 2 GiB takes long: not on the thread being measured (the app never does it).
        if (s.state == DownloadState::Completed)
            QThreadPool::globalInstance()->start([path = s.filePath] { QFile::remove(path); });
        QTimer::singleShot(0, &app, [&, id, slot] {
            engine.remove(id, true);
            startSlot(slot);
        });
    });
    for (int slot = 1; slot <= active; ++slot)
        startSlot(slot);

    // --- the watchdog -------------------------------------------------------
    std::vector<double> lateness;
    QElapsedTimer tick;
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    watchdog.setInterval(TickMs);
    QObject::connect(&watchdog, &QTimer::timeout, &app, [&] {
        const double late = double(tick.nsecsElapsed()) / 1e6 - TickMs;
        lateness.push_back(std::max(0.0, late));
        tick.restart();
    });
    QElapsedTimer run;
    run.start();
    tick.start();
    watchdog.start();
    // exit(), not quit(): Qt 6's quit() first asks every window to close, and
    // the main window refuses (it hides to the tray), so the loop never ended.
    QTimer::singleShot(parser.value(secondsOpt).toInt() * 1000, &app, [] { QCoreApplication::exit(0); });
    if (app.exec() != 0) {
        QTextStream(stderr) << "window_bench: the downloads keep failing\n";
        return 3;
    }
    watchdog.stop();
    const double runSeconds = double(run.nsecsElapsed()) / 1e9;
    qint64 activeBytes = bytesDone;
    for (auto it = running.cbegin(); it != running.cend(); ++it)
        activeBytes += engine.snapshot(it.key()).receivedBytes;

    // --- the filter box -----------------------------------------------------
    QElapsedTimer filterTimer;
    filterTimer.start();
    filterBox->setText(parser.value(filterOpt));
    QCoreApplication::processEvents();
    const double filterMs = double(filterTimer.nsecsElapsed()) / 1e6;
    const int filteredRows = view->model()->rowCount();
    filterTimer.restart();
    filterBox->clear();
    QCoreApplication::processEvents();
    const double filterAllMs = double(filterTimer.nsecsElapsed()) / 1e6;

    std::sort(lateness.begin(), lateness.end());
    const auto percentile = [&lateness](double p) {
        return lateness.empty() ? 0.0 : lateness.at(std::min(lateness.size() - 1, size_t(p * double(lateness.size()))));
    };
    QJsonObject result {
        {u"sessionRows"_s, expectedRows},
        {u"sessionWarning"_s, warning},
        {u"startupMs"_s, startupMs},
        {u"sessionReadMs"_s, readMs},
        {u"sessionRestoredMs"_s, restoredMs},
        {u"ticks"_s, qint64(lateness.size())},
        {u"maxStallMs"_s, lateness.empty() ? 0.0 : lateness.back()},
        {u"p99StallMs"_s, percentile(0.99)},
        {u"runSeconds"_s, runSeconds},
        {u"activeMiBps"_s, double(activeBytes) / runSeconds / (1024.0 * 1024.0)},
        {u"filterMs"_s, filterMs},
        {u"filterRows"_s, filteredRows},
        {u"filterAllMs"_s, filterAllMs},
        {u"failedDownloads"_s, failures},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';

    // Quit as the app does: stop the engine, write the session.
    QObject::connect(&keeper, &SessionKeeper::finished, &app, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
    window.setQuitting(true);
    keeper.shutdown();
    app.exec();
    return 0;
}
