// parseInputFile: aria2's input-file format, row by row (what `ferry get -i`
// reads). Each row is a file's bytes and what must come out: the entries in a
// compact form, and the lines that are errors.
#include "core/InputFile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ferry::InputEntry;
using ferry::parseInputFile;

namespace {

// "line:url[|out=…][|dir=…][|checksum=…][|header=…][|mirrors=N]" per entry.
QString describe(const InputEntry &e)
{
    QString text = u"%1:%2"_s.arg(e.line).arg(e.url);
    if (!e.out.isEmpty())
        text += u"|out="_s + e.out;
    if (!e.dir.isEmpty())
        text += u"|dir="_s + e.dir;
    if (!e.checksum.isEmpty())
        text += u"|checksum="_s + e.checksum;
    for (const auto &[line, header] : e.headers)
        text += u"|header@%1="_s.arg(line) + header;
    if (!e.mirrors.isEmpty())
        text += u"|mirrors="_s + e.mirrors.join(u',');
    return text;
}

} // namespace

class TestInputFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<QList<int>>("errorLines");

        const QList<int> none;
        QTest::addRow("empty") << QByteArray() << QStringList{} << none;
        QTest::addRow("only blanks and comments") << "\n   \n# a\n  # indented comment\n\t\n"_ba << QStringList{} << none;
        QTest::addRow("one URL, no newline") << "http://h/a"_ba << QStringList{u"1:http://h/a"_s} << none;
        QTest::addRow("three URLs") << "http://h/a\nhttp://h/b\nhttps://h/c\n"_ba
                                    << QStringList{u"1:http://h/a"_s, u"2:http://h/b"_s, u"3:https://h/c"_s} << none;
        QTest::addRow("CRLF and a BOM") << "\xEF\xBB\xBFhttp://h/a\r\n  out=x.bin\r\nhttp://h/b\r\n"_ba
                                        << QStringList{u"1:http://h/a|out=x.bin"_s, u"3:http://h/b"_s} << none;
        QTest::addRow("spaces around a URL") << "   \nhttp://h/a   \n"_ba << QStringList{u"2:http://h/a"_s} << none;
        QTest::addRow("options, space or tab indented")
            << "http://h/a\n  out=a.iso\n\tdir=/srv/iso\n  checksum=sha-256=ab\nhttp://h/b\n  dir=rel\n"_ba
            << QStringList{u"1:http://h/a|out=a.iso|dir=/srv/iso|checksum=sha-256=ab"_s, u"5:http://h/b|dir=rel"_s} << none;
        QTest::addRow("blank lines and comments between a URL and its options")
            << "http://h/a\n\n# why\n  out=a.bin\n"_ba << QStringList{u"1:http://h/a|out=a.bin"_s} << none;
        QTest::addRow("spaces around = and a value with =")
            << "http://h/a\n  out = a b.bin \n  header=X-A: b=c\n"_ba
            << QStringList{u"1:http://h/a|out=a b.bin|header@3=X-A: b=c"_s} << none;
        QTest::addRow("header repeats") << "http://h/a\n  header=A: 1\n  header=B: 2\n"_ba
                                        << QStringList{u"1:http://h/a|header@2=A: 1|header@3=B: 2"_s} << none;
        QTest::addRow("out in a subfolder") << "http://h/a\n  out=sub/a.bin\n"_ba << QStringList{u"1:http://h/a|out=sub/a.bin"_s}
                                            << none;
        QTest::addRow("mirrors on one line") << "http://h/a\thttp://m/a  http://n/a\n"_ba
                                             << QStringList{u"1:http://h/a|mirrors=http://m/a,http://n/a"_s} << none;
        QTest::addRow("a line that is not a URL is still an entry (it fails as a download)")
            << "not-a-url\n"_ba << QStringList{u"1:not-a-url"_s} << none;
        QTest::addRow("duplicates are kept (the caller decides)") << "http://h/a\nhttp://h/a\n"_ba
                                                                  << QStringList{u"1:http://h/a"_s, u"2:http://h/a"_s} << none;

        // Errors: every bad line is reported, the good entries are still parsed.
        QTest::addRow("option before any URL") << "  out=a\nhttp://h/a\n"_ba << QStringList{u"2:http://h/a"_s} << QList<int>{1};
        QTest::addRow("indented line without =") << "http://h/a\n  out\n"_ba << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("empty name") << "http://h/a\n  =x\n"_ba << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("empty value") << "http://h/a\n  out=\n"_ba << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("unknown option") << "http://h/a\n  split=4\n  out=a\n"_ba << QStringList{u"1:http://h/a|out=a"_s}
                                        << QList<int>{2};
        QTest::addRow("option names are case-sensitive, as aria2's") << "http://h/a\n  OUT=a\n"_ba
                                                                     << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("out twice") << "http://h/a\n  out=a\n  out=b\n"_ba << QStringList{u"1:http://h/a|out=a"_s} << QList<int>{3};
        QTest::addRow("dir twice") << "http://h/a\n  dir=a\n  dir=b\n"_ba << QStringList{u"1:http://h/a|dir=a"_s} << QList<int>{3};
        QTest::addRow("out absolute") << "http://h/a\n  out=/etc/passwd\n"_ba << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("out leaving the folder") << "http://h/a\n  out=../../.bashrc\n  \n"_ba << QStringList{u"1:http://h/a"_s}
                                                << QList<int>{2};
        QTest::addRow("out with .. inside") << "http://h/a\n  out=a/../../b\n"_ba << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("out naming a folder") << "http://h/a\n  out=sub/\n"_ba << QStringList{u"1:http://h/a"_s} << QList<int>{2};
        QTest::addRow("a dotted name is fine") << "http://h/a\n  out=..a\n"_ba << QStringList{u"1:http://h/a|out=..a"_s} << none;
        QTest::addRow("not UTF-8") << "http://h/\xff\xfe\nhttp://h/b\n"_ba << QStringList{u"2:http://h/b"_s} << QList<int>{1};
        QTest::addRow("a NUL byte") << "http://h/a\0b\nhttp://h/c\n"_ba << QStringList{u"2:http://h/c"_s} << QList<int>{1};
        QTest::addRow("several errors, each reported")
            << "  out=x\nhttp://h/a\n  bogus=1\n  out=../x\nhttp://h/b\n  out\n"_ba
            << QStringList{u"2:http://h/a"_s, u"5:http://h/b"_s} << QList<int>{1, 3, 4, 6};
    }

    void parse()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, entries);
        QFETCH(QList<int>, errorLines);
        const ferry::InputFileResult result = parseInputFile(input);
        QStringList got;
        for (const InputEntry &e : result.entries)
            got << describe(e);
        QCOMPARE(got, entries);
        QList<int> lines;
        for (const auto &error : result.errors) {
            lines << error.line;
            QVERIFY2(!error.message.isEmpty(), "an error without a message");
        }
        QCOMPARE(lines, errorLines);
    }

    // A large list: 50 000 entries, each with its option, in order.
    void manyEntries()
    {
        QByteArray input;
        for (int i = 0; i < 50000; ++i)
            input += "http://h/f" + QByteArray::number(i) + ".bin\n  out=f" + QByteArray::number(i) + "\n";
        const ferry::InputFileResult result = parseInputFile(input);
        QCOMPARE(result.entries.size(), 50000);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.entries.last().out, u"f49999"_s);
        QCOMPARE(result.entries.last().line, 99999);
    }
};

QTEST_APPLESS_MAIN(TestInputFile)
#include "tst_inputfile.moc"
