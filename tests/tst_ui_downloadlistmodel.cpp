// The download table's model and its filter, fed by hand with snapshots as the
// engine would send them: batched progress must leave as few dataChanged
// signals as the design promises, rows come and go in order, failed rows say
// why, and the filter box matches names and URLs.
#include "core/DownloadEngine.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadListModel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

DownloadSnapshot makeSnapshot(DownloadId id, const QString &name, DownloadState state = DownloadState::Downloading)
{
    DownloadSnapshot s;
    s.id = id;
    s.url = QUrl(u"http://example.test/files/"_s + name);
    s.fileName = name;
    s.state = state;
    s.totalBytes = 1000;
    s.receivedBytes = 0;
    s.added = QDateTime::currentDateTimeUtc();
    return s;
}

// Fills a model with `count` downloads named file0 … file<count-1>.
void fill(DownloadListModel &model, int count)
{
    for (int i = 0; i < count; ++i)
        model.addDownload(makeSnapshot(DownloadId(i + 1), u"file%1.bin"_s.arg(i)));
}

} // namespace

class TestDownloadListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelIsConsistent();
    void batchedProgressSignalsOncePerRow_data();
    void batchedProgressSignalsOncePerRow();
    void mostRowsChangedSignalsOnceForTable();
    void progressForRemovedRowIsIgnored();
    void rowsAddedAndRemoved();
    void aRestoredSliceIsOneInsertion();
    void failedRowShowsReason();
    void progressTextAndRole_data();
    void progressTextAndRole();
    void filterMatchesNameAndUrl_data();
    void filterMatchesNameAndUrl();
    void totalSpeedCountsDownloadingOnly();
    void sizesUseBinaryUnits_data();
    void sizesUseBinaryUnits();
    void missingFilesAreFoundOffTheGuiThread();
};

void TestDownloadListModel::modelIsConsistent()
{
    DownloadListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model, 5);
    model.removeDownload(3);
    model.applyProgress({makeSnapshot(1, u"a"_s), makeSnapshot(5, u"b"_s)});
    model.updateDownload(makeSnapshot(2, u"c"_s, DownloadState::Paused));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestDownloadListModel::batchedProgressSignalsOncePerRow_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<QList<int>>("changedRows");       // rows touched by the batch (may repeat)
    QTest::addColumn<QList<int>>("expectedSignalRows"); // one dataChanged per distinct row, in order

    QTest::addRow("one of ten") << 10 << QList<int> {4} << QList<int> {4};
    QTest::addRow("three of ten") << 10 << QList<int> {7, 1, 3} << QList<int> {1, 3, 7};
    QTest::addRow("same row many times") << 10 << QList<int> {2, 2, 2, 2, 2, 2} << QList<int> {2};
    QTest::addRow("half of ten") << 10 << QList<int> {0, 2, 4, 6, 8} << QList<int> {0, 2, 4, 6, 8};
}

void TestDownloadListModel::batchedProgressSignalsOncePerRow()
{
    QFETCH(int, rows);
    QFETCH(QList<int>, changedRows);
    QFETCH(QList<int>, expectedSignalRows);

    DownloadListModel model;
    fill(model, rows);
    QSignalSpy spy(&model, &DownloadListModel::dataChanged);

    // Several snapshots of the same download in one batch: the last one wins.
    QList<DownloadSnapshot> batch;
    for (int i = 0; i < changedRows.size(); ++i) {
        DownloadSnapshot s = model.snapshotAt(changedRows.at(i));
        s.receivedBytes = 10 * (i + 1);
        batch.append(s);
    }
    model.applyProgress(batch);

    QCOMPARE(spy.size(), expectedSignalRows.size());
    for (int i = 0; i < spy.size(); ++i) {
        const auto topLeft = spy.at(i).at(0).value<QModelIndex>();
        const auto bottomRight = spy.at(i).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), expectedSignalRows.at(i));
        QCOMPARE(bottomRight.row(), expectedSignalRows.at(i));
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), DownloadListModel::ColumnCount - 1);
    }
    // The data really changed, to the last snapshot of each row in the batch.
    for (int i = 0; i < changedRows.size(); ++i) {
        const int row = changedRows.at(i);
        if (changedRows.lastIndexOf(row) == i)
            QCOMPARE(model.snapshotAt(row).receivedBytes, qint64(10 * (i + 1)));
    }
}

void TestDownloadListModel::mostRowsChangedSignalsOnceForTable()
{
    DownloadListModel model;
    fill(model, 100);
    QSignalSpy spy(&model, &DownloadListModel::dataChanged);
    QList<DownloadSnapshot> batch;
    for (int row = 0; row < 80; ++row) {
        DownloadSnapshot s = model.snapshotAt(row);
        s.receivedBytes = 500;
        batch.append(s);
    }
    model.applyProgress(batch);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(spy.at(0).at(1).value<QModelIndex>(), model.index(99, DownloadListModel::ColumnCount - 1));
    QCOMPARE(model.snapshotAt(79).receivedBytes, qint64(500));
    QCOMPARE(model.snapshotAt(80).receivedBytes, qint64(0));
}

void TestDownloadListModel::progressForRemovedRowIsIgnored()
{
    DownloadListModel model;
    fill(model, 4);
    model.removeDownload(2);
    QSignalSpy spy(&model, &DownloadListModel::dataChanged);
    DownloadSnapshot gone = makeSnapshot(2, u"gone"_s);
    model.applyProgress({gone});
    QCOMPARE(spy.size(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(2), -1);
    // An unknown id in a state change is ignored as well, never added.
    model.updateDownload(gone);
    QCOMPARE(model.rowCount(), 3);
}

// A slice of a restored history reaches the view as one insertion: the
// window's status line walks every row per insertion, and 10,000 of them one
// by one took seconds at start-up (bench/window, docs/benchmarks.md W1).
void TestDownloadListModel::aRestoredSliceIsOneInsertion()
{
    DownloadEngine engine;
    DownloadListModel model;
    QAbstractItemModelTester tester(&model);
    model.setEngine(&engine);
    QSignalSpy inserted(&model, &DownloadListModel::rowsInserted);
    QList<DownloadRecord> records;
    for (int i = 0; i < 300; ++i) {
        DownloadRecord r;
        r.request.url = QUrl(u"http://127.0.0.1:9/h/%1.bin"_s.arg(i));
        r.snapshot = makeSnapshot(DownloadId(i + 1), u"h%1.bin"_s.arg(i));
        r.snapshot.state = DownloadState::Completed;
        records.append(r);
    }
    engine.restoreMany(records);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 299);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.index(299, DownloadListModel::NameColumn).data().toString(), u"h299.bin"_s);
    const DownloadId last = engine.snapshots().last().id;
    QCOMPARE(model.rowOf(last), 299);
    // After the slice, an add is one row again.
    DownloadRequest one;
    one.url = QUrl(u"http://127.0.0.1:9/one.bin"_s);
    engine.add(one, false);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowCount(), 301);
}

void TestDownloadListModel::rowsAddedAndRemoved()
{
    DownloadListModel model;
    QSignalSpy inserted(&model, &DownloadListModel::rowsInserted);
    QSignalSpy removed(&model, &DownloadListModel::rowsRemoved);
    fill(model, 4);
    QCOMPARE(inserted.size(), 4);
    QCOMPARE(inserted.at(3).at(1).toInt(), 3);
    QCOMPARE(model.rowCount(), 4);

    // Adding an id twice updates the row instead of duplicating it.
    DownloadSnapshot again = makeSnapshot(2, u"renamed.bin"_s);
    model.addDownload(again);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(1, DownloadListModel::NameColumn).data().toString(), u"renamed.bin"_s);

    model.removeDownload(2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(model.rowCount(), 3);
    // Rows after the removed one moved up, and rowOf follows them.
    QCOMPARE(model.rowOf(1), 0);
    QCOMPARE(model.rowOf(3), 1);
    QCOMPARE(model.rowOf(4), 2);
    QCOMPARE(model.index(2, 0).data(DownloadListModel::IdRole).value<DownloadId>(), DownloadId(4));
    QCOMPARE(model.index(1, DownloadListModel::NameColumn).data().toString(), u"file2.bin"_s);

    model.removeDownload(99); // unknown: nothing happens
    QCOMPARE(removed.size(), 1);
}

void TestDownloadListModel::failedRowShowsReason()
{
    DownloadListModel model;
    fill(model, 2);
    DownloadSnapshot failed = model.snapshotAt(1);
    failed.state = DownloadState::Failed;
    failed.errorKind = ErrorKind::NeedsUser;
    failed.errorMessage = u"The server answered 404 Not Found"_s;
    QSignalSpy spy(&model, &DownloadListModel::dataChanged);
    model.updateDownload(failed);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<QModelIndex>().row(), 1);

    const QModelIndex status = model.index(1, DownloadListModel::StatusColumn);
    QCOMPARE(status.data().toString(), failed.errorMessage);
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), failed.errorMessage);
    QCOMPARE(status.data(DownloadListModel::StateRole).toInt(), int(DownloadState::Failed));
    QVERIFY(!model.index(1, DownloadListModel::NameColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    // A failed row shows no speed and no time left, whatever the last snapshot said.
    QVERIFY(model.index(1, DownloadListModel::SpeedColumn).data().toString().isEmpty());
    QVERIFY(model.index(1, DownloadListModel::EtaColumn).data().toString().isEmpty());

    // Without a message the state's own name shows.
    failed.errorMessage.clear();
    model.updateDownload(failed);
    QCOMPARE(status.data().toString(), stateName(DownloadState::Failed));
    // The other row still reads as downloading.
    QCOMPARE(model.index(0, DownloadListModel::StatusColumn).data().toString(), stateName(DownloadState::Downloading));
}

void TestDownloadListModel::progressTextAndRole_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<qint64>("received");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<int>("percent");
    QTest::addColumn<QString>("text");

    QTest::addRow("start") << int(DownloadState::Downloading) << qint64(0) << qint64(1000) << 0 << u"0.0%"_s;
    QTest::addRow("a third") << int(DownloadState::Downloading) << qint64(333) << qint64(1000) << 33 << u"33.3%"_s;
    QTest::addRow("never rounds up to 100") << int(DownloadState::Downloading) << qint64(9999) << qint64(10000) << 99
                                            << u"99.9%"_s;
    QTest::addRow("unknown size") << int(DownloadState::Downloading) << qint64(0) << qint64(-1) << -1 << QString();
    QTest::addRow("completed") << int(DownloadState::Completed) << qint64(1000) << qint64(1000) << 100 << u"100%"_s;
    QTest::addRow("completed, size unknown") << int(DownloadState::Completed) << qint64(5) << qint64(-1) << 100
                                             << u"100%"_s;
}

void TestDownloadListModel::progressTextAndRole()
{
    QFETCH(int, state);
    QFETCH(qint64, received);
    QFETCH(qint64, total);
    QFETCH(int, percent);
    QFETCH(QString, text);

    QLocale::setDefault(QLocale::c());
    DownloadListModel model;
    DownloadSnapshot s = makeSnapshot(1, u"x.bin"_s, DownloadState(state));
    s.receivedBytes = received;
    s.totalBytes = total;
    model.addDownload(s);
    const QModelIndex progress = model.index(0, DownloadListModel::ProgressColumn);
    QCOMPARE(progress.data(DownloadListModel::ProgressRole).toInt(), percent);
    QCOMPARE(progress.data().toString(), text);
}

void TestDownloadListModel::filterMatchesNameAndUrl_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QList<DownloadId>>("visible");

    QTest::addRow("empty shows all") << QString() << QList<DownloadId> {1, 2, 3};
    QTest::addRow("blank shows all") << u"   "_s << QList<DownloadId> {1, 2, 3};
    QTest::addRow("by name, any case") << u"ISO"_s << QList<DownloadId> {1};
    QTest::addRow("by host in the URL") << u"mirror.example"_s << QList<DownloadId> {2};
    QTest::addRow("by path in the URL") << u"/pub/"_s << QList<DownloadId> {2, 3};
    QTest::addRow("nothing matches") << u"zzz"_s << QList<DownloadId> {};
}

void TestDownloadListModel::filterMatchesNameAndUrl()
{
    QFETCH(QString, filter);
    QFETCH(QList<DownloadId>, visible);

    DownloadListModel model;
    DownloadSnapshot a = makeSnapshot(1, u"debian.iso"_s);
    DownloadSnapshot b = makeSnapshot(2, u"notes.txt"_s);
    b.url = QUrl(u"https://mirror.example.org/pub/notes.txt"_s);
    DownloadSnapshot c = makeSnapshot(3, u"photo.jpg"_s);
    c.url = QUrl(u"http://other.test/pub/photo.jpg"_s);
    model.addDownload(a);
    model.addDownload(b);
    model.addDownload(c);

    DownloadFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.sort(DownloadListModel::NameColumn, Qt::AscendingOrder);
    proxy.setFilterText(filter);

    QList<DownloadId> shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown.append(proxy.index(row, 0).data(DownloadListModel::IdRole).value<DownloadId>());
    std::sort(shown.begin(), shown.end());
    QCOMPARE(shown, visible);

    // A row added later obeys the filter that is set.
    DownloadSnapshot d = makeSnapshot(4, u"another.iso"_s);
    model.addDownload(d);
    const bool dMatches = filter.trimmed().isEmpty() || u"another.iso"_s.contains(filter.trimmed(), Qt::CaseInsensitive)
        || d.url.toDisplayString().contains(filter.trimmed(), Qt::CaseInsensitive);
    QCOMPARE(proxy.rowCount(), visible.size() + (dMatches ? 1 : 0));
}

void TestDownloadListModel::totalSpeedCountsDownloadingOnly()
{
    DownloadListModel model;
    DownloadSnapshot a = makeSnapshot(1, u"a"_s);
    a.bytesPerSecond = 1000;
    DownloadSnapshot b = makeSnapshot(2, u"b"_s);
    b.bytesPerSecond = 500;
    DownloadSnapshot c = makeSnapshot(3, u"c"_s, DownloadState::Paused);
    c.bytesPerSecond = 9999; // a stale speed from before the pause
    model.addDownload(a);
    model.addDownload(b);
    model.addDownload(c);
    QCOMPARE(model.totalBytesPerSecond(), 1500.0);
    QVERIFY(model.index(2, DownloadListModel::SpeedColumn).data().toString().isEmpty());
    QVERIFY(!model.index(0, DownloadListModel::SpeedColumn).data().toString().isEmpty());
}

void TestDownloadListModel::sizesUseBinaryUnits_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("speed");
    // One unit system (docs/units.md): binary values with binary labels.
    QTest::addRow("5000 bytes") << qint64(5000) << u"4.9 KiB"_s << u"4.9 KiB/s"_s;
    QTest::addRow("1 MiB") << qint64(1 << 20) << u"1.0 MiB"_s << u"1.0 MiB/s"_s;
    QTest::addRow("1.5 GiB") << (qint64(3) << 29) << u"1.5 GiB"_s << u"1.5 GiB/s"_s;
}

void TestDownloadListModel::sizesUseBinaryUnits()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, size);
    QFETCH(QString, speed);
    QLocale::setDefault(QLocale::c());
    DownloadListModel model;
    DownloadSnapshot s = makeSnapshot(1, u"a"_s);
    s.totalBytes = bytes;
    s.bytesPerSecond = double(bytes);
    model.addDownload(s);
    QCOMPARE(model.index(0, DownloadListModel::SizeColumn).data().toString(), size);
    QCOMPARE(model.index(0, DownloadListModel::SpeedColumn).data().toString(), speed);
    QLocale::setDefault(QLocale::system());
}

QTEST_MAIN(TestDownloadListModel)
// Completed rows whose file was deleted say "File missing" once the check on
// the thread pool answers; a check asked for while one runs is not lost; a
// row removed meanwhile is left alone; a file that comes back clears it.
void TestDownloadListModel::missingFilesAreFoundOffTheGuiThread()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DownloadListModel model;
    constexpr int kRows = 200;
    for (int i = 0; i < kRows; ++i) {
        DownloadSnapshot s = makeSnapshot(DownloadId(i + 1), u"f%1.bin"_s.arg(i), DownloadState::Completed);
        s.filePath = dir.filePath(s.fileName);
        QFile file(s.filePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        model.addDownload(s);
    }
    const auto missingRows = [&model] {
        QList<int> rows;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, DownloadListModel::StatusColumn).data().toString() == DownloadListModel::tr("File missing"))
                rows.append(row);
        }
        return rows;
    };
    QSignalSpy refreshed(&model, &DownloadListModel::missingRefreshed);
    model.refreshMissing();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(missingRows().isEmpty());

    QVERIFY(QFile::remove(dir.filePath(u"f3.bin"_s)));
    model.refreshMissing();
    QVERIFY(QFile::remove(dir.filePath(u"f7.bin"_s))); // after the first check may have looked
    model.refreshMissing();                              // asked again while it runs
    QVERIFY(QFile::remove(dir.filePath(u"f9.bin"_s)));
    model.removeDownload(DownloadId(10)); // f9.bin's row goes while the check runs
    refreshed.clear();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(refreshed.size(), 1); // one answer for the two asks, after the second check
    QCOMPARE(missingRows(), (QList<int>{3, 7}));
    QVERIFY(model.isMissing(DownloadId(4)) && model.isMissing(DownloadId(8)));

    QFile back(dir.filePath(u"f3.bin"_s));
    QVERIFY(back.open(QIODevice::WriteOnly));
    back.close();
    QVERIFY(model.checkMissing(DownloadId(8)));  // one row, at once
    QVERIFY(!model.checkMissing(DownloadId(4)));
    QCOMPARE(missingRows(), (QList<int>{7}));
}

#include "tst_ui_downloadlistmodel.moc"
