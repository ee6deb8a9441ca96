// Proxy URLs (curl -x syntax), the no_proxy list (curl's rules) and which
// proxy a URL gets from the setting and the *_proxy variables. Pure; the same
// rules against real squid and danted are tst_proxy_interop.
#include "core/NoProxy.h"
#include "core/ProxyFactory.h"
#include "core/ProxySetting.h"
#include "core/ProxyUrl.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ferry::NoProxyList;
using ferry::ProxyDecision;
using ferry::ProxyMode;
using ferry::ProxySetting;

Q_DECLARE_METATYPE(QNetworkProxy::ProxyType)
Q_DECLARE_METATYPE(ProxyDecision::Kind)

class TestProxyRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void proxyUrl_data();
    void proxyUrl();
    void proxyUrlRefused_data();
    void proxyUrlRefused();
    void noProxy_data();
    void noProxy();
    void environment_data();
    void environment();
    void manual();
    void systemAnswerKeptPerOrigin();
};

void TestProxyRules::proxyUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QNetworkProxy::ProxyType>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("remoteDns");
    QTest::addColumn<QString>("display");

    const auto http = QNetworkProxy::HttpProxy;
    const auto socks = QNetworkProxy::Socks5Proxy;
    QTest::addRow("http") << u"http://proxy.lan:3128"_s << http << u"proxy.lan"_s << 3128 << QString() << QString() << true
                          << u"http://proxy.lan:3128"_s;
    QTest::addRow("no scheme is http") << u"proxy.lan:3128"_s << http << u"proxy.lan"_s << 3128 << QString() << QString()
                                       << true << u"http://proxy.lan:3128"_s;
    QTest::addRow("no port is 1080") << u"http://proxy.lan"_s << http << u"proxy.lan"_s << 1080 << QString() << QString()
                                     << true << u"http://proxy.lan:1080"_s;
    QTest::addRow("scheme case") << u"HTTP://proxy.lan:8080/"_s << http << u"proxy.lan"_s << 8080 << QString() << QString()
                                 << true << u"http://proxy.lan:8080"_s;
    QTest::addRow("credentials") << u"http://alice:s3cret@127.0.0.1:3128"_s << http << u"127.0.0.1"_s << 3128 << u"alice"_s
                                 << u"s3cret"_s << true << u"http://127.0.0.1:3128"_s;
    QTest::addRow("encoded credentials") << u"http://a%40b:p%3Aw%2Fd@h:1"_s << http << u"h"_s << 1 << u"a@b"_s
                                         << u"p:w/d"_s << true << u"http://h:1"_s;
    QTest::addRow("user only") << u"http://alice@h:1"_s << http << u"h"_s << 1 << u"alice"_s << QString() << true
                               << u"http://h:1"_s;
    QTest::addRow("ipv6") << u"http://[::1]:3128"_s << http << u"::1"_s << 3128 << QString() << QString() << true
                          << u"http://[::1]:3128"_s;
    QTest::addRow("socks5 resolves here") << u"socks5://127.0.0.1:1080"_s << socks << u"127.0.0.1"_s << 1080 << QString()
                                          << QString() << false << u"socks5://127.0.0.1:1080"_s;
    QTest::addRow("socks5h resolves there") << u"socks5h://u:p@localhost:9050"_s << socks << u"localhost"_s << 9050
                                            << u"u"_s << u"p"_s << true << u"socks5h://localhost:9050"_s;
    QTest::addRow("blanks around") << u"  http://h:1  "_s << http << u"h"_s << 1 << QString() << QString() << true
                                   << u"http://h:1"_s;
}

void TestProxyRules::proxyUrl()
{
    QFETCH(QString, text);
    QFETCH(QNetworkProxy::ProxyType, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(bool, remoteDns);
    QFETCH(QString, display);

    const ferry::ProxyUrl parsed = ferry::parseProxyUrl(text);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.proxy.type(), type);
    QCOMPARE(parsed.proxy.hostName(), host);
    QCOMPARE(int(parsed.proxy.port()), port);
    QCOMPARE(parsed.proxy.user(), user);
    QCOMPARE(parsed.proxy.password(), password);
    QCOMPARE(parsed.proxy.capabilities().testFlag(QNetworkProxy::HostNameLookupCapability), remoteDns);
    QCOMPARE(ferry::proxyDisplayName(parsed.proxy), display);
}

void TestProxyRules::proxyUrlRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::addRow("empty") << QString() << u"empty"_s;
    QTest::addRow("https proxy") << u"https://h:443"_s << u"HTTPS proxies"_s;
    QTest::addRow("socks4") << u"socks4://h:1080"_s << u"SOCKS4"_s;
    QTest::addRow("socks4a") << u"socks4a://h:1080"_s << u"SOCKS4"_s;
    QTest::addRow("ftp") << u"ftp://h:21"_s << u"unsupported proxy type ftp://"_s;
    QTest::addRow("no host") << u"http://:3128"_s << u"not a valid"_s;
    QTest::addRow("bad port") << u"http://h:99999"_s << u"not a valid"_s;
    QTest::addRow("password not echoed") << u"http://u:topsecret@:1"_s << u"not a valid"_s;
}

void TestProxyRules::proxyUrlRefused()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    const ferry::ProxyUrl parsed = ferry::parseProxyUrl(text);
    QVERIFY(!parsed.ok);
    QVERIFY2(parsed.error.contains(reason), qPrintable(parsed.error));
    QVERIFY(!parsed.error.contains(u"topsecret"_s));
}

void TestProxyRules::noProxy_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("direct");

    QTest::addRow("empty list") << QString() << u"http://a.example/"_s << false;
    QTest::addRow("star") << u"*"_s << u"http://a.example/"_s << true;
    QTest::addRow("star among others") << u"localhost, *"_s << u"http://a.example/"_s << true;
    QTest::addRow("exact") << u"example.com"_s << u"http://example.com/"_s << true;
    QTest::addRow("subdomain") << u"example.com"_s << u"http://dl.example.com/"_s << true;
    QTest::addRow("deep subdomain") << u"example.com"_s << u"http://a.b.example.com/"_s << true;
    QTest::addRow("leading dot: domain too") << u".example.com"_s << u"http://example.com/"_s << true;
    QTest::addRow("leading dot: subdomain") << u".example.com"_s << u"http://dl.example.com/"_s << true;
    QTest::addRow("no string suffix") << u"example.com"_s << u"http://badexample.com/"_s << false;
    QTest::addRow("parent is not child") << u"dl.example.com"_s << u"http://example.com/"_s << false;
    QTest::addRow("case") << u"Example.COM"_s << u"http://DL.example.com/"_s << true;
    QTest::addRow("trailing dots") << u"example.com."_s << u"http://dl.example.com./"_s << true;
    QTest::addRow("comma list") << u"a.test,example.com,b.test"_s << u"http://example.com/"_s << true;
    QTest::addRow("blank list") << u"a.test  example.com"_s << u"http://example.com/"_s << true;
    QTest::addRow("comma and blanks") << u" a.test , example.com ,"_s << u"http://example.com/"_s << true;
    QTest::addRow("not listed") << u"a.test,b.test"_s << u"http://example.com/"_s << false;
    QTest::addRow("localhost") << u"localhost"_s << u"http://localhost:8080/"_s << true;
    QTest::addRow("ipv4 exact") << u"127.0.0.1"_s << u"http://127.0.0.1:8080/"_s << true;
    QTest::addRow("ipv4 other") << u"127.0.0.1"_s << u"http://127.0.0.2/"_s << false;
    QTest::addRow("ipv4 cidr") << u"10.0.0.0/8"_s << u"http://10.20.30.40/"_s << true;
    QTest::addRow("ipv4 cidr outside") << u"10.0.0.0/8"_s << u"http://11.0.0.1/"_s << false;
    QTest::addRow("ipv6 exact") << u"::1"_s << u"http://[::1]:80/"_s << true;
    QTest::addRow("ipv6 bracketed") << u"[::1]"_s << u"http://[::1]/"_s << true;
    QTest::addRow("ipv6 cidr") << u"fd00::/8"_s << u"http://[fd12::5]/"_s << true;
    QTest::addRow("name never matches address") << u"example.com"_s << u"http://93.184.216.34/"_s << false;
    QTest::addRow("address is no domain suffix") << u"0.0.1"_s << u"http://10.0.0.1/"_s << false;
    QTest::addRow("port matches") << u"example.com:8080"_s << u"http://example.com:8080/"_s << true;
    QTest::addRow("port differs") << u"example.com:8080"_s << u"http://example.com:8081/"_s << false;
    QTest::addRow("port default http") << u"example.com:80"_s << u"http://example.com/"_s << true;
    QTest::addRow("port default https") << u"example.com:443"_s << u"https://example.com/"_s << true;
    QTest::addRow("ipv4 with port") << u"127.0.0.1:9000"_s << u"http://127.0.0.1:9000/"_s << true;
    QTest::addRow("ipv4 other port") << u"127.0.0.1:9000"_s << u"http://127.0.0.1:9001/"_s << false;
    QTest::addRow("ipv6 with port") << u"[::1]:9000"_s << u"http://[::1]:9000/"_s << true;
    QTest::addRow("bad port ignored") << u"example.com:x,other.test"_s << u"http://example.com/"_s << false;
}

void TestProxyRules::noProxy()
{
    QFETCH(QString, list);
    QFETCH(QString, url);
    QFETCH(bool, direct);
    QCOMPARE(NoProxyList(list).matches(QUrl(url)), direct);
}

void TestProxyRules::environment_data()
{
    QTest::addColumn<QStringList>("variables"); // NAME=value
    QTest::addColumn<QString>("url");
    QTest::addColumn<ProxyDecision::Kind>("kind");
    QTest::addColumn<QString>("proxy");          // display name
    QTest::addColumn<QString>("source");

    using K = ProxyDecision::Kind;
    QTest::addRow("nothing set: ask the desktop") << QStringList() << u"http://a.test/"_s << K::AskSystem << QString() << QString();
    QTest::addRow("http_proxy") << QStringList{u"http_proxy=http://p:1"_s} << u"http://a.test/"_s << K::Proxy
                                << u"http://p:1"_s << u"http_proxy"_s;
    QTest::addRow("HTTP_PROXY ignored (curl)") << QStringList{u"HTTP_PROXY=http://p:1"_s} << u"http://a.test/"_s
                                               << K::Direct << QString() << QString();
    QTest::addRow("HTTP_PROXY not handed to the desktop either") << QStringList{u"HTTP_PROXY=http://p:1"_s, u"ALL_PROXY=http://q:2"_s}
                                               << u"http://a.test/"_s << K::Proxy << u"http://q:2"_s << u"ALL_PROXY"_s;
    QTest::addRow("http_proxy not for https") << QStringList{u"http_proxy=http://p:1"_s} << u"https://a.test/"_s
                                              << K::Direct << QString() << QString();
    QTest::addRow("https_proxy") << QStringList{u"https_proxy=http://p:2"_s} << u"https://a.test/"_s << K::Proxy
                                 << u"http://p:2"_s << u"https_proxy"_s;
    QTest::addRow("HTTPS_PROXY") << QStringList{u"HTTPS_PROXY=http://p:2"_s} << u"https://a.test/"_s << K::Proxy
                                 << u"http://p:2"_s << u"HTTPS_PROXY"_s;
    QTest::addRow("lower case wins") << QStringList{u"HTTPS_PROXY=http://upper:2"_s, u"https_proxy=http://lower:2"_s}
                                     << u"https://a.test/"_s << K::Proxy << u"http://lower:2"_s << u"https_proxy"_s;
    QTest::addRow("all_proxy") << QStringList{u"all_proxy=socks5h://s:9"_s} << u"http://a.test/"_s << K::Proxy
                               << u"socks5h://s:9"_s << u"all_proxy"_s;
    QTest::addRow("ALL_PROXY") << QStringList{u"ALL_PROXY=socks5://s:9"_s} << u"https://a.test/"_s << K::Proxy
                               << u"socks5://s:9"_s << u"ALL_PROXY"_s;
    QTest::addRow("scheme variable beats all_proxy")
        << QStringList{u"all_proxy=socks5://s:9"_s, u"http_proxy=http://p:1"_s} << u"http://a.test/"_s << K::Proxy
        << u"http://p:1"_s << u"http_proxy"_s;
    QTest::addRow("empty value is unset") << QStringList{u"http_proxy="_s, u"all_proxy=http://q:3"_s} << u"http://a.test/"_s
                                          << K::Proxy << u"http://q:3"_s << u"all_proxy"_s;
    QTest::addRow("no_proxy") << QStringList{u"http_proxy=http://p:1"_s, u"no_proxy=a.test"_s} << u"http://dl.a.test/"_s
                              << K::Direct << QString() << QString();
    QTest::addRow("NO_PROXY") << QStringList{u"http_proxy=http://p:1"_s, u"NO_PROXY=a.test"_s} << u"http://a.test/"_s
                              << K::Direct << QString() << QString();
    QTest::addRow("no_proxy other host") << QStringList{u"http_proxy=http://p:1"_s, u"no_proxy=b.test"_s}
                                         << u"http://a.test/"_s << K::Proxy << u"http://p:1"_s << u"http_proxy"_s;
    QTest::addRow("no_proxy lower wins") << QStringList{u"http_proxy=http://p:1"_s, u"no_proxy=b.test"_s, u"NO_PROXY=a.test"_s}
                                         << u"http://a.test/"_s << K::Proxy << u"http://p:1"_s << u"http_proxy"_s;
    QTest::addRow("no_proxy star") << QStringList{u"all_proxy=http://p:1"_s, u"no_proxy=*"_s} << u"http://a.test/"_s
                                   << K::Direct << QString() << QString();
    QTest::addRow("bad variable is an error") << QStringList{u"http_proxy=socks4://p:1"_s} << u"http://a.test/"_s
                                              << K::Invalid << QString() << u"http_proxy"_s;
}

void TestProxyRules::environment()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, url);
    QFETCH(ProxyDecision::Kind, kind);
    QFETCH(QString, proxy);
    QFETCH(QString, source);

    QProcessEnvironment env;
    for (const QString &v : variables)
        env.insert(v.section(u'=', 0, 0), v.section(u'=', 1));
    const ProxyDecision d = ferry::decideProxy(QUrl(url), ProxySetting{}, env);
    QCOMPARE(d.kind, kind);
    if (kind == ProxyDecision::Kind::Proxy)
        QCOMPARE(ferry::proxyDisplayName(d.proxy), proxy);
    if (kind == ProxyDecision::Kind::Invalid)
        QVERIFY2(d.error.startsWith(source) && d.error.contains(u"SOCKS4"_s), qPrintable(d.error));
    else
        QCOMPARE(d.source, source);
}

void TestProxyRules::manual()
{
    QProcessEnvironment env;
    env.insert(u"http_proxy"_s, u"http://env:1"_s);
    ProxySetting manual{ProxyMode::Manual, u"socks5h://u:p@127.0.0.1:1081"_s, u"127.0.0.2, .lan"_s};
    ProxyDecision d = ferry::decideProxy(QUrl(u"http://a.test/"_s), manual, env);
    QCOMPARE(d.kind, ProxyDecision::Kind::Proxy); // the setting, not the environment
    QCOMPARE(ferry::proxyDisplayName(d.proxy), u"socks5h://127.0.0.1:1081"_s);
    QCOMPARE(d.proxy.user(), u"u"_s);
    QCOMPARE(ferry::decideProxy(QUrl(u"http://127.0.0.2:8/"_s), manual, env).kind, ProxyDecision::Kind::Direct);
    QCOMPARE(ferry::decideProxy(QUrl(u"http://nas.lan/"_s), manual, env).kind, ProxyDecision::Kind::Direct);

    const ProxySetting none{ProxyMode::None, u"http://p:1"_s, QString()};
    QCOMPARE(ferry::decideProxy(QUrl(u"http://a.test/"_s), none, env).kind, ProxyDecision::Kind::Direct);

    const ProxySetting broken{ProxyMode::Manual, u"https://p:1"_s, QString()};
    d = ferry::decideProxy(QUrl(u"http://a.test/"_s), broken, env);
    QCOMPARE(d.kind, ProxyDecision::Kind::Invalid);
    QVERIFY2(d.error.contains(u"HTTPS proxies"_s), qPrintable(d.error));

    // System with hosts of its own (the RPC's no-proxy without all-proxy):
    // those go direct on top of no_proxy; the others follow the variables.
    const ProxySetting system{ProxyMode::System, QString(), u"nas.lan"_s};
    QCOMPARE(ferry::decideProxy(QUrl(u"http://nas.lan/"_s), system, env).kind, ProxyDecision::Kind::Direct);
    d = ferry::decideProxy(QUrl(u"http://a.test/"_s), system, env);
    QCOMPARE(d.kind, ProxyDecision::Kind::Proxy);
    QCOMPARE(d.source, u"http_proxy"_s);
}


// The desktop's answer is asked once per origin for a few seconds, not for
// every request (two per request from Qt: libproxy on its own thread), and
// never when the setting or the environment decides.
void TestProxyRules::systemAnswerKeptPerOrigin()
{
    qint64 now = 1000;
    int asked = 0;
    const QNetworkProxy desktop(QNetworkProxy::HttpProxy, u"desktop.example"_s, 3128);
    ferry::ProxyFactory factory(ProxySetting{}, QProcessEnvironment(), [&](const QNetworkProxyQuery &) {
        ++asked;
        return QList<QNetworkProxy>{desktop};
    }, [&] { return now; });
    const auto ask = [&](const QString &url) { return factory.queryProxy(QNetworkProxyQuery(QUrl(url))); };

    QCOMPARE(ask(u"http://files.example/a.bin"_s), QList<QNetworkProxy>{desktop});
    QCOMPARE(ask(u"http://FILES.example:80/b.bin?x=1"_s), QList<QNetworkProxy>{desktop});
    QCOMPARE(asked, 1);
    ask(u"http://files.example:8080/a.bin"_s); // another port is another origin
    ask(u"https://files.example/a.bin"_s);     // and another scheme
    ask(u"http://other.example/a.bin"_s);
    QCOMPARE(asked, 4);
    now += ferry::ProxyFactory::kSystemAnswerMs - 1;
    ask(u"http://files.example/c.bin"_s);
    QCOMPARE(asked, 4);
    now += 1; // a changed desktop setting counts within seconds
    ask(u"http://files.example/c.bin"_s);
    QCOMPARE(asked, 5);

    QProcessEnvironment env;
    env.insert(u"http_proxy"_s, u"http://env.example:8080"_s);
    ferry::ProxyFactory fromEnv(ProxySetting{}, env, [&](const QNetworkProxyQuery &) {
        ++asked;
        return QList<QNetworkProxy>{desktop};
    });
    QCOMPARE(fromEnv.queryProxy(QNetworkProxyQuery(QUrl(u"http://files.example/a.bin"_s))).value(0).hostName(), u"env.example"_s);
    QCOMPARE(asked, 5);
}

QTEST_APPLESS_MAIN(TestProxyRules)
#include "tst_proxyrules.moc"
