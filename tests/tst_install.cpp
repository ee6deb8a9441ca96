// `cmake --install` into a temporary prefix: every file a desktop needs lands
// where the freedesktop and Debian rules put it, and the desktop entry and the
// AppStream metainfo pass Debian 12's own validators (desktop-file-validate,
// appstreamcli validate --no-net).
#include "tests/support/CommandRun.h"
#include "tests/support/DesktopFileValidate.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::test::CommandResult;
using ferry::test::desktopFileProblems;
using ferry::test::runCommand;

namespace {

constexpr int ToolTimeoutMs = 120'000;

const QStringList IconSizes {u"16"_s, u"22"_s, u"24"_s, u"32"_s, u"48"_s, u"64"_s, u"128"_s, u"256"_s};

// The PNG's own width and height (IHDR), so a 48 px folder cannot hold a 256 px file.
QSize pngSize(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n"))
        return {};
    const auto be32 = [&head](int at) {
        return int(quint32(quint8(head[at])) << 24 | quint32(quint8(head[at + 1])) << 16
                   | quint32(quint8(head[at + 2])) << 8 | quint32(quint8(head[at + 3])));
    };
    return {be32(16), be32(20)};
}

} // namespace

class TestInstall final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_prefix;
    QStringList m_installed; // relative to the prefix, files only

    QString at(const QString &relative) const { return m_prefix.filePath(relative); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        const CommandResult r = runCommand(QStringLiteral(FERRY_CMAKE),
            {u"--install"_s, QStringLiteral(FERRY_BUILD_DIR), u"--prefix"_s, m_prefix.path()}, ToolTimeoutMs);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QDirIterator it(m_prefix.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            m_installed.append(QDir(m_prefix.path()).relativeFilePath(it.next()));
        m_installed.sort();
    }

    // Exactly these files, nothing else (no headers, no static libraries, no .qm:
    // translations are compiled into the executable).
    void installsTheDesktopFilesAndNothingElse()
    {
        QStringList expected {
            u"bin/ferry"_s,
            u"share/applications/io.github.ferry.desktop"_s,
            u"share/metainfo/io.github.ferry.metainfo.xml"_s,
            u"share/icons/hicolor/scalable/apps/io.github.ferry.svg"_s,
            u"share/doc/ferry/copyright"_s,
            u"share/doc/ferry/changelog.gz"_s,
        };
        for (const QString &size : IconSizes)
            expected.append(u"share/icons/hicolor/%1x%1/apps/io.github.ferry.png"_s.arg(size));
        expected.sort();
        QCOMPARE(m_installed, expected);
        QVERIFY(QFileInfo(at(u"bin/ferry"_s)).isExecutable());
    }

    void iconsHaveTheirFolderSize()
    {
        for (const QString &size : IconSizes) {
            const QString png = at(u"share/icons/hicolor/%1x%1/apps/io.github.ferry.png"_s.arg(size));
            QCOMPARE(pngSize(png), QSize(size.toInt(), size.toInt()));
        }
    }

    void installedBinaryRuns()
    {
        const CommandResult r = runCommand(at(u"bin/ferry"_s), {u"--version"_s}, ToolTimeoutMs);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out.trimmed(), "ferry "_ba + FERRY_VERSION);
    }

    void desktopEntryValidates()
    {
        const QString problems = desktopFileProblems(at(u"share/applications/io.github.ferry.desktop"_s));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    // What the desktop entry offers to open: URLs handed over by a launcher or a
    // drop, but no scheme or file type Ferry cannot really handle (an http/https
    // handler would make the desktop offer Ferry as the web browser).
    void desktopEntryClaimsNoHandlers()
    {
        QSettings entry(at(u"share/applications/io.github.ferry.desktop"_s), QSettings::IniFormat);
        entry.beginGroup(u"Desktop Entry"_s);
        QCOMPARE(entry.value(u"Exec"_s).toString(), u"ferry %U"_s);
        QCOMPARE(entry.value(u"Icon"_s).toString(), u"io.github.ferry"_s);
        const QString mime = entry.value(u"MimeType"_s).toStringList().join(u';');
        for (const QString &refused : {u"x-scheme-handler/http"_s, u"x-scheme-handler/https"_s, u"metalink"_s,
                                       u"bittorrent"_s, u"torrent"_s}) {
            QVERIFY2(!mime.contains(refused), qPrintable(mime));
        }
        QVERIFY(!entry.contains(u"SingleMainWindow"_s));
    }

    void metainfoValidates()
    {
        const QString metainfo = at(u"share/metainfo/io.github.ferry.metainfo.xml"_s);
        const CommandResult r = runCommand(u"appstreamcli"_s, {u"validate"_s, u"--no-net"_s, u"--pedantic"_s,
                                                               u"--strict"_s, metainfo}, ToolTimeoutMs);
        QVERIFY2(r.started, "appstreamcli is missing (package appstream)");
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QFile file(metainfo);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray xml = file.readAll();
        QVERIFY(xml.contains("<screenshot type=\"default\">"));
        QVERIFY(xml.contains(QByteArray("<release version=\"" FERRY_VERSION "\"")));
        QVERIFY(xml.contains("<developer_name>"));
        QVERIFY(xml.contains("<launchable type=\"desktop-id\">io.github.ferry.desktop</launchable>"));
    }

    // The packaged changelog's newest entry is this version (lintian checks the
    // .deb for it too, but only tst_package runs lintian, and only as root).
    void changelogNamesThisVersion()
    {
        const CommandResult r = runCommand(u"gzip"_s, {u"-dc"_s, at(u"share/doc/ferry/changelog.gz"_s)}, ToolTimeoutMs);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.outLines().value(0), "ferry ("_ba + FERRY_VERSION + ") unstable; urgency=medium");
    }
};

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
