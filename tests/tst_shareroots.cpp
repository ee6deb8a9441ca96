// The share sandbox against a real temporary tree: every path of
// CONFORMANCE.md "Server: paths" and more, with symlinks that point outside,
// a secret file next to the shared folder, dotfiles, a FIFO and non-ASCII
// names. Besides the rows, an exhaustive walk over hostile segment
// combinations checks that nothing ever resolves outside a root.
#include "server/ShareRoots.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

using Status = ShareRoots::Resolved::Status;

QByteArray statusName(Status s)
{
    switch (s) {
    case Status::Ok: return "Ok"_ba;
    case Status::BadRequest: return "BadRequest"_ba;
    case Status::NotFound: return "NotFound"_ba;
    case Status::Forbidden: return "Forbidden"_ba;
    }
    return "?"_ba;
}

} // namespace

class TestShareRoots final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rootNames();
    void addRootRefuses_data();
    void addRootRefuses();
    void resolve_data();
    void resolve();
    void resolveWithHiddenShown_data();
    void resolveWithHiddenShown();
    void nothingEverLeavesTheRoots();
    void listings();
    void listingsWithHiddenShown();
    void unfinishedDownloadsAreNotShared();
    void openFileReadsWhatWasChecked();
    void openFileRefusesSwaps_data();
    void openFileRefusesSwaps();

private:
    void makeFile(const QString &relative, const QByteArray &content = "data"_ba);
    void makeLink(const QString &target, const QString &relativeLink);
    void checkInsideRoots(const ShareRoots &roots, const ShareRoots::Resolved &r, QByteArrayView path);

    QTemporaryDir m_tmp;
    QString m_base; // canonical
    ShareRoots m_roots;
};

void TestShareRoots::makeFile(const QString &relative, const QByteArray &content)
{
    const QString path = m_base + u'/' + relative;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(content);
}

void TestShareRoots::makeLink(const QString &target, const QString &relativeLink)
{
    QVERIFY2(QFile::link(target, m_base + u'/' + relativeLink), qPrintable(relativeLink));
}

void TestShareRoots::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_base = QFileInfo(m_tmp.path()).canonicalFilePath();

    makeFile(u"outside/secret.txt"_s, "TOP SECRET"_ba);
    makeFile(u"outside/passwd"_s, "root:x:0:0"_ba);
    makeFile(u"share/Music/a.flac"_s);
    makeFile(u"share/Music/中文.mp3"_s);
    makeFile(u"share/with space.txt"_s);
    makeFile(u"share/percent%.txt"_s);
    makeFile(u"share/a?b.txt"_s);
    makeFile(u"share/.hidden"_s);
    makeFile(u"share/.hiddendir/x.txt"_s);
    makeFile(u"share/Music/.cover.jpg"_s);
    makeFile(u"other/share/other.txt"_s);
    makeFile(u".dotroot/f.txt"_s);
    makeFile(u"sharedsibling/sibling.txt"_s); // "share" is its prefix: a naive startsWith would let it in
    makeLink(m_base + u"/outside"_s, u"share/link-out"_s);        // absolute, to a folder outside
    makeLink(u"../outside/secret.txt"_s, u"share/link-secret"_s); // relative, to a file outside
    makeLink(u"Music/a.flac"_s, u"share/link-in"_s);              // inside
    makeLink(u".hidden"_s, u"share/link-hidden"_s);               // to a dotfile inside
    makeLink(u"/"_s, u"share/link-root"_s);
    makeLink(u".."_s, u"share/link-up"_s);
    makeLink(u"../sharedsibling"_s, u"share/link-sibling"_s);
    makeLink(u"nowhere"_s, u"share/dangling"_s);
    makeLink(u"../Music"_s, u"share/Music/link-self"_s);          // a folder inside, via a detour
    QCOMPARE(::mkfifo(QFile::encodeName(m_base + u"/share/fifo"_s).constData(), 0644), 0);

    QString error;
    QVERIFY2(m_roots.addRoot(m_base + u"/share"_s, &error), qPrintable(error));
    QVERIFY2(m_roots.addRoot(m_base + u"/other/share/"_s, &error), qPrintable(error));
    QVERIFY2(m_roots.addRoot(m_base + u"/.dotroot"_s, &error), qPrintable(error));
}

void TestShareRoots::rootNames()
{
    QCOMPARE(m_roots.rootNames(), QStringList({u"share"_s, u"share (2)"_s, u".dotroot"_s}));
    QCOMPARE(m_roots.rootPath(u"share (2)"_s), m_base + u"/other/share"_s);
    QCOMPARE(m_roots.rootPath(u"nope"_s), QString());

    // A folder reached through a symlink is shared under its canonical path.
    ShareRoots roots;
    QString error;
    QVERIFY(roots.addRoot(m_base + u"/share/Music/link-self"_s, &error));
    QCOMPARE(roots.rootNames(), QStringList({u"Music"_s}));
    QCOMPARE(roots.rootPath(u"Music"_s), m_base + u"/share/Music"_s);
    // A third folder with a taken name.
    QVERIFY(roots.addRoot(m_base + u"/share"_s, &error));
    QVERIFY(roots.addRoot(m_base + u"/other/share"_s, &error));
    QCOMPARE(roots.rootNames(), QStringList({u"Music"_s, u"share"_s, u"share (2)"_s}));
}

void TestShareRoots::addRootRefuses_data()
{
    QTest::addColumn<QString>("directory");
    QTest::newRow("missing") << u"/missing"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("a file") << u"/outside/secret.txt"_s;
    QTest::newRow("a FIFO") << u"/share/fifo"_s;
    QTest::newRow("a dangling link") << u"/share/dangling"_s;
    QTest::newRow("already shared") << u"/share"_s;
    QTest::newRow("already shared through a link") << u"/share/link-up/share"_s;
}

void TestShareRoots::addRootRefuses()
{
    QFETCH(QString, directory);
    ShareRoots roots;
    QString error;
    QVERIFY(roots.addRoot(m_base + u"/share"_s, &error));
    const QString path = directory.isEmpty() ? QString() : m_base + directory;
    QVERIFY(!roots.addRoot(path, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!roots.addRoot(path, nullptr)); // the error is optional
    QCOMPARE(roots.rootNames().size(), 1);
}

void TestShareRoots::resolve_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QString>("rootName");
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("target"); // below the temporary folder; "" for the top level
    QTest::addColumn<bool>("isDirectory");

    const QByteArray ok = "Ok"_ba;
    const QByteArray bad = "BadRequest"_ba;
    const QByteArray notFound = "NotFound"_ba;
    const QByteArray forbidden = "Forbidden"_ba;
    const QString none;
    const QString share = u"share"_s;

    // What works.
    QTest::newRow("top level") << QByteArray() << ok << none << none << none << true;
    QTest::newRow("top level, slash") << "/"_ba << ok << none << none << none << true;
    QTest::newRow("a root") << "share"_ba << ok << share << u""_s << u"share"_s << true;
    QTest::newRow("a root, slash") << "share/"_ba << ok << share << u""_s << u"share"_s << true;
    QTest::newRow("a file") << "share/Music/a.flac"_ba << ok << share << u"Music/a.flac"_s << u"share/Music/a.flac"_s << false;
    QTest::newRow("non-ASCII, encoded") << "share/Music/%E4%B8%AD%E6%96%87.mp3"_ba << ok << share
                                        << u"Music/中文.mp3"_s << u"share/Music/中文.mp3"_s << false;
    QTest::newRow("non-ASCII, lower-case hex") << "share/Music/%e4%b8%ad%e6%96%87.mp3"_ba << ok << share
                                               << u"Music/中文.mp3"_s << u"share/Music/中文.mp3"_s << false;
    QTest::newRow("non-ASCII, raw UTF-8") << "share/Music/\xe4\xb8\xad\xe6\x96\x87.mp3"_ba << ok << share
                                          << u"Music/中文.mp3"_s << u"share/Music/中文.mp3"_s << false;
    QTest::newRow("space") << "share/with%20space.txt"_ba << ok << share << u"with space.txt"_s
                           << u"share/with space.txt"_s << false;
    QTest::newRow("literal percent") << "share/percent%25.txt"_ba << ok << share << u"percent%.txt"_s
                                     << u"share/percent%.txt"_s << false;
    QTest::newRow("encoded question mark") << "share/a%3Fb.txt"_ba << ok << share << u"a?b.txt"_s
                                           << u"share/a?b.txt"_s << false;
    QTest::newRow("second root of the same name") << "share%20(2)/other.txt"_ba << ok << u"share (2)"_s
                                                  << u"other.txt"_s << u"other/share/other.txt"_s << false;
    QTest::newRow("root named like a dotfile") << ".dotroot/f.txt"_ba << ok << u".dotroot"_s << u"f.txt"_s
                                               << u".dotroot/f.txt"_s << false;
    QTest::newRow("dot segments inside") << "share/./Music/../Music//a.flac"_ba << ok << share
                                         << u"Music/a.flac"_s << u"share/Music/a.flac"_s << false;
    QTest::newRow("encoded dot segments inside") << "share/Music/%2e%2e/Music/%2E/a.flac"_ba << ok << share
                                                 << u"Music/a.flac"_s << u"share/Music/a.flac"_s << false;
    QTest::newRow("back to the top level") << "share/.."_ba << ok << none << none << none << true;
    QTest::newRow("across roots") << "share/../share%20(2)/other.txt"_ba << ok << u"share (2)"_s
                                  << u"other.txt"_s << u"other/share/other.txt"_s << false;
    QTest::newRow("//evil.example/%2e%2e stays here") << "/evil.example/%2e%2e"_ba << ok << none << none
                                                      << none << true;
    QTest::newRow("symlink inside the root") << "share/link-in"_ba << ok << share << u"link-in"_s
                                             << u"share/Music/a.flac"_s << false;
    QTest::newRow("symlinked folder inside the root") << "share/Music/link-self/a.flac"_ba << ok << share
                                                      << u"Music/link-self/a.flac"_s
                                                      << u"share/Music/a.flac"_s << false;

    // CONFORMANCE.md "Server: paths", as the part after /files/.
    QTest::newRow("../../etc/passwd") << "../../etc/passwd"_ba << bad << none << none << none << false;
    QTest::newRow("%2e%2e/%2e%2e/etc/passwd") << "%2e%2e/%2e%2e/etc/passwd"_ba << bad << none << none << none << false;
    QTest::newRow(".%2e/.%2e/etc/passwd") << ".%2e/.%2e/etc/passwd"_ba << bad << none << none << none << false;
    QTest::newRow(".%252e/.%252e/etc/passwd (decoded once)") << ".%252e/.%252e/etc/passwd"_ba << notFound
                                                            << none << none << none << false;
    QTest::newRow("..%5c..%5cetc%5cpasswd") << "..%5c..%5cetc%5cpasswd"_ba << bad << none << none << none << false;
    QTest::newRow("raw backslashes") << "..\\..\\etc\\passwd"_ba << bad << none << none << none << false;
    QTest::newRow("overlong UTF-8 dots") << "%c0%ae%c0%ae/%c0%af"_ba << bad << none << none << none << false;
    QTest::newRow("secret%00.txt") << "secret%00.txt"_ba << bad << none << none << none << false;
    QTest::newRow("%00") << "%00"_ba << bad << none << none << none << false;
    QTest::newRow("C:/Windows/win.ini") << "C:/Windows/win.ini"_ba << notFound << none << none << none << false;
    QTest::newRow("NUL") << "NUL"_ba << notFound << none << none << none << false;
    QTest::newRow("link-out/passwd") << "share/link-out/passwd"_ba << forbidden << none << none << none << false;
    QTest::newRow(".hidden at the top") << ".hidden"_ba << notFound << none << none << none << false;
    QTest::newRow(".hidden in a root") << "share/.hidden"_ba << notFound << none << none << none << false;

    // Variants inside a root.
    QTest::newRow("climb out of a root") << "share/../../outside/secret.txt"_ba << bad << none << none << none << false;
    QTest::newRow("climb out, encoded") << "share/%2e%2e/%2e%2e/outside/secret.txt"_ba << bad << none << none << none << false;
    QTest::newRow("climb out, mixed") << "share/Music/.%2E/%2e./../outside/secret.txt"_ba << bad << none << none << none << false;
    QTest::newRow("climb out via encoded slashes") << "share%2F..%2F..%2Foutside%2Fsecret.txt"_ba << bad << none
                                                   << none << none << false;
    QTest::newRow("to the top level, then a non-root") << "share/../outside/secret.txt"_ba << notFound << none
                                                       << none << none << false;
    QTest::newRow("double-encoded dots in a root") << "share/.%252e/.%252e/outside/secret.txt"_ba << notFound
                                                   << none << none << none << false;
    QTest::newRow("overlong dots in a root") << "share/%c0%ae%c0%ae/outside/secret.txt"_ba << bad << none
                                             << none << none << false;
    QTest::newRow("overlong slash") << "share/Music%c0%afa.flac"_ba << bad << none << none << none << false;
    QTest::newRow("NUL in a root") << "share/Music/a.flac%00.txt"_ba << bad << none << none << none << false;
    QTest::newRow("backslash in a root") << "share/Music%5ca.flac"_ba << bad << none << none << none << false;
    QTest::newRow("control character") << "share/a%01b"_ba << bad << none << none << none << false;
    QTest::newRow("DEL") << "share/a%7fb"_ba << bad << none << none << none << false;
    QTest::newRow("newline") << "share/a%0d%0aSet-Cookie:x"_ba << bad << none << none << none << false;
    QTest::newRow("lone %") << "share/%"_ba << bad << none << none << none << false;
    QTest::newRow("% and one digit") << "share/%4"_ba << bad << none << none << none << false;
    QTest::newRow("% and non-hex") << "share/%zz"_ba << bad << none << none << none << false;
    QTest::newRow("%% then digits") << "share/%%30"_ba << bad << none << none << none << false;
    QTest::newRow("invalid UTF-8 byte") << "share/%ff"_ba << bad << none << none << none << false;
    QTest::newRow("truncated UTF-8") << "share/%e4%b8"_ba << bad << none << none << none << false;
    QTest::newRow("UTF-16 surrogate") << "share/%ed%a0%80"_ba << bad << none << none << none << false;
    QTest::newRow("beyond U+10FFFF") << "share/%f4%90%80%80"_ba << bad << none << none << none << false;
    QTest::newRow("overlong three-byte") << "share/%e0%80%ae"_ba << bad << none << none << none << false;
    QTest::newRow("raw invalid UTF-8") << "share/\xc0\xae"_ba << bad << none << none << none << false;
    QTest::newRow("symlink to a folder outside") << "share/link-out"_ba << forbidden << none << none << none << false;
    QTest::newRow("symlink to the secret") << "share/link-secret"_ba << forbidden << none << none << none << false;
    QTest::newRow("symlink to /") << "share/link-root/etc/passwd"_ba << forbidden << none << none << none << false;
    QTest::newRow("symlink to the parent") << "share/link-up/outside/secret.txt"_ba << forbidden << none << none
                                           << none << false;
    QTest::newRow("symlink to a sibling with a common prefix") << "share/link-sibling/sibling.txt"_ba << forbidden
                                                               << none << none << none << false;
    QTest::newRow("symlink back into the root via the parent") << "share/link-up/share/Music/a.flac"_ba << ok
                                                               << share << u"link-up/share/Music/a.flac"_s
                                                               << u"share/Music/a.flac"_s << false;
    QTest::newRow("symlink to a dotfile") << "share/link-hidden"_ba << notFound << none << none << none << false;
    QTest::newRow("hidden folder") << "share/.hiddendir/x.txt"_ba << notFound << none << none << none << false;
    QTest::newRow("hidden file in a subfolder") << "share/Music/.cover.jpg"_ba << notFound << none << none << none
                                                << false;
    QTest::newRow("encoded dotfile") << "share/%2ehidden"_ba << notFound << none << none << none << false;
    QTest::newRow("hidden then back out") << "share/.hiddendir/../Music/a.flac"_ba << ok << share
                                          << u"Music/a.flac"_s << u"share/Music/a.flac"_s << false;
    QTest::newRow("dangling symlink") << "share/dangling"_ba << notFound << none << none << none << false;
    QTest::newRow("FIFO") << "share/fifo"_ba << forbidden << none << none << none << false;
    QTest::newRow("missing file") << "share/missing.txt"_ba << notFound << none << none << none << false;
    QTest::newRow("missing root") << "nosuchroot/x"_ba << notFound << none << none << none << false;
    QTest::newRow("root name with another case") << "Share/Music/a.flac"_ba << notFound << none << none << none
                                                 << false;
    QTest::newRow("file used as a folder") << "share/Music/a.flac/x"_ba << notFound << none << none << none
                                           << false;
}

void TestShareRoots::checkInsideRoots(const ShareRoots &roots, const ShareRoots::Resolved &r, QByteArrayView path)
{
    if (r.status != Status::Ok)
        return;
    if (r.isTopLevel) {
        QVERIFY(r.absolutePath.isEmpty());
        return;
    }
    const QString root = roots.rootPath(r.rootName);
    QVERIFY2(!root.isEmpty(), path.toByteArray().constData());
    QVERIFY2(r.absolutePath == root || r.absolutePath.startsWith(root + u'/'),
             qPrintable(r.absolutePath + u" from "_s + QString::fromUtf8(path)));
    QVERIFY(!r.absolutePath.startsWith(m_base + u"/outside"_s));
    QVERIFY(!r.absolutePath.startsWith(m_base + u"/sharedsibling"_s));
    QCOMPARE(QFileInfo(r.absolutePath).canonicalFilePath(), r.absolutePath);
}

void TestShareRoots::resolve()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, status);
    QFETCH(QString, rootName);
    QFETCH(QString, relativePath);
    QFETCH(QString, target);
    QFETCH(bool, isDirectory);

    const ShareRoots::Resolved r = m_roots.resolve(path);
    QCOMPARE(statusName(r.status), status);
    checkInsideRoots(m_roots, r, path);
    if (r.status != Status::Ok)
        return;
    QCOMPARE(r.isTopLevel, target.isEmpty());
    QCOMPARE(r.rootName, rootName);
    QCOMPARE(r.relativePath, relativePath);
    QCOMPARE(r.absolutePath, target.isEmpty() ? QString() : m_base + u'/' + target);
    QCOMPARE(r.isDirectory, isDirectory);
}

void TestShareRoots::resolveWithHiddenShown_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("status");

    QTest::newRow("dotfile") << "share/.hidden"_ba << "Ok"_ba;
    QTest::newRow("hidden folder") << "share/.hiddendir/x.txt"_ba << "Ok"_ba;
    QTest::newRow("symlink to a dotfile") << "share/link-hidden"_ba << "Ok"_ba;
    QTest::newRow("symlink outside is still refused") << "share/link-secret"_ba << "Forbidden"_ba;
    QTest::newRow("climbing is still refused") << "share/../../outside/secret.txt"_ba << "BadRequest"_ba;
    QTest::newRow("double-encoded dots do not exist") << "share/.%252e/outside"_ba << "NotFound"_ba;
}

void TestShareRoots::resolveWithHiddenShown()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, status);
    ShareRoots roots = m_roots; // a value: the shared fixture stays as it is
    roots.setShowHidden(true);
    QVERIFY(roots.showHidden());
    const ShareRoots::Resolved r = roots.resolve(path);
    QCOMPARE(statusName(r.status), status);
    checkInsideRoots(roots, r, path);
    QVERIFY(!m_roots.showHidden());
}

// Every sequence of up to four hostile segments, with hidden files shown so the
// dot tricks are not stopped early by the dotfile rule: whatever resolves must
// be inside a root, and the secret is never reached.
void TestShareRoots::nothingEverLeavesTheRoots()
{
    const QList<QByteArray> vocabulary = {
        "share"_ba, "share%20(2)"_ba, ".."_ba, "%2e%2e"_ba, ".%2e"_ba, "%2E."_ba, "."_ba, ""_ba,
        "link-out"_ba, "link-up"_ba, "link-root"_ba, "link-secret"_ba, "outside"_ba, "secret.txt"_ba,
        "%2e%2e%2f"_ba, "..%2f.."_ba, "Music"_ba, "link-self"_ba, "etc"_ba,
    };
    ShareRoots roots = m_roots;
    roots.setShowHidden(true);
    int resolved = 0;
    int total = 0;
    const qsizetype n = vocabulary.size();
    for (qsizetype a = 0; a < n; ++a)
        for (qsizetype b = 0; b < n; ++b)
            for (qsizetype c = 0; c < n; ++c)
                for (qsizetype d = 0; d < n; ++d) {
                    const QByteArray path = vocabulary[a] + '/' + vocabulary[b] + '/' + vocabulary[c] + '/'
                        + vocabulary[d];
                    const ShareRoots::Resolved r = roots.resolve(path);
                    ++total;
                    if (r.status != Status::Ok)
                        continue;
                    ++resolved;
                    checkInsideRoots(roots, r, path);
                    if (QTest::currentTestFailed())
                        return;
                }
    QCOMPARE(total, int(n * n * n * n));
    QVERIFY(resolved > 0); // the walk reaches real files, so the check above is not vacuous
}

void TestShareRoots::listings()
{
    const ShareRoots::Resolved share = m_roots.resolve("share");
    QCOMPARE(share.status, Status::Ok);
    QStringList names;
    for (const QFileInfo &entry : m_roots.listEntries(share))
        names.append(entry.fileName());
    // Folders first, then by name; not: dotfiles, links out of the root or to
    // a dotfile, the dangling link, the FIFO.
    QCOMPARE(names, QStringList({u"Music"_s, u"a?b.txt"_s, u"link-in"_s, u"percent%.txt"_s,
                                 u"with space.txt"_s}));

    QStringList music;
    for (const QFileInfo &entry : m_roots.listEntries(m_roots.resolve("share/Music")))
        music.append(entry.fileName());
    QCOMPARE(music, QStringList({u"link-self"_s, u"a.flac"_s, u"中文.mp3"_s}));

    // isListable agrees with resolve for every entry in the folder.
    const QFileInfoList all = QDir(m_base + u"/share"_s)
        .entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    QVERIFY(all.size() >= 15);
    for (const QFileInfo &entry : all) {
        const bool resolvable = m_roots.resolve(QByteArray("share/" + QUrl::toPercentEncoding(entry.fileName())))
                                    .status == Status::Ok;
        QVERIFY2(m_roots.isListable(entry) == resolvable, qPrintable(entry.fileName()));
    }
    QVERIFY(!m_roots.isListable(QFileInfo(m_base + u"/outside/secret.txt"_s)));
    QVERIFY(!m_roots.isListable(QFileInfo(m_base + u"/sharedsibling/sibling.txt"_s)));
    QVERIFY(m_roots.listEntries(m_roots.resolve(QByteArray())).isEmpty()); // roots come from rootNames()
    QVERIFY(m_roots.listEntries(m_roots.resolve("share/Music/a.flac")).isEmpty());
    QVERIFY(m_roots.listEntries(m_roots.resolve("share/link-out")).isEmpty());
}

void TestShareRoots::listingsWithHiddenShown()
{
    ShareRoots roots = m_roots;
    roots.setShowHidden(true);
    QStringList names;
    for (const QFileInfo &entry : roots.listEntries(roots.resolve("share")))
        names.append(entry.fileName());
    QCOMPARE(names, QStringList({u".hiddendir"_s, u"Music"_s, u".hidden"_s, u"a?b.txt"_s, u"link-hidden"_s,
                                 u"link-in"_s, u"percent%.txt"_s, u"with space.txt"_s}));
}


namespace {
QByteArray readAll(int fd)
{
    QByteArray out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            return out;
        out.append(buffer, n);
    }
}
} // namespace

void TestShareRoots::openFileReadsWhatWasChecked()
{
    Status status = Status::NotFound;
    const ShareRoots::Resolved plain = m_roots.resolve("share/Music/a.flac");
    QCOMPARE(plain.status, Status::Ok);
    const int fd = m_roots.openFile(plain, &status);
    QVERIFY(fd >= 0);
    QCOMPARE(status, Status::Ok);
    QCOMPARE(readAll(fd), "data"_ba);
    ::close(fd);
    // A symlink inside the root resolves to its canonical target, which opens.
    const ShareRoots::Resolved link = m_roots.resolve("share/link-in");
    QCOMPARE(link.status, Status::Ok);
    const int linked = m_roots.openFile(link, &status);
    QVERIFY(linked >= 0);
    ::close(linked);
    // Folders are not files.
    QCOMPARE(m_roots.openFile(m_roots.resolve("share/Music"), &status), -1);
}

// What resolve() checked is swapped before the open: a file or a folder on
// its way for a symlink leading out, a file for a FIFO (a plain open would
// wait for a writer forever). The open fails; no byte from outside, no hang.
void TestShareRoots::openFileRefusesSwaps_data()
{
    QTest::addColumn<QString>("checked");  // shared path resolved while harmless
    QTest::addColumn<QString>("swap");     // "file-link", "dir-link" or "fifo"
    QTest::newRow("file swapped for a symlink out") << u"race/file.txt"_s << u"file-link"_s;
    QTest::newRow("folder swapped for a symlink out") << u"race/dir/file.txt"_s << u"dir-link"_s;
    QTest::newRow("file swapped for a FIFO") << u"race/file.txt"_s << u"fifo"_s;
}

void TestShareRoots::openFileRefusesSwaps()
{
    QFETCH(QString, checked);
    QFETCH(QString, swap);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString base = QFileInfo(tmp.path()).canonicalFilePath();
    QVERIFY(QDir().mkpath(base + u"/race/dir"_s));
    QVERIFY(QDir().mkpath(base + u"/secret/dir"_s));
    for (const QString &name : {u"/race/file.txt"_s, u"/race/dir/file.txt"_s}) {
        QFile f(base + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("harmless");
    }
    for (const QString &name : {u"/secret/file.txt"_s, u"/secret/dir/file.txt"_s}) {
        QFile f(base + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("TOP SECRET");
    }
    ShareRoots roots;
    QString error;
    QVERIFY2(roots.addRoot(base + u"/race"_s, &error), qPrintable(error));
    const ShareRoots::Resolved resolved = roots.resolve(QUrl::toPercentEncoding(checked, "/"));
    QCOMPARE(resolved.status, Status::Ok);

    if (swap == u"file-link") {
        QVERIFY(QFile::remove(base + u"/race/file.txt"_s));
        QVERIFY(QFile::link(base + u"/secret/file.txt"_s, base + u"/race/file.txt"_s));
    } else if (swap == u"dir-link") {
        QVERIFY(QDir(base + u"/race/dir"_s).removeRecursively());
        QVERIFY(QFile::link(base + u"/secret/dir"_s, base + u"/race/dir"_s));
    } else {
        QVERIFY(QFile::remove(base + u"/race/file.txt"_s));
        QCOMPARE(::mkfifo(QFile::encodeName(base + u"/race/file.txt"_s).constData(), 0644), 0);
    }
    // The path as checked now leads to the secret (or the FIFO)...
    QCOMPARE(QFileInfo(resolved.absolutePath).exists(), true);
    // ...but what opens is what was checked, or nothing.
    Status status = Status::Ok;
    const int fd = roots.openFile(resolved, &status);
    if (fd >= 0) {
        const QByteArray bytes = readAll(fd);
        ::close(fd);
        QFAIL(qPrintable(u"opened, and read: "_s + QString::fromUtf8(bytes)));
    }
    QCOMPARE(status, Status::Forbidden);
}

// A shared Downloads folder with a download under way: its .part (zeros, as
// if complete) and its .part.ferry (full URLs, signed queries) do not exist
// for peers, also with hidden files shown; a .part with no control file
// beside it is somebody's ordinary file.
void TestShareRoots::unfinishedDownloadsAreNotShared()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString base = QFileInfo(tmp.path()).canonicalFilePath();
    QVERIFY(QDir().mkpath(base + u"/Downloads"_s));
    for (const QString &name : {u"movie.mkv.part"_s, u"movie.mkv.part.ferry"_s, u"notes.part"_s, u"done.iso"_s}) {
        QFile f(base + u"/Downloads/"_s + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    QVERIFY(QFile::link(base + u"/Downloads/movie.mkv.part"_s, base + u"/Downloads/alias.bin"_s));
    for (const bool showHidden : {false, true}) {
        ShareRoots roots;
        roots.setShowHidden(showHidden);
        QString error;
        QVERIFY2(roots.addRoot(base + u"/Downloads"_s, &error), qPrintable(error));
        QCOMPARE(roots.resolve("Downloads/movie.mkv.part.ferry").status, Status::NotFound);
        QCOMPARE(roots.resolve("Downloads/movie.mkv.part").status, Status::NotFound);
        QCOMPARE(roots.resolve("Downloads/alias.bin").status, Status::NotFound);
        QCOMPARE(roots.resolve("Downloads/notes.part").status, Status::Ok);
        QCOMPARE(roots.resolve("Downloads/done.iso").status, Status::Ok);
        QStringList names;
        for (const QFileInfo &entry : roots.listEntries(roots.resolve("Downloads")))
            names.append(entry.fileName());
        QCOMPARE(names, QStringList({u"done.iso"_s, u"notes.part"_s}));
    }
}

QTEST_APPLESS_MAIN(TestShareRoots)
#include "tst_shareroots.moc"
