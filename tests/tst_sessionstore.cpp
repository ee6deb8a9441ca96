// SessionStore, session.json on disk: the .bak fallback, damaged files kept
// aside, owner-only modes, a writer killed mid-write, and debounced saves
// counted by what reaches the disk. The format itself: tst_sessionformat.
#include "core/SessionStore.h"
#include "tests/support/SessionRecords.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeRaw(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
}

// What the file at `path` holds, parsed; empty optional when it is not a session.
std::optional<QList<DownloadRecord>> contents(const QString &path)
{
    return sessionFromJson(readAll(path), nullptr);
}

} // namespace

class TestSessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void oneBadRecordCostsOnlyThatRecord();
    void theFileAndItsFolderAreTheOwnersOnly();
    void aLoginFromTheDialogIsNeverWritten();
    void aCrashDuringAWriteLeavesTheOldFile();
    void firstStartIsEmptyWithoutWarning();
    void saveNowThenLoad();
    void everyWriteKeepsThePreviousAsBackup();
    void damagedMainFallsBackToBackup();
    void missingMainFallsBackToBackup();
    void bothDamagedKeepsTheDamagedFileAside();
    void onlyADamagedBackup();
    void aDamagedMainIsNeverRotatedIntoTheBackup();
    void scheduleSaveReturnsBeforeWriting();
    void debounceCoalescesManyChangesIntoOneWrite();
    void changesAfterAWriteAreWrittenToo();
    void saveNowSupersedesAPendingSave();
    void destructorWritesAPendingSave();
    void saveFailedIsReported();
    void defaultPath();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestSessionStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"state/session.json"_s); // the folder does not exist yet
}

// Through the store: the good records load, the warning names the bad one,
// and the file as it was is kept aside before any save can drop the record.
void TestSessionStore::oneBadRecordCostsOnlyThatRecord()
{
    QJsonObject root = QJsonDocument::fromJson(sessionToJson(makeList(5))).object();
    QJsonArray downloads = root.value(u"downloads"_s).toArray();
    QJsonObject third = downloads.at(2).toObject();
    QJsonObject snapshot = third.value(u"snapshot"_s).toObject();
    snapshot.insert(u"state"_s, u"flying"_s);
    third.insert(u"snapshot"_s, snapshot);
    downloads.replace(2, third);
    root.insert(u"downloads"_s, downloads);
    const QByteArray file = QJsonDocument(root).toJson();
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    writeRaw(m_path, file);

    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QList<DownloadRecord> expected = makeList(5);
    expected.removeAt(2);
    QVERIFY(sameRecords(result.records, expected));
    QVERIFY2(result.warning.contains(u"download 3"_s) && result.warning.contains(u"state"_s), qPrintable(result.warning));
    QVERIFY2(result.warning.contains(store.damagedPath()), qPrintable(result.warning));
    QCOMPARE(readAll(store.damagedPath()), file);
    QCOMPARE(readAll(m_path), file); // still the main file, not replaced by the backup
}

// Logins and cookies are in it: 0600, and a folder made for it 0700.
void TestSessionStore::theFileAndItsFolderAreTheOwnersOnly()
{
    SessionStore store(m_path);
    store.saveNow(makeList(2));
    store.saveNow(makeList(3));
    const auto mode = [](const QString &path) {
        return int(QFileInfo(path).permissions()
                   & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                      | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                      | QFileDevice::WriteOther | QFileDevice::ExeOther));
    };
    const int ownerRw = int(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QCOMPARE(mode(m_path), ownerRw);
    QCOMPARE(mode(store.backupPath()), ownerRw);
    QCOMPARE(mode(QFileInfo(m_path).absolutePath()), ownerRw | int(QFileDevice::ExeOwner));
}

// A login the user typed into the window's 401 dialog (transientLogin) is
// sent while Ferry runs and never reaches the file; one the download was
// added with (--user, user:pass@, http-user) is kept beside it.
void TestSessionStore::aLoginFromTheDialogIsNeverWritten()
{
    QList<DownloadRecord> records = makeList(4);
    records[1].request.user = u"dialog-user"_s;
    records[1].request.password = u"typed-in-the-dialog-7f3a"_s;
    records[1].request.transientLogin = true;
    records[3].request.user = u"added-user"_s;
    records[3].request.password = u"added-with-the-download-9c1e"_s;
    {
        SessionStore store(m_path);
        store.saveNow(records);
        store.saveNow(records); // and the .bak it rotates
    }
    for (const QString &path : {m_path, QString(m_path + u".bak"_s)}) {
        const QByteArray raw = readAll(path);
        QVERIFY2(!raw.isEmpty(), qPrintable(path));
        QVERIFY2(!raw.contains("typed-in-the-dialog-7f3a"), qPrintable(path));
        QVERIFY2(!raw.contains("dialog-user"), qPrintable(path));
        QVERIFY2(raw.contains("added-with-the-download-9c1e"), qPrintable(path));
    }
    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
    QCOMPARE(result.records.size(), 4);
    QVERIFY(result.records.at(1).request.user.isEmpty());
    QVERIFY(result.records.at(1).request.password.isEmpty());
    QCOMPARE(result.records.at(1).request.url, records.at(1).request.url); // the rest of it is kept
    QCOMPARE(result.records.at(3).request.password, u"added-with-the-download-9c1e"_s);
}

// A real process that crashes in the middle of writing a longer list (the
// kernel's SIGXFSZ at its file size limit, see tests/helpers/session_writer):
// the file it leaves is the list before, whole, and loads without a warning.
void TestSessionStore::aCrashDuringAWriteLeavesTheOldFile()
{
    constexpr int n = 3000;
    QProcess writer;
    writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    writer.start(QStringLiteral(SESSION_WRITER), {m_path, QString::number(n)});
    QVERIFY(writer.waitForFinished(60000));
    const QByteArray out = writer.readAllStandardOutput();
    QVERIFY2(out.contains("wrote 3000") && !out.contains("survived"), out.constData());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
    QCOMPARE(result.records.size(), n);
    QCOMPARE(result.records.last().snapshot.fileName, u"file-2999.iso"_s);
}

void TestSessionStore::firstStartIsEmptyWithoutWarning()
{
    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY(result.records.isEmpty());
    QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
    QVERIFY(!QFile::exists(store.damagedPath()));
}

void TestSessionStore::saveNowThenLoad()
{
    const QList<DownloadRecord> records = makeList(5);
    {
        SessionStore store(m_path);
        QSignalSpy saved(&store, &SessionStore::saved);
        store.saveNow(records); // creates the missing folder
        QCOMPARE(saved.count(), 1);
    }
    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
    QVERIFY(sameRecords(result.records, records));
    const QStringList left = QDir(QFileInfo(m_path).absolutePath()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{u"session.json"_s}); // no temporary files
}

void TestSessionStore::everyWriteKeepsThePreviousAsBackup()
{
    SessionStore store(m_path);
    store.saveNow(makeList(1, 0));
    store.saveNow(makeList(2, 10));
    store.saveNow(makeList(3, 20));
    QVERIFY(sameRecords(*contents(m_path), makeList(3, 20)));
    QVERIFY(sameRecords(*contents(store.backupPath()), makeList(2, 10)));
    const QStringList left = QDir(QFileInfo(m_path).absolutePath()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, (QStringList{u"session.json"_s, u"session.json.bak"_s}));
}

void TestSessionStore::damagedMainFallsBackToBackup()
{
    const QList<DownloadRecord> older = makeList(2, 0);
    {
        SessionStore store(m_path);
        store.saveNow(older);
        store.saveNow(makeList(3, 50));
    }
    const QByteArray good = readAll(m_path);
    const QByteArray torn = good.left(good.size() / 2); // a write cut short
    writeRaw(m_path, torn);

    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY(sameRecords(result.records, older));
    QVERIFY(!result.warning.isEmpty());
    QVERIFY2(result.warning.contains(QDir::toNativeSeparators(m_path)), qPrintable(result.warning));
    QVERIFY2(result.warning.contains(u"previous copy"_s), qPrintable(result.warning));
    QCOMPARE(readAll(store.damagedPath()), torn); // kept for inspection
    QVERIFY(sameRecords(*contents(m_path), older)); // the restored list is back in place

    // The next write keeps the restored list as the backup.
    store.saveNow(makeList(1, 70));
    QVERIFY(sameRecords(*contents(store.backupPath()), older));
    QCOMPARE(readAll(store.damagedPath()), torn);
}

void TestSessionStore::missingMainFallsBackToBackup()
{
    const QList<DownloadRecord> older = makeList(4, 0);
    {
        SessionStore store(m_path);
        store.saveNow(older);
        store.saveNow(makeList(1, 9));
    }
    QVERIFY(QFile::remove(m_path));
    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY(sameRecords(result.records, older));
    QVERIFY2(result.warning.contains(u"missing"_s), qPrintable(result.warning));
}

void TestSessionStore::bothDamagedKeepsTheDamagedFileAside()
{
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    const QByteArray junkMain = "{\"format\":\"ferry-session\",\"version\":1,\"downloads\":[{\"req"_ba;
    writeRaw(m_path, junkMain);
    writeRaw(m_path + u".bak"_s, "not json at all"_ba);

    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY(result.records.isEmpty());
    QVERIFY(!result.warning.isEmpty());
    QVERIFY2(result.warning.contains(QDir::toNativeSeparators(store.damagedPath())), qPrintable(result.warning));
    QCOMPARE(readAll(store.damagedPath()), junkMain);

    // Saving afterwards never overwrites the damaged file that was kept.
    store.saveNow(makeList(2));
    store.saveNow(makeList(3));
    QCOMPARE(readAll(store.damagedPath()), junkMain);
    QVERIFY(sameRecords(*contents(m_path), makeList(3)));
    QVERIFY(sameRecords(*contents(store.backupPath()), makeList(2)));
}

void TestSessionStore::onlyADamagedBackup()
{
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    writeRaw(m_path + u".bak"_s, "\x01\x02"_ba);
    SessionStore store(m_path);
    const SessionStore::LoadResult result = store.load();
    QVERIFY(result.records.isEmpty());
    QVERIFY(!result.warning.isEmpty());
    QCOMPARE(readAll(store.damagedPath()), "\x01\x02"_ba);
}

// A store that never loaded (or a file changed behind its back) checks the
// main file before making it the backup: a damaged one goes aside instead.
void TestSessionStore::aDamagedMainIsNeverRotatedIntoTheBackup()
{
    const QList<DownloadRecord> good = makeList(2, 0);
    {
        SessionStore store(m_path);
        store.saveNow(makeList(1, 40));
        store.saveNow(good); // backup: 40, main: good
        store.saveNow(makeList(1, 80)); // backup: good, main: 80
    }
    writeRaw(m_path, "{ torn"_ba);
    SessionStore store(m_path);
    store.saveNow(makeList(3, 90));
    QVERIFY(sameRecords(*contents(m_path), makeList(3, 90)));
    QVERIFY(sameRecords(*contents(store.backupPath()), good));
    QCOMPARE(readAll(store.damagedPath()), "{ torn"_ba);
}

void TestSessionStore::scheduleSaveReturnsBeforeWriting()
{
    SessionStore store(m_path);
    store.saveNow(makeList(1, 0));
    store.scheduleSave(makeList(2, 5));
    // No event loop has run: nothing can have been written yet.
    QVERIFY(sameRecords(*contents(m_path), makeList(1, 0)));
    QVERIFY(store.hasPendingSave());
    QSignalSpy saved(&store, &SessionStore::saved);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QVERIFY(sameRecords(*contents(m_path), makeList(2, 5)));
    QVERIFY(!store.hasPendingSave());
}

// Fifty changes in a row reach the disk as one write: the backup still holds
// the list from before them all, which would not be true after a second write.
void TestSessionStore::debounceCoalescesManyChangesIntoOneWrite()
{
    SessionStore store(m_path);
    const QList<DownloadRecord> before = makeList(1, 0);
    store.saveNow(before);
    QSignalSpy saved(&store, &SessionStore::saved);
    QSignalSpy failed(&store, &SessionStore::saveFailed);
    for (int i = 1; i <= 50; ++i)
        store.scheduleSave(makeList(2, i));
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QVERIFY(sameRecords(*contents(m_path), makeList(2, 50)));
    QVERIFY(sameRecords(*contents(store.backupPath()), before));
    QTest::qWait(1500); // more than the debounce interval: nothing else is written
    QCOMPARE(saved.count(), 1);
    QVERIFY(sameRecords(*contents(store.backupPath()), before));
    QCOMPARE(failed.count(), 0);
}

void TestSessionStore::changesAfterAWriteAreWrittenToo()
{
    SessionStore store(m_path);
    QSignalSpy saved(&store, &SessionStore::saved);
    store.scheduleSave(makeList(1, 1));
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    store.scheduleSave(makeList(1, 2));
    store.scheduleSave(makeList(1, 3));
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 10000);
    QVERIFY(sameRecords(*contents(m_path), makeList(1, 3)));
    QVERIFY(sameRecords(*contents(store.backupPath()), makeList(1, 1)));
}

void TestSessionStore::saveNowSupersedesAPendingSave()
{
    SessionStore store(m_path);
    QSignalSpy saved(&store, &SessionStore::saved);
    store.scheduleSave(makeList(1, 1));
    store.saveNow(makeList(2, 2));
    QCOMPARE(saved.count(), 1);
    QVERIFY(sameRecords(*contents(m_path), makeList(2, 2)));
    QVERIFY(!store.hasPendingSave());
    QTest::qWait(1500); // the older pending list never overwrites the newer one
    QCOMPARE(saved.count(), 1);
    QVERIFY(sameRecords(*contents(m_path), makeList(2, 2)));
}

void TestSessionStore::destructorWritesAPendingSave()
{
    {
        SessionStore store(m_path);
        store.scheduleSave(makeList(3, 7));
    }
    QVERIFY(contents(m_path).has_value());
    QVERIFY(sameRecords(*contents(m_path), makeList(3, 7)));
}

void TestSessionStore::saveFailedIsReported()
{
    // A regular file where the folder should be: nothing can be created under it.
    const QString blocker = m_dir->filePath(u"blocker"_s);
    writeRaw(blocker, "x"_ba);
    SessionStore store(blocker + u"/session.json"_s);
    QSignalSpy failed(&store, &SessionStore::saveFailed);
    QSignalSpy saved(&store, &SessionStore::saved);
    store.saveNow(makeList(1));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    store.scheduleSave(makeList(1));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    QCOMPARE(saved.count(), 0);
}

void TestSessionStore::defaultPath()
{
    const QString path = SessionStore::defaultPath();
    QVERIFY(path.endsWith(u"/session.json"_s));
    QCOMPARE(QFileInfo(path).absolutePath(),
             QFileInfo(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).absoluteFilePath());
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
