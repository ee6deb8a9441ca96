// Errors are kept as their source text and arguments and rendered when shown
// (core/TranslatableText): switching the language while Ferry runs turns a
// failed download's English error Chinese and back, against the real engine
// and a local server answering 404, with zh_CN's own lrelease output.
// Settings → General → Language does the switch without a restart: the
// menus, toolbar, column headers, status bar, panels, filters and tray follow,
// and the choice is what the next start installs (core/Translations).
#include "core/DownloadEngine.h"
#include "core/TranslatableText.h"
#include "core/Translations.h"
#include "support/Behaviours.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/SharingPanel.h"
#include "ui/TrayIcon.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

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
    void settingSwitchesTheWindow();

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
    const MisbehavingServer::Behaviour missing = errorFor(404);
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

namespace {

// Settings → General → Language, chosen and accepted as a user does.
void chooseLanguage(MainWindow &window, const QString &code)
{
    action(window, "actionSettings")->trigger();
    auto *dialog = waitForChild<SettingsDialog>(window, u"settingsDialog"_s);
    QVERIFY(dialog);
    auto *box = dialog->findChild<QComboBox *>(u"language"_s);
    QVERIFY(box);
    const int at = box->findData(code);
    QVERIFY(at >= 0);
    box->setCurrentIndex(at);
    dialog->accept();
    QTRY_VERIFY(!window.findChild<SettingsDialog *>()); // WA_DeleteOnClose: gone before the next one opens
}

QStringList menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (const QAction *menu : window.menuBar()->actions())
        titles.append(menu->text());
    return titles;
}

QString toolBarText(const MainWindow &window, const char *actionName)
{
    auto *bar = window.findChild<QToolBar *>(u"mainToolBar"_s);
    auto *button = bar ? qobject_cast<QToolButton *>(bar->widgetForAction(action(window, actionName))) : nullptr;
    return button ? button->text() : u"(no button)"_s;
}

template<typename T>
QString textOf(const QWidget &parent, const char *name)
{
    auto *widget = parent.findChild<T *>(QLatin1StringView(name));
    return widget ? widget->text() : u"(no %1)"_s.arg(QLatin1StringView(name));
}

struct Expected {
    QStringList menus;
    QString resume, remove, statusHeader, counts, error, sharingButton, toggleSharing, details, allStates;
};

const Expected kEnglish{{u"&File"_s, u"&Downloads"_s, u"&Tools"_s, u"&Help"_s}, u"Resume"_s, u"Remove from List"_s, u"Status"_s,
                        u"1 failed"_s, u"The server answered 404 Not Found"_s, u"Sharing off"_s, u"Start Sharing"_s,
                        u"&Details"_s, u"All"_s};
const Expected kChinese{{u"文件(&F)"_s, u"下载(&D)"_s, u"工具(&T)"_s, u"帮助(&H)"_s}, u"继续"_s, u"从列表中移除"_s, u"状态"_s,
                        u"1 个失败"_s, u"服务器返回 404 Not Found"_s, u"共享已关闭"_s, u"开始共享"_s,
                        u"详细信息(&D)"_s, u"全部"_s};

// What the user reads, widget by widget.
void checkTexts(const MainWindow &window, DownloadId id, const TrayIcon &tray, const Expected &e)
{
    QTRY_COMPARE(menuTitles(window), e.menus);
    QCOMPARE(toolBarText(window, "actionResume"), e.resume);
    QCOMPARE(toolBarText(window, "actionRemove"), e.remove);
    const auto *header = window.view()->model();
    QCOMPARE(header->headerData(DownloadListModel::StatusColumn, Qt::Horizontal).toString(), e.statusHeader);
    QTRY_COMPARE(textOf<QLabel>(window, "counts"), e.counts);
    const QModelIndex status = window.model()->index(window.model()->rowOf(id), DownloadListModel::StatusColumn);
    QCOMPARE(status.data().toString(), e.error);
    QCOMPARE(textOf<QToolButton>(window, "sharingStatusButton"), e.sharingButton);
    QCOMPARE(textOf<QPushButton>(*window.sharingPanel(), "toggleSharing"), e.toggleSharing);
    QCOMPARE(action(window, "actionDetails")->text(), e.details);
    auto *states = window.findChild<QComboBox *>(u"stateFilter"_s);
    QVERIFY(states);
    QCOMPARE(states->itemText(0), e.allStates);
    QVERIFY2(tray.toolTip().contains(e.counts), qPrintable(tray.toolTip()));
}

} // namespace

void TestWindowLanguage::settingSwitchesTheWindow()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    const MisbehavingServer::Behaviour missing = errorFor(404);
    server.setFile("/gone.bin", QByteArray(10, 'x'));
    server.setBehaviour("/gone.bin", missing);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    TrayIcon tray;
    tray.setEngine(&engine);
    auto window = std::make_unique<MainWindow>(engine);
    window->setTrayIcon(&tray, false);
    window->show();
    window->addUrls({server.url("/gone.bin")});
    const DownloadId id = lastId(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, id), DownloadState::Failed, kWindowWaitMs);
    checkTexts(*window, id, tray, kEnglish);

    QSignalSpy headers(window->model(), &QAbstractItemModel::headerDataChanged);
    chooseLanguage(*window, u"zh_CN"_s);
    checkTexts(*window, id, tray, kChinese);
    QVERIFY(!headers.isEmpty()); // the header view was told, not only the model asked
    QCOMPARE(QSettings().value(kLanguageSettingKey).toString(), u"zh_CN"_s);

    chooseLanguage(*window, u"en"_s);
    checkTexts(*window, id, tray, kEnglish);

    // The next start: the window object made again, after the translators the
    // application installs at start (GuiLauncher: installTranslations) — the stored choice.
    chooseLanguage(*window, u"zh_CN"_s);
    window.reset();
    setLanguage(QString()); // as before a start: the locale's, C here, so English
    QCOMPARE(QCoreApplication::translate("ferry::WindowActions", "&File"), u"&File"_s);
    installTranslations(*QCoreApplication::instance());
    window = std::make_unique<MainWindow>(engine);
    window->setTrayIcon(&tray, false);
    window->show();
    QCOMPARE(window->settings().language, u"zh_CN"_s);
    QTRY_COMPARE(stateOf(*window, id), DownloadState::Failed);
    checkTexts(*window, id, tray, kChinese);
    action(*window, "actionSettings")->trigger();
    auto *dialog = waitForChild<SettingsDialog>(*window, u"settingsDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QComboBox *>(u"language"_s)->currentText(), u"简体中文"_s);
    dialog->reject();
    QTRY_VERIFY(!window->findChild<SettingsDialog *>());

    // System default: the locale's again, and nothing stored, so `ferry get` follows LANG.
    chooseLanguage(*window, QString());
    checkTexts(*window, id, tray, kEnglish);
    QVERIFY(!QSettings().contains(kLanguageSettingKey));
}

QTEST_MAIN(TestWindowLanguage)
#include "tst_ui_windowlanguage.moc"
