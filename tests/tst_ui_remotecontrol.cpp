// Settings → Remote control as the window runs it: app/RemoteControlBridge
// starts the aria2 RPC on the window's own engine; a download added over it
// (a real HTTP POST on loopback, fetched from MisbehavingServer) lands on disk
// and is a row of the window's list and a record of its session; a wrong
// secret is refused; turning it off closes the port; a busy port is reported;
// it comes back on at the next start; the page shows the address and secret.
#include "app/RemoteControlBridge.h"
#include "core/DownloadEngine.h"
#include "core/SessionKeeper.h"
#include "core/SessionStore.h"
#include "support/MisbehavingServer.h"
#include "ui/DownloadListModel.h"
#include "ui/RemoteControlDialog.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

constexpr int kWaitMs = 15000;

QJsonObject call(const QString &address, const QString &token, const QString &method, QJsonArray params)
{
    params.prepend(QString(u"token:"_s + token));
    QNetworkAccessManager nam;
    QNetworkRequest request{QUrl(address)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> reply(nam.post(request, QJsonDocument(QJsonObject{
        {u"id"_s, 1}, {u"method"_s, method}, {u"params"_s, params}}).toJson()));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kWaitMs))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

} // namespace

class TestRemoteControl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", QFile::encodeName(m_home.path()));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"FerryTest"_s);
        QVERIFY(m_files.listen());
        m_files.setFile("/remote.bin", QByteArray(300000, 'r'));
    }

    void offByDefault()
    {
        RemoteControlBridge bridge(m_engine, m_home.filePath(u"dl"_s));
        QVERIFY(!bridge.settings().enabled);
        bridge.restore();
        QVERIFY(!bridge.isRunning());
    }

    void addedOverRpcIsAWindowDownload()
    {
        DownloadListModel model;
        model.setEngine(&m_engine);
        SessionStore store(m_home.filePath(u"session.json"_s));
        SessionKeeper keeper(m_engine, store);
        keeper.restore();
        RemoteControlBridge bridge(m_engine, m_home.filePath(u"dl"_s));
        RemoteControlSettings s;
        s.enabled = true;
        s.port = 0; // a free one (the page offers 1-65535; the bridge takes any)
        s.secret = "window-secret";
        QSignalSpy status(&bridge, &RemoteControlBridge::statusChanged);
        QVERIFY2(bridge.apply(s), qPrintable(bridge.status()));
        QCOMPARE(status.count(), 1);
        const QString address = bridge.address();
        QVERIFY2(address.startsWith(u"http://127.0.0.1:"_s) && address.endsWith(u"/jsonrpc"_s), qPrintable(address));

        QCOMPARE(call(address, u"nope"_s, u"aria2.getGlobalStat"_s, {}).value(u"error"_s).toObject()
                     .value(u"message"_s).toString(), u"Unauthorized"_s);
        const int rowsBefore = model.rowCount();
        const QJsonObject added = call(address, u"window-secret"_s, u"aria2.addUri"_s,
                                       {QJsonArray{m_files.url("/remote.bin").toString()}});
        const QString gid = added.value(u"result"_s).toString();
        QCOMPARE(gid.size(), 16);
        QCOMPARE(model.rowCount(), rowsBefore + 1); // in the window's list at once
        const int row = model.rowCount() - 1;
        QTRY_COMPARE_WITH_TIMEOUT(model.snapshotAt(row).state, DownloadState::Completed, kWaitMs);
        QFile file(m_home.filePath(u"dl/remote.bin"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_files.fileData("/remote.bin"));
        // In the session the window saves.
        const auto records = keeper.records();
        QVERIFY(std::any_of(records.cbegin(), records.cend(),
                            [&](const DownloadRecord &r) { return r.request.url == m_files.url("/remote.bin"); }));
        QCOMPARE(call(address, u"window-secret"_s, u"aria2.tellStatus"_s, {gid, QJsonArray{u"status"_s}})
                     .value(u"result"_s).toObject().value(u"status"_s).toString(), u"complete"_s);
        // The window's proxy is Settings → Network's: changeGlobalOption says so, and changes nothing.
        const QJsonObject proxy = call(address, u"window-secret"_s, u"aria2.changeGlobalOption"_s,
                                       {QJsonObject{{u"all-proxy"_s, u"http://127.0.0.1:3128"_s}}});
        QVERIFY2(proxy.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"Settings → Network"_s),
                 QJsonDocument(proxy).toJson().constData());
        QVERIFY(!call(address, u"window-secret"_s, u"aria2.getGlobalOption"_s, {}).value(u"result"_s).toObject()
                     .contains(u"all-proxy"_s));

        // Off: the port closes.
        const quint16 port = quint16(QUrl(address).port());
        s.enabled = false;
        QVERIFY(bridge.apply(s));
        QVERIFY(!bridge.isRunning());
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(2000));
    }

    void busyPortIsReported()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        RemoteControlBridge bridge(m_engine, m_home.filePath(u"dl"_s));
        RemoteControlSettings s;
        s.enabled = true;
        s.port = taken.serverPort();
        QVERIFY(!bridge.apply(s));
        QVERIFY(!bridge.isRunning());
        QVERIFY2(bridge.status().contains(QString::number(taken.serverPort())), qPrintable(bridge.status()));
    }

    void comesBackOnAndTheSecretIsSaved()
    {
        quint16 port = 0;
        {
            RemoteControlBridge bridge(m_engine, m_home.filePath(u"dl"_s));
            RemoteControlSettings s;
            s.enabled = true;
            s.port = 0;
            s.secret.clear(); // none given: the saved one is made
            QVERIFY(bridge.apply(s));
            QVERIFY(!bridge.settings().secret.isEmpty());
            port = quint16(QUrl(bridge.address()).port());
        }
        RemoteControlBridge next(m_engine, m_home.filePath(u"dl"_s));
        QVERIFY(next.settings().enabled);
        next.restore();
        QVERIFY(next.isRunning());
        Q_UNUSED(port);
        const QString secret = QString::fromUtf8(next.settings().secret);
        QVERIFY(call(next.address(), secret, u"aria2.getVersion"_s, {}).contains(u"result"_s));
    }

    void pageShowsAndEdits()
    {
        RemoteControlSettings s;
        s.enabled = true;
        s.port = 6801;
        s.secret = "abc";
        RemoteControlDialog dialog(s);
        dialog.setStatus(u"http://127.0.0.1:6801/jsonrpc"_s, u"Running."_s);
        QCOMPARE(dialog.findChild<QLineEdit *>(u"rpcAddress"_s)->text(), u"http://127.0.0.1:6801/jsonrpc"_s);
        QCOMPARE(dialog.findChild<QLineEdit *>(u"rpcSecret"_s)->text(), u"abc"_s);
        QCOMPARE(dialog.findChild<QSpinBox *>(u"rpcPort"_s)->value(), 6801);
        dialog.findChild<QCheckBox *>(u"rpcListenAll"_s)->setChecked(true);
        QSignalSpy applied(&dialog, &RemoteControlDialog::applyRequested);
        const auto buttons = dialog.findChildren<QPushButton *>();
        for (QPushButton *b : buttons)
            if (b->text().remove(u'&') == u"Apply")
                b->click();
        QCOMPARE(applied.count(), 1);
        const auto sent = applied.first().first().value<RemoteControlSettings>();
        QVERIFY(sent.listenAll);
        QCOMPARE(sent.secret, QByteArray("abc"));
        // Turning it off greys out the rest.
        dialog.findChild<QCheckBox *>(u"rpcEnabled"_s)->setChecked(false);
        QVERIFY(!dialog.findChild<QSpinBox *>(u"rpcPort"_s)->isEnabled());
    }

private:
    QTemporaryDir m_home;
    test::MisbehavingServer m_files;
    DownloadEngine m_engine;
};

QTEST_MAIN(TestRemoteControl)
#include "tst_ui_remotecontrol.moc"
