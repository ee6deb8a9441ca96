// SessionStore and the session.json format: round trips, the .bak fallback,
// damaged files kept aside, and debounced saves counted by what reaches the disk.
#include "core/SessionStore.h"

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

namespace {

DownloadRecord makeRecord(int n)
{
    DownloadRecord r;
    r.request.url = QUrl(u"https://example.com/files/%1/%E4%B8%AD.iso?x=1&y=%2"_s.arg(n).arg(n * 2));
    r.request.directory = u"/home/user/Downloads/sub %1"_s.arg(n);
    r.request.fileName = n % 2 ? u"fixed-%1.bin"_s.arg(n) : QString();
    r.request.connections = 1 + n % 16;
    r.request.speedLimit = n * 1000;
    if (n % 3 == 0)
        r.request.checksum = *ChecksumSpec::parse(u"md5=D41D8CD98F00B204E9800998ECF8427E"_s);
    r.request.headers = {{"Cookie"_ba, "a=b; c=d"_ba}, {"X-Bytes"_ba, "caf\xe9"_ba}};
    r.request.conflict = static_cast<ConflictPolicy>(n % 3);
    r.request.proxy = {static_cast<ProxyMode>(n % 3), n % 3 == 2 ? u"socks5h://u:p@127.0.0.1:1080"_s : QString(),
                       n % 3 == 2 ? u"localhost,.lan"_s : QString()};
    r.request.user = n % 2 ? u"user%1"_s.arg(n) : QString();
    r.request.password = n % 2 ? u"p\u00e4ss:%1"_s.arg(n) : QString();
    r.request.useNetrc = n % 4 != 1;
    r.request.netrcFile = n % 5 == 0 ? u"/home/user/.netrc-work"_s : QString();
    r.request.cookies = n % 2 ? "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tFALSE\t0\tsid\tabc\n"_ba : QByteArray();
    r.request.referer = n % 2 ? "https://example.com/page"_ba : QByteArray();
    r.request.userAgent = n % 3 ? "Mozilla/5.0 (X11)"_ba : QByteArray();
    r.request.continueFromOtherUrl = n % 7 == 3;
    r.request.gid = n % 2 ? u"%1"_s.arg(qulonglong(0x2089b05e00000000ULL + n), 16, 16, QChar(u'0')) : QString();

    DownloadSnapshot &s = r.snapshot;
    s.id = DownloadId(1000 + n);
    s.url = r.request.url;
    s.finalUrl = n % 2 ? QUrl(u"https://cdn.example.net/%1"_s.arg(n)) : QUrl();
    s.fileName = u"\u4e2d %1.iso"_s.arg(n);
    s.filePath = u"/home/user/Downloads/\u4e2d %1.iso"_s.arg(n);
    s.state = static_cast<DownloadState>(n % 6);
    s.wanted = n % 2 == 0;
    s.errorKind = static_cast<ErrorKind>(n % 4);
    s.errorMessage = n % 4 ? u"The server answered 404 Not Found"_s : QString();
    s.totalBytes = n % 5 ? qint64(n) * 1'000'000'007LL : -1;
    s.receivedBytes = qint64(n) * 12345;
    s.resumable = n % 2 == 1;
    s.added = QDateTime(QDate(2024, 1, 1 + n % 28), QTime(10, 20, 30, n % 1000), Qt::UTC);
    s.finished = n % 2 ? s.added.addSecs(3600) : QDateTime();
    return r;
}

QList<DownloadRecord> makeList(int count, int offset = 0)
{
    QList<DownloadRecord> list;
    for (int i = 0; i < count; ++i)
        list.append(makeRecord(offset + i));
    return list;
}

// Compares field by field so a failure names the field.
bool sameRecords(const QList<DownloadRecord> &a, const QList<DownloadRecord> &b)
{
    if (a.size() != b.size()) {
        qWarning("size %lld != %lld", qlonglong(a.size()), qlonglong(b.size()));
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const DownloadRequest &p = a.at(i).request;
        const DownloadRequest &q = b.at(i).request;
        const DownloadSnapshot &s = a.at(i).snapshot;
        const DownloadSnapshot &t = b.at(i).snapshot;
        const std::pair<const char *, bool> checks[] = {
            {"request.url", p.url == q.url},
            {"request.directory", p.directory == q.directory},
            {"request.fileName", p.fileName == q.fileName},
            {"request.connections", p.connections == q.connections},
            {"request.speedLimit", p.speedLimit == q.speedLimit},
            {"request.checksum", p.checksum.algorithm == q.checksum.algorithm
                                     && p.checksum.expectedHex == q.checksum.expectedHex},
            {"request.headers", p.headers == q.headers},
            {"request.conflict", p.conflict == q.conflict},
            {"request.proxy", p.proxy == q.proxy},
            {"request.user", p.user == q.user},
            {"request.password", p.password == q.password},
            {"request.useNetrc", p.useNetrc == q.useNetrc},
            {"request.netrcFile", p.netrcFile == q.netrcFile},
            {"request.cookies", p.cookies == q.cookies},
            {"request.referer", p.referer == q.referer},
            {"request.userAgent", p.userAgent == q.userAgent},
            {"request.continueFromOtherUrl", p.continueFromOtherUrl == q.continueFromOtherUrl},
            {"request.gid", p.gid == q.gid},
            {"id", s.id == t.id},
            {"url", s.url == t.url},
            {"finalUrl", s.finalUrl == t.finalUrl},
            {"fileName", s.fileName == t.fileName},
            {"filePath", s.filePath == t.filePath},
            {"state", s.state == t.state},
            {"wanted", s.wanted == t.wanted},
            {"errorKind", s.errorKind == t.errorKind},
            {"errorMessage", s.errorMessage == t.errorMessage},
            {"totalBytes", s.totalBytes == t.totalBytes},
            {"receivedBytes", s.receivedBytes == t.receivedBytes},
            {"resumable", s.resumable == t.resumable},
            {"added", s.added == t.added},
            {"finished", s.finished == t.finished},
        };
        for (const auto &[name, ok] : checks) {
            if (!ok) {
                qWarning("record %lld: %s differs", qlonglong(i), name);
                return false;
            }
        }
    }
    return true;
}

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

QByteArray sessionWith(const std::function<void(QJsonObject &)> &change)
{
    QJsonObject root = QJsonDocument::fromJson(sessionToJson(makeList(2))).object();
    change(root);
    return QJsonDocument(root).toJson();
}

// Edits a field of the first record's request or snapshot.
QByteArray withRecordField(const QString &part, const QString &key, const QJsonValue &value)
{
    return sessionWith([&](QJsonObject &root) {
        QJsonArray downloads = root.value(u"downloads"_s).toArray();
        QJsonObject record = downloads.at(0).toObject();
        QJsonObject inner = record.value(part).toObject();
        if (value.isUndefined())
            inner.remove(key);
        else
            inner.insert(key, value);
        record.insert(part, inner);
        downloads.replace(0, record);
        root.insert(u"downloads"_s, downloads);
    });
}

} // namespace

class TestSessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void jsonRoundTrip();
    void emptyListRoundTrip();
    void damagedJson_data();
    void damagedJson();
    void damagedRecord_data();
    void damagedRecord();
    void oneBadRecordCostsOnlyThatRecord();
    void aFileWithoutTheNetworkFieldsStillLoads();
    void fieldsAtTheirDefaultAreLeftOut();
    void aFileWithEveryFieldSpelledOutReadsTheSame();
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

void TestSessionStore::jsonRoundTrip()
{
    const QList<DownloadRecord> records = makeList(24);
    QString error;
    const auto back = sessionFromJson(sessionToJson(records), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY(sameRecords(*back, records));

    const QJsonObject root = QJsonDocument::fromJson(sessionToJson(records)).object();
    QCOMPARE(root.value(u"format"_s).toString(), u"ferry-session"_s);
    QCOMPARE(root.value(u"version"_s).toInt(), 1);
    const QJsonObject snap = root.value(u"downloads"_s).toArray().at(1).toObject().value(u"snapshot"_s).toObject();
    QCOMPARE(snap.value(u"state"_s).toString(), QLatin1StringView(stateKey(makeRecord(1).snapshot.state)));
}

void TestSessionStore::emptyListRoundTrip()
{
    const auto back = sessionFromJson(sessionToJson({}), nullptr);
    QVERIFY(back.has_value());
    QVERIFY(back->isEmpty());
}

void TestSessionStore::damagedJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorMentions");

    const QByteArray good = sessionToJson(makeList(3));
    QTest::addRow("empty") << QByteArray() << u"damaged"_s;
    QTest::addRow("truncated") << good.left(good.size() * 2 / 3) << u"damaged"_s;
    QTest::addRow("not an object") << "[]"_ba << u"not a Ferry session"_s;
    QTest::addRow("control file") << "{\"format\":\"ferry-control\",\"version\":1}"_ba << u"not a Ferry session"_s;
    QTest::addRow("version 2") << sessionWith([](QJsonObject &o) { o.insert(u"version"_s, 2); }) << u"version 2"_s;
    QTest::addRow("no downloads") << sessionWith([](QJsonObject &o) { o.remove(u"downloads"_s); }) << u"missing"_s;
}

void TestSessionStore::damagedJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!sessionFromJson(json, &error).has_value());
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
}

// One bad record among good ones: the others are read, the bad one is named.
void TestSessionStore::damagedRecord_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorMentions");

    QTest::addRow("record not an object")
        << sessionWith([](QJsonObject &o) {
               const QJsonArray d = o.value(u"downloads"_s).toArray();
               o.insert(u"downloads"_s, QJsonArray{1, d.at(1)});
           }) << u"download 1"_s;
    QTest::addRow("unknown state") << withRecordField(u"snapshot"_s, u"state"_s, u"flying"_s) << u"state"_s;
    QTest::addRow("state as number") << withRecordField(u"snapshot"_s, u"state"_s, 2) << u"state"_s;
    QTest::addRow("unknown error kind") << withRecordField(u"snapshot"_s, u"errorKind"_s, u"oops"_s) << u"errorKind"_s;
    QTest::addRow("id negative") << withRecordField(u"snapshot"_s, u"id"_s, -1) << u"id"_s;
    QTest::addRow("id fraction") << withRecordField(u"snapshot"_s, u"id"_s, 1.5) << u"id"_s;
    QTest::addRow("wanted as string") << withRecordField(u"snapshot"_s, u"wanted"_s, u"yes"_s) << u"wanted"_s;
    QTest::addRow("totalBytes below -1") << withRecordField(u"snapshot"_s, u"totalBytes"_s, -5) << u"totalBytes"_s;
    QTest::addRow("receivedBytes missing") << withRecordField(u"snapshot"_s, u"receivedBytes"_s, QJsonValue::Undefined)
                                           << u"receivedBytes"_s;
    QTest::addRow("bad date") << withRecordField(u"snapshot"_s, u"added"_s, u"last Tuesday"_s) << u"added"_s;
    QTest::addRow("url as number") << withRecordField(u"request"_s, u"url"_s, 3) << u"url"_s;
    QTest::addRow("connections as string") << withRecordField(u"request"_s, u"connections"_s, u"4"_s) << u"connections"_s;
    QTest::addRow("negative speed limit") << withRecordField(u"request"_s, u"speedLimit"_s, -1) << u"speedLimit"_s;
    QTest::addRow("bad checksum") << withRecordField(u"request"_s, u"checksum"_s, u"sha256=xyz"_s) << u"checksum"_s;
    QTest::addRow("header not a pair")
        << withRecordField(u"request"_s, u"headers"_s, QJsonArray{QJsonArray{u"A"_s}}) << u"headers"_s;
    QTest::addRow("unknown conflict policy") << withRecordField(u"request"_s, u"conflict"_s, u"merge"_s) << u"conflict"_s;
    QTest::addRow("no request") << sessionWith([](QJsonObject &o) {
        QJsonArray d = o.value(u"downloads"_s).toArray();
        QJsonObject r = d.at(1).toObject();
        r.remove(u"request"_s);
        d.replace(1, r);
        o.insert(u"downloads"_s, d);
    }) << u"download 2"_s;
}

void TestSessionStore::damagedRecord()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorMentions);
    QString error;
    QStringList skipped;
    const auto records = sessionFromJson(json, &error, &skipped);
    QVERIFY2(records.has_value(), qPrintable(error));
    QCOMPARE(records->size(), 1);
    QCOMPARE(skipped.size(), 1);
    QVERIFY2(skipped.first().contains(errorMentions), qPrintable(skipped.first()));
    QVERIFY2(skipped.first().contains(u"download "_s), qPrintable(skipped.first()));
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

// A file written before the network fields existed: the defaults.
void TestSessionStore::aFileWithoutTheNetworkFieldsStillLoads()
{
    QByteArray json = sessionWith([](QJsonObject &root) {
        QJsonArray downloads = root.value(u"downloads"_s).toArray();
        for (qsizetype i = 0; i < downloads.size(); ++i) {
            QJsonObject record = downloads.at(i).toObject();
            QJsonObject request = record.value(u"request"_s).toObject();
            for (const QString &key : {u"proxy"_s, u"user"_s, u"password"_s, u"useNetrc"_s, u"netrcFile"_s,
                                       u"cookies"_s, u"referer"_s, u"userAgent"_s, u"continueFromOtherUrl"_s})
                request.remove(key);
            record.insert(u"request"_s, request);
            downloads.replace(i, record);
        }
        root.insert(u"downloads"_s, downloads);
    });
    QStringList skipped;
    const auto records = sessionFromJson(json, nullptr, &skipped);
    QVERIFY(records && records->size() == 2);
    QVERIFY(skipped.isEmpty());
    const DownloadRequest &r = records->at(1).request;
    QCOMPARE(r.proxy.mode, ProxyMode::System);
    QVERIFY(r.user.isEmpty() && r.password.isEmpty() && r.cookies.isEmpty());
    QVERIFY(r.useNetrc);
}

// A history is mostly defaults, and loading costs what the file weighs
// (issue #10, W1): a download with nothing but a URL, a folder and its
// connections is written as just those, on one line.
void TestSessionStore::fieldsAtTheirDefaultAreLeftOut()
{
    DownloadRecord plain;
    plain.request.url = QUrl(u"http://mirror.example/pub/a.iso"_s);
    plain.request.directory = u"/home/user/Downloads"_s;
    plain.request.connections = 4;
    DownloadSnapshot &s = plain.snapshot;
    s.id = 3;
    s.url = plain.request.url;
    s.finalUrl = s.url;
    s.fileName = u"a.iso"_s;
    s.filePath = u"/home/user/Downloads/a.iso"_s;
    s.state = DownloadState::Completed;
    s.totalBytes = s.receivedBytes = 1000;
    s.added = QDateTime(QDate(2026, 12, 2), QTime(6, 0), Qt::UTC);

    const QByteArray json = sessionToJson({plain});
    QVERIFY2(!json.contains('\n') && !json.contains("  "), json.constData());
    const QJsonObject record = QJsonDocument::fromJson(json).object().value(u"downloads"_s).toArray().at(0).toObject();
    QStringList requestKeys = record.value(u"request"_s).toObject().keys();
    requestKeys.sort();
    QCOMPARE(requestKeys, (QStringList{u"connections"_s, u"directory"_s, u"url"_s}));
    QStringList snapshotKeys = record.value(u"snapshot"_s).toObject().keys();
    snapshotKeys.sort();
    QCOMPARE(snapshotKeys, (QStringList{u"added"_s, u"fileName"_s, u"filePath"_s, u"finalUrl"_s, u"id"_s,
                                        u"receivedBytes"_s, u"resumable"_s, u"state"_s, u"totalBytes"_s, u"url"_s,
                                        u"wanted"_s}));
    const auto back = sessionFromJson(json, nullptr);
    QVERIFY(back.has_value());
    QVERIFY(sameRecords(*back, {plain}));
}

// What a Ferry before the compact form wrote, every field present and
// indented: each field left out now must read back as exactly the value
// that was spelled out.
void TestSessionStore::aFileWithEveryFieldSpelledOutReadsTheSame()
{
    const QList<DownloadRecord> records = makeList(12);
    const QJsonObject requestDefaults{
        {u"fileName"_s, u""_s}, {u"speedLimit"_s, 0}, {u"checksum"_s, u""_s}, {u"headers"_s, QJsonArray()},
        {u"conflict"_s, u"rename"_s},
        {u"proxy"_s, QJsonObject{{u"mode"_s, u"system"_s}, {u"url"_s, u""_s}, {u"noProxy"_s, u""_s}}},
        {u"user"_s, u""_s}, {u"password"_s, u""_s}, {u"useNetrc"_s, true}, {u"netrcFile"_s, u""_s},
        {u"cookies"_s, u""_s}, {u"referer"_s, u""_s}, {u"userAgent"_s, u""_s}, {u"continueFromOtherUrl"_s, false},
        {u"gid"_s, u""_s}};
    const QJsonObject snapshotDefaults{{u"errorKind"_s, u"none"_s}, {u"errorMessage"_s, u""_s}, {u"finished"_s, u""_s}};
    int filledIn = 0;
    const auto spellOut = [&filledIn](QJsonObject object, const QJsonObject &defaults) {
        for (auto it = defaults.begin(); it != defaults.end(); ++it) {
            if (!object.contains(it.key())) {
                object.insert(it.key(), it.value());
                ++filledIn;
            }
        }
        return object;
    };
    QJsonObject root = QJsonDocument::fromJson(sessionToJson(records)).object();
    QJsonArray downloads = root.value(u"downloads"_s).toArray();
    for (qsizetype i = 0; i < downloads.size(); ++i) {
        QJsonObject record = downloads.at(i).toObject();
        record.insert(u"request"_s, spellOut(record.value(u"request"_s).toObject(), requestDefaults));
        record.insert(u"snapshot"_s, spellOut(record.value(u"snapshot"_s).toObject(), snapshotDefaults));
        downloads.replace(i, record);
    }
    root.insert(u"downloads"_s, downloads);
    QVERIFY2(filledIn > 12, "makeList has no field at its default: the test checks nothing");
    QStringList skipped;
    const auto back = sessionFromJson(QJsonDocument(root).toJson(QJsonDocument::Indented), nullptr, &skipped);
    QVERIFY2(back.has_value() && skipped.isEmpty(), qPrintable(skipped.join(u'\n')));
    QVERIFY(sameRecords(*back, records));
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
