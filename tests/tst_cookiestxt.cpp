// parseCookiesTxt / formatCookiesTxt: Netscape cookies.txt as curl, wget and
// aria2 read it (and browser export add-ons write it), and the round trip
// through a QNetworkCookieJar that decides which URL gets which cookie.
#include "core/CookiesTxt.h"

#include <QNetworkCookieJar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::CookiesTxt;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

// A jar that exposes what it would send: QNetworkCookieJar applies the
// domain, path, secure and expiry rules the parser's output must fit.
class Jar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::allCookies;
    using QNetworkCookieJar::setAllCookies;
};

QByteArray cookieHeader(const QList<QNetworkCookie> &cookies, const QUrl &url)
{
    Jar jar;
    jar.setAllCookies(cookies);
    QList<QByteArray> parts;
    for (const QNetworkCookie &c : jar.cookiesForUrl(url))
        parts.append(c.name() + '=' + c.value());
    return parts.join("; ");
}

} // namespace

class TestCookiesTxt final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lines_data();
    void lines();
    void whichUrlGetsWhat_data();
    void whichUrlGetsWhat();
    void roundTrip();
    void loadFile();
};

void TestCookiesTxt::lines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("cookies");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("expired");
    QTest::addColumn<QString>("domain");   // of the first cookie
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("httpOnly");
    QTest::addColumn<bool>("secure");
    QTest::addColumn<bool>("session");

    QTest::addRow("subdomain flag") << ".example.com\tTRUE\t/\tFALSE\t0\tsid\tabc"_ba
                                    << 1 << 0 << 0 << u".example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("subdomain flag without dot") << "example.com\tTRUE\t/\tFALSE\t0\tsid\tabc"_ba
                                                << 1 << 0 << 0 << u".example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("host only") << "example.com\tFALSE\t/\tFALSE\t0\tsid\tabc"_ba
                               << 1 << 0 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("host only written with a dot") << ".example.com\tFALSE\t/\tFALSE\t0\tsid\tabc"_ba
                                                  << 1 << 0 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("HttpOnly prefix") << "#HttpOnly_.example.com\tTRUE\t/\tTRUE\t1900000000\tsid\tabc"_ba
                                     << 1 << 0 << 0 << u".example.com"_s << "sid"_ba << "abc"_ba << true << true << false;
    QTest::addRow("flags any case") << "example.com\tfalse\t/\ttrue\t0\tsid\tabc"_ba
                                    << 1 << 0 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << true << true;
    QTest::addRow("CRLF") << "example.com\tFALSE\t/\tFALSE\t0\tsid\tabc\r\n"_ba
                          << 1 << 0 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("missing value") << "example.com\tFALSE\t/\tFALSE\t0\tflag"_ba
                                   << 1 << 0 << 0 << u"example.com"_s << "flag"_ba << QByteArray() << false << false << true;
    QTest::addRow("empty value") << "example.com\tFALSE\t/\tFALSE\t0\tflag\t"_ba
                                 << 1 << 0 << 0 << u"example.com"_s << "flag"_ba << QByteArray() << false << false << true;
    QTest::addRow("tab inside value kept") << "example.com\tFALSE\t/\tFALSE\t0\tk\ta\tb"_ba
                                           << 1 << 0 << 0 << u"example.com"_s << "k"_ba << "a\tb"_ba << false << false << true;
    QTest::addRow("value with = and ;") << "example.com\tFALSE\t/\tFALSE\t0\tk\ta=b;c"_ba
                                        << 1 << 0 << 0 << u"example.com"_s << "k"_ba << "a=b;c"_ba << false << false << true;
    QTest::addRow("comments and blanks") << "# Netscape HTTP Cookie File\n\n   \n# x\tTRUE\n"
                                            "example.com\tFALSE\t/\tFALSE\t0\tsid\tabc\n"_ba
                                         << 1 << 0 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("leading blanks") << "  example.com\tFALSE\t/\tFALSE\t0\tsid\tabc"_ba
                                    << 1 << 0 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
    QTest::addRow("expired dropped") << "example.com\tFALSE\t/\tFALSE\t1000\told\tx\n"
                                        "example.com\tFALSE\t/\tFALSE\t1900000000\tsid\tabc\n"_ba
                                     << 1 << 0 << 1 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << false;
    QTest::addRow("expires exactly now is expired") << "example.com\tFALSE\t/\tFALSE\t1800000000\told\tx"_ba
                                                    << 0 << 0 << 1 << QString() << QByteArray() << QByteArray() << false << false << false;
    // Lines that would put a cookie in the wrong place are skipped, not guessed.
    QTest::addRow("too few fields") << "example.com\tFALSE\t/\tFALSE\t0"_ba
                                    << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("spaces instead of tabs") << "example.com FALSE / FALSE 0 sid abc"_ba
                                            << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("bad flag") << "example.com\tYES\t/\tFALSE\t0\tsid\tabc"_ba
                              << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("bad secure") << "example.com\tTRUE\t/\t1\t0\tsid\tabc"_ba
                                << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("bad expiry") << "example.com\tTRUE\t/\tFALSE\tsoon\tsid\tabc"_ba
                                << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("negative expiry") << "example.com\tTRUE\t/\tFALSE\t-5\tsid\tabc"_ba
                                     << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("empty domain") << "\tTRUE\t/\tFALSE\t0\tsid\tabc"_ba
                                  << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("empty name") << "example.com\tTRUE\t/\tFALSE\t0\t\tabc"_ba
                                << 0 << 1 << 0 << QString() << QByteArray() << QByteArray() << false << false << false;
    QTest::addRow("good after bad") << "garbage\nexample.com\tFALSE\t/\tFALSE\t0\tsid\tabc"_ba
                                    << 1 << 1 << 0 << u"example.com"_s << "sid"_ba << "abc"_ba << false << false << true;
}

void TestCookiesTxt::lines()
{
    QFETCH(QByteArray, text);
    QFETCH(int, cookies);
    QFETCH(int, skipped);
    QFETCH(int, expired);

    const CookiesTxt parsed = ferry::parseCookiesTxt(text, kNow);
    QCOMPARE(parsed.cookies.size(), cookies);
    QCOMPARE(parsed.skippedLines, skipped);
    QCOMPARE(parsed.expiredCookies, expired);
    if (cookies == 0)
        return;
    QFETCH(QString, domain);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, httpOnly);
    QFETCH(bool, secure);
    QFETCH(bool, session);
    const QNetworkCookie &c = parsed.cookies.first();
    QCOMPARE(c.domain(), domain);
    QCOMPARE(c.name(), name);
    QCOMPARE(c.value(), value);
    QCOMPARE(c.isHttpOnly(), httpOnly);
    QCOMPARE(c.isSecure(), secure);
    QCOMPARE(c.isSessionCookie(), session);
    QCOMPARE(c.path(), u"/"_s);
}

void TestCookiesTxt::whichUrlGetsWhat_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("sent");

    QTest::addRow("host itself") << u"http://example.com/a"_s << "all=1; host=1"_ba;
    QTest::addRow("subdomain: only TRUE") << u"http://www.example.com/a"_s << "all=1"_ba;
    QTest::addRow("path prefix") << u"http://example.com/files/x.bin"_s << "files=1; all=1; host=1"_ba;
    QTest::addRow("path is no string prefix") << u"http://example.com/filesystem"_s << "all=1; host=1"_ba;
    QTest::addRow("secure only on https") << u"https://example.com/"_s << "all=1; host=1; sec=1"_ba;
    QTest::addRow("other host") << u"http://example.org/"_s << QByteArray();
    QTest::addRow("loopback address") << u"http://127.0.0.1:8080/"_s << "ip=1"_ba;
}

void TestCookiesTxt::whichUrlGetsWhat()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, sent);
    const CookiesTxt parsed = ferry::parseCookiesTxt(".example.com\tTRUE\t/\tFALSE\t0\tall\t1\n"
                                                     "example.com\tFALSE\t/\tFALSE\t0\thost\t1\n"
                                                     "example.com\tFALSE\t/files\tFALSE\t0\tfiles\t1\n"
                                                     "example.com\tFALSE\t/\tTRUE\t0\tsec\t1\n"
                                                     "127.0.0.1\tFALSE\t/\tFALSE\t0\tip\t1\n"_ba,
                                                     kNow);
    QCOMPARE(parsed.cookies.size(), 5);
    QCOMPARE(cookieHeader(parsed.cookies, QUrl(url)), sent);
}

void TestCookiesTxt::roundTrip()
{
    const QByteArray text = ".example.com\tTRUE\t/\tFALSE\t0\tall\t1\n"
                            "#HttpOnly_example.com\tFALSE\t/dl\tTRUE\t1900000000\tsid\ta b=c\n"_ba;
    const CookiesTxt first = ferry::parseCookiesTxt(text, kNow);
    QCOMPARE(first.cookies.size(), 2);
    const QByteArray written = ferry::formatCookiesTxt(first.cookies);
    QVERIFY(written.startsWith("# Netscape HTTP Cookie File\n"));
    QVERIFY(written.contains("#HttpOnly_example.com\tFALSE\t/dl\tTRUE\t1900000000\tsid\ta b=c\n"));
    const CookiesTxt second = ferry::parseCookiesTxt(written, kNow);
    QCOMPARE(second.skippedLines, 0);
    QCOMPARE(second.cookies, first.cookies);

    // A field that would split into two cookies when read back is not written.
    QNetworkCookie evil("x"_ba, "1\nexample.com\tTRUE\t/\tFALSE\t0\tinjected\t1"_ba);
    evil.setDomain(u"example.com"_s);
    const CookiesTxt third = ferry::parseCookiesTxt(ferry::formatCookiesTxt({evil}), kNow);
    QVERIFY(third.cookies.isEmpty());
}

void TestCookiesTxt::loadFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CookiesTxt result;
    QString error;
    QVERIFY(!ferry::loadCookiesTxtFile(dir.filePath(u"missing.txt"_s), &result, &error));
    QVERIFY2(error.contains(u"missing.txt"_s), qPrintable(error));

    QFile big(dir.filePath(u"big.txt"_s));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(ferry::kMaxCookiesTxtBytes + 1));
    big.close();
    QVERIFY(!ferry::loadCookiesTxtFile(big.fileName(), &result, &error));
    QVERIFY2(error.contains(u"larger"_s), qPrintable(error));

    QFile good(dir.filePath(u"good.txt"_s));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write("example.com\tFALSE\t/\tFALSE\t0\tsid\tabc\n");
    good.close();
    QVERIFY(ferry::loadCookiesTxtFile(good.fileName(), &result, &error));
    QCOMPARE(result.cookies.size(), 1);
}

QTEST_APPLESS_MAIN(TestCookiesTxt)
#include "tst_cookiestxt.moc"
