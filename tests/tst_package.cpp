// The Debian package as a user gets it: `cpack -G DEB` builds it, lintian finds
// no error in it, `apt-get install ./ferry_*.deb` installs it with the
// dependencies dpkg-shlibdeps found, the installed /usr/bin/ferry downloads with
// `ferry get` from its own `ferry serve`, and `apt-get purge` leaves nothing of
// it behind.
//
// It changes the system (it installs and removes a package), so it needs root
// and fails at once, saying so, without it: CI and scripts/test run as root;
// a developer without root runs `ctest -E tst_package`. It runs alone
// (RUN_SERIAL), never touches a ferry the machine already has installed, and
// removes what it installed even when a check fails; if it is killed, the
// CTest fixture tst_package_cleanup does (docs/packaging.md).
#include "tests/support/CommandRun.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;
using ferry::test::runCommand;

namespace {

constexpr int PackageToolTimeoutMs = 300'000; // cpack, lintian, apt-get (which may wait for dpkg's lock)
constexpr int FerryTimeoutMs = 60'000;
const QString InstalledFerry = u"/usr/bin/ferry"_s;
const QString PackageName = u"ferry"_s;

QProcessEnvironment toolEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DEBIAN_FRONTEND"_s, u"noninteractive"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    env.remove(u"LANGUAGE"_s);
    return env;
}

CommandResult tool(const QString &program, const QStringList &args, const QString &cwd = QString())
{
    return runCommand(program, args, PackageToolTimeoutMs, cwd, toolEnvironment());
}

bool packageInstalled()
{
    const CommandResult r = tool(u"dpkg-query"_s, {u"-W"_s, u"-f=${Status}"_s, PackageName});
    return r.exitCode == 0 && r.out.contains("ok installed");
}

QStringList aptGet(const QStringList &args)
{
    return QStringList {u"-y"_s, u"-q"_s, u"-o"_s, u"DPkg::Lock::Timeout=240"_s} + args;
}

} // namespace

class TestPackage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    QString m_deb;
    QStringList m_packageFiles; // dpkg -L while installed

    // The marker says "this test installed ferry": only then may anything purge it.
    static QString marker() { return QStringLiteral(FERRY_PACKAGE_MARKER); }

    void purgeWhatWeInstalled()
    {
        if (!QFile::exists(marker()))
            return;
        if (packageInstalled())
            tool(u"apt-get"_s, aptGet({u"purge"_s, PackageName}));
        if (!packageInstalled())
            QFile::remove(marker());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0) {
            QFAIL("tst_package installs and purges the .deb with apt-get and needs root, as CI runs it. "
                  "Run scripts/test as root, or leave this test out: ctest -E tst_package");
        }
        QVERIFY(m_work.isValid());
        QVERIFY2(!packageInstalled() || QFile::exists(marker()),
                 "a ferry package is already installed on this machine; this test would replace and purge it");
        purgeWhatWeInstalled(); // a run that was killed half-way
        QVERIFY2(!packageInstalled(), "could not purge the ferry package a killed run left installed");
        QVERIFY2(!QFile::exists(InstalledFerry), "/usr/bin/ferry exists but belongs to no ferry package");
    }

    void cleanupTestCase() { purgeWhatWeInstalled(); }

    void cpackBuildsADeb()
    {
        const CommandResult r = tool(QStringLiteral(FERRY_CPACK),
            {u"-G"_s, u"DEB"_s, u"--config"_s, QStringLiteral(FERRY_BUILD_DIR "/CPackConfig.cmake"), u"-B"_s,
             m_work.path()});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QStringList debs = QDir(m_work.path()).entryList({u"ferry_*.deb"_s}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = m_work.filePath(debs.first());
        QVERIFY2(QFileInfo(m_deb).fileName().startsWith(u"ferry_" FERRY_VERSION "_"_s), qPrintable(m_deb));
    }

    void controlFields()
    {
        QVERIFY(!m_deb.isEmpty());
        const CommandResult r = tool(u"dpkg-deb"_s, {u"--field"_s, m_deb});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QString control = QString::fromUtf8(r.out);
        QVERIFY2(control.contains(u"\nSection: net\n"_s), qPrintable(control));
        QVERIFY2(control.contains(QRegularExpression(u"\nMaintainer: [^\n]+ <[^@\n]+@[^>\n]+>\n"_s)),
                 qPrintable(control));
        QVERIFY2(control.contains(u"\nDescription: download manager with a LAN share server\n "_s),
                 qPrintable(control));
        // dpkg-shlibdeps found the Qt libraries the binary links (a hand-written
        // list would not carry the versions).
        const QRegularExpression depends(u"\nDepends: ([^\n]+)\n"_s);
        const QString deps = depends.match(control).captured(1);
        for (const QString &lib : {u"libqt6core6"_s, u"libqt6network6"_s, u"libqt6widgets6"_s,
                                   u"libqt6websockets6"_s, u"libc6 (>= "_s, u"libstdc++6 (>= "_s}) {
            QVERIFY2(deps.contains(lib), qPrintable(u"%1 not in Depends: %2"_s.arg(lib, deps)));
        }
    }

    void lintianFindsNoError()
    {
        QVERIFY(!m_deb.isEmpty());
        const CommandResult r = tool(u"lintian"_s, {u"--fail-on"_s, u"error"_s, u"--allow-root"_s,
                                                    u"--no-tag-display-limit"_s, m_deb});
        QVERIFY2(r.started, "lintian is missing");
        QVERIFY2(r.finished && r.exitCode == 0 && !r.out.contains("\nE: ") && !r.out.startsWith("E: "),
                 qPrintable(r.describe()));
        if (!r.out.trimmed().isEmpty())
            qInfo("lintian (no errors):\n%s", r.out.constData());
    }

    void aptInstalls()
    {
        QVERIFY(!m_deb.isEmpty());
        QFile mark(marker());
        QVERIFY(mark.open(QIODevice::WriteOnly));
        mark.close();
        const CommandResult r = tool(u"apt-get"_s, aptGet({u"install"_s, m_deb}));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(packageInstalled());

        const CommandResult list = tool(u"dpkg"_s, {u"-L"_s, PackageName});
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        for (const QByteArray &line : list.outLines())
            m_packageFiles.append(QString::fromUtf8(line.trimmed()));
        for (const QString &path : {InstalledFerry, u"/usr/share/applications/io.github.ferry.desktop"_s,
                                    u"/usr/share/metainfo/io.github.ferry.metainfo.xml"_s,
                                    u"/usr/share/icons/hicolor/scalable/apps/io.github.ferry.svg"_s,
                                    u"/usr/share/icons/hicolor/48x48/apps/io.github.ferry.png"_s,
                                    u"/usr/share/doc/ferry/copyright"_s, u"/usr/share/doc/ferry/changelog.gz"_s}) {
            QVERIFY2(m_packageFiles.contains(path), qPrintable(path));
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        }
    }

    void installedFerryRuns()
    {
        QVERIFY(packageInstalled());
        const CommandResult r = runCommand(InstalledFerry, {u"--version"_s}, FerryTimeoutMs);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out.trimmed(), "ferry "_ba + FERRY_VERSION);
    }

    // The installed ferry serves a folder and the installed ferry downloads from it.
    void installedFerryServesAndGets()
    {
        QVERIFY(packageInstalled());
        const QString shared = m_work.filePath(u"shared"_s);
        const QString saved = m_work.filePath(u"saved"_s);
        QVERIFY(QDir().mkpath(shared) && QDir().mkpath(saved));
        QByteArray content(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        QRandomGenerator(0x5eed).fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
        QFile source(shared + u"/payload.bin"_s);
        QVERIFY(source.open(QIODevice::WriteOnly) && source.write(content) == content.size());
        source.close();

        QProcessEnvironment env = toolEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, m_work.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_work.filePath(u"data"_s));
        QProcess serve;
        serve.setProcessEnvironment(env);
        serve.start(InstalledFerry, {u"serve"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--no-auth"_s,
                                     shared});
        QVERIFY(serve.waitForStarted(10'000));
        const auto stop = qScopeGuard([&serve] {
            serve.terminate();
            if (!serve.waitForFinished(10'000))
                serve.kill();
        });
        QByteArray out;
        QUrl base;
        static const QRegularExpression urlLine(u"^\\s+(http://\\S+)\\s*$"_s, QRegularExpression::MultilineOption);
        for (QDeadlineTimer deadline(FerryTimeoutMs); !deadline.hasExpired() && base.isEmpty();) {
            serve.waitForReadyRead(100);
            out += serve.readAllStandardOutput();
            if (const auto m = urlLine.match(QString::fromUtf8(out)); m.hasMatch())
                base = QUrl(m.captured(1));
            QVERIFY2(serve.state() == QProcess::Running, serve.readAllStandardError().constData());
        }
        QVERIFY2(base.isValid() && base.port() > 0, out.constData());
        const QUrl file = base.resolved(QUrl(u"/files/shared/payload.bin"_s));

        const CommandResult get = runCommand(InstalledFerry, {u"get"_s, u"-q"_s, u"-o"_s, saved, file.toString()},
                                             FerryTimeoutMs, QString(), env);
        QVERIFY2(get.finished && get.exitCode == 0, qPrintable(get.describe()));
        QFile result(saved + u"/payload.bin"_s);
        QVERIFY(result.open(QIODevice::ReadOnly));
        QVERIFY(result.readAll() == content);
        QVERIFY(!QFile::exists(saved + u"/payload.bin.part.ferry"_s));
    }

    void purgeLeavesNothing()
    {
        QVERIFY(!m_packageFiles.isEmpty());
        const CommandResult r = tool(u"apt-get"_s, aptGet({u"purge"_s, PackageName}));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(!packageInstalled());
        QFile::remove(marker());
        // Every file of the package is gone; of its folders only those shared
        // with other packages (/usr/share/icons/hicolor/48x48/apps…) may stay.
        QStringList left;
        for (const QString &path : std::as_const(m_packageFiles)) {
            const QFileInfo info(path);
            if (info.exists() && (!info.isDir() || path.contains(u"ferry"_s)))
                left.append(path);
        }
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
        QVERIFY(!QFileInfo::exists(InstalledFerry));
        const CommandResult status = tool(u"dpkg-query"_s, {u"-W"_s, u"-f=${db:Status-Abbrev}"_s, PackageName});
        // Purged: dpkg forgets the package (or keeps it as "not installed", no config files).
        QVERIFY2(status.exitCode != 0 || status.out.trimmed().startsWith("un"), qPrintable(status.describe()));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
