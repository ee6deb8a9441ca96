// Not a test: makes docs/screenshots/settings-folders-LANG.png
// (scripts/screenshots): Settings → Folders with two categories given their
// own folder, the others on the download folder; with SETTINGS_PAGE=generalPage
// or connectionsPage, that page of the same dialog (settings-general-LANG.png,
// settings-connections-LANG.png).
//   [SETTINGS_PAGE=NAME] screenshot_folders OUT.png [zh_CN]
#include "support/ScreenshotStart.h"
#include "support/WindowTestHelpers.h"
#include "ui/AppSettings.h"
#include "ui/FileKind.h"
#include "ui/NetworkSettings.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace ferry;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const test::ScreenshotStart start(u"screenshot_folders"_s, app.arguments());
    if (!start.ok())
        return start.exitCode();
    AppSettings settings = AppSettings::load();
    settings.downloadFolder = u"/home/ann/Downloads"_s;
    settings.categoryFolders[size_t(FileKind::Video)] = u"/home/ann/Videos"_s;
    settings.categoryFolders[size_t(FileKind::Program)] = u"/home/ann/Downloads/Programs"_s;
    SettingsDialog dialog(settings, NetworkSettings{});
    const QString page = qEnvironmentVariable("SETTINGS_PAGE", u"foldersPage"_s);
    auto *shown = dialog.findChild<QWidget *>(page);
    if (!shown) {
        qWarning("no settings page %s", qPrintable(page));
        return 2;
    }
    dialog.findChild<QTabWidget *>()->setCurrentWidget(shown);
    dialog.resize(560, dialog.sizeHint().height());
    dialog.show();
    QTest::qWait(800);
    return dialog.grab().save(start.out()) ? 0 : 1;
}
