// Everything a download was added with is kept with it (issue #9): `ferry
// daemon` adds a download over the RPC with a login in the URL, a cookie and
// a header to a server that requires the login and the cookie; the daemon is
// stopped mid-download (SIGTERM) and started again on the same session; the
// resumed request carries the login, the cookie and the header, and the file
// completes byte-exact. The session and the control file are the owner's
// only (0600, the session's folder 0700) and the password is in neither the
// control file nor the daemon's output. The GID the client got still answers
// tellStatus after the restart (issue #8).
#include "tests/support/AccessRule.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/FerryDaemon.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using ferry::test::AccessRule;
using ferry::test::FerryDaemon;
using ferry::test::MisbehavingServer;
using ferry::test::ferryBinary;

namespace {

int modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestDaemonSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resumeAfterRestartSendsTheSameLoginCookieAndHeader()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString dir = home.filePath(u"downloads"_s);
        QVERIFY(QDir().mkpath(dir));

        QByteArray data(3 << 20, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
        MisbehavingServer server;
        QVERIFY(server.listen());
        server.setFile("/private.bin", data);
        MisbehavingServer::Behaviour slow;
        slow.bytesPerSecond = 256 * 1024; // about 12 s: time to stop it in the middle
        server.setBehaviour("/private.bin", slow);
        AccessRule rule;
        rule.login = AccessRule::Login::Basic;
        rule.user = "reader";
        rule.password = "pa:ss w0rd";
        rule.requiredCookie = "sid=s3cret";
        server.setAccessRule("/private.bin", rule);

        QUrl url = server.url("/private.bin");
        url.setUserName(u"reader"_s);
        url.setPassword(u"pa:ss w0rd"_s);

        FerryDaemon first;
        QVERIFY2(first.start(ferryBinary(), home.path(), dir), first.output().constData());
        const QJsonObject added = first.call(u"aria2.addUri"_s,
            {QJsonArray{url.toString(QUrl::FullyEncoded)},
             QJsonObject{{u"header"_s, QJsonArray{u"Cookie: sid=s3cret"_s, u"X-Token: t0k3n"_s}},
                         {u"split"_s, u"1"_s}}});
        QVERIFY2(added.value(u"result"_s).isString(), QJsonDocument(added).toJson().constData());
        const QString gid = added.value(u"result"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(server.bodyBytesSent("/private.bin") > 600 * 1024, 30000);
        QVERIFY2(first.terminate(), first.output().constData());

        const QString session = home.filePath(u"data/Ferry/ferry/daemon-session.json"_s);
        const QString control = dir + u"/private.bin.part.ferry"_s;
        QVERIFY2(QFile::exists(session), qPrintable(session));
        QVERIFY(QFile::exists(control));
        QCOMPARE(modeOf(session), 0600);
        QCOMPARE(modeOf(control), 0600);
        QCOMPARE(modeOf(QFileInfo(session).absolutePath()), 0700);
        QVERIFY(!readFile(control).contains("w0rd"));
        QVERIFY(!first.output().contains("w0rd"));

        const int requestsBefore = int(server.requests("/private.bin").size());
        FerryDaemon second;
        QVERIFY2(second.start(ferryBinary(), home.path(), dir), second.output().constData());
        const QString target = dir + u"/private.bin"_s;
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(target).size() == data.size() && !QFile::exists(control), 60000);
        QCOMPARE(readFile(target), data);
        QCOMPARE(modeOf(session), 0600);
        // Issue #8: the GID the client was given still names the download after the restart.
        const QJsonObject status = second.call(u"aria2.tellStatus"_s, {gid, QJsonArray{u"gid"_s, u"status"_s}});
        QCOMPARE(status.value(u"result"_s).toObject().value(u"gid"_s).toString(), gid);
        QCOMPARE(status.value(u"result"_s).toObject().value(u"status"_s).toString(), u"complete"_s);

        // The resumed request: a range from where the first daemon stopped, with everything it was added with.
        const QList<MisbehavingServer::Request> requests = server.requests("/private.bin");
        bool resumed = false;
        for (int i = requestsBefore; i < requests.size(); ++i) {
            const MisbehavingServer::Request &r = requests.at(i);
            if (r.rangeStart() <= 0 || r.status != 206)
                continue;
            resumed = true;
            QVERIFY2(r.header("cookie").contains("sid=s3cret"), r.header("cookie").constData());
            QCOMPARE(r.header("x-token"), "t0k3n"_ba);
            QVERIFY(r.header("authorization").startsWith("Basic "));
        }
        QVERIFY(resumed);
        QVERIFY2(second.terminate(), second.output().constData());
        QVERIFY(!second.output().contains("w0rd"));
    }
};

QTEST_GUILESS_MAIN(TestDaemonSession)
#include "tst_daemon_session.moc"
