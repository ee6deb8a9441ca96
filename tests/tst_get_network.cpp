// `ferry get` through real proxies and against servers that want a login, a
// cookie, a Referer or a User-Agent: squid (open and with a login), danted
// (SOCKS5 open and with a login), no_proxy, nginx auth_basic, Digest (RFC
// 7616) on MisbehavingServer, ~/.netrc, cookies.txt, a redirect that sets the
// cookie the next hop needs. The proxies' and nginx's own logs prove where
// each request went and what it carried.
#include "tests/support/AccessRule.h"
#include "tests/support/CommandRun.h"
#include "tests/support/DanteProxy.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/MisbehavingServer.h"
#include "tests/support/NginxServer.h"
#include "tests/support/SquidProxy.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry::test;

namespace {

constexpr int kRunTimeoutMs = 60000;

} // namespace

class TestGetNetwork final : public QObject
{
    Q_OBJECT

private:
    // ferry get -q -o <fresh dir> ARGS, with the proxy variables cleared
    // (plus `env`), HOME in the temporary directory (no ~/.netrc unless a
    // test writes one).
    CommandResult get(const QStringList &arguments, const QStringList &env = {})
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"http_proxy"_s, u"https_proxy"_s, u"HTTPS_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s,
                                    u"no_proxy"_s, u"NO_PROXY"_s, u"HTTP_PROXY"_s, u"NETRC"_s})
            e.remove(name);
        e.insert(u"HOME"_s, m_home);
        for (const QString &v : env)
            e.insert(v.section(u'=', 0, 0), v.section(u'=', 1));
        QDir(m_out).removeRecursively();
        QDir().mkpath(m_out);
        return runCommand(ferryBinary(), QStringList{u"get"_s, u"-q"_s, u"-o"_s, m_out} + arguments,
                          kRunTimeoutMs, QString(), e);
    }
    QByteArray saved(const QString &name) const { return readTestFile(m_out + u'/' + name); }

    // One line on stderr, naming `what`, never `secret`.
    static void verifyOneLine(const CommandResult &r, const QString &what, const QString &secret = QString())
    {
        QCOMPARE(r.exitCode, 1);
        const auto lines = r.errLines();
        QVERIFY2(lines.size() == 1, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(lines.first()).contains(what), qPrintable(r.describe()));
        if (!secret.isEmpty())
            QVERIFY2(!r.err.contains(secret.toUtf8()) && !r.out.contains(secret.toUtf8()), qPrintable(r.describe()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(u"home"_s);
        m_out = m_dir.filePath(u"out"_s);
        QVERIFY(QDir().mkpath(m_home));
        QVERIFY(m_web.listen());
        m_data = MisbehavingServer::makeData(300 * 1024 + 17, 9);
        m_web.setFile("/a.bin", m_data);
        m_web.setFile("/b.bin", m_data);
    }

    void httpProxy()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(false, &error), qPrintable(error));
        const QString target = m_web.url("/a.bin").toString();
        CommandResult r = get({u"--proxy"_s, squid.url(), target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"a.bin"_s), m_data);
        QTRY_VERIFY(!squid.logLinesFor(target).isEmpty());

        // The variable, and a no_proxy host beside it: only the first goes through squid.
        const QString direct = QUrl(u"http://localhost:%1/b.bin"_s.arg(m_web.port())).toString();
        r = get({target}, {u"http_proxy="_s + squid.url()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = get({direct}, {u"http_proxy="_s + squid.url(), u"no_proxy=localhost"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"b.bin"_s), m_data);
        r = get({target, u"--no-proxy"_s}, {u"http_proxy="_s + squid.url()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // HTTP_PROXY is not http_proxy (curl's rule): direct.
        r = get({direct}, {u"HTTP_PROXY="_s + squid.url()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTest::qWait(300); // squid logs a request when it ends; the two above ended long before
        QVERIFY2(squid.logLinesFor(direct).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));
        QTRY_COMPARE(squid.logLinesFor(target).size() >= 2, true);
    }

    void httpProxyLogin()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(true, &error), qPrintable(error));
        const QString target = m_web.url("/a.bin").toString();
        CommandResult r = get({u"--proxy"_s, squid.urlWithLogin(), target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"a.bin"_s), m_data);
        QTRY_VERIFY(squid.logLinesFor(target).join(u'\n').contains(u" proxyuser "_s));

        const int before = m_web.requestCount("/a.bin");
        r = get({u"--proxy"_s, squid.url(), target});
        verifyOneLine(r, u"proxy "_s + squid.url() + u" needs a login"_s);
        r = get({u"--proxy"_s, squid.urlWithLogin(u"proxyuser"_s, u"wrong-one"_s), target});
        verifyOneLine(r, u"proxy "_s + squid.url() + u" refused the login"_s, u"wrong-one"_s);
        QCOMPARE(m_web.requestCount("/a.bin"), before); // nothing reached the server
        QVERIFY(!QFile::exists(m_out + u"/a.bin"_s));
    }

    void socksProxy()
    {
        DanteProxy dante;
        QString error;
        QVERIFY2(dante.start(false, &error), qPrintable(error));
        CommandResult r = get({u"--proxy"_s, dante.url(u"socks5"_s), m_web.url("/a.bin").toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"a.bin"_s), m_data);
        const qsizetype first = dante.connectsTo(m_web.port()).size();
        QVERIFY(first >= 1);
        // all_proxy with remote names: "localhost" is resolved by danted.
        r = get({u"http://localhost:%1/b.bin"_s.arg(m_web.port())}, {u"all_proxy="_s + dante.url(u"socks5h"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_VERIFY(dante.connectsTo(m_web.port()).size() > first);
        const qsizetype second = dante.connectsTo(m_web.port()).size();
        r = get({m_web.url("/b.bin").toString()}, {u"all_proxy="_s + dante.url(u"socks5h"_s), u"no_proxy=127.0.0.0/8"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTest::qWait(300);
        QCOMPARE(dante.connectsTo(m_web.port()).size(), second); // the no_proxy run went direct
    }

    void socksProxyLogin()
    {
        DanteProxy dante;
        QString error;
        bool needsRoot = false;
        const bool started = dante.start(true, &error, &needsRoot);
        if (!started && needsRoot)
            QSKIP("dante's username method needs a system user, which only root can make (CI runs as root)");
        QVERIFY2(started, qPrintable(error));
        CommandResult r = get({u"--proxy"_s, dante.url(u"socks5"_s, true), m_web.url("/a.bin").toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"a.bin"_s), m_data);
        QTRY_VERIFY(!dante.connectsTo(m_web.port()).isEmpty());
        r = get({u"--proxy"_s, dante.url(u"socks5"_s), m_web.url("/a.bin").toString()});
        verifyOneLine(r, u"proxy "_s + dante.url(u"socks5"_s));
    }

    void proxyDown()
    {
        const QString proxy = u"http://127.0.0.1:%1"_s.arg(ChildDaemon::freePort());
        const int before = m_web.requestCount("/a.bin");
        const CommandResult r = get({u"--proxy"_s, proxy, m_web.url("/a.bin").toString()});
        verifyOneLine(r, u"The proxy "_s + proxy + u" failed"_s);
        QCOMPARE(m_web.requestCount("/a.bin"), before);
        const CommandResult bad = get({u"--proxy"_s, u"socks4://127.0.0.1:1080"_s, m_web.url("/a.bin").toString()});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("SOCKS4"), qPrintable(bad.describe()));
    }

    void basicLogin()
    {
        NginxServer nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        QVERIFY(writeTestFile(nginx.wwwPath(u"private/p.bin"_s), m_data));
        const QString target = nginx.url(u"/private/p.bin"_s).toString();

        CommandResult r = get({u"--user"_s, u"webuser:web-p@ss"_s, target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"p.bin"_s), m_data);

        QUrl withLogin(target);
        withLogin.setUserName(u"webuser"_s);
        withLogin.setPassword(u"web-p@ss"_s);
        r = get({withLogin.toString(QUrl::FullyEncoded), u"-x"_s, u"2"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"p.bin"_s), m_data);
        QVERIFY(!QDir(m_out).entryList(QDir::Files | QDir::Hidden).join(u' ').contains(u".ferry"_s));

        r = get({target});
        verifyOneLine(r, u"127.0.0.1 needs a login (401)"_s);
        const qsizetype refusedBefore = nginx.log(u"/private/p.bin"_s).size();
        r = get({u"--user"_s, u"webuser:not-it"_s, target});
        verifyOneLine(r, u"127.0.0.1 refused the login (401)"_s, u"not-it"_s);
        // One try with the login, no loop: the first request and the one with the login.
        QTRY_VERIFY(nginx.log(u"/private/p.bin"_s).size() > refusedBefore);
        QVERIFY2(nginx.log(u"/private/p.bin"_s).size() - refusedBefore <= 2,
                 qPrintable(QString::number(nginx.log(u"/private/p.bin"_s).size() - refusedBefore)));
        QVERIFY(!QFile::exists(m_out + u"/p.bin"_s));
    }

    void netrc()
    {
        NginxServer nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        QVERIFY(writeTestFile(nginx.wwwPath(u"private/n.bin"_s), m_data));
        const QString target = nginx.url(u"/private/n.bin"_s).toString();
        // ~/.netrc is used by default (wget, aria2), only when the server asks.
        QVERIFY(writeTestFile(m_home + u"/.netrc"_s, "machine other.test login x password y\n"
                                                      "machine 127.0.0.1 login webuser password \"web-p@ss\"\n", 0600));
        CommandResult r = get({target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"n.bin"_s), m_data);
        QTRY_VERIFY(!nginx.log(u"/private/n.bin"_s).isEmpty() && nginx.log(u"/private/n.bin"_s).last().user == u"webuser");
        r = get({target, u"--no-netrc"_s});
        verifyOneLine(r, u"needs a login"_s);
        QVERIFY(QFile::remove(m_home + u"/.netrc"_s));
        // --netrc-file, and the user from --user with the password from the file.
        const QString file = m_dir.filePath(u"my-netrc"_s);
        QVERIFY(writeTestFile(file, "machine 127.0.0.1 login someone password else\n"
                                    "machine 127.0.0.1 login webuser password web-p@ss\n", 0600));
        r = get({target, u"--netrc-file"_s, file, u"--user"_s, u"webuser"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = get({target});
        verifyOneLine(r, u"needs a login"_s);
    }

    void digestLogin()
    {
        AccessRule rule;
        rule.login = AccessRule::Login::Digest;
        rule.user = "dave";
        rule.password = "d1gest";
        m_web.setAccessRule("/d.bin", rule);
        m_web.setFile("/d.bin", m_data);
        const QString target = m_web.url("/d.bin").toString();
        CommandResult r = get({u"--user"_s, u"dave:d1gest"_s, target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"d.bin"_s), m_data);
        const auto last = m_web.requests("/d.bin").last();
        QVERIFY(last.header("authorization").startsWith("Digest "));
        QVERIFY(!last.header("authorization").contains("d1gest"));

        r = get({u"--user"_s, u"dave:wr0ng-pass"_s, target});
        verifyOneLine(r, u"refused the login (401)"_s, u"wr0ng-pass"_s);
        r = get({target});
        verifyOneLine(r, u"needs a login (401)"_s);
    }

    void cookiesTxt()
    {
        AccessRule needs;
        needs.requiredCookie = "sid=s3cr3t";
        m_web.setAccessRule("/c.bin", needs);
        m_web.setFile("/c.bin", m_data);
        const QString target = m_web.url("/c.bin").toString();
        const QString jar = m_dir.filePath(u"cookies.txt"_s);
        QVERIFY(writeTestFile(jar, "# Netscape HTTP Cookie File\n"
                                   "127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\ts3cr3t\n"
                                   "other.test\tFALSE\t/\tFALSE\t0\tleak\tno\n"));
        CommandResult r = get({u"--load-cookies"_s, jar, u"-x"_s, u"3"_s, target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"c.bin"_s), m_data);
        for (const auto &req : m_web.requests("/c.bin"))
            QVERIFY2(!req.header("cookie").contains("leak"), req.header("cookie").constData());
        r = get({target});
        verifyOneLine(r, u"403"_s);
        r = get({u"--load-cookies"_s, m_dir.filePath(u"missing.txt"_s), target});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("missing.txt"), qPrintable(r.describe()));
    }

    void redirectSetsCookie()
    {
        AccessRule needs;
        needs.requiredCookie = "hop=1";
        m_web.setAccessRule("/final.bin", needs);
        m_web.setFile("/final.bin", m_data);
        AccessRule sets;
        sets.setCookie = "hop=1; Path=/";
        m_web.setAccessRule("/start", sets);
        m_web.setRedirect("/start", "/final.bin");
        const CommandResult r = get({m_web.url("/start").toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(saved(u"final.bin"_s), m_data);
    }

    void refererAndUserAgent()
    {
        NginxServer nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        QVERIFY(writeTestFile(nginx.wwwPath(u"r.bin"_s), m_data));
        CommandResult r = get({u"--referer"_s, u"http://ref.test/page?x=1"_s, u"--user-agent"_s, u"Mozilla/5.0 (Ferry test)"_s,
                               nginx.url(u"/r.bin"_s).toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_VERIFY(!nginx.log(u"/r.bin"_s).isEmpty());
        for (const auto &line : nginx.log(u"/r.bin"_s)) {
            QCOMPARE(line.referer, u"http://ref.test/page?x=1"_s);
            QCOMPARE(line.userAgent, u"Mozilla/5.0 (Ferry test)"_s);
        }
        r = get({nginx.url(u"/r.bin"_s).toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_VERIFY(nginx.log(u"/r.bin"_s).last().userAgent.startsWith(u"Ferry/"_s));
        QVERIFY(nginx.log(u"/r.bin"_s).last().referer.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_home;
    QString m_out;
    MisbehavingServer m_web;
    QByteArray m_data;
};

QTEST_GUILESS_MAIN(TestGetNetwork)
#include "tst_get_network.moc"
