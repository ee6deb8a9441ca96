// Not a test: makes docs/screenshots/edit-LANG.png (scripts/screenshots).
// The window with three downloads from MisbehavingServer on loopback (one
// running slowly, two paused with different folders and limits), all three
// selected and Edit… open on them, so the fields that differ say
// "(several values)". The screen is grabbed, the dialog over the window.
//   screenshot_edit OUT.png [zh_CN]
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/ScreenshotStart.h"
#include "support/WindowTestHelpers.h"
#include "ui/EditDownloadsDialog.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QScreen>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const ScreenshotStart start(u"screenshot_edit"_s, app.arguments());
    if (!start.ok())
        return start.exitCode();

    MisbehavingServer server;
    if (!server.listen())
        return 1;
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = 300 * 1024;
    const char *names[] = {"/debian-12.8.0-amd64-netinst.iso", "/lecture-03.mp4", "/thesis-final.pdf"};
    for (const char *name : names) {
        server.setFile(name, MisbehavingServer::makeData(48 << 20, 3));
        server.setBehaviour(name, slow);
    }
    EngineOptions options;
    DownloadEngine engine(options);
    MainWindow window(engine);
    window.resize(1100, 560);
    window.move(20, 20);
    window.show();
    QList<DownloadId> ids;
    const qint64 limits[] = {0, 500 * 1024, 2 * 1024 * 1024};
    for (int i = 0; i < 3; ++i) {
        DownloadRequest request;
        request.url = server.url(names[i]);
        request.directory = start.home() + (i == 2 ? u"/Documents"_s : u"/Downloads"_s);
        request.speedLimit = limits[i];
        request.connections = 4;
        ids.append(engine.add(request, i == 0));
    }
    QTest::qWait(4000);
    window.selectIds(ids);
    action(window, "actionEdit")->trigger();
    auto *dialog = waitForChild<EditDownloadsDialog>(window, u"editDownloadsDialog"_s);
    if (!dialog)
        return 1;
    dialog->move(window.geometry().center() - QPoint(dialog->width() / 2, dialog->height() / 2 - 60));
    QTest::qWait(1500);
    const bool saved = QGuiApplication::primaryScreen()->grabWindow(0, 0, 0, 1140, 620).save(start.out());
    dialog->reject();
    shutDown(engine);
    return saved ? 0 : 1;
}
