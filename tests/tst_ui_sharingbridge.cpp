// The Sharing panel wired to the real share server through app/SharingBridge,
// as the window runs it: starting from the panel gives a link that answers
// over HTTP (on loopback) with the token, the access log and the peers reach
// the panel, a busy port is reported, stopping closes the port, sharing that
// was on comes back on at the next start only when asked to, and the peer page
// lists the host's downloads only when the user allows it.
#include "app/SharingBridge.h"
#include "core/DownloadEngine.h"
#include "server/SavedSecrets.h"
#include "server/UploadSnapshot.h"
#include "ui/SharingPanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QWebSocket>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

constexpr int kWaitMs = 15000;

struct Answer {
    int status = 0;
    QByteArray body;
};

// GET of a URL's path and query, on loopback at its port.
Answer getExact(QNetworkAccessManager &nam, const QUrl &link)
{
    QUrl url = link;
    url.setHost(u"127.0.0.1"_s);
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(url)));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kWaitMs))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

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
    return getExact(nam, url);
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The downloads of the first "snapshot" a live-events client receives, or
// nullopt when none arrived.
std::optional<QJsonArray> snapshotDownloads(const QUrl &link)
{
    QWebSocket socket;
    std::optional<QJsonArray> downloads;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (!downloads && message.value(u"type"_s).toString() == u"snapshot"_s)
            downloads = message.value(u"downloads"_s).toArray();
    });
    QUrl url(u"ws://127.0.0.1:%1/ws"_s.arg(link.port()));
    url.setQuery(QUrlQuery(link).toString(QUrl::FullyEncoded));
    socket.open(url);
    [[maybe_unused]] const bool arrived = QTest::qWaitFor([&] { return downloads.has_value(); }, kWaitMs);
    socket.close();
    return downloads;
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
    void newLinkEndsOldSessions();
    void linkToOneFileExpires();
    void peerPageListsDownloadsOnlyWhenAllowed();

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
    {
        // Not asked to share again at start: it stays off.
        SharingPanel panel;
        SharingBridge bridge(panel, nullptr);
        QVERIFY(!panel.preferences().resumeAtStart);
        bridge.restore();
        QCOMPARE(panel.state(), SharingPanel::State::Stopped);
        QVERIFY(panel.preferences().enabled);
        panel.setResumeAtStart(true);
    }
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

// "New link": a new token, and whatever the old one opened — the link, a
// browser's session, a live connection — stops working.
void TestSharingBridge::newLinkEndsOldSessions()
{
    SharingPanel panel;
    SharingBridge bridge(panel, nullptr);
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.setPort(freePort()); // the same port before and after
    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    const QUrl oldLink = panel.link();
    QNetworkAccessManager browser; // keeps the session cookie
    QCOMPARE(get(browser, oldLink, u"/"_s, true).status, 200);
    QCOMPARE(get(browser, oldLink, u"/api/status"_s, false).status, 200);
    QWebSocket live;
    QNetworkRequest upgrade(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(oldLink.port())));
    upgrade.setRawHeader("Authorization", "Bearer " + QUrlQuery(oldLink).queryItemValue(u"token"_s).toLatin1());
    live.open(upgrade);
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), QAbstractSocket::ConnectedState, kWaitMs);

    panel.findChild<QPushButton *>(u"newLink"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel.state() == SharingPanel::State::Running && panel.link() != oldLink, kWaitMs);
    const QUrl newLink = panel.link();
    QCOMPARE(newLink.port(), oldLink.port());
    QVERIFY(QUrlQuery(newLink).queryItemValue(u"token"_s) != QUrlQuery(oldLink).queryItemValue(u"token"_s));
    QCOMPARE(QUrlQuery(newLink).queryItemValue(u"token"_s).toLatin1(), ferry::savedShareToken());
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), QAbstractSocket::UnconnectedState, kWaitMs);
    QCOMPARE(get(browser, oldLink, u"/api/status"_s, false).status, 401); // the old session
    QNetworkAccessManager stranger;
    QCOMPARE(get(stranger, oldLink, u"/api/status"_s, true).status, 401); // the old token
    QCOMPARE(get(stranger, newLink, u"/api/status"_s, true).status, 200);
    panel.stop();
}

// "Link to a File…": a link to that file alone, without the token, until it expires.
void TestSharingBridge::linkToOneFileExpires()
{
    SharingPanel panel;
    SharingBridge bridge(panel, nullptr);
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.setPort(0);
    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    QCOMPARE(panel.fileLinkSeconds(), qint64(24 * 3600));
    panel.requestFileLink(QDir(m_shared.path()).filePath(u"shared.bin"_s), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.fileLinkText().isEmpty(), kWaitMs);
    const QUrl link(panel.fileLinkText(), QUrl::StrictMode);
    QVERIFY2(link.query().contains(u"sig="_s) && !link.query().contains(u"token="_s), qPrintable(link.toString()));
    QCOMPARE(QGuiApplication::clipboard()->text(), panel.fileLinkText());
    QNetworkAccessManager stranger;
    const Answer first = getExact(stranger, link);
    QCOMPARE(first.status, 200);
    QVERIFY(first.body == m_content);
    QTRY_COMPARE_WITH_TIMEOUT(getExact(stranger, link).status, 401, kWaitMs);
    // Not a shared file: no link.
    panel.requestFileLink(m_home.filePath(u"elsewhere.txt"_s), 60);
    QTRY_VERIFY_WITH_TIMEOUT(panel.fileLinkText().isEmpty(), kWaitMs);
    panel.stop();
}

void TestSharingBridge::peerPageListsDownloadsOnlyWhenAllowed()
{
    DownloadEngine engine;
    DownloadRequest request;
    request.url = QUrl(u"http://127.0.0.1:9/private-report.pdf"_s);
    request.directory = m_home.path();
    const DownloadId id = engine.add(request, false);
    SharingPanel panel;
    SharingBridge bridge(panel, &engine);
    panel.addFolder(m_shared.path());
    panel.setPort(0);

    // Off unless the user turns it on: the page learns nothing of the downloads.
    QVERIFY(!panel.preferences().showDownloads);
    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    const auto hidden = snapshotDownloads(panel.link());
    QVERIFY(hidden.has_value());
    QCOMPARE(hidden->size(), 0);
    panel.stop();

    panel.setShowDownloads(true);
    panel.start();
    QTRY_COMPARE_WITH_TIMEOUT(panel.state(), SharingPanel::State::Running, kWaitMs);
    const auto shown = snapshotDownloads(panel.link());
    QVERIFY(shown.has_value());
    QCOMPARE(shown->size(), 1);
    QCOMPARE(shown->at(0).toObject().value(u"id"_s).toInteger(), qint64(id));
    panel.stop();
    panel.setShowDownloads(false);
}

QTEST_MAIN(TestSharingBridge)
#include "tst_ui_sharingbridge.moc"
