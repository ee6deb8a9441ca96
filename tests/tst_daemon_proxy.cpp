// `ferry daemon`'s proxies (issues #8, #9), as aria2 spells them:
// --all-proxy / --all-proxy-user / --all-proxy-passwd / --no-proxy at start,
// changeGlobalOption all-proxy / no-proxy for the downloads added after it,
// and addUri / changeOption all-proxy for one download. Real squid (HTTP) and
// danted (SOCKS5) on loopback: each proxied request is in the proxy's own log
// and reached the server with squid's Via header; a no-proxy host's did not.
// A dead proxy is one error naming it; the proxy's password is in no answer
// and no output, and survives a restart in the owner-only session. The
// spelling and answers are compared with a real `aria2c --enable-rpc`.
#include "tests/support/ChildDaemon.h"
#include "tests/support/DanteProxy.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/FerryDaemon.h"
#include "tests/support/MisbehavingServer.h"
#include "tests/support/SquidProxy.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace ferry::test;

namespace {

QString describe(const QJsonObject &answer)
{
    return QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

QJsonObject globalOptions(const FerryDaemon &daemon)
{
    return daemon.call(u"aria2.getGlobalOption"_s).value(u"result"_s).toObject();
}

QJsonObject statusOf(const FerryDaemon &daemon, const QString &gid)
{
    return daemon.call(u"aria2.tellStatus"_s, {gid}).value(u"result"_s).toObject();
}

int modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestDaemonProxy final : public QObject
{
    Q_OBJECT

private:
    QString out() const { return m_dir.filePath(u"out"_s); }
    // Each daemon run its own HOME (and session), unless a test restarts one.
    QString freshHome()
    {
        const QString home = m_dir.filePath(u"home-%1"_s.arg(++m_homes));
        QDir().mkpath(home);
        return home;
    }
    QString target(const QByteArray &path, const MisbehavingServer *server = nullptr) const
    {
        return (server ? server : &m_web)->url(path).toString();
    }
    QString add(FerryDaemon &daemon, const QString &url, const QJsonObject &options = {})
    {
        const QJsonObject added = daemon.call(u"aria2.addUri"_s, {QJsonArray{url}, options});
        const QString gid = added.value(u"result"_s).toString();
        if (gid.isEmpty())
            qWarning("addUri: %s", qPrintable(describe(added)));
        return gid;
    }
    // Waits until the download of `path` is complete, then checks the bytes.
    void complete(FerryDaemon &daemon, const QString &gid, const QByteArray &path)
    {
        QVERIFY(!gid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(daemon, gid).value(u"status"_s).toString(), u"complete"_s, 30000);
        QCOMPARE(readTestFile(out() + u'/' + QString::fromLatin1(path.mid(1))), m_data);
    }
    // Did every request for `path` reach the server through squid (its Via header), or none?
    int viaSquid(const QByteArray &path) const
    {
        int n = 0;
        for (const auto &r : m_web.requests(path))
            n += r.header("via").contains("squid") ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(out()));
        QVERIFY(m_web.listen());
        QVERIFY(m_other.listen());
        m_data = MisbehavingServer::makeData(200 * 1024 + 3, 5);
        for (const char *path : {"/a.bin", "/b.bin", "/c.bin", "/d.bin", "/e.bin", "/f.bin", "/g.bin", "/h.bin",
                                 "/i.bin", "/j.bin", "/k.bin"})
            m_web.setFile(path, m_data);
        m_other.setFile("/direct.bin", m_data);
    }

    // --all-proxy with the login beside it: every request through squid, as
    // proxyuser; the password in no answer and no output.
    void startedWithAllProxy()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(true, &error), qPrintable(error));
        FerryDaemon daemon;
        QVERIFY2(daemon.start(ferryBinary(), freshHome(), out(),
                              {u"--all-proxy"_s, squid.url(), u"--all-proxy-user"_s, QString::fromLatin1(SquidProxy::kUser),
                               u"--all-proxy-passwd"_s, QString::fromLatin1(SquidProxy::kPassword)}),
                 daemon.output().constData());
        QVERIFY2(daemon.output().contains(squid.url().toUtf8()), daemon.output().constData()); // it says so
        const QString gid = add(daemon, target("/a.bin"));
        complete(daemon, gid, "/a.bin");
        QTRY_VERIFY2(squid.logLinesFor(target("/a.bin")).join(u'\n').contains(u" proxyuser "_s),
                     qPrintable(squid.accessLog().join(u'\n')));
        QVERIFY(viaSquid("/a.bin") >= 1);
        QCOMPARE(viaSquid("/a.bin"), m_web.requestCount("/a.bin"));

        const QJsonObject options = globalOptions(daemon);
        QCOMPARE(options.value(u"all-proxy"_s).toString(), squid.url() + u'/');
        QCOMPARE(options.value(u"all-proxy-user"_s).toString(), QString::fromLatin1(SquidProxy::kUser));
        QVERIFY(!options.contains(u"all-proxy-passwd"_s));
        const QByteArray password(SquidProxy::kPassword);
        const QJsonObject own = daemon.call(u"aria2.getOption"_s, {gid}).value(u"result"_s).toObject();
        QCOMPARE(own.value(u"all-proxy"_s).toString(), squid.url() + u'/');
        for (const QJsonObject &answer : {options, own, statusOf(daemon, gid),
                                          daemon.call(u"aria2.getServers"_s, {gid}), daemon.call(u"aria2.getUris"_s, {gid})})
            QVERIFY2(!describe(answer).contains(QString::fromLatin1(password)), qPrintable(describe(answer)));
        QVERIFY(daemon.terminate());
        QVERIFY2(!daemon.output().contains(password), daemon.output().constData());
    }

    // changeGlobalOption all-proxy and no-proxy: the downloads added after it
    // follow them, "" goes back to the *_proxy variables (none here); addUri's
    // own all-proxy is that download's, changeOption changes it.
    void changeGlobalOptionAllProxy()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(false, &error), qPrintable(error));
        FerryDaemon daemon;
        QVERIFY2(daemon.start(ferryBinary(), freshHome(), out()), daemon.output().constData());
        QVERIFY(!globalOptions(daemon).contains(u"all-proxy"_s)); // as aria2: absent until set
        QVERIFY(!globalOptions(daemon).contains(u"no-proxy"_s));
        complete(daemon, add(daemon, target("/b.bin")), "/b.bin"); // direct
        // Paused before the change: it keeps the options it was added with, as in aria2.
        const QString before = add(daemon, target("/f.bin"), QJsonObject{{u"pause"_s, u"true"_s}});

        // aria2's spelling: no scheme is http://.
        const QString bare = u"127.0.0.1:%1"_s.arg(squid.port());
        QCOMPARE(daemon.call(u"aria2.changeGlobalOption"_s,
                             {QJsonObject{{u"all-proxy"_s, bare}, {u"no-proxy"_s, u"localhost"_s}}})
                     .value(u"result"_s).toString(),
                 u"OK"_s);
        QCOMPARE(globalOptions(daemon).value(u"all-proxy"_s).toString(), squid.url() + u'/');
        QCOMPARE(globalOptions(daemon).value(u"no-proxy"_s).toString(), u"localhost"_s);
        const QString local = u"http://localhost:%1/g.bin"_s.arg(m_web.port());
        complete(daemon, add(daemon, local), "/g.bin"); // a no-proxy host: direct
        complete(daemon, add(daemon, target("/c.bin")), "/c.bin");
        QTRY_VERIFY2(!squid.logLinesFor(target("/c.bin")).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));
        QCOMPARE(viaSquid("/c.bin"), m_web.requestCount("/c.bin"));
        QCOMPARE(daemon.call(u"aria2.unpause"_s, {before}).value(u"result"_s).toString(), before);
        complete(daemon, before, "/f.bin");

        // A value Ferry cannot use: aria2's error, and the proxy stays.
        const QJsonObject refused =
            daemon.call(u"aria2.changeGlobalOption"_s, {QJsonObject{{u"all-proxy"_s, u"socks4://127.0.0.1:1080"_s}}});
        QCOMPARE(refused.value(u"error"_s).toObject().value(u"message"_s).toString(),
                 u"We encountered a problem while processing the option '--all-proxy'."_s);
        QCOMPARE(globalOptions(daemon).value(u"all-proxy"_s).toString(), squid.url() + u'/');

        QCOMPARE(daemon.call(u"aria2.changeGlobalOption"_s, {QJsonObject{{u"all-proxy"_s, u""_s}}})
                     .value(u"result"_s).toString(), u"OK"_s);
        complete(daemon, add(daemon, target("/d.bin")), "/d.bin"); // direct again
        complete(daemon, add(daemon, target("/e.bin"), QJsonObject{{u"all-proxy"_s, squid.url()}}), "/e.bin"); // its own
        QTRY_VERIFY2(!squid.logLinesFor(target("/e.bin")).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));
        QCOMPARE(viaSquid("/e.bin"), m_web.requestCount("/e.bin"));

        // changeOption on a paused download: it starts on the new proxy.
        const QString changed = add(daemon, target("/h.bin"), QJsonObject{{u"pause"_s, u"true"_s}});
        QCOMPARE(daemon.call(u"aria2.changeOption"_s, {changed, QJsonObject{{u"all-proxy"_s, squid.url()}}})
                     .value(u"result"_s).toString(), u"OK"_s);
        QCOMPARE(daemon.call(u"aria2.getOption"_s, {changed}).value(u"result"_s).toObject().value(u"all-proxy"_s).toString(),
                 squid.url() + u'/');
        daemon.call(u"aria2.unpause"_s, {changed});
        complete(daemon, changed, "/h.bin");
        QTRY_VERIFY2(!squid.logLinesFor(target("/h.bin")).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));

        // squid logs a request when it ends, in order: those that went direct
        // ended before e and h, which are in the log; the server saw no Via on them.
        for (const QByteArray path : {"/b.bin", "/d.bin", "/f.bin"}) {
            QVERIFY2(squid.logLinesFor(target(path)).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));
            QCOMPARE(viaSquid(path), 0);
        }
        QVERIFY2(squid.logLinesFor(local).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));
        QCOMPARE(viaSquid("/g.bin"), 0);
        QVERIFY(daemon.terminate());
    }

    // changeOption all-proxy on a running download: it restarts on the
    // proxy (as aria2 restarts it) and keeps the bytes it has.
    void changeOptionRestartsARunningDownload()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(false, &error), qPrintable(error));
        FerryDaemon daemon;
        QVERIFY2(daemon.start(ferryBinary(), freshHome(), out()), daemon.output().constData());
        const QByteArray big = MisbehavingServer::makeData(1536 * 1024, 8);
        m_web.setFile("/slow.bin", big);
        MisbehavingServer::Behaviour slow;
        slow.bytesPerSecond = 512 * 1024;
        m_web.setBehaviour("/slow.bin", slow);
        const QString gid = add(daemon, target("/slow.bin"), QJsonObject{{u"split"_s, u"1"_s}});
        QVERIFY(!gid.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(daemon, gid).value(u"completedLength"_s).toString().toLongLong() > 0, 10000);
        QCOMPARE(daemon.call(u"aria2.changeOption"_s, {gid, QJsonObject{{u"all-proxy"_s, squid.url()}}})
                     .value(u"result"_s).toString(), u"OK"_s);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(daemon, gid).value(u"status"_s).toString(), u"complete"_s, 30000);
        QCOMPARE(readTestFile(out() + u"/slow.bin"_s), big);
        const auto requests = m_web.requests("/slow.bin");
        QVERIFY(requests.size() >= 2);
        QVERIFY(!requests.first().header("via").contains("squid"));
        QVERIFY(requests.last().header("via").contains("squid"));
        QVERIFY2(!requests.last().header("range").startsWith("bytes=0-"), requests.last().header("range").constData());
        QTRY_VERIFY2(!squid.logLinesFor(target("/slow.bin")).isEmpty(), qPrintable(squid.accessLog().join(u'\n')));
        QVERIFY(daemon.terminate());
    }

    // SOCKS5 (beyond aria2): socks5h:// through danted; the no-proxy block goes direct.
    void socksProxy()
    {
        DanteProxy dante;
        QString error;
        QVERIFY2(dante.start(false, &error), qPrintable(error));
        FerryDaemon daemon;
        QVERIFY2(daemon.start(ferryBinary(), freshHome(), out(),
                              {u"--all-proxy=socks5h://127.0.0.1:%1"_s.arg(dante.port()),
                               u"--no-proxy=127.0.0.1:%1"_s.arg(m_other.port())}),
                 daemon.output().constData());
        QCOMPARE(globalOptions(daemon).value(u"all-proxy"_s).toString(), u"socks5h://127.0.0.1:%1/"_s.arg(dante.port()));
        // The no-proxy host first, then one through the proxy: dante logs each
        // connection as it is made, so the first would be in the log by then.
        complete(daemon, add(daemon, target("/direct.bin", &m_other)), "/direct.bin");
        complete(daemon, add(daemon, u"http://localhost:%1/i.bin"_s.arg(m_web.port())), "/i.bin");
        QTRY_VERIFY2(!dante.connectsTo(m_web.port()).isEmpty(), qPrintable(dante.log().join(u'\n')));
        QVERIFY2(dante.connectsTo(m_other.port()).isEmpty(), qPrintable(dante.log().join(u'\n')));
        QVERIFY(daemon.terminate());
    }

    // A proxy that is down: one error naming it, nothing reaches the server.
    void deadProxy()
    {
        FerryDaemon daemon;
        QVERIFY2(daemon.start(ferryBinary(), freshHome(), out()), daemon.output().constData());
        const QString proxy = u"http://127.0.0.1:%1"_s.arg(ChildDaemon::freePort());
        const QString gid = add(daemon, target("/j.bin"), QJsonObject{{u"all-proxy"_s, proxy}});
        QVERIFY(!gid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(daemon, gid).value(u"status"_s).toString(), u"error"_s, 30000);
        const QJsonObject status = statusOf(daemon, gid);
        QVERIFY2(status.value(u"errorMessage"_s).toString().contains(u"proxy "_s + proxy), qPrintable(describe(status)));
        QCOMPARE(status.value(u"errorCode"_s).toString(), u"6"_s); // aria2's network problem
        QCOMPARE(m_web.requestCount("/j.bin"), 0);
        QVERIFY(daemon.terminate());
    }

    // A download's own proxy and its login survive a restart, in the owner-only session only.
    void proxyKeptAcrossRestart()
    {
        SquidProxy squid;
        QString error;
        QVERIFY2(squid.start(true, &error), qPrintable(error));
        QTemporaryDir home;
        QString gid;
        {
            FerryDaemon first;
            QVERIFY2(first.start(ferryBinary(), home.path(), out()), first.output().constData());
            gid = add(first, target("/k.bin"),
                      QJsonObject{{u"all-proxy"_s, squid.url()}, {u"all-proxy-user"_s, QString::fromLatin1(SquidProxy::kUser)},
                                  {u"all-proxy-passwd"_s, QString::fromLatin1(SquidProxy::kPassword)},
                                  {u"pause"_s, u"true"_s}});
            QVERIFY(!gid.isEmpty());
            QVERIFY(first.terminate());
        }
        const QString session = home.filePath(u"data/Ferry/ferry/daemon-session.json"_s);
        QCOMPARE(modeOf(session), 0600);
        QVERIFY(readTestFile(session).contains(QUrl::toPercentEncoding(QString::fromLatin1(SquidProxy::kPassword), ":")));
        FerryDaemon second;
        QVERIFY2(second.start(ferryBinary(), home.path(), out()), second.output().constData());
        QCOMPARE(second.call(u"aria2.unpause"_s, {gid}).value(u"result"_s).toString(), gid);
        complete(second, gid, "/k.bin");
        QTRY_VERIFY2(squid.logLinesFor(target("/k.bin")).join(u'\n').contains(u" proxyuser "_s),
                     qPrintable(squid.accessLog().join(u'\n')));
        QVERIFY(second.terminate());
    }

    // The same calls to aria2c --enable-rpc answer the same (SOCKS5 and port 0 aside, docs/rpc.md).
    void oracleAgreesWithAria2c()
    {
        const QString aria2c = QStandardPaths::findExecutable(u"aria2c"_s);
        if (aria2c.isEmpty())
            QFAIL("aria2c is needed: run scripts/test, which installs it (Debian package 'aria2')");
        const quint16 proxyPort = ChildDaemon::freePort();
        const QString proxy = u"127.0.0.1:%1"_s.arg(proxyPort);
        FerryDaemon ferry;
        QVERIFY2(ferry.start(ferryBinary(), freshHome(), out(), {u"--all-proxy="_s + proxy, u"--no-proxy=localhost,.lan"_s}),
                 ferry.output().constData());
        QProcess aria;
        const quint16 ariaPort = ChildDaemon::freePort();
        aria.start(aria2c, {u"--enable-rpc"_s, u"--rpc-listen-port=%1"_s.arg(ariaPort),
                            u"--rpc-secret="_s + QString::fromLatin1(FerryDaemon::kSecret), u"--dir="_s + out(),
                            u"--no-conf"_s, u"--quiet"_s, u"--all-proxy="_s + proxy, u"--no-proxy=localhost,.lan"_s});
        QVERIFY(aria.waitForStarted(10000));
        const QString token = QString::fromLatin1(FerryDaemon::kSecret);
        QTRY_VERIFY_WITH_TIMEOUT(rpcCall(ariaPort, token, u"aria2.getVersion"_s, {}).contains(u"result"_s), 10000);

        const auto both = [&](const QString &method, const QJsonArray &params) {
            return std::pair{ferry.call(method, params), rpcCall(ariaPort, token, method, params)};
        };
        const auto sameOption = [&](const QString &name) {
            const auto [ours, theirs] = both(u"aria2.getGlobalOption"_s, {});
            const QJsonValue a = ours.value(u"result"_s).toObject().value(name);
            const QJsonValue b = theirs.value(u"result"_s).toObject().value(name);
            QVERIFY2(a == b && a.isString(), qPrintable(name + u": "_s + a.toString() + u" / "_s + b.toString()));
        };
        sameOption(u"all-proxy"_s);
        sameOption(u"no-proxy"_s);
        int compared = 0;
        for (const QString &value : {u"http://127.0.0.1:3129"_s, u"127.0.0.1:3130"_s, u"https://127.0.0.1:3131"_s,
                                     u"ftp://127.0.0.1:21"_s, u"proxy.lan"_s, u"http://127.0.0.1:99999"_s,
                                     u"socks4://127.0.0.1:1080"_s, u"http://"_s, u""_s}) {
            auto [ours, theirs] = both(u"aria2.changeGlobalOption"_s, {QJsonObject{{u"all-proxy"_s, value}}});
            ours.remove(u"id"_s);
            theirs.remove(u"id"_s);
            QVERIFY2(ours == theirs, qPrintable(value + u": "_s + describe(ours) + u" / "_s + describe(theirs)));
            sameOption(u"all-proxy"_s);
            ++compared;
        }
        auto [ours, theirs] = both(u"aria2.changeGlobalOption"_s, {QJsonObject{{u"no-proxy"_s, u"example.com"_s}}});
        QCOMPARE(ours.value(u"result"_s), theirs.value(u"result"_s));
        sameOption(u"no-proxy"_s);
        // One download's own: addUri with all-proxy (paused), then getOption.
        const QJsonArray addParams{QJsonArray{target("/a.bin")},
                                   QJsonObject{{u"pause"_s, u"true"_s}, {u"all-proxy"_s, u"127.0.0.1:3132"_s},
                                               {u"no-proxy"_s, u"a.lan"_s}}};
        auto [ourGid, theirGid] = both(u"aria2.addUri"_s, addParams);
        const QJsonObject ourOptions = ferry.call(u"aria2.getOption"_s, {ourGid.value(u"result"_s)}).value(u"result"_s).toObject();
        const QJsonObject theirOptions =
            rpcCall(ariaPort, token, u"aria2.getOption"_s, {theirGid.value(u"result"_s)}).value(u"result"_s).toObject();
        for (const QString &name : {u"all-proxy"_s, u"no-proxy"_s})
            QCOMPARE(ourOptions.value(name), theirOptions.value(name));
        const QJsonArray badAdd{QJsonArray{target("/a.bin")}, QJsonObject{{u"all-proxy"_s, u"http://127.0.0.1:99999"_s}}};
        auto [ourBad, theirBad] = both(u"aria2.addUri"_s, badAdd);
        QCOMPARE(ourBad.value(u"error"_s), theirBad.value(u"error"_s));
        QVERIFY(compared >= 9);

        rpcCall(ariaPort, token, u"aria2.forceShutdown"_s, {});
        QVERIFY(aria.waitForFinished(15000));
        QVERIFY(ferry.terminate());
    }

    // A value the daemon cannot use: exit 2, and the password is not echoed.
    void badStartOptions()
    {
        const CommandResult bad = runCommand(ferryBinary(), {u"daemon"_s, u"--all-proxy"_s, u"socks4://u:hidden-pw@127.0.0.1:1"_s},
                                             10000, m_dir.path());
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--all-proxy"), qPrintable(bad.describe()));
        QVERIFY2(!bad.err.contains("hidden-pw"), qPrintable(bad.describe()));
    }

private:
    QTemporaryDir m_dir;
    MisbehavingServer m_web;
    MisbehavingServer m_other; // a second port: the no-proxy host of the SOCKS test
    QByteArray m_data;
    int m_homes = 0;
};

QTEST_GUILESS_MAIN(TestDaemonProxy)
#include "tst_daemon_proxy.moc"
