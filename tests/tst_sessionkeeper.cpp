// SessionKeeper between a real engine, a real session file and the test
// server (issue #10): a download that only makes progress writes nothing
// (counted on disk: the file's inode and mtime, and the store's own count),
// a pause does; a background restore of a long history leaves the event loop
// running and hands every record over; a quit during the restore, or right
// after an add, writes the whole list before finished().
#include "core/DownloadEngine.h"
#include "core/SessionKeeper.h"
#include "core/SessionStore.h"
#include "tests/support/MisbehavingServer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace ferry;
using ferry::test::MisbehavingServer;

namespace {

struct FileStamp {
    ino_t inode = 0;
    qint64 mtimeNs = 0;
    bool operator==(const FileStamp &) const = default;
};

FileStamp stampOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return {st.st_ino, qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

QList<DownloadRecord> history(int count)
{
    QList<DownloadRecord> records;
    for (int i = 0; i < count; ++i) {
        DownloadRecord r;
        r.request.url = QUrl(u"http://127.0.0.1:9/history/%1.bin"_s.arg(i));
        r.request.directory = u"/var/tmp/ferry-history"_s;
        r.snapshot.id = DownloadId(i + 1);
        r.snapshot.url = r.request.url;
        r.snapshot.fileName = u"%1.bin"_s.arg(i);
        r.snapshot.filePath = r.request.directory + u'/' + r.snapshot.fileName;
        r.snapshot.state = DownloadState::Completed;
        r.snapshot.wanted = false;
        r.snapshot.totalBytes = r.snapshot.receivedBytes = 1000 + i;
        r.snapshot.added = QDateTime::currentDateTimeUtc();
        r.snapshot.finished = r.snapshot.added;
        records.append(r);
    }
    return records;
}

std::optional<QList<DownloadRecord>> onDisk(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return sessionFromJson(f.readAll(), nullptr);
}

} // namespace

class TestSessionKeeper final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<DownloadId>("ferry::DownloadId"); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"session.json"_s);
    }

    // Four progress batches a second for three seconds: not one write. The
    // pause afterwards is written (so the count above could have moved).
    void progressAloneWritesNothing()
    {
        MisbehavingServer server;
        QVERIFY(server.listen());
        server.setFile("/slow.bin", QByteArray(4 << 20, 'x'));
        MisbehavingServer::Behaviour slow;
        slow.bytesPerSecond = 256 * 1024;
        server.setBehaviour("/slow.bin", slow);

        EngineOptions options;
        options.progressIntervalMs = 250;
        DownloadEngine engine(options);
        SessionStore store(m_path);
        SessionKeeper keeper(engine, store);
        QVERIFY(keeper.restore().isEmpty());

        DownloadRequest request;
        request.url = server.url("/slow.bin");
        request.directory = m_dir->path();
        request.connections = 1;
        const DownloadId id = engine.add(request);
        // The add, the start and the size learned from the answer are each worth a write.
        QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).receivedBytes > 0 && engine.snapshot(id).totalBytes > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!store.hasPendingSave(), 10000);
        QVERIFY(store.writeCount() >= 1);
        const int writesBefore = store.writeCount();
        const FileStamp before = stampOf(m_path);
        QVERIFY(before.inode != 0);

        QSignalSpy progress(&engine, &DownloadEngine::progress);
        const qint64 bytesBefore = engine.snapshot(id).receivedBytes;
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 12, 20000);
        QCOMPARE(engine.snapshot(id).state, DownloadState::Downloading);
        QVERIFY(engine.snapshot(id).receivedBytes > bytesBefore);
        QVERIFY(!store.hasPendingSave());
        QCOMPARE(store.writeCount(), writesBefore);
        QVERIFY(stampOf(m_path) == before);

        engine.pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(store.writeCount(), writesBefore + 1, 10000);
        QVERIFY(!(stampOf(m_path) == before));
        const auto saved = onDisk(m_path);
        QVERIFY(saved && saved->size() == 1);
        QCOMPARE(saved->at(0).snapshot.state, DownloadState::Paused);
    }

    // The file is read off this thread and handed over in slices: the event
    // loop keeps turning while 20,000 records go in, and every one arrives.
    void backgroundRestoreKeepsTheLoopRunning()
    {
        {
            SessionStore writer(m_path);
            writer.saveNow(history(20000));
        }
        DownloadEngine engine;
        SessionStore store(m_path);
        SessionKeeper keeper(engine, store);
        QSignalSpy restored(&keeper, &SessionKeeper::restored);
        int ticksWhileRestoring = 0;
        int added = 0;
        connect(&engine, &DownloadEngine::added, this, [&added] { ++added; });
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (keeper.isRestoring() && added > 0)
                ++ticksWhileRestoring;
        });
        ticker.start();
        keeper.restoreInBackground();
        QCOMPARE(engine.snapshots().size(), 0); // nothing was read on this thread
        QVERIFY(restored.wait(30000));
        QCOMPARE(restored.at(0).at(0).toString(), QString());
        QCOMPARE(engine.snapshots().size(), 20000);
        QCOMPARE(engine.snapshots().last().fileName, u"19999.bin"_s);
        QVERIFY2(ticksWhileRestoring >= 2, qPrintable(QString::number(ticksWhileRestoring)));
        // Restoring by itself writes nothing.
        QCOMPARE(store.writeCount(), 0);
    }

    // Quit while the history is still going in, with a download added
    // meanwhile: the file holds all of it, never the half that was in.
    void quitDuringRestoreLosesNothing()
    {
        {
            SessionStore writer(m_path);
            writer.saveNow(history(20000));
        }
        DownloadEngine engine;
        SessionStore store(m_path);
        SessionKeeper keeper(engine, store);
        QSignalSpy finished(&keeper, &SessionKeeper::finished);
        keeper.restoreInBackground();
        DownloadRequest request;
        request.url = QUrl(u"http://127.0.0.1:9/added-while-loading.bin"_s);
        request.directory = m_dir->path();
        engine.add(request, false);
        keeper.shutdown();
        QVERIFY(finished.wait(30000));
        const auto saved = onDisk(m_path);
        QVERIFY(saved);
        QCOMPARE(saved->size(), 20001);
        QCOMPARE(saved->first().request.url, request.url);
        QCOMPARE(saved->last().snapshot.fileName, u"19999.bin"_s);
    }

    // An add right before quitting is in the file when finished() says so.
    void quitWritesTheLastChange()
    {
        DownloadEngine engine;
        SessionStore store(m_path);
        SessionKeeper keeper(engine, store);
        keeper.restore();
        QSignalSpy finished(&keeper, &SessionKeeper::finished);
        DownloadRequest request;
        request.url = QUrl(u"http://127.0.0.1:9/last.bin"_s);
        request.directory = m_dir->path();
        engine.add(request, false);
        keeper.shutdown();
        QVERIFY(finished.wait(10000));
        QCOMPARE(store.writeCount(), 1);
        const auto saved = onDisk(m_path);
        QVERIFY(saved && saved->size() == 1);
        QCOMPARE(saved->at(0).request.url, request.url);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestSessionKeeper)
#include "tst_sessionkeeper.moc"
