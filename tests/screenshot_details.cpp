// Not a test: makes docs/screenshots/details-LANG.png (scripts/screenshots).
// The window with the Details panel open on a real download from
// MisbehavingServer on loopback — slow, four connections, the first request
// answered 503 — so the bar, the graph and the log have something to show.
//   screenshot_details OUT.png [zh_CN]
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/ScreenshotStart.h"
#include "support/WindowTestHelpers.h"
#include "ui/DetailsPanel.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDockWidget>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const ScreenshotStart start(u"screenshot_details"_s, app.arguments());
    if (!start.ok())
        return start.exitCode();

    MisbehavingServer server;
    if (!server.listen())
        return 1;
    server.setFile("/ubuntu-24.04-desktop-amd64.iso", MisbehavingServer::makeData(64 << 20, 1));
    MisbehavingServer::Behaviour unavailable;
    unavailable.errorStatus = 503;
    unavailable.retryAfterSeconds = 1;
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = 600 * 1024;
    server.setSequence("/ubuntu-24.04-desktop-amd64.iso", {slow, unavailable, slow});

    EngineOptions options;
    options.retryBaseMs = 1000;
    DownloadEngine engine(options);
    MainWindow window(engine);
    window.resize(1180, 640);
    window.show();
    window.addUrls({server.url("/ubuntu-24.04-desktop-amd64.iso")});
    window.selectIds({lastId(engine)});
    window.detailsDock()->show();
    window.resizeDocks({window.detailsDock()}, {520}, Qt::Horizontal);
    QTest::qWait(20000);
    const bool saved = window.grab().save(start.out());
    shutDown(engine);
    return saved ? 0 : 1;
}
