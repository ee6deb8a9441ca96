// fileNameFromUrl, sanitizeFileName, uniqueFileName: naming a download safely.
#include "core/FileNames.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;

class TestFileNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromUrl_data();
    void fromUrl();
    void sanitize_data();
    void sanitize();
    void sanitizeCapsAtMaxDownloadName_data();
    void sanitizeCapsAtMaxDownloadName();
    void sanitizeIsIdempotent_data();
    void sanitizeIsIdempotent();
    void unique_data();
    void unique();
    void uniqueStaysWithinNameMax();
    void extension_data();
    void extension();
};

void TestFileNames::fromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << u"http://example.com/files/report.pdf"_s << u"report.pdf"_s;
    QTest::addRow("query ignored") << u"http://example.com/get/file.zip?token=abc&name=x.exe"_s << u"file.zip"_s;
    QTest::addRow("fragment ignored") << u"http://example.com/a.txt#frag"_s << u"a.txt"_s;
    QTest::addRow("trailing slash") << u"http://example.com/dir/sub/"_s << u"sub"_s;
    QTest::addRow("double slashes") << u"http://example.com/dir//file.bin//"_s << u"file.bin"_s;
    QTest::addRow("percent space") << u"http://example.com/my%20file.txt"_s << u"my file.txt"_s;
    QTest::addRow("percent utf-8") << u"http://example.com/%E4%B8%AD%E6%96%87.txt"_s << u"\u4e2d\u6587.txt"_s;
    QTest::addRow("decoded once only") << u"http://example.com/a%2520b"_s << u"a%20b"_s;
    QTest::addRow("encoded slash stays in the segment") << u"http://example.com/a%2Fb.txt"_s << u"a/b.txt"_s;
    QTest::addRow("no path uses host") << u"http://example.com"_s << u"example.com"_s;
    QTest::addRow("root path uses host") << u"http://example.com/"_s << u"example.com"_s;
    QTest::addRow("only query uses host") << u"http://example.com/?file=a.txt"_s << u"example.com"_s;
    QTest::addRow("no host no path") << u"file:///"_s << u"download"_s;
}

void TestFileNames::fromUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(fileNameFromUrl(QUrl(url)), expected);
}

void TestFileNames::sanitize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << u"report.pdf"_s << u"report.pdf"_s;
    QTest::addRow("unicode kept") << u"\u4e2d\u6587 r\u00e9sum\u00e9.txt"_s << u"\u4e2d\u6587 r\u00e9sum\u00e9.txt"_s;
    QTest::addRow("emoji kept") << u"\U0001F600.png"_s << u"\U0001F600.png"_s;
    QTest::addRow("slash") << u"a/b.txt"_s << u"a_b.txt"_s;
    QTest::addRow("backslash") << u"a\\b.txt"_s << u"a_b.txt"_s;
    QTest::addRow("traversal") << u"../../etc/passwd"_s << u"_.._etc_passwd"_s;
    QTest::addRow("nul") << QString(u"a"_s + QChar(0) + u"b"_s) << u"a_b"_s;
    QTest::addRow("newline and tab") << u"a\nb\tc"_s << u"a_b_c"_s;
    QTest::addRow("delete char") << u"a\x7f"_s << u"a_"_s;
    QTest::addRow("c1 control") << u"a\u0085b"_s << u"a_b"_s;
    QTest::addRow("lone surrogate") << QString(u"a"_s + QChar(0xd800) + u"b"_s) << u"a_b"_s;
    QTest::addRow("leading dots") << u"...hidden"_s << u"hidden"_s;
    QTest::addRow("leading dot file") << u".bashrc"_s << u"bashrc"_s;
    QTest::addRow("leading spaces") << u"   a.txt"_s << u"a.txt"_s;
    QTest::addRow("leading mixed") << u" . .a.txt"_s << u"a.txt"_s;
    QTest::addRow("trailing dots and spaces") << u"a.txt. . "_s << u"a.txt"_s;
    QTest::addRow("inner dots and spaces kept") << u"a . b..c"_s << u"a . b..c"_s;
    QTest::addRow("dot") << u"."_s << u"download"_s;
    QTest::addRow("dot dot") << u".."_s << u"download"_s;
    QTest::addRow("only dots and spaces") << u" ... "_s << u"download"_s;
    QTest::addRow("empty") << QString() << u"download"_s;
    QTest::addRow("only a slash") << u"/"_s << u"_"_s;
}

void TestFileNames::sanitize()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(sanitizeFileName(name), expected);
}

void TestFileNames::sanitizeCapsAtMaxDownloadName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedSuffix");

    QTest::addRow("ascii with extension") << QString(300, u'a') + u".txt"_s << u"aaa.txt"_s;
    QTest::addRow("ascii without extension") << QString(300, u'b') << u"bbb"_s;
    QTest::addRow("double extension") << QString(300, u'c') + u".tar.gz"_s << u"ccc.tar.gz"_s;
    QTest::addRow("3-byte characters") << QString(100, QChar(0x4e2d)) + u".txt"_s << u"\u4e2d.txt"_s;
    QTest::addRow("4-byte characters") << QString(u"\U0001F600"_s).repeated(80) + u".png"_s << u"\U0001F600.png"_s;
    QTest::addRow("2-byte characters odd room") << u"x"_s + QString(200, QChar(0xe9)) << u"\u00e9"_s;
    QTest::addRow("long extension is not kept") << u"a"_s + u"."_s + QString(300, u'e') << u"eee"_s;
}

void TestFileNames::sanitizeCapsAtMaxDownloadName()
{
    QFETCH(QString, name);
    QFETCH(QString, expectedSuffix);
    const QString result = sanitizeFileName(name);
    const QByteArray utf8 = result.toUtf8();
    QVERIFY2(utf8.size() <= MaxDownloadNameBytes, qPrintable(QString::number(utf8.size())));
    QVERIFY2(utf8.size() > MaxDownloadNameBytes - 4, qPrintable(QString::number(utf8.size()))); // not cut more than a character needs
    QVERIFY(result.endsWith(expectedSuffix));
    QVERIFY(name.startsWith(result.first(result.size() - expectedSuffix.size())));
    QCOMPARE(QString::fromUtf8(utf8), result); // no character cut in half
}

void TestFileNames::sanitizeIsIdempotent_data()
{
    sanitize_data();
}

void TestFileNames::sanitizeIsIdempotent()
{
    QFETCH(QString, name);
    const QString once = sanitizeFileName(name);
    QCOMPARE(sanitizeFileName(once), once);
}

void TestFileNames::unique_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<QString>("expected");

    QTest::addRow("free") << u"a.txt"_s << QStringList{u"b.txt"_s} << u"a.txt"_s;
    QTest::addRow("first copy") << u"a.txt"_s << QStringList{u"a.txt"_s} << u"a (1).txt"_s;
    QTest::addRow("third copy") << u"a.txt"_s << QStringList{u"a.txt"_s, u"a (1).txt"_s, u"a (2).txt"_s}
                                << u"a (3).txt"_s;
    QTest::addRow("gap is reused") << u"a.txt"_s << QStringList{u"a.txt"_s, u"a (2).txt"_s} << u"a (1).txt"_s;
    QTest::addRow("no extension") << u"README"_s << QStringList{u"README"_s} << u"README (1)"_s;
    QTest::addRow("tar.gz") << u"a.tar.gz"_s << QStringList{u"a.tar.gz"_s} << u"a (1).tar.gz"_s;
    QTest::addRow("tar.xz") << u"linux-6.1.tar.xz"_s << QStringList{u"linux-6.1.tar.xz"_s} << u"linux-6.1 (1).tar.xz"_s;
    QTest::addRow("TAR.BZ2") << u"A.TAR.BZ2"_s << QStringList{u"A.TAR.BZ2"_s} << u"A (1).TAR.BZ2"_s;
    QTest::addRow("dots in version") << u"app-1.2.3.AppImage"_s << QStringList{u"app-1.2.3.AppImage"_s}
                                     << u"app-1.2.3 (1).AppImage"_s;
    QTest::addRow("not a double extension") << u"a.gz"_s << QStringList{u"a.gz"_s} << u"a (1).gz"_s;
}

void TestFileNames::unique()
{
    QFETCH(QString, name);
    QFETCH(QStringList, taken);
    QFETCH(QString, expected);
    const QSet<QString> set(taken.cbegin(), taken.cend());
    QCOMPARE(uniqueFileName(name, [&set](const QString &n) { return set.contains(n); }), expected);
}

void TestFileNames::uniqueStaysWithinNameMax()
{
    const QString name = sanitizeFileName(QString(400, QChar(0x4e2d)) + u".tar.gz"_s);
    QSet<QString> taken{name};
    QString last;
    for (int i = 1; i <= 12; ++i) {
        last = uniqueFileName(name, [&taken](const QString &n) { return taken.contains(n); });
        QVERIFY(!taken.contains(last));
        QVERIFY2(last.toUtf8().size() <= MaxDownloadNameBytes, qPrintable(QString::number(last.toUtf8().size())));
        QVERIFY(last.endsWith(u" (%1).tar.gz"_s.arg(i)));
        taken.insert(last);
    }
}

void TestFileNames::extension_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::addRow("simple") << u"a.txt"_s << u".txt"_s;
    QTest::addRow("none") << u"Makefile"_s << QString();
    QTest::addRow("dot file") << u".profile"_s << QString();
    QTest::addRow("trailing dot") << u"a."_s << QString();
    QTest::addRow("tar.gz") << u"a.tar.gz"_s << u".tar.gz"_s;
    QTest::addRow("tar alone") << u"a.tar"_s << u".tar"_s;
    QTest::addRow("only .tar.gz") << u".tar.gz"_s << u".gz"_s;
    QTest::addRow("space in suffix") << u"Mr. Smith"_s << QString();
    QTest::addRow("too long") << u"a.verylongextensionname"_s << QString();
}

void TestFileNames::extension()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(fileNameExtension(name), expected);
}

QTEST_APPLESS_MAIN(TestFileNames)
#include "tst_filenames.moc"
