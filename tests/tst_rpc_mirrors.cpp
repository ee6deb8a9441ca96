// aria2.addUri with several URIs (issue #8) over HTTP to `ferry daemon`: the
// first is the link, the others its mirrors; getUris and tellStatus
// files[].uris list the link in use as "used" and the others as "waiting",
// as aria2c does; a first link answering 404 moves the download to the
// mirror and the file is byte-exact; changeUri takes links out and puts
// new ones in at a position, as aria2's manual says.
#include "tests/support/FerryCommand.h"
#include "tests/support/FerryDaemon.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/Behaviours.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::test::FerryDaemon;
using ferry::test::MisbehavingServer;
using ferry::test::throttled;
using ferry::test::errorFor;
using ferry::test::readAll;
using ferry::test::ferryBinary;

namespace {

QJsonArray uriList(const QList<QPair<QString, QString>> &links)
{
    QJsonArray out;
    for (const auto &[uri, status] : links)
        out.append(QJsonObject{{u"status"_s, status}, {u"uri"_s, uri}});
    return out;
}

QString text(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

} // namespace

class TestRpcMirrors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_dir = m_home.filePath(u"downloads"_s);
        QVERIFY(QDir().mkpath(m_dir));
        QVERIFY(m_server.listen());
        QVERIFY2(m_daemon.start(ferryBinary(), m_home.path(), m_dir), m_daemon.output().constData());
    }

    void getUrisShowsTheLinkInUseAndTheWaitingMirrors()
    {
        const QByteArray data = MisbehavingServer::makeData(2 << 20, 21);
        m_server.setFile("/slow.bin", data);
        const MisbehavingServer::Behaviour slow = throttled(256 * 1024);
        m_server.setBehaviour("/slow.bin", slow);
        const QString link = m_server.url("/slow.bin").toString();
        const QString mirror1 = m_server.url("/m1/slow.bin").toString();
        const QString mirror2 = m_server.url("/m2/slow.bin").toString();
        const QJsonObject added = m_daemon.call(u"aria2.addUri"_s, {QJsonArray{link, mirror1, u"ftp://x/slow.bin"_s, mirror2}});
        const QString gid = added.value(u"result"_s).toString();
        QVERIFY2(!gid.isEmpty(), QJsonDocument(added).toJson().constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.bodyBytesSent("/slow.bin") > 100 * 1024, 20000);

        const QJsonArray expected = uriList({{link, u"used"_s}, {mirror1, u"waiting"_s}, {mirror2, u"waiting"_s}});
        const QJsonValue uris = m_daemon.call(u"aria2.getUris"_s, {gid}).value(u"result"_s);
        QCOMPARE(text(uris), text(expected));
        const QJsonObject status =
            m_daemon.call(u"aria2.tellStatus"_s, {gid, QJsonArray{u"files"_s}}).value(u"result"_s).toObject();
        QCOMPARE(text(status.value(u"files"_s).toArray().at(0).toObject().value(u"uris"_s)), text(expected));

        // changeUri: mirror1 out, a new one in at position 0 of the waiting links.
        const QString fresh = m_server.url("/m3/slow.bin").toString();
        const QJsonObject changed =
            m_daemon.call(u"aria2.changeUri"_s, {gid, 1, QJsonArray{mirror1}, QJsonArray{fresh}, 0});
        QCOMPARE(text(changed.value(u"result"_s)), text(QJsonArray{1, 1}));
        QCOMPARE(text(m_daemon.call(u"aria2.getUris"_s, {gid}).value(u"result"_s)),
                 text(uriList({{link, u"used"_s}, {fresh, u"waiting"_s}, {mirror2, u"waiting"_s}})));
        QCOMPARE(m_daemon.call(u"aria2.remove"_s, {gid}).value(u"result"_s).toString(), gid);
    }

    void notFoundMovesToTheMirror()
    {
        const QByteArray data = MisbehavingServer::makeData(600 * 1024, 22);
        const MisbehavingServer::Behaviour gone = errorFor(404);
        m_server.setBehaviour("/gone/file.bin", gone);
        m_server.setFile("/mirror/file.bin", data);
        const QString link = m_server.url("/gone/file.bin").toString();
        const QString mirror = m_server.url("/mirror/file.bin").toString();
        const QJsonObject added = m_daemon.call(u"aria2.addUri"_s, {QJsonArray{link, mirror}});
        const QString gid = added.value(u"result"_s).toString();
        QVERIFY2(!gid.isEmpty(), QJsonDocument(added).toJson().constData());
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon.call(u"aria2.tellStatus"_s, {gid, QJsonArray{u"status"_s}})
                                      .value(u"result"_s).toObject().value(u"status"_s).toString(),
                                  u"complete"_s, 30000);
        QCOMPARE(readAll(m_dir + u"/file.bin"_s), data);
        QCOMPARE(text(m_daemon.call(u"aria2.getUris"_s, {gid}).value(u"result"_s)),
                 text(uriList({{mirror, u"used"_s}})));
        QVERIFY(m_server.requestCount("/gone/file.bin") > 0);
    }

    void cleanupTestCase() { QVERIFY2(m_daemon.terminate(), m_daemon.output().constData()); }

private:
    QTemporaryDir m_home;
    QString m_dir;
    MisbehavingServer m_server;
    FerryDaemon m_daemon;
};

QTEST_GUILESS_MAIN(TestRpcMirrors)
#include "tst_rpc_mirrors.moc"
