// fileNameFromContentDisposition: RFC 6266 / RFC 8187 names as servers send them.
#include "core/ContentDisposition.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ferry::fileNameFromContentDisposition;

class TestContentDisposition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names_data();
    void names();
};

void TestContentDisposition::names_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");

    // Plain forms
    QTest::addRow("token") << "attachment; filename=report.pdf"_ba << u"report.pdf"_s;
    QTest::addRow("quoted") << "attachment; filename=\"annual report.pdf\""_ba << u"annual report.pdf"_s;
    QTest::addRow("inline") << "inline; filename=\"a.txt\""_ba << u"a.txt"_s;
    QTest::addRow("no type") << "filename=\"a.txt\""_ba << u"a.txt"_s;
    QTest::addRow("type upper case") << "ATTACHMENT; FILENAME=\"a.txt\""_ba << u"a.txt"_s;
    QTest::addRow("param name mixed case") << "attachment; FileName=a.txt"_ba << u"a.txt"_s;
    QTest::addRow("spaces around equals") << "attachment; filename = \"a.txt\""_ba << u"a.txt"_s;
    QTest::addRow("no space after semicolon") << "attachment;filename=a.txt"_ba << u"a.txt"_s;
    QTest::addRow("trailing semicolon") << "attachment; filename=a.txt;"_ba << u"a.txt"_s;
    QTest::addRow("other params first") << "attachment; size=42; creation-date=\"x; y\"; filename=a.txt"_ba << u"a.txt"_s;
    QTest::addRow("semicolon inside quotes") << "attachment; filename=\"a;b.txt\""_ba << u"a;b.txt"_s;
    QTest::addRow("escaped quote") << "attachment; filename=\"say \\\"hi\\\".txt\""_ba << u"say \"hi\".txt"_s;
    QTest::addRow("escaped backslash") << "attachment; filename=\"a\\\\b.txt\""_ba << u"a\\b.txt"_s;
    QTest::addRow("escaped ordinary char") << "attachment; filename=\"\\a.txt\""_ba << u"a.txt"_s;
    QTest::addRow("raw name is not sanitised") << "attachment; filename=\"../../etc/passwd\""_ba << u"../../etc/passwd"_s;
    QTest::addRow("raw utf-8 in filename") << "attachment; filename=\"\xe4\xb8\xad.txt\""_ba << u"\u4e2d.txt"_s;
    QTest::addRow("latin-1 in filename") << "attachment; filename=\"caf\xe9.txt\""_ba << u"caf\u00e9.txt"_s;
    QTest::addRow("percent kept in filename") << "attachment; filename=\"100%25.txt\""_ba << u"100%25.txt"_s;

    // Extended values
    QTest::addRow("utf-8 ext") << "attachment; filename*=UTF-8''%e4%b8%ad.txt"_ba << u"\u4e2d.txt"_s;
    QTest::addRow("ext preferred after") << "attachment; filename=\"fallback.txt\"; filename*=UTF-8''%e2%82%ac%20rates.txt"_ba
                                         << u"\u20ac rates.txt"_s;
    QTest::addRow("ext preferred before") << "attachment; filename*=UTF-8''%e2%82%ac.txt; filename=\"fallback.txt\""_ba
                                          << u"\u20ac.txt"_s;
    QTest::addRow("ext charset lower case") << "attachment; filename*=utf-8''a%20b.txt"_ba << u"a b.txt"_s;
    QTest::addRow("ext with language") << "attachment; filename*=UTF-8'en'a.txt"_ba << u"a.txt"_s;
    QTest::addRow("ext latin-1") << "attachment; filename*=ISO-8859-1''caf%E9.txt"_ba << u"caf\u00e9.txt"_s;
    QTest::addRow("ext name upper case") << "attachment; FILENAME*=UTF-8''a.txt"_ba << u"a.txt"_s;
    QTest::addRow("ext without type") << "filename*=UTF-8''a.txt"_ba << u"a.txt"_s;
    QTest::addRow("ext upper hex") << "attachment; filename*=UTF-8''%E4%B8%AD"_ba << u"\u4e2d"_s;

    // Bad extended values fall back to filename=
    QTest::addRow("ext invalid utf-8 falls back") << "attachment; filename*=UTF-8''%ff%fe.txt; filename=b.txt"_ba << u"b.txt"_s;
    QTest::addRow("ext unknown charset falls back") << "attachment; filename*=KOI8-R''%c1.txt; filename=b.txt"_ba << u"b.txt"_s;
    QTest::addRow("ext bad percent falls back") << "attachment; filename*=UTF-8''%zz.txt; filename=b.txt"_ba << u"b.txt"_s;
    QTest::addRow("ext truncated percent falls back") << "attachment; filename*=UTF-8''a%e; filename=b.txt"_ba << u"b.txt"_s;
    QTest::addRow("ext missing quotes falls back") << "attachment; filename*=UTF-8a.txt; filename=b.txt"_ba << u"b.txt"_s;
    QTest::addRow("ext raw space falls back") << "attachment; filename*=UTF-8''a b.txt; filename=b.txt"_ba << u"b.txt"_s;

    // Nothing usable
    QTest::addRow("empty") << QByteArray() << QString();
    QTest::addRow("type only") << "attachment"_ba << QString();
    QTest::addRow("inline only") << "inline"_ba << QString();
    QTest::addRow("other params only") << "attachment; size=10"_ba << QString();
    QTest::addRow("empty filename") << "attachment; filename="_ba << QString();
    QTest::addRow("empty quoted filename") << "attachment; filename=\"\""_ba << QString();
    QTest::addRow("unterminated quote") << "attachment; filename=\"a.txt"_ba << QString();
    QTest::addRow("only bad ext") << "attachment; filename*=UTF-8''%ff"_ba << QString();
    QTest::addRow("garbage") << ";;;==\"\""_ba << QString();
    QTest::addRow("filename as a type") << "filename"_ba << QString();
}

void TestContentDisposition::names()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    QCOMPARE(fileNameFromContentDisposition(value), expected);
}

QTEST_APPLESS_MAIN(TestContentDisposition)
#include "tst_contentdisposition.moc"
