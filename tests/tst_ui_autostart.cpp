// Settings → "Start Ferry when I log in" as the window runs it: ticking it
// writes an XDG autostart entry that Debian's desktop-file-validate accepts
// and that starts this executable with --hidden; the dialog shows it ticked
// next time; unticking removes it; an entry that cannot be written is one
// warning, and nothing else changes. Paths with spaces, quotes, dollars,
// backslashes and percent signs are quoted as the Exec key wants.
#include "tests/support/DesktopFileValidate.h"
#include "support/WindowTestHelpers.h"
#include "ui/Autostart.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestAutostart final : public QObject
{
    Q_OBJECT

private:
    // The window's Settings dialog, with "Start at login" set to `on`, accepted.
    static void setStartAtLogin(MainWindow &window, bool on)
    {
        action(window, "actionSettings")->trigger();
        auto *dialog = waitForChild<SettingsDialog>(window, u"settingsDialog"_s);
        QVERIFY(dialog);
        auto *box = dialog->findChild<QCheckBox *>(u"startAtLogin"_s);
        QVERIFY(box);
        box->setChecked(on);
        dialog->accept();
        QTRY_VERIFY(!window.findChild<SettingsDialog *>(u"settingsDialog"_s) || dialog->isHidden());
    }

    static bool shownTicked(MainWindow &window)
    {
        action(window, "actionSettings")->trigger();
        auto *dialog = waitForChild<SettingsDialog>(window, u"settingsDialog"_s);
        const bool ticked = dialog && dialog->findChild<QCheckBox *>(u"startAtLogin"_s)->isChecked();
        if (dialog)
            dialog->reject();
        return ticked;
    }

    // desktop-file-validate's verdict on `text`: empty when it accepts it.
    QString validate(const QByteArray &text)
    {
        const QString path = m_home.filePath(u"check/io.github.ferry.desktop"_s);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            return u"could not write "_s + path;
        file.close();
        return ferry::test::desktopFileProblems(path);
    }

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_autostart"_s));
        QVERIFY2(Autostart::entryPath().startsWith(m_home.path()), qPrintable(Autostart::entryPath()));
    }

    void tickedWritesAValidEntryAndUntickedRemovesIt()
    {
        DownloadEngine engine(windowTestOptions());
        ShutDownOnExit stop{engine};
        MainWindow window(engine);
        window.show();
        QVERIFY(!QFile::exists(Autostart::entryPath()));
        QVERIFY(!shownTicked(window));

        setStartAtLogin(window, true);
        QFile entry(Autostart::entryPath());
        QVERIFY2(entry.open(QIODevice::ReadOnly), qPrintable(Autostart::entryPath()));
        const QByteArray text = entry.readAll();
        QVERIFY2(text.contains(QByteArray("\nExec=" + QCoreApplication::applicationFilePath().toUtf8() + " --hidden\n")),
                 text.constData());
        const QString verdict = validate(text);
        QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
        QVERIFY(shownTicked(window));

        setStartAtLogin(window, false);
        QVERIFY(!QFile::exists(Autostart::entryPath()));
        QVERIFY(!shownTicked(window));
    }

    // The Exec key for paths a user's home can have; desktop-file-validate
    // checks the quoting, the expected line pins the escapes.
    void awkwardPathsAreQuoted_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("exec");
        QTest::newRow("plain") << u"/usr/bin/ferry"_s << "Exec=/usr/bin/ferry --hidden"_ba;
        QTest::newRow("space") << u"/opt/my apps/ferry"_s << "Exec=\"/opt/my apps/ferry\" --hidden"_ba;
        QTest::newRow("dollar and quote") << u"/home/a$b/\"x\"/ferry"_s
                                          << "Exec=\"/home/a\\\\$b/\\\\\"x\\\\\"/ferry\" --hidden"_ba;
        QTest::newRow("backslash") << u"/home/a\\b/ferry"_s << "Exec=\"/home/a\\\\\\\\b/ferry\" --hidden"_ba;
        QTest::newRow("percent") << u"/home/100%/ferry"_s << "Exec=/home/100%%/ferry --hidden"_ba;
    }

    void awkwardPathsAreQuoted()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, exec);
        const QByteArray text = Autostart::entryText(path);
        QVERIFY2(text.split('\n').contains(exec), text.constData());
        const QString verdict = validate(text);
        QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
    }

    // The autostart folder is a file: one warning, the window carries on.
    void unwritableEntryWarnsOnce()
    {
        const QString folder = QFileInfo(Autostart::entryPath()).path();
        QDir(folder).removeRecursively();
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();

        DownloadEngine engine(windowTestOptions());
        ShutDownOnExit stop{engine};
        MainWindow window(engine);
        window.show();
        setStartAtLogin(window, true);
        auto *warning = waitForChild<QMessageBox>(window, u"warning"_s);
        QVERIFY(warning);
        QVERIFY2(warning->text().contains(folder), qPrintable(warning->text()));
        QVERIFY(!Autostart::isEnabled());
        QVERIFY(QFile::remove(folder));
    }
};

QTEST_MAIN(TestAutostart)
#include "tst_ui_autostart.moc"
