// The queue in the window, against the real engine and a local server: the
// selected downloads move up, down, to the top and the bottom keeping their
// order (the plan row by row, then the engine's order, the view's rows and
// which file the server is asked for first); Clear Completed takes the
// completed rows away (undoable, files stay); the state filter shows all,
// active, queued, paused, completed or failed; the category filter (by the
// file's extension, with a count per category) combines with both.
#include "core/DownloadEngine.h"
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadListModel.h"
#include "ui/FileKind.h"
#include "ui/MainWindow.h"
#include "ui/PendingRemovals.h"
#include "ui/QueueMoves.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

using Plan = QList<QPair<DownloadId, int>>;
Q_DECLARE_METATYPE(ferry::QueueMove)

class TestQueue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planKeepsTheSelectionsOrder_data();
    void planKeepsTheSelectionsOrder();
    void movesReachTheEngineAndTheView();
    void clearCompletedCanBeUndone();
    void stateFilterShowsOneState();
    void categoryFilterWithCounts();

private:
    QTemporaryDir m_home;
};

namespace {
QList<DownloadId> engineOrder(const DownloadEngine &engine)
{
    QList<DownloadId> ids;
    for (const DownloadSnapshot &s : engine.snapshots())
        ids.append(s.id);
    return ids;
}

QList<DownloadId> viewOrder(const MainWindow &window)
{
    QList<DownloadId> ids;
    const QAbstractItemModel *view = window.view()->model();
    for (int row = 0; row < view->rowCount(); ++row)
        ids.append(view->index(row, 0).data(DownloadListModel::IdRole).value<DownloadId>());
    return ids;
}

QList<DownloadId> applied(QList<DownloadId> order, const Plan &plan)
{
    for (const auto &[id, to] : plan)
        order.move(order.indexOf(id), to);
    return order;
}
} // namespace

void TestQueue::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_queue"_s));
}

void TestQueue::planKeepsTheSelectionsOrder_data()
{
    QTest::addColumn<QList<DownloadId>>("selected");
    QTest::addColumn<QueueMove>("move");
    QTest::addColumn<QList<DownloadId>>("expected");
    // The queue is 1 2 3 4 5 6.
    QTest::addRow("up one") << QList<DownloadId>{3} << QueueMove::Up << QList<DownloadId>{1, 3, 2, 4, 5, 6};
    QTest::addRow("up two apart") << QList<DownloadId>{2, 5} << QueueMove::Up << QList<DownloadId>{2, 1, 3, 5, 4, 6};
    QTest::addRow("up, block at the top stays") << QList<DownloadId>{1, 2, 4} << QueueMove::Up
                                                << QList<DownloadId>{1, 2, 4, 3, 5, 6};
    QTest::addRow("down one") << QList<DownloadId>{3} << QueueMove::Down << QList<DownloadId>{1, 2, 4, 3, 5, 6};
    QTest::addRow("down, block at the bottom stays") << QList<DownloadId>{3, 5, 6} << QueueMove::Down
                                                     << QList<DownloadId>{1, 2, 4, 3, 5, 6};
    QTest::addRow("top keeps order") << QList<DownloadId>{5, 2, 6} << QueueMove::Top
                                     << QList<DownloadId>{2, 5, 6, 1, 3, 4};
    QTest::addRow("bottom keeps order") << QList<DownloadId>{4, 1} << QueueMove::Bottom
                                        << QList<DownloadId>{2, 3, 5, 6, 1, 4};
    QTest::addRow("top when there") << QList<DownloadId>{1, 2} << QueueMove::Top << QList<DownloadId>{1, 2, 3, 4, 5, 6};
    QTest::addRow("nothing selected") << QList<DownloadId>{} << QueueMove::Bottom
                                      << QList<DownloadId>{1, 2, 3, 4, 5, 6};
}

void TestQueue::planKeepsTheSelectionsOrder()
{
    QFETCH(QList<DownloadId>, selected);
    QFETCH(QueueMove, move);
    QFETCH(QList<DownloadId>, expected);
    const QList<DownloadId> order {1, 2, 3, 4, 5, 6};
    const QSet<DownloadId> chosen(selected.cbegin(), selected.cend());
    const Plan plan = planQueueMoves(order, chosen, move);
    QCOMPARE(applied(order, plan), expected);
    for (const auto &step : plan)
        QVERIFY(chosen.contains(step.first)); // only the selection is moved
}

void TestQueue::movesReachTheEngineAndTheView()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    EngineOptions options = windowTestOptions();
    options.maxActive = 1; // one at a time: the server sees the queue's order
    DownloadEngine engine(options);
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    engine.setMaxActive(1); // after the window, which applies the settings' number
    window.show();
    QList<QUrl> urls;
    for (int i = 0; i < 4; ++i) {
        const QByteArray path = "/q" + QByteArray::number(i) + ".bin";
        server.setFile(path, MisbehavingServer::makeData(2048, quint32(i)));
        urls.append(server.url(path));
    }
    QCOMPARE(window.addUrls(urls, false), 4);
    const QList<DownloadId> ids = engineOrder(engine);
    QCOMPARE(ids.size(), 4);
    QCOMPARE(viewOrder(window), ids); // the view shows the queue's order

    window.selectIds({ids.at(2), ids.at(3)});
    action(window, "actionMoveTop")->trigger();
    QCOMPARE(engineOrder(engine), (QList<DownloadId>{ids.at(2), ids.at(3), ids.at(0), ids.at(1)}));
    QTRY_COMPARE(viewOrder(window), engineOrder(engine));
    // The selection follows the rows it moved.
    const QList<DownloadId> selected = window.selectedIds();
    QCOMPARE(QSet<DownloadId>(selected.cbegin(), selected.cend()), (QSet<DownloadId>{ids.at(2), ids.at(3)}));

    window.selectIds({ids.at(2)});
    action(window, "actionMoveDown")->trigger();
    action(window, "actionMoveBottom")->trigger();
    QCOMPARE(engineOrder(engine), (QList<DownloadId>{ids.at(3), ids.at(0), ids.at(1), ids.at(2)}));
    window.selectIds({ids.at(1)});
    action(window, "actionMoveUp")->trigger();
    const QList<DownloadId> expected {ids.at(3), ids.at(1), ids.at(0), ids.at(2)};
    QCOMPARE(engineOrder(engine), expected);
    QTRY_COMPARE(viewOrder(window), expected);

    // Sorted by a column, a move shows in the queue's order again.
    window.view()->sortByColumn(DownloadListModel::NameColumn, Qt::DescendingOrder);
    window.selectIds({ids.at(0)});
    action(window, "actionMoveTop")->trigger();
    QCOMPARE(window.view()->horizontalHeader()->sortIndicatorSection(), -1);
    const QList<DownloadId> last {ids.at(0), ids.at(3), ids.at(1), ids.at(2)};
    QTRY_COMPARE(viewOrder(window), last);

    // And the engine starts them in that order: the server is asked in it.
    action(window, "actionResumeAll")->trigger();
    for (DownloadId id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), DownloadState::Completed, kWindowWaitMs);
    QList<QByteArray> asked;
    for (const MisbehavingServer::Request &r : server.requests())
        if (!asked.contains(r.path))
            asked.append(r.path);
    QCOMPARE(asked, (QList<QByteArray>{"/q0.bin", "/q3.bin", "/q1.bin", "/q2.bin"}));
}

void TestQueue::clearCompletedCanBeUndone()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/done1.bin", MisbehavingServer::makeData(1000, 1));
    server.setFile("/done2.bin", MisbehavingServer::makeData(1000, 2));
    server.setFile("/gone.bin", MisbehavingServer::makeData(10, 3));
    MisbehavingServer::Behaviour missing;
    missing.errorStatus = 404;
    server.setBehaviour("/gone.bin", missing);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/done1.bin"), server.url("/done2.bin"), server.url("/gone.bin")});
    const QList<DownloadId> ids = engineOrder(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(0)), DownloadState::Completed, kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(1)), DownloadState::Completed, kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(2)), DownloadState::Failed, kWindowWaitMs);
    const QString file = shown(window, ids.at(0))->filePath;

    QAction *clear = action(window, "actionClearCompleted");
    QTRY_VERIFY(clear->isEnabled());
    clear->trigger();
    QCOMPARE(viewOrder(window), (QList<DownloadId>{ids.at(2)})); // at once, no question
    QVERIFY(!clear->isEnabled());
    QVERIFY(engine.contains(ids.at(0))); // still undoable
    action(window, "actionUndoRemove")->trigger();
    QCOMPARE(viewOrder(window).size(), 3);

    clear->trigger();
    window.pendingRemovals()->commit();
    QTRY_VERIFY(!engine.contains(ids.at(0)) && !engine.contains(ids.at(1)));
    QVERIFY(engine.contains(ids.at(2)));
    QVERIFY(QFile::exists(file)); // the list forgets; the file stays
}

void TestQueue::stateFilterShowsOneState()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    server.setFile("/ok.bin", MisbehavingServer::makeData(1000, 1));
    server.setFile("/bad.bin", MisbehavingServer::makeData(10, 2));
    MisbehavingServer::Behaviour missing;
    missing.errorStatus = 404;
    server.setBehaviour("/bad.bin", missing);
    server.setFile("/later.bin", MisbehavingServer::makeData(1000, 3));
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    window.addUrls({server.url("/ok.bin"), server.url("/bad.bin")});
    window.addUrls({server.url("/later.bin")}, false);
    const QList<DownloadId> ids = engineOrder(engine);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(0)), DownloadState::Completed, kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(1)), DownloadState::Failed, kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(2)), DownloadState::Paused, kWindowWaitMs);

    auto *states = window.findChild<QComboBox *>(u"stateFilter"_s);
    QVERIFY(states);
    QVERIFY(states->isVisible());
    const auto choose = [&](DownloadFilterModel::StateFilter filter) {
        states->setCurrentIndex(states->findData(int(filter)));
        return viewOrder(window);
    };
    using F = DownloadFilterModel::StateFilter;
    QCOMPARE(choose(F::Completed), (QList<DownloadId>{ids.at(0)}));
    QCOMPARE(choose(F::Failed), (QList<DownloadId>{ids.at(1)}));
    QCOMPARE(choose(F::Paused), (QList<DownloadId>{ids.at(2)}));
    QCOMPARE(choose(F::Active), QList<DownloadId>{});
    QCOMPARE(choose(F::Queued), QList<DownloadId>{});
    // A row that changes state follows the filter: the failed one retried and served.
    choose(F::Failed);
    server.setBehaviour("/bad.bin", {});
    engine.resume(ids.at(1));
    QTRY_COMPARE_WITH_TIMEOUT(viewOrder(window), QList<DownloadId>{}, kWindowWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, ids.at(1)), DownloadState::Completed, kWindowWaitMs);
    QCOMPARE(choose(F::Completed), (QList<DownloadId>{ids.at(0), ids.at(1)}));
    QCOMPARE(choose(F::All).size(), 3);
    // With the name filter too: both apply.
    window.findChild<QLineEdit *>(u"filter"_s)->setText(u"later"_s);
    QCOMPARE(viewOrder(window), (QList<DownloadId>{ids.at(2)}));
}

void TestQueue::categoryFilterWithCounts()
{
    MisbehavingServer server;
    QVERIFY(server.listen());
    // The URL names no file: the category comes from the name the server gives.
    server.setFile("/get", MisbehavingServer::makeData(2000, 9));
    MisbehavingServer::Behaviour named;
    named.contentDisposition = "attachment; filename=\"song.flac\"";
    server.setBehaviour("/get", named);
    DownloadEngine engine(windowTestOptions());
    ShutDownOnExit stopEngine {engine};
    MainWindow window(engine);
    window.show();
    const char *paths[] = {"/talk.mp4", "/film.MKV", "/tune.mp3", "/src.tar.gz", "/paper.pdf", "/tool.deb", "/index.html"};
    QList<QUrl> urls;
    for (const char *path : paths)
        urls.append(server.url(path));
    window.addUrls(urls, false); // paused: the names come from the URLs
    window.addUrls({server.url("/get")});
    const QList<DownloadId> ids = engineOrder(engine);
    QCOMPARE(ids.size(), 8);
    const DownloadId song = ids.at(7);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, song), DownloadState::Completed, kWindowWaitMs);
    QCOMPARE(shown(window, song)->fileName, u"song.flac"_s);

    auto *categories = window.findChild<QComboBox *>(u"categoryFilter"_s);
    QVERIFY(categories);
    QVERIFY(categories->isVisible());
    const auto textOf = [&](FileKind kind) { return categories->itemText(categories->findData(int(kind))); };
    // The counts follow the rows within a second (the song's name came with its response).
    QTRY_COMPARE_WITH_TIMEOUT(textOf(FileKind::Music), u"Music (2)"_s, kWindowWaitMs);
    QCOMPARE(textOf(FileKind::Video), u"Video (2)"_s);
    QCOMPARE(textOf(FileKind::Archive), u"Archives (1)"_s);
    QCOMPARE(textOf(FileKind::Document), u"Documents (1)"_s);
    QCOMPARE(textOf(FileKind::Program), u"Programs (1)"_s);
    QCOMPARE(textOf(FileKind::Other), u"Other (1)"_s);
    QCOMPARE(categories->itemText(0), u"All types (8)"_s);

    const auto choose = [&](FileKind kind) {
        categories->setCurrentIndex(categories->findData(int(kind)));
        return viewOrder(window);
    };
    QCOMPARE(choose(FileKind::Video), (QList<DownloadId>{ids.at(0), ids.at(1)}));
    QCOMPARE(choose(FileKind::Music), (QList<DownloadId>{ids.at(2), song}));
    QCOMPARE(choose(FileKind::Archive), QList<DownloadId>{ids.at(3)});
    QCOMPARE(choose(FileKind::Other), QList<DownloadId>{ids.at(6)});
    // With the state filter: the completed music only.
    auto *states = window.findChild<QComboBox *>(u"stateFilter"_s);
    choose(FileKind::Music);
    states->setCurrentIndex(states->findData(int(DownloadFilterModel::StateFilter::Completed)));
    QCOMPARE(viewOrder(window), QList<DownloadId>{song});
    states->setCurrentIndex(states->findData(int(DownloadFilterModel::StateFilter::All)));
    // With the name filter: the video whose name has "film".
    choose(FileKind::Video);
    window.findChild<QLineEdit *>(u"filter"_s)->setText(u"film"_s);
    QCOMPARE(viewOrder(window), QList<DownloadId>{ids.at(1)});
    window.findChild<QLineEdit *>(u"filter"_s)->clear();
    // Removed rows leave the counts too.
    window.selectIds({ids.at(0)});
    window.pendingRemovals()->add({ids.at(0)}, false);
    QTRY_COMPARE_WITH_TIMEOUT(textOf(FileKind::Video), u"Video (1)"_s, kWindowWaitMs);
    QCOMPARE(viewOrder(window), QList<DownloadId>{ids.at(1)});
    categories->setCurrentIndex(0);
    QCOMPARE(viewOrder(window).size(), 7);
}

QTEST_MAIN(TestQueue)
#include "tst_ui_queue.moc"
