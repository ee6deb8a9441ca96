// The window's layout as a user first sees it (offscreen, default size, no
// saved state): the Status column gets the room an error needs, the Sharing
// panel opens at a third of the window, the filter box stays in sight at
// 640 px, and toolbar buttons never show an accelerator ("继续(R)").
#include "core/DownloadEngine.h"
#include "support/WindowTestHelpers.h"
#include "ui/ActionText.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestWindowLayout final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusColumnTakesTheRoomLeft();
    void sharingPanelOpensAtAThird();
    void filterBoxVisibleWhenNarrow();
    void toolBarTextDropsAccelerators_data();
    void toolBarTextDropsAccelerators();
    void toolBarButtonsShowNoAccelerator();

private:
    QTemporaryDir m_home;
};

void TestWindowLayout::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_windowlayout"_s));
}

void TestWindowLayout::statusColumnTakesTheRoomLeft()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QHeaderView *header = window.view()->horizontalHeader();
    // At the default 1000 px the status has room for a whole sentence.
    const int status = header->sectionSize(DownloadListModel::StatusColumn);
    const QString error = u"The server answered 404 Not Found"_s;
    QVERIFY2(status >= window.view()->fontMetrics().horizontalAdvance(error) + 20, qPrintable(QString::number(status)));
    QVERIFY(header->sectionSize(DownloadListModel::NameColumn) < window.width() / 2);
    // And it grows with the window, as Name did before.
    window.resize(1400, window.height());
    QTRY_VERIFY(header->sectionSize(DownloadListModel::StatusColumn) >= status + 300);
}

void TestWindowLayout::sharingPanelOpensAtAThird()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.sharingDock()->show();
    QTRY_VERIFY(window.sharingDock()->isVisible());
    QTRY_VERIFY2(window.sharingDock()->height() <= window.height() * 2 / 5,
                 // (the panel's minimum: a hint when this fails)
                 qPrintable(u"%1 of %2, min %3"_s.arg(window.sharingDock()->height()).arg(window.height())
                                .arg(window.sharingDock()->minimumSizeHint().height())));
    QVERIFY(window.view()->height() >= window.height() / 3);
}

void TestWindowLayout::filterBoxVisibleWhenNarrow()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.resize(640, 480);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *box = window.findChild<QLineEdit *>(u"filter"_s);
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    const QRect inWindow(box->mapTo(&window, QPoint(0, 0)), box->size());
    QVERIFY(window.rect().contains(inWindow));
    QVERIFY(box->width() >= 120);
}

void TestWindowLayout::toolBarTextDropsAccelerators_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::addRow("english") << u"&Resume"_s << u"Resume"_s;
    QTest::addRow("inner accelerator") << u"Re&move from List…"_s << u"Remove from List"_s;
    QTest::addRow("chinese") << u"继续(&R)"_s << u"继续"_s;
    QTest::addRow("chinese, full-width") << u"继续（&R）"_s << u"继续"_s;
    QTest::addRow("what iconText leaves") << u"继续(R)"_s << u"继续"_s;
    QTest::addRow("dialog") << u"设置(&S)…"_s << u"设置"_s;
    QTest::addRow("literal ampersand") << u"Save && Quit"_s << u"Save & Quit"_s;
    QTest::addRow("words in brackets stay") << u"Pause (all)"_s << u"Pause (all)"_s;
}

void TestWindowLayout::toolBarTextDropsAccelerators()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(toolBarText(text), shown);
}

void TestWindowLayout::toolBarButtonsShowNoAccelerator()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    auto *bar = window.findChild<QToolBar *>(u"mainToolBar"_s);
    QVERIFY(bar);
    const QList<QToolButton *> buttons = bar->findChildren<QToolButton *>();
    QVERIFY(!buttons.isEmpty());
    for (QToolButton *button : buttons) {
        if (!button->defaultAction())
            continue;
        QVERIFY2(!button->text().contains(u'(') && !button->text().contains(u'&'), qPrintable(button->text()));
    }
}

QTEST_MAIN(TestWindowLayout)
#include "tst_ui_windowlayout.moc"
