// Not a test: makes docs/screenshots/settings-folders-LANG.png
// (scripts/screenshots): Settings → Folders with two categories given their
// own folder, the others on the download folder.
//   screenshot_folders OUT.png [zh_CN]
#include "support/WindowTestHelpers.h"
#include "ui/AppSettings.h"
#include "ui/FileKind.h"
#include "ui/NetworkSettings.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace ferry;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        qWarning("usage: screenshot_folders OUT.png [zh_CN]");
        return 2;
    }
    QTranslator translator;
    if (args.size() > 2 && (!translator.load(u":/i18n/ferry_"_s + args.at(2) + u".qm"_s)
                            || !QCoreApplication::installTranslator(&translator))) {
        qWarning("no translation %s", qPrintable(args.at(2)));
        return 2;
    }
    QTemporaryDir home;
    if (!home.isValid() || !test::useTemporaryHome(home.path(), u"screenshot_folders"_s))
        return 1;
    AppSettings settings = AppSettings::load();
    settings.downloadFolder = u"/home/ann/Downloads"_s;
    settings.categoryFolders[size_t(FileKind::Video)] = u"/home/ann/Videos"_s;
    settings.categoryFolders[size_t(FileKind::Program)] = u"/home/ann/Downloads/Programs"_s;
    SettingsDialog dialog(settings, NetworkSettings{});
    dialog.findChild<QTabWidget *>()->setCurrentWidget(dialog.findChild<QWidget *>(u"foldersPage"_s));
    dialog.resize(560, dialog.sizeHint().height());
    dialog.show();
    QTest::qWait(800);
    return dialog.grab().save(args.at(1)) ? 0 : 1;
}
