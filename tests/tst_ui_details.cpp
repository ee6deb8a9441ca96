// The Details panel against the real engine and a local server: while a
// download runs it shows the URL, the validators the server sent and each
// connection's range; its log has the 503 the first request got and the
// retry; once complete the segment bar covers the whole file (read back from
// its pixels) and the speed graph has samples; a paused download's finished
// ranges and validators come from its control file (read off the GUI thread).
#include "core/ControlFile.h"
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/DetailsPanel.h"
#include "ui/MainWindow.h"
#include "ui/SegmentBar.h"
#include "ui/SpeedGraph.h"

#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestDetails final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void runningDownloadShowsConnectionsAndRetry();
    void pausedDownloadShowsItsControlFile();
    void actionTogglesThePanel();

private:
    QTemporaryDir m_home;
};

namespace {
constexpr qint64 kSize = 3 * 1024 * 1024;

QString field(const DetailsPanel &panel, const char *name)
{
    auto *label = panel.findChild<QLabel *>(QLatin1StringView(name));
    if (!label)
        qFatal("no field %s", name);
    return label->text();
}

// Every column of the file row of the bar is drawn in the "on disk" colour.
bool barIsFull(SegmentBar &bar)
{
    const QImage image = bar.grab().toImage();
    const QRgb full = bar.finishedColor().rgb();
    const int y = 7; // the middle of the file row
    for (int x = 2; x < image.width() - 2; ++x)
        if (image.pixel(x, y) != full)
            return false;
    return image.width() > 10;
}
} // namespace

void TestDetails::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_details"_s));
}

void TestDetails::runningDownloadShowsConnectionsAndRetry()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/big.bin", MisbehavingServer::makeData(kSize, 7));
    MisbehavingServer::Behaviour unavailable;
    unavailable.errorStatus = 503;
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = 1024 * 1024; // per connection: the download runs for a second or two
    server.setSequence("/big.bin", {unavailable, slow});

    EngineOptions options = windowTestOptions();
    options.maxRetries = 3;
    DownloadEngine engine(options);
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.detailsDock()->show();
    DetailsPanel &panel = *window.detailsPanel();
    QCOMPARE(window.addUrls({server.url("/big.bin")}), 1);
    const DownloadId id = lastId(engine);
    window.selectIds({id});
    QCOMPARE(panel.download(), id);
    QCOMPARE(field(panel, "detailsUrl"), server.url("/big.bin").toDisplayString());

    // While it runs: the validators the server sent and the connections' ranges.
    const auto receiving = [&panel] {
        const QList<ConnectionDetails> &c = panel.details().connections;
        return panel.details().running && std::any_of(c.cbegin(), c.cend(), [](const auto &one) { return one.receiving; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(receiving(), kWindowWaitMs);
    QCOMPARE(field(panel, "detailsEtag"), QString::fromLatin1(server.etag("/big.bin")));
    QCOMPARE(field(panel, "detailsLastModified"), QString::fromLatin1(server.lastModified("/big.bin")));
    auto *bar = panel.findChild<SegmentBar *>();
    QVERIFY(bar);
    QCOMPARE(bar->total(), kSize);
    for (const ConnectionDetails &c : bar->connections()) {
        QVERIFY(c.span.begin >= 0 && c.span.end <= kSize && c.span.begin < c.span.end);
        QVERIFY(c.pos >= c.span.begin && c.pos <= c.span.end);
    }
    QVERIFY(field(panel, "detailsSize").contains(QLocale().toString(kSize)));

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Completed, kWindowWaitMs);
    // Complete: the bar covers the file, drawn so.
    QTRY_COMPARE_WITH_TIMEOUT(bar->finished(), (QList<ByteSpan>{{0, kSize}}), kWindowWaitMs);
    QVERIFY(bar->connections().isEmpty());
    QVERIFY(barIsFull(*bar));
    QCOMPARE(field(panel, "detailsEtag"), QString::fromLatin1(server.etag("/big.bin"))); // seen while it ran
    // The log has the 503 and the retry after it, as the engine wrote them.
    const QString log = panel.findChild<QPlainTextEdit *>(u"detailsLog"_s)->toPlainText();
    QVERIFY2(log.contains(u"503"_s) && log.contains(u"retrying"_s), qPrintable(log));
    // The speed graph got samples while it ran, some of them above zero.
    auto *graph = panel.findChild<SpeedGraph *>();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(graph->samples().cbegin(), graph->samples().cend(), [](double v) { return v > 0; }),
                             kWindowWaitMs);
    QCOMPARE(server.fileData("/big.bin"), [&] {
        QFile f(shown(window, id)->filePath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }());
}

void TestDetails::pausedDownloadShowsItsControlFile()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/paused.bin", MisbehavingServer::makeData(kSize, 8));
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = 256 * 1024;
    server.setBehaviour("/paused.bin", slow);

    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    QCOMPARE(window.addUrls({server.url("/paused.bin")}), 1);
    const DownloadId id = lastId(engine);
    QTRY_VERIFY_WITH_TIMEOUT(shown(window, id)->receivedBytes > 256 * 1024, kWindowWaitMs);
    engine.pause(id);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Paused, kWindowWaitMs);

    // The panel opens on a paused download it never saw running.
    window.selectIds({id});
    window.detailsDock()->show();
    DetailsPanel &panel = *window.detailsPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.details().running && !panel.details().finished.isEmpty(), kWindowWaitMs);
    QString error;
    const auto control = ControlFile::read(
        ControlFile::pathForPart(shown(window, id)->filePath + u".part"_s), &error);
    QVERIFY2(control, qPrintable(error));
    QCOMPARE(panel.details().finished, control->finished);
    QCOMPARE(panel.details().totalBytes, kSize);
    QCOMPARE(field(panel, "detailsEtag"), QString::fromLatin1(server.etag("/paused.bin")));
    auto *bar = panel.findChild<SegmentBar *>();
    QCOMPARE(bar->finished(), control->finished);
    QVERIFY(!barIsFull(*bar)); // what is missing is drawn as missing
}

void TestDetails::actionTogglesThePanel()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    QAction *details = action(window, "actionDetails");
    QCOMPARE(details->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    if (window.detailsDock()->isVisible()) // as the last window left it (saved state)
        details->trigger();
    QTRY_VERIFY(!window.detailsDock()->isVisible());
    details->trigger();
    QTRY_VERIFY(window.detailsDock()->isVisible());
    QCOMPARE(window.detailsPanel()->download(), DownloadId(0)); // nothing selected: it says so
    // Every field is named (the labels were once made empty and never shown).
    QStringList labels;
    for (const QLabel *label : window.detailsPanel()->findChildren<QLabel *>())
        labels.append(label->text());
    for (const QString &name : {u"URL:"_s, u"ETag:"_s, u"Last modified:"_s, u"Segments:"_s, u"Speed:"_s})
        QVERIFY2(labels.contains(name), qPrintable(name));
    details->trigger();
    QTRY_VERIFY(!window.detailsDock()->isVisible());
}

QTEST_MAIN(TestDetails)
#include "tst_ui_details.moc"
