// aria2.changeOption with `dir` (issue #8) over HTTP to `ferry daemon`: a
// paused download's .part and control file move to the new folder and it
// completes there; a running one is paused for the move and completes in the
// new folder keeping what it had (aria2c 1.36 answers "OK" too but starts
// over from zero there); an empty folder is refused with aria2's words.
#include "tests/support/FerryCommand.h"
#include "tests/support/FerryDaemon.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/Behaviours.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::test::FerryDaemon;
using ferry::test::MisbehavingServer;
using ferry::test::throttled;
using ferry::test::readAll;
using ferry::test::ferryBinary;

namespace {

QJsonObject statusOf(const FerryDaemon &daemon, const QString &gid)
{
    return daemon.call(u"aria2.tellStatus"_s, {gid, QJsonArray{u"status"_s, u"dir"_s, u"completedLength"_s}})
        .value(u"result"_s)
        .toObject();
}

} // namespace

class TestRpcChangeOption final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_first = m_home.filePath(u"first"_s);
        QVERIFY(QDir().mkpath(m_first));
        QVERIFY(m_server.listen());
        QVERIFY2(m_daemon.start(ferryBinary(), m_home.path(), m_first), m_daemon.output().constData());
    }

    void pausedDownloadMovesItsPartFile()
    {
        const QByteArray data = MisbehavingServer::makeData(2 << 20, 11);
        m_server.setFile("/paused.bin", data);
        const MisbehavingServer::Behaviour slow = throttled(512 * 1024);
        m_server.setBehaviour("/paused.bin", slow);
        const QJsonObject added = m_daemon.call(u"aria2.addUri"_s,
            {QJsonArray{m_server.url("/paused.bin").toString()}, QJsonObject{{u"split"_s, u"1"_s}}});
        const QString gid = added.value(u"result"_s).toString();
        QVERIFY2(!gid.isEmpty(), QJsonDocument(added).toJson().constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.bodyBytesSent("/paused.bin") > 300 * 1024, 20000);
        QCOMPARE(m_daemon.call(u"aria2.pause"_s, {gid}).value(u"result"_s).toString(), gid);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_daemon, gid).value(u"status"_s).toString(), u"paused"_s, 10000);
        QVERIFY(QFile::exists(m_first + u"/paused.bin.part"_s));
        const qint64 kept = statusOf(m_daemon, gid).value(u"completedLength"_s).toString().toLongLong();
        QVERIFY(kept > 0);

        const QString second = m_home.filePath(u"second"_s);
        const QJsonObject changed = m_daemon.call(u"aria2.changeOption"_s, {gid, QJsonObject{{u"dir"_s, second}}});
        QCOMPARE(changed.value(u"result"_s).toString(), u"OK"_s);
        // The folder is the download's once every file is there (core/FileMove: all or nothing).
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_daemon, gid).value(u"dir"_s).toString(), second, 10000);
        QVERIFY(QFile::exists(second + u"/paused.bin.part"_s));
        QVERIFY(QFile::exists(second + u"/paused.bin.part.ferry"_s));
        QVERIFY(!QFile::exists(m_first + u"/paused.bin.part"_s));
        QVERIFY(!QFile::exists(m_first + u"/paused.bin.part.ferry"_s));
        QCOMPARE(m_daemon.call(u"aria2.getOption"_s, {gid}).value(u"result"_s).toObject().value(u"dir"_s).toString(),
                 second);

        const qint64 sentBefore = m_server.bodyBytesSent("/paused.bin");
        QCOMPARE(m_daemon.call(u"aria2.unpause"_s, {gid}).value(u"result"_s).toString(), gid);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_daemon, gid).value(u"status"_s).toString(), u"complete"_s, 30000);
        QCOMPARE(readAll(second + u"/paused.bin"_s), data);
        QVERIFY(!QFile::exists(m_first + u"/paused.bin"_s));
        // Resumed from what moved with it, not from zero.
        QVERIFY2(m_server.bodyBytesSent("/paused.bin") - sentBefore <= data.size() - kept,
                 qPrintable(QString::number(m_server.bodyBytesSent("/paused.bin") - sentBefore)));
    }

    void runningDownloadMovesAndKeepsItsData()
    {
        const QByteArray data = MisbehavingServer::makeData(2 << 20, 12);
        m_server.setFile("/running.bin", data);
        const MisbehavingServer::Behaviour slow = throttled(512 * 1024);
        m_server.setBehaviour("/running.bin", slow);
        const QJsonObject added = m_daemon.call(u"aria2.addUri"_s,
            {QJsonArray{m_server.url("/running.bin").toString()}, QJsonObject{{u"split"_s, u"1"_s}}});
        const QString gid = added.value(u"result"_s).toString();
        QVERIFY2(!gid.isEmpty(), QJsonDocument(added).toJson().constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.bodyBytesSent("/running.bin") > 300 * 1024, 20000);

        const QString third = m_home.filePath(u"third"_s);
        const QJsonObject changed = m_daemon.call(u"aria2.changeOption"_s, {gid, QJsonObject{{u"dir"_s, third}}});
        QCOMPARE(changed.value(u"result"_s).toString(), u"OK"_s);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_daemon, gid).value(u"status"_s).toString(), u"complete"_s, 30000);
        QCOMPARE(statusOf(m_daemon, gid).value(u"dir"_s).toString(), third);
        QCOMPARE(readAll(third + u"/running.bin"_s), data);
        QVERIFY(!QFile::exists(m_first + u"/running.bin"_s));
        QVERIFY(!QFile::exists(m_first + u"/running.bin.part"_s));
        // The data before the move was kept: the server sent the file less than twice.
        QVERIFY2(m_server.bodyBytesSent("/running.bin") < 2 * data.size(),
                 qPrintable(QString::number(m_server.bodyBytesSent("/running.bin"))));
        bool resumed = false;
        for (const MisbehavingServer::Request &r : m_server.requests("/running.bin"))
            resumed = resumed || (r.rangeStart() > 0 && r.status == 206);
        QVERIFY(resumed);
    }

    void emptyFolderIsRefused()
    {
        m_server.setFile("/kept.bin", MisbehavingServer::makeData(1024, 13));
        const QJsonObject added = m_daemon.call(u"aria2.addUri"_s,
            {QJsonArray{m_server.url("/kept.bin").toString()}, QJsonObject{{u"pause"_s, u"true"_s}}});
        const QString gid = added.value(u"result"_s).toString();
        QVERIFY(!gid.isEmpty());
        const QJsonObject answer = m_daemon.call(u"aria2.changeOption"_s, {gid, QJsonObject{{u"dir"_s, u""_s}}});
        QCOMPARE(answer.value(u"error"_s).toObject().value(u"message"_s).toString(),
                 u"We encountered a problem while processing the option '--dir'."_s);
        QCOMPARE(statusOf(m_daemon, gid).value(u"dir"_s).toString(), m_first);
    }

    void cleanupTestCase() { QVERIFY2(m_daemon.terminate(), m_daemon.output().constData()); }

private:
    QTemporaryDir m_home;
    QString m_first;
    MisbehavingServer m_server;
    FerryDaemon m_daemon;
};

QTEST_GUILESS_MAIN(TestRpcChangeOption)
#include "tst_rpc_changeoption.moc"
