// The session.json format (core/SessionFormat): round trips of every field,
// the compact form with defaults left out, files written by earlier Ferrys,
// and damaged files and records refused with a reason that names the field.
#include "core/SessionFormat.h"
#include "tests/support/SessionRecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

namespace {

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

class TestSessionFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip();
    void emptyListRoundTrip();
    void damagedJson_data();
    void damagedJson();
    void damagedRecord_data();
    void damagedRecord();
    void aFileWithoutTheNetworkFieldsStillLoads();
    void fieldsAtTheirDefaultAreLeftOut();
    void aFileWithEveryFieldSpelledOutReadsTheSame();
};

void TestSessionFormat::jsonRoundTrip()
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

void TestSessionFormat::emptyListRoundTrip()
{
    const auto back = sessionFromJson(sessionToJson({}), nullptr);
    QVERIFY(back.has_value());
    QVERIFY(back->isEmpty());
}

void TestSessionFormat::damagedJson_data()
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

void TestSessionFormat::damagedJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!sessionFromJson(json, &error).has_value());
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
}

// One bad record among good ones: the others are read, the bad one is named.
void TestSessionFormat::damagedRecord_data()
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

void TestSessionFormat::damagedRecord()
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

// A file written before the network fields existed: the defaults.
void TestSessionFormat::aFileWithoutTheNetworkFieldsStillLoads()
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
void TestSessionFormat::fieldsAtTheirDefaultAreLeftOut()
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
void TestSessionFormat::aFileWithEveryFieldSpelledOutReadsTheSame()
{
    const QList<DownloadRecord> records = makeList(12);
    const QJsonObject requestDefaults{
        {u"fileName"_s, u""_s}, {u"speedLimit"_s, 0}, {u"checksum"_s, u""_s}, {u"headers"_s, QJsonArray()},
        {u"conflict"_s, u"rename"_s},
        {u"proxy"_s, QJsonObject{{u"mode"_s, u"system"_s}, {u"url"_s, u""_s}, {u"noProxy"_s, u""_s}}},
        {u"user"_s, u""_s}, {u"password"_s, u""_s}, {u"useNetrc"_s, true}, {u"netrcFile"_s, u""_s},
        {u"cookies"_s, u""_s}, {u"referer"_s, u""_s}, {u"userAgent"_s, u""_s}, {u"continueFromOtherUrl"_s, false},
        {u"gid"_s, u""_s}, {u"mirrors"_s, QJsonArray()}};
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

QTEST_GUILESS_MAIN(TestSessionFormat)
#include "tst_sessionformat.moc"
