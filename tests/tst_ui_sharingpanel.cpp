// The Sharing panel on its own, fed by hand as app/SharingBridge would feed
// it: what it asks for and when, what it shows for each answer, the peers
// table and the access log, and the preferences it keeps between runs.
#include "ui/DownloadListModel.h"
#include "ui/SharingPanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

template<typename T>
T *child(const QWidget &parent, const char *name)
{
    auto *found = parent.findChild<T *>(QLatin1StringView(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

PeerTransferRow row(quint64 id, const QString &peer, const QString &path, qint64 sent, qint64 total, bool finished)
{
    PeerTransferRow r;
    r.id = id;
    r.peer = peer;
    r.path = path;
    r.sentBytes = sent;
    r.totalBytes = total;
    r.bytesPerSecond = finished ? 0 : 2048;
    r.finished = finished;
    r.started = QDateTime::currentDateTimeUtc();
    return r;
}

} // namespace

class TestSharingPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void startsStoppedAndNeedsAFolder();
    void foldersAreKeptAndDeduplicated();
    void startAsksWithPortAndFolders();
    void runningShowsLinkWithToken();
    void failureIsShownAndNotRetriedNextTime();
    void stopAsksOnlyWhenOn();
    void peersTable_data();
    void peersTable();
    void accessLogIsBounded();
    void preferencesSurviveANewPanel();

private:
    QTemporaryDir m_home;
    QTemporaryDir m_shared;
};

void TestSharingPanel::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_shared.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"FerryTest"_s);
    QCoreApplication::setApplicationName(u"tst_ui_sharingpanel"_s);
}

void TestSharingPanel::init()
{
    QSettings().clear();
}

void TestSharingPanel::startsStoppedAndNeedsAFolder()
{
    SharingPanel panel;
    panel.show();
    QCOMPARE(panel.state(), SharingPanel::State::Stopped);
    QVERIFY(panel.preferences().folders.isEmpty());
    QCOMPARE(panel.preferences().port, SharingPreferences::DefaultPort);
    QCOMPARE(child<QSpinBox>(panel, "sharingPort")->value(), int(SharingPreferences::DefaultPort));
    QVERIFY(!child<QPushButton>(panel, "toggleSharing")->isEnabled());
    QVERIFY(!child<QPushButton>(panel, "copyLink")->isEnabled());
    QVERIFY(child<QLineEdit>(panel, "sharingLink")->text().isEmpty());
    QCOMPARE(child<QLabel>(panel, "noPeers")->isVisible(), true); // the empty state, not an empty table

    // Asked to start anyway (e.g. restored as on): it says why not, and asks nobody.
    QSignalSpy asked(&panel, &SharingPanel::startRequested);
    panel.start();
    QCOMPARE(asked.size(), 0);
    QCOMPARE(panel.state(), SharingPanel::State::Failed);
    QVERIFY(!panel.statusText().isEmpty());
    QVERIFY(!panel.preferences().enabled);
}

void TestSharingPanel::foldersAreKeptAndDeduplicated()
{
    SharingPanel panel;
    const QString dir = m_shared.path();
    QVERIFY(panel.addFolder(dir));
    QVERIFY(!panel.addFolder(dir));
    QVERIFY(!panel.addFolder(dir + u"/"_s));
    QVERIFY(!panel.addFolder(u"  "_s));
    QCOMPARE(panel.preferences().folders, QStringList {dir});
    QCOMPARE(child<QListWidget>(panel, "sharedFolders")->count(), 1);
    QVERIFY(child<QPushButton>(panel, "toggleSharing")->isEnabled());
    // Saved at once.
    QCOMPARE(SharingPreferences::load().folders, QStringList {dir});

    QVERIFY(panel.removeFolder(dir));
    QVERIFY(!panel.removeFolder(dir));
    QCOMPARE(child<QListWidget>(panel, "sharedFolders")->count(), 0);
    QVERIFY(SharingPreferences::load().folders.isEmpty());
    QVERIFY(!child<QPushButton>(panel, "toggleSharing")->isEnabled());
}

void TestSharingPanel::startAsksWithPortAndFolders()
{
    SharingPanel panel;
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.setPort(9123);
    QSignalSpy asked(&panel, &SharingPanel::startRequested);
    QSignalSpy states(&panel, &SharingPanel::stateChanged);

    child<QPushButton>(panel, "toggleSharing")->click();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<quint16>(), quint16(9123));
    QCOMPARE(asked.at(0).at(1).toStringList(), QStringList {m_shared.path()});
    QCOMPARE(panel.state(), SharingPanel::State::Starting);
    QCOMPARE(states.size(), 1);
    QVERIFY(SharingPreferences::load().enabled);

    // While it starts or runs the port stays (peers hold links to it) and a
    // second start is not asked for; folders can change, and the server is
    // asked to restart with the new list.
    QVERIFY(!child<QSpinBox>(panel, "sharingPort")->isEnabled());
    panel.start();
    QCOMPARE(asked.size(), 1);
    QVERIFY(child<QPushButton>(panel, "addFolder")->isEnabled());
    QVERIFY(panel.addFolder(m_home.path()));
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.at(1).at(1).toStringList(), (QStringList {m_shared.path(), m_home.path()}));
    QCOMPARE(panel.state(), SharingPanel::State::Starting);
    // The restart's stop is not the user's: still starting, then running.
    panel.setRunning(false);
    QCOMPARE(panel.state(), SharingPanel::State::Starting);
    panel.setRunning(true, QUrl(u"http://127.0.0.1:9123/?token=t"_s));
    QCOMPARE(panel.state(), SharingPanel::State::Running);
    QVERIFY(panel.removeFolder(m_home.path()));
    QCOMPARE(asked.size(), 3);
    QCOMPARE(asked.at(2).at(1).toStringList(), QStringList {m_shared.path()});
    QCOMPARE(child<QPushButton>(panel, "toggleSharing")->text(), SharingPanel::tr("Stop Sharing"));
}

void TestSharingPanel::runningShowsLinkWithToken()
{
    SharingPanel panel;
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.start();
    const QUrl link(u"http://192.0.2.7:8686/?token=AbC-123_xyz"_s);
    panel.setRunning(true, link);
    QCOMPARE(panel.state(), SharingPanel::State::Running);
    QCOMPARE(panel.link(), link);
    QCOMPARE(child<QLineEdit>(panel, "sharingLink")->text(), link.toString(QUrl::FullyEncoded));
    QVERIFY(panel.statusText().contains(u"8686"_s));
    QVERIFY(child<QPushButton>(panel, "copyLink")->isEnabled());
    QVERIFY(child<QPushButton>(panel, "openLink")->isEnabled());

    child<QPushButton>(panel, "copyLink")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), link.toString(QUrl::FullyEncoded));
    // It says that it copied, then goes back to its name.
    QCOMPARE(child<QPushButton>(panel, "copyLink")->text(), SharingPanel::tr("Copied"));
    QTRY_COMPARE_WITH_TIMEOUT(child<QPushButton>(panel, "copyLink")->text(), SharingPanel::tr("Copy"), 10000);
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"token=AbC-123_xyz"_s));

    // The server going away by itself (not asked): off, no link left behind.
    QSignalSpy asked(&panel, &SharingPanel::stopRequested);
    panel.setRunning(false);
    QCOMPARE(panel.state(), SharingPanel::State::Stopped);
    QVERIFY(child<QLineEdit>(panel, "sharingLink")->text().isEmpty());
    QVERIFY(!child<QPushButton>(panel, "copyLink")->isEnabled());
    QCOMPARE(asked.size(), 0);
}

void TestSharingPanel::failureIsShownAndNotRetriedNextTime()
{
    SharingPanel panel;
    QVERIFY(panel.addFolder(m_shared.path()));
    panel.start();
    QVERIFY(SharingPreferences::load().enabled);
    panel.setFailed(u"Port 8686 is in use"_s);
    QCOMPARE(panel.state(), SharingPanel::State::Failed);
    QVERIFY(panel.statusText().contains(u"Port 8686 is in use"_s));
    QCOMPARE(child<QPushButton>(panel, "toggleSharing")->text(), SharingPanel::tr("Start Sharing"));
    QVERIFY(child<QSpinBox>(panel, "sharingPort")->isEnabled()); // so the user can pick another
    QVERIFY(!SharingPreferences::load().enabled);

    // A "stopped" that follows the failure keeps the message visible.
    panel.setRunning(false);
    QCOMPARE(panel.state(), SharingPanel::State::Failed);

    // Trying again asks again.
    QSignalSpy asked(&panel, &SharingPanel::startRequested);
    panel.setPort(9124);
    child<QPushButton>(panel, "toggleSharing")->click();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<quint16>(), quint16(9124));
}

void TestSharingPanel::stopAsksOnlyWhenOn()
{
    SharingPanel panel;
    QVERIFY(panel.addFolder(m_shared.path()));
    QSignalSpy asked(&panel, &SharingPanel::stopRequested);
    panel.stop();
    QCOMPARE(asked.size(), 0);

    panel.start();
    panel.setRunning(true, QUrl(u"http://127.0.0.1:8686/?token=t"_s));
    panel.setPeers({row(1, u"127.0.0.1"_s, u"a/b.iso"_s, 10, 100, false)});
    child<QPushButton>(panel, "toggleSharing")->click();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(panel.state(), SharingPanel::State::Stopped);
    QVERIFY(panel.peers().isEmpty());
    QCOMPARE(child<QTableWidget>(panel, "peers")->rowCount(), 0);
    QVERIFY(!SharingPreferences::load().enabled);
}

void TestSharingPanel::peersTable_data()
{
    QTest::addColumn<QList<PeerTransferRow>>("rows");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<QList<int>>("percents");
    QTest::addColumn<QString>("tabText");

    QTest::addRow("nobody") << QList<PeerTransferRow> {} << QStringList {} << QList<int> {} << u"Peers"_s;
    QTest::addRow("one sending") << QList<PeerTransferRow> {row(7, u"192.0.2.20"_s, u"Music/a.flac"_s, 250, 1000, false)}
                                 << QStringList {u"Sending"_s} << QList<int> {25} << u"Peers (1)"_s;
    QTest::addRow("sending, done, cut short")
        << QList<PeerTransferRow> {row(1, u"192.0.2.20"_s, u"x.iso"_s, 0, 5000, false),
                                   row(2, u"192.0.2.21"_s, u"y.txt"_s, 300, 300, true),
                                   row(3, u"192.0.2.22"_s, u"z.bin"_s, 100, 400, true)}
        << QStringList {u"Sending"_s, u"Done"_s, u"Stopped"_s} << QList<int> {0, 100, 25} << u"Peers (1)"_s;
    QTest::addRow("empty file done") << QList<PeerTransferRow> {row(4, u"::1"_s, u"empty"_s, 0, 0, true)}
                                     << QStringList {u"Done"_s} << QList<int> {100} << u"Peers"_s;
}

void TestSharingPanel::peersTable()
{
    QFETCH(QList<PeerTransferRow>, rows);
    QFETCH(QStringList, statuses);
    QFETCH(QList<int>, percents);
    QFETCH(QString, tabText);

    SharingPanel panel;
    panel.show();
    // A longer list first: rows that are gone must not linger.
    panel.setPeers({row(90, u"a"_s, u"1"_s, 1, 2, false), row(91, u"b"_s, u"2"_s, 1, 2, false),
                    row(92, u"c"_s, u"3"_s, 1, 2, false), row(93, u"d"_s, u"4"_s, 1, 2, false)});
    panel.setPeers(rows);

    auto *table = child<QTableWidget>(panel, "peers");
    auto *pages = qobject_cast<QStackedWidget *>(table->parentWidget());
    QVERIFY(pages);
    QCOMPARE(table->rowCount(), rows.size());
    QCOMPARE(pages->currentWidget() == table, !rows.isEmpty());
    QCOMPARE(panel.peers(), rows);
    for (int r = 0; r < rows.size(); ++r) {
        QCOMPARE(table->item(r, SharingPanel::PeerColumn)->text(), rows.at(r).peer);
        QCOMPARE(table->item(r, SharingPanel::FileColumn)->text(), rows.at(r).path);
        QCOMPARE(table->item(r, SharingPanel::StatusColumn)->text(), statuses.at(r));
        QCOMPARE(table->item(r, SharingPanel::ProgressColumn)->data(DownloadListModel::ProgressRole).toInt(),
                 percents.at(r));
        QCOMPARE(table->item(r, SharingPanel::SpeedColumn)->text().isEmpty(), rows.at(r).finished);
    }
    QCOMPARE(child<QTabWidget>(panel, "sharingTabs")->tabText(0), tabText);
}

void TestSharingPanel::accessLogIsBounded()
{
    SharingPanel panel;
    panel.appendLogLine(u"127.0.0.1 [2024-05-01T10:00:00.000Z] \"GET / HTTP/1.1\" 200 512 1ms"_s);
    QCOMPARE(panel.logLines().size(), 1);
    QVERIFY(panel.logLines().constFirst().contains(u"\"GET / HTTP/1.1\" 200"_s));
    for (int i = 0; i < 2500; ++i)
        panel.appendLogLine(u"line %1"_s.arg(i));
    const QStringList lines = panel.logLines();
    QVERIFY2(lines.size() <= 2000, qPrintable(QString::number(lines.size())));
    QCOMPARE(lines.constLast(), u"line 2499"_s); // the newest are kept
}

void TestSharingPanel::preferencesSurviveANewPanel()
{
    {
        SharingPanel panel;
        QVERIFY(panel.addFolder(m_shared.path()));
        QVERIFY(panel.addFolder(m_home.path()));
        child<QSpinBox>(panel, "sharingPort")->setValue(9999);
        panel.start();
        panel.setRunning(true, QUrl(u"http://127.0.0.1:9999/?token=t"_s));
    }
    SharingPanel again;
    const SharingPreferences prefs = again.preferences();
    QCOMPARE(prefs.port, quint16(9999));
    QCOMPARE(prefs.folders, (QStringList {m_shared.path(), m_home.path()}));
    QVERIFY(prefs.enabled); // it was on when the window closed
    QCOMPARE(again.state(), SharingPanel::State::Stopped); // until someone starts the server
    QCOMPARE(child<QSpinBox>(again, "sharingPort")->value(), 9999);
    QCOMPARE(child<QListWidget>(again, "sharedFolders")->count(), 2);

    // Out-of-range or relative values from a hand-edited file are not taken.
    QSettings settings;
    settings.setValue(u"share/port"_s, 70000);
    settings.setValue(u"share/folders"_s, QStringList {u"relative/dir"_s, m_shared.path(), m_shared.path()});
    const SharingPreferences cleaned = SharingPreferences::load();
    QCOMPARE(cleaned.port, SharingPreferences::DefaultPort);
    QCOMPARE(cleaned.folders, QStringList {m_shared.path()});
}

QTEST_MAIN(TestSharingPanel)
#include "tst_ui_sharingpanel.moc"
