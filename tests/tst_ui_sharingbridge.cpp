// The Sharing panel wired to the real share server through app/SharingBridge,
// as the window runs it: starting from the panel gives a link that answers
// over HTTP (on loopback) with the token, the access log and the peers reach
// the panel, a busy port is reported, stopping closes the port, and sharing
// that was on comes back on at the next start.
#include "app/SharingBridge.h"
#include "server/SavedSecrets.h"
#include "server/UploadSnapshot.h"
#include "ui/SharingPanel.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

constexpr int kWaitMs = 15000;

struct Answer {
    int status = 0;
    QByteArray body;
};

// GET on loopback; the panel's link names the machine's LAN address first, which
// tests never use, so only its port, path and token are taken.
Answer get(QNetworkAccessManager &nam, const QUrl &link, const QString &path, bool withToken)
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(link.port());
    url.setPath(path);
    if (withToken)
        url.setQuery(QUrlQuery(link).toString(QUrl::FullyEncoded));
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(url)));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kWaitMs))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

} // namespace

class TestSharingBridge final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void uploadBecomesRow();
    void startFromPanelServesTheLink();
    void busyPortIsReported();
    void sharingComesBackOn();

private:
    QTemporaryDir m_home;
    QTemporaryDir m_shared;
    QByteArray m_content;
};

void TestSharingBridge::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_shared.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"FerryTest"_s);
    QCoreApplication::setApplicationName(u"tst_ui_sharingbridge"_s);

    m_content.resize(256 * 1024);
    for (qsizetype i = 0; i < m_content.size(); ++i)
        m_content[i] = char(i * 7 % 251);
    QFile file(QDir(m_shared.path()).filePath(u"shared.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(m_content), m_content.size());
}

void TestSharingBridge::init()
{
    QSettings().clear();
}

void TestSharingBridge::uploadBecomesRow()
{
    UploadSnapshot upload;
    upload.id = 42;
    upload.peer = u"192.0.2.9"_s;
    upload.path = u"Music/a.flac"_s;
    upload.sentBytes = 100;
    upload.totalBytes = 400;
    upload.bytesPerSecond = 12.5;
    upload.started = QDateTime::currentDateTimeUtc();
    upload.finished = true;
    upload.status = 206;
    const PeerTransferRow row = SharingBridge::toRow(upload);
    QCOMPARE(row.id, upload.id);
    QCOMPARE(row.peer, upload.peer);
    QCOMPARE(row.path, upload.path);
    QCOMPARE(row.sentBytes, upload.sentBytes);
    QCOMPARE(row.totalBytes, upload.totalBytes);
    QCOMPARE(row.bytesPerSecond, upload.bytesPerSecond);
    QCOMPARE(row.started, upload.started);
    QCOMPARE(row.finished, true);
    QCOMPARE(row.status, 206);
}

void TestSharingBridge::startFromPanelServesTheLink()
{
    SharingPanel panel;
    SharingBridge bridge(panel, nullptr);
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.setPort(0); // any free port

    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    const QUrl link = panel.link();
    QVERIFY(link.isValid());
    QVERIFY(link.port() > 0);
    const QString token = QUrlQuery(link).queryItemValue(u"token"_s);
    QVERIFY2(!token.isEmpty(), qPrintable(link.toString()));
    QCOMPARE(token.toLatin1(), ferry::savedShareToken()); // the saved one, shared with `ferry serve`

    QNetworkAccessManager nam;
    const QString root = QFileInfo(m_shared.path()).fileName();
    const QString filePath = u"/files/"_s + root + u"/shared.bin"_s;
    const Answer withToken = get(nam, link, filePath, true);
    QCOMPARE(withToken.status, 200);
    QCOMPARE(withToken.body.size(), m_content.size());
    QVERIFY(withToken.body == m_content);
    QNetworkAccessManager stranger; // no cookie from the token request
    const Answer without = get(stranger, link, filePath, false);
    QVERIFY2(without.status == 401 || without.status == 403, qPrintable(QString::number(without.status)));
    QVERIFY(without.body != m_content);

    // What the server saw reaches the panel: the access log and the peer's transfer.
    QTRY_VERIFY_WITH_TIMEOUT(panel.logLines().size() >= 2, kWaitMs);
    QVERIFY(panel.logLines().join(u'\n').contains(u"shared.bin"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.peers().isEmpty(), kWaitMs);
    const PeerTransferRow row = panel.peers().constFirst();
    QCOMPARE(row.peer, u"127.0.0.1"_s);
    QVERIFY2(row.path.endsWith(u"shared.bin"_s), qPrintable(row.path));
    QTRY_VERIFY_WITH_TIMEOUT(panel.peers().constFirst().finished, kWaitMs);
    QCOMPARE(panel.peers().constFirst().sentBytes, m_content.size());

    // Stop: the port closes, the panel says so.
    panel.stop();
    QCOMPARE(panel.state(), SharingPanel::State::Stopped);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, quint16(link.port()));
            return !probe.waitForConnected(1000);
        }(),
        kWaitMs);
    QCOMPARE(panel.state(), SharingPanel::State::Stopped);
}

void TestSharingBridge::busyPortIsReported()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::AnyIPv4, 0));
    SharingPanel panel;
    SharingBridge bridge(panel, nullptr);
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.setPort(squatter.serverPort());
    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Failed, kWaitMs);
    QVERIFY(!panel.statusText().isEmpty());
    QVERIFY(!panel.preferences().enabled);

    // Another port: it works.
    squatter.close();
    panel.setPort(0);
    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
}

void TestSharingBridge::sharingComesBackOn()
{
    {
        SharingPanel panel;
        SharingBridge bridge(panel, nullptr);
        QVERIFY(panel.addFolder(m_shared.path()));
        panel.setPort(0);
        panel.start();
        QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    } // the window closes while sharing
    SharingPanel panel;
    SharingBridge bridge(panel, nullptr);
    QCOMPARE(panel.state(), SharingPanel::State::Stopped);
    bridge.restore();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    QNetworkAccessManager nam;
    const Answer status = get(nam, panel.link(), u"/api/status"_s, true);
    QCOMPARE(status.status, 200);

    // Off at close: stays off.
    panel.stop();
    SharingPanel third;
    SharingBridge thirdBridge(third, nullptr);
    thirdBridge.restore();
    QTest::qWait(200);
    QCOMPARE(third.state(), SharingPanel::State::Stopped);
}

QTEST_MAIN(TestSharingBridge)
#include "tst_ui_sharingbridge.moc"
