// parseNetrc / findNetrcEntry: ~/.netrc as curl -n and wget read it, row by row.
#include "core/Netrc.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ferry::NetrcEntry;
using ferry::NetrcFile;

class TestNetrc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lookup_data();
    void lookup();
    void syntaxErrorUsesNothing();
    void keepsEveryEntry();
};

void TestNetrc::lookup_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("user");      // the login asked for, empty = any
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("password");

    const QByteArray two = "machine a.example login alice password pa\n"
                           "machine b.example login bob password pb\n"_ba;
    QTest::addRow("first machine") << two << u"a.example"_s << QString() << true << u"alice"_s << u"pa"_s;
    QTest::addRow("second machine") << two << u"b.example"_s << QString() << true << u"bob"_s << u"pb"_s;
    QTest::addRow("no such machine") << two << u"c.example"_s << QString() << false << QString() << QString();
    QTest::addRow("host case-insensitive") << two << u"A.Example"_s << QString() << true << u"alice"_s << u"pa"_s;
    QTest::addRow("trailing dot on host") << two << u"a.example."_s << QString() << true << u"alice"_s << u"pa"_s;
    QTest::addRow("no suffix match") << two << u"x.a.example"_s << QString() << false << QString() << QString();
    QTest::addRow("all on one line") << "machine a login u password p machine b login v password q"_ba
                                     << u"b"_s << QString() << true << u"v"_s << u"q"_s;
    QTest::addRow("one token per line") << "machine\na\nlogin\nu\npassword\np\n"_ba
                                        << u"a"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("tabs and CRLF") << "machine\ta\r\n\tlogin u\r\n\tpassword p\r\n"_ba
                                   << u"a"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("password before login") << "machine a password p login u"_ba
                                           << u"a"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("login only") << "machine a login u"_ba << u"a"_s << QString() << true << u"u"_s << QString();

    // default: any host, but a named machine wins wherever it stands.
    const QByteArray withDefault = "machine a login alice password pa\ndefault login anon password guest\n"_ba;
    QTest::addRow("default for others") << withDefault << u"z"_s << QString() << true << u"anon"_s << u"guest"_s;
    QTest::addRow("machine beats default") << withDefault << u"a"_s << QString() << true << u"alice"_s << u"pa"_s;
    QTest::addRow("machine after default still wins")
        << "default login anon password guest\nmachine a login alice password pa\n"_ba
        << u"a"_s << QString() << true << u"alice"_s << u"pa"_s;

    // A given user picks the entry with that login (curl: "user from the URL, password from .netrc").
    const QByteArray twoUsers = "machine h login alice password pa\nmachine h login bob password pb\n"_ba;
    QTest::addRow("first for host") << twoUsers << u"h"_s << QString() << true << u"alice"_s << u"pa"_s;
    QTest::addRow("by user") << twoUsers << u"h"_s << u"bob"_s << true << u"bob"_s << u"pb"_s;
    QTest::addRow("user not listed") << twoUsers << u"h"_s << u"carol"_s << false << QString() << QString();
    QTest::addRow("user case-sensitive") << twoUsers << u"h"_s << u"Bob"_s << false << QString() << QString();

    // Quoting (curl 7.84+)
    QTest::addRow("quoted password with space") << "machine h login u password \"two words\""_ba
                                                << u"h"_s << QString() << true << u"u"_s << u"two words"_s;
    QTest::addRow("escapes") << "machine h login u password \"a\\\"b\\\\c\\td\\ne\""_ba
                             << u"h"_s << QString() << true << u"u"_s << u"a\"b\\c\td\ne"_s;
    QTest::addRow("quoted hash is no comment") << "machine h login u password \"#secret\""_ba
                                               << u"h"_s << QString() << true << u"u"_s << u"#secret"_s;
    QTest::addRow("empty quoted password") << "machine h login u password \"\""_ba
                                           << u"h"_s << QString() << true << u"u"_s << QString();
    QTest::addRow("utf-8 password") << "machine h login u password \xe5\xaf\x86\xe7\xa0\x81"_ba
                                    << u"h"_s << QString() << true << u"u"_s << u"\u5bc6\u7801"_s;

    // Comments, account, macdef
    QTest::addRow("comment line") << "# machine h login evil password x\nmachine h login u password p\n"_ba
                                  << u"h"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("comment after tokens") << "machine h login u # password x\npassword p\n"_ba
                                          << u"h"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("account ignored") << "machine h login u account acct password p"_ba
                                     << u"h"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("macdef body skipped")
        << "macdef init\nmachine h login evil password x\ncd /pub\n\nmachine h login u password p\n"_ba
        << u"h"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("macdef ends at blank line with spaces")
        << "machine a login a password a\nmacdef m\nput x\n  \nmachine h login u password p\n"_ba
        << u"h"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("macdef to end of file")
        << "machine h login u password p\nmacdef m\nmachine h login evil password x\n"_ba
        << u"h"_s << u"evil"_s << false << QString() << QString();
    QTest::addRow("keywords before any machine ignored") << "login stray password x\nmachine h login u\n"_ba
                                                         << u"h"_s << QString() << true << u"u"_s << QString();
    QTest::addRow("unknown word skipped") << "machine h port 21 login u password p"_ba
                                          << u"h"_s << QString() << true << u"u"_s << u"p"_s;
    QTest::addRow("empty file") << QByteArray() << u"h"_s << QString() << false << QString() << QString();
    QTest::addRow("no final newline") << "machine h login u password p"_ba
                                      << u"h"_s << QString() << true << u"u"_s << u"p"_s;
}

void TestNetrc::lookup()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, host);
    QFETCH(QString, user);
    QFETCH(bool, found);
    QFETCH(QString, login);
    QFETCH(QString, password);

    const NetrcFile file = ferry::parseNetrc(text);
    QVERIFY2(file.ok, qPrintable(file.error));
    const auto entry = ferry::findNetrcEntry(file, host, user);
    QCOMPARE(entry.has_value(), found);
    if (found) {
        QCOMPARE(entry->login, login);
        QCOMPARE(entry->password, password);
    }
}

void TestNetrc::syntaxErrorUsesNothing()
{
    // curl refuses a file it cannot parse rather than guessing which half is right.
    const NetrcFile file = ferry::parseNetrc("machine a login u password p\nmachine h login u password \"open\n"_ba);
    QVERIFY(!file.ok);
    QCOMPARE(file.errorLine, 2);
    QVERIFY(!file.error.contains(u"open"_s)); // the secret is not echoed
    QVERIFY(!ferry::findNetrcEntry(file, u"a"_s).has_value());
}

void TestNetrc::keepsEveryEntry()
{
    const NetrcFile file = ferry::parseNetrc("machine a login u\ndefault password d\nmachine b\n"_ba);
    QCOMPARE(file.entries.size(), 3);
    QCOMPARE(file.entries[0].machine, u"a"_s);
    QVERIFY(file.entries[0].hasLogin && !file.entries[0].hasPassword);
    QVERIFY(file.entries[1].isDefault);
    QCOMPARE(file.entries[1].password, u"d"_s);
    QCOMPARE(file.entries[2].machine, u"b"_s);
    QVERIFY(!file.entries[2].hasLogin);
}

QTEST_APPLESS_MAIN(TestNetrc)
#include "tst_netrc.moc"
