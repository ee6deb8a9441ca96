// Errors are kept as their source text and arguments and rendered when shown
// (core/TranslatableText): switching the language while Ferry runs turns a
// failed download's English error Chinese and back, against the real engine
// and a local server answering 404, with zh_CN's own lrelease output.
#include "core/DownloadEngine.h"
#include "core/TranslatableText.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestWindowLanguage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void textRendersItsArgumentsOnce_data();
    void textRendersItsArgumentsOnce();
    void errorFollowsTheLanguage();

private:
    QTemporaryDir m_home;
};

void TestWindowLanguage::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_windowlanguage"_s));
}

void TestWindowLanguage::textRendersItsArgumentsOnce_data()
{
    QTest::addColumn<TranslatableText>("text");
    QTest::addColumn<QString>("rendered");
    const TranslatableText twoArgs("ferry::Download", "Cannot write %1: %2");
    QTest::addRow("in order") << twoArgs.arg(u"/tmp/a"_s, u"disk full"_s) << u"Cannot write /tmp/a: disk full"_s;
    // A path holding "%2" is not filled in by the next argument (QString::arg chains would).
    QTest::addRow("a marker inside an argument") << twoArgs.arg(u"/tmp/100%2"_s).arg(u"full"_s)
                                                 << u"Cannot write /tmp/100%2: full"_s;
    QTest::addRow("missing argument left") << twoArgs.arg(u"/tmp/a"_s) << u"Cannot write /tmp/a: %2"_s;
    QTest::addRow("numbers") << TranslatableText("ferry::Download", "The server answered %1 %2").arg(404).arg(u""_s)
                             << u"The server answered 404"_s;
    QTest::addRow("nested") << TranslatableText("ferry::Download", "Gave up after %1 attempts: %2")
                                   .arg(3)
                                   .arg(TranslatableText("ferry::Download", "the connection closed early"))
                            << u"Gave up after 3 attempts: the connection closed early"_s;
    QTest::addRow("plain stays") << TranslatableText::plain(u"Connection refused %1"_s) << u"Connection refused %1"_s;
    QTest::addRow("reordered markers") << TranslatableText::plain(u"%2 before %1"_s).arg(u"a"_s, u"b"_s)
                                       << u"b before a"_s;
}

void TestWindowLanguage::textRendersItsArgumentsOnce()
{
    QFETCH(TranslatableText, text);
    QFETCH(QString, rendered);
    QCOMPARE(text.toString(), rendered);
}

void TestWindowLanguage::errorFollowsTheLanguage()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    MisbehavingServer::Behaviour missing;
    missing.errorStatus = 404;
    server.setFile("/missing.bin", QByteArray(10, 'x'));
    server.setBehaviour("/missing.bin", missing);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/missing.bin")});
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Failed, kWindowWaitMs);
    const QModelIndex status = window.model()->index(window.model()->rowOf(id), DownloadListModel::StatusColumn);
    QCOMPARE(status.data().toString(), u"The server answered 404 Not Found"_s);

    QTranslator chinese;
    QVERIFY2(chinese.load(u":/i18n/ferry_zh_CN.qm"_s), "lrelease output :/i18n/ferry_zh_CN.qm did not load");
    QSignalSpy repaint(window.model(), &QAbstractItemModel::dataChanged);
    QVERIFY(QCoreApplication::installTranslator(&chinese));
    // The view is told (LanguageChange reaches the window), and what it reads is Chinese.
    QTRY_VERIFY(!repaint.isEmpty());
    QCOMPARE(status.data().toString(), u"服务器返回 404 Not Found"_s);
    QCOMPARE(window.model()->headerData(DownloadListModel::StatusColumn, Qt::Horizontal).toString(), u"状态"_s);
    // The rendered text kept for the session, the RPC and ferry get is the one of the moment it failed.
    QCOMPARE(shown(window, id)->errorMessage, u"The server answered 404 Not Found"_s);

    repaint.clear();
    QVERIFY(QCoreApplication::removeTranslator(&chinese));
    QTRY_VERIFY(!repaint.isEmpty());
    QCOMPARE(status.data().toString(), u"The server answered 404 Not Found"_s);
}

QTEST_MAIN(TestWindowLanguage)
#include "tst_ui_windowlanguage.moc"
