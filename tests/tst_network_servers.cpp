// The network test servers themselves, checked with curl before the engine
// relies on them: squid (open and with a login) and danted (open and with a
// login) proxy and log what they carried; MisbehavingServer's Digest and
// cookie rules; nginx's auth_basic and its log of the login, Referer,
// User-Agent and Cookie.
#include "tests/support/AccessRule.h"
#include "tests/support/CommandRun.h"
#include "tests/support/DanteProxy.h"
#include "tests/support/MisbehavingServer.h"
#include "tests/support/NginxServer.h"
#include "tests/support/SquidProxy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry::test;

namespace {

// curl's status code for a URL, with extra arguments; the body goes to `body`.
int curlStatus(const QStringList &arguments, QByteArray *body = nullptr)
{
    const CommandResult r = runCommand(u"curl"_s, QStringList{u"-s"_s, u"-w"_s, u"\n%{http_code}"_s} + arguments, 20000);
    const qsizetype nl = r.out.lastIndexOf('\n');
    if (body)
        *body = r.out.left(nl);
    return r.out.mid(nl + 1).toInt();
}

} // namespace

class TestNetworkServers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_web.listen());
        m_web.setFile("/a.bin", MisbehavingServer::makeData(2000, 1));
        m_web.setFile("/b.bin", MisbehavingServer::makeData(1000, 2));
    }

    void squidOpen()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(false, &error), qPrintable(error));
        QByteArray body;
        QCOMPARE(curlStatus({u"-x"_s, squid.url(), m_web.url("/a.bin").toString()}, &body), 200);
        QCOMPARE(body, m_web.fileData("/a.bin"));
        QCOMPARE(curlStatus({m_web.url("/b.bin").toString()}), 200); // direct: not through squid
        QTRY_COMPARE(squid.logLinesFor(m_web.url("/a.bin").toString()).size(), 1);
        QVERIFY(squid.logLinesFor(m_web.url("/a.bin").toString()).first().contains(u"/200 "_s));
        QCOMPARE(squid.logLinesFor(m_web.url("/b.bin").toString()).size(), 0);
    }

    void squidLogin()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(true, &error), qPrintable(error));
        const QString target = m_web.url("/a.bin").toString();
        QCOMPARE(curlStatus({u"-x"_s, squid.url(), target}), 407);
        QCOMPARE(curlStatus({u"-x"_s, squid.urlWithLogin(u"proxyuser"_s, u"wrong"_s), target}), 407);
        QCOMPARE(curlStatus({u"-x"_s, squid.urlWithLogin(), target}), 200);
        QTRY_VERIFY(squid.logLinesFor(target).join(u'\n').contains(u"TCP_MISS/200"_s));
        QVERIFY(squid.logLinesFor(target).join(u'\n').contains(u" proxyuser "_s));
    }

    void danteOpen()
    {
        DanteProxy dante;
        QString error;
        QVERIFY2(dante.start(false, &error), qPrintable(error));
        QByteArray body;
        QCOMPARE(curlStatus({u"-x"_s, dante.url(), m_web.url("/a.bin").toString()}, &body), 200);
        QCOMPARE(body, m_web.fileData("/a.bin"));
        QTRY_COMPARE(dante.connectsTo(m_web.port()).size(), 1);
    }

    void danteLogin()
    {
        DanteProxy dante;
        QString error;
        bool needsRoot = false;
        const bool started = dante.start(true, &error, &needsRoot);
        if (!started && needsRoot)
            QSKIP("dante's username method needs a system user, which only root can make (CI runs as root)");
        QVERIFY2(started, qPrintable(error));
        const QString target = m_web.url("/a.bin").toString();
        QCOMPARE(curlStatus({u"-x"_s, dante.url(), target}), 0); // no login: the proxy refuses
        QCOMPARE(curlStatus({u"-x"_s, dante.url(u"socks5"_s, true), target}), 200);
        QTRY_COMPARE(dante.connectsTo(m_web.port()).size(), 1);
    }

    void digest()
    {
        AccessRule rule;
        rule.login = AccessRule::Login::Digest;
        rule.user = "dave";
        rule.password = "d1gest";
        m_web.setAccessRule("/a.bin", rule);
        const QString target = m_web.url("/a.bin").toString();
        QByteArray body;
        QCOMPARE(curlStatus({target}), 401);
        QCOMPARE(curlStatus({u"--digest"_s, u"-u"_s, u"dave:wrong"_s, target}), 401);
        QCOMPARE(curlStatus({u"--basic"_s, u"-u"_s, u"dave:d1gest"_s, target}), 401); // Basic is not Digest
        QCOMPARE(curlStatus({u"--digest"_s, u"-u"_s, u"dave:d1gest"_s, target}, &body), 200);
        QCOMPARE(body, m_web.fileData("/a.bin"));
        m_web.setAccessRule("/a.bin", AccessRule());
    }

    void cookies()
    {
        AccessRule needs;
        needs.requiredCookie = "sid=s3";
        m_web.setAccessRule("/b.bin", needs);
        AccessRule sets;
        sets.setCookie = "sid=s3; Path=/";
        m_web.setAccessRule("/go", sets);
        m_web.setRedirect("/go", "/b.bin");
        const QString target = m_web.url("/b.bin").toString();
        QCOMPARE(curlStatus({target}), 403);
        QCOMPARE(curlStatus({u"-b"_s, u"sid=other"_s, target}), 403);
        QCOMPARE(curlStatus({u"-b"_s, u"a=1; sid=s3"_s, target}), 200);
        QCOMPARE(curlStatus({u"-L"_s, m_web.url("/go").toString()}), 403);           // no cookie engine
        QCOMPARE(curlStatus({u"-L"_s, u"-b"_s, u""_s, m_web.url("/go").toString()}), 200); // cookie engine on
        m_web.setAccessRule("/b.bin", AccessRule());
    }

    void nginxBasic()
    {
        NginxServer nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        QVERIFY(writeTestFile(nginx.wwwPath(u"private/p.bin"_s), "secret data"));
        const QString target = nginx.url(u"/private/p.bin"_s).toString();
        QCOMPARE(curlStatus({target}), 401);
        QCOMPARE(curlStatus({u"-u"_s, u"webuser:nope"_s, target}), 401);
        QByteArray body;
        QCOMPARE(curlStatus({u"-u"_s, u"webuser:web-p@ss"_s, u"-e"_s, u"http://ref.test/page"_s, u"-A"_s, u"Agent \"X\" 1"_s,
                             u"-b"_s, u"k=v"_s, target},
                            &body),
                 200);
        QCOMPARE(body, "secret data"_ba);
        QTRY_COMPARE(nginx.log(u"/private/p.bin"_s).size(), 3);
        const auto ok = nginx.log(u"/private/p.bin"_s).last();
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.user, u"webuser"_s);
        QCOMPARE(ok.referer, u"http://ref.test/page"_s);
        QCOMPARE(ok.userAgent, u"Agent \\x22X\\x22 1"_s);
        QCOMPARE(ok.cookie, u"k=v"_s);
    }

private:
    MisbehavingServer m_web;
};

QTEST_GUILESS_MAIN(TestNetworkServers)
#include "tst_network_servers.moc"
