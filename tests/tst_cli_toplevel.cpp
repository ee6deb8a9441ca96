// The `ferry` command itself, before any mode starts: --help and --version,
// unknown options and mistyped commands (one line and the usage, exit 2,
// never the window), and a URL without a display (one plain line instead of
// Qt's platform-plugin abort).
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"

#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;

class TestCliTopLevel final : public QObject
{
    Q_OBJECT

private:
    // Runs `ferry args...` with no display at all.
    static CommandResult ferry(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s, u"LANGUAGE"_s})
            env.remove(name);
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        return ferry::test::runCommand(ferry::test::ferryBinary(), args, 30'000, QString(), env);
    }

private Q_SLOTS:
    void helpAndVersion()
    {
        const CommandResult help = ferry({u"--help"_s});
        QVERIFY2(help.finished && help.exitCode == 0, qPrintable(help.describe()));
        QVERIFY(help.out.contains("ferry get [options] URL..."));
        QVERIFY(help.out.contains("ferry serve [options] DIR..."));
        const CommandResult version = ferry({u"--version"_s});
        QVERIFY2(version.finished && version.exitCode == 0, qPrintable(version.describe()));
        QCOMPARE(version.out.trimmed(), "ferry "_ba + FERRY_VERSION);
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("firstLine");
        QTest::addRow("unknown option") << QStringList {u"--frobnicate"_s} << "ferry: unknown option '--frobnicate'"_ba;
        QTest::addRow("mistyped command") << QStringList {u"serv"_s, u"/tmp"_s} << "ferry: unknown command 'serv'"_ba;
        QTest::addRow("URL without a display") << QStringList {u"http://example.invalid/a.iso"_s}
                                               << "ferry: the window needs a display"_ba;
        // The autostart entry's option is the window's, not an unknown one (ui/Autostart).
        QTest::addRow("--hidden without a display") << QStringList {u"--hidden"_s}
                                                    << "ferry: the window needs a display"_ba;
    }

    void refused()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, firstLine);
        const CommandResult r = ferry(args);
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.errLines().value(0).startsWith(firstLine), qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliTopLevel)
#include "tst_cli_toplevel.moc"
