// The window's layout as a user first sees it (offscreen, default size, no
// saved state): the Status column gets the room an error needs, the Sharing
// panel opens at a third of the window, the filter box stays in sight at
// 640 px, toolbar buttons never show an accelerator ("继续(R)"), every
// action has a shortcut of its own (one key, one action), and Help → About
// says what Ferry is and which version.
#include "core/DownloadEngine.h"
#include "support/WindowTestHelpers.h"
#include "ui/ActionText.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
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
    void everyActionHasItsOwnShortcut();
    void aboutSaysWhatAndWhichVersion();

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

void TestWindowLayout::everyActionHasItsOwnShortcut()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    // Every action the menus offer, the context menu's too.
    QList<QAction *> actions;
    QList<QMenu *> menus {window.findChild<QMenu *>(u"downloadsContextMenu"_s)};
    QVERIFY(menus.constFirst());
    for (QAction *top : window.menuBar()->actions())
        menus.append(top->menu());
    for (QMenu *menu : menus)
        for (QAction *a : menu->actions())
            if (!a->isSeparator() && !a->menu() && !actions.contains(a))
                actions.append(a);
    QVERIFY(actions.size() >= 20);
    QHash<QKeySequence, QString> owner;
    for (QAction *a : actions) {
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->objectName() + u": no shortcut"_s));
        // Reachable while the menus are closed and the toolbar hidden.
        QVERIFY2(window.actions().contains(a), qPrintable(a->objectName() + u": not the window's"_s));
        for (const QKeySequence &key : a->shortcuts()) {
            QVERIFY2(!owner.contains(key) || owner.value(key) == a->objectName(),
                     qPrintable(key.toString() + u" is "_s + owner.value(key) + u" and "_s + a->objectName()));
            owner.insert(key, a->objectName());
        }
    }
    for (const char *name : {"actionPause", "actionResume", "actionRemove", "actionPauseAll", "actionResumeAll",
                             "actionMoveUp", "actionMoveTop", "actionClearCompleted", "actionAbout",
                             "actionChangeLink"})
        QVERIFY2(!action(window, name)->shortcut().isEmpty(), name);
}

void TestWindowLayout::aboutSaysWhatAndWhichVersion()
{
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    QAction *about = action(window, "actionAbout");
    QVERIFY(window.menuBar()->actions().size() >= 3); // File, Downloads, Help
    QCOMPARE(window.menuBar()->actions().constLast()->menu()->actions(), QList<QAction *>{about});
    QCOMPARE(about->shortcut(), QKeySequence(Qt::Key_F1));
    about->trigger();
    auto *box = waitForChild<QMessageBox>(window, u"aboutBox"_s);
    QVERIFY(box);
    QVERIFY(!box->isModal() || box->windowModality() != Qt::ApplicationModal); // the window goes on
    QVERIFY2(box->text().contains(QStringLiteral(FERRY_VERSION)), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QString::fromLatin1(qVersion())), qPrintable(box->text()));
    QVERIFY(box->text().contains(u"ferry get"_s));
    // Asked again, the same box comes forward: never two.
    about->trigger();
    QCOMPARE(window.findChildren<QMessageBox *>(u"aboutBox"_s).size(), 1);
    box->close();
}

QTEST_MAIN(TestWindowLayout)
#include "tst_ui_windowlayout.moc"
