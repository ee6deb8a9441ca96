// ControlFile: the <name>.part.ferry file. Round trips, atomic writes, and
// every kind of damage refused with a reason.
#include "core/ControlFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

ControlData sample()
{
    ControlData d;
    d.url = QUrl(u"https://example.com/files/%E4%B8%AD%20file.iso?token=a%26b"_s);
    d.finalUrl = QUrl(u"https://cdn.example.net/x/y.iso"_s);
    d.fileName = u"\u4e2d file.iso"_s;
    d.totalBytes = 5'000'000'000LL;
    d.resumable = true;
    d.etag = "\"abc-123\""_ba;
    d.lastModified = "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    d.finished = {{0, 1048576}, {2097152, 3000000}, {4999999000LL, 5000000000LL}};
    d.checksum = *ChecksumSpec::parse(u"sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
    d.updated = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 123), Qt::UTC);
    return d;
}

void compare(const ControlData &a, const ControlData &b)
{
    QCOMPARE(a.url, b.url);
    QCOMPARE(a.finalUrl, b.finalUrl);
    QCOMPARE(a.fileName, b.fileName);
    QCOMPARE(a.totalBytes, b.totalBytes);
    QCOMPARE(a.resumable, b.resumable);
    QCOMPARE(a.etag, b.etag);
    QCOMPARE(a.lastModified, b.lastModified);
    QCOMPARE(a.finished.size(), b.finished.size());
    for (qsizetype i = 0; i < a.finished.size(); ++i) {
        QCOMPARE(a.finished.at(i).begin, b.finished.at(i).begin);
        QCOMPARE(a.finished.at(i).end, b.finished.at(i).end);
    }
    QCOMPARE(a.checksum.algorithm, b.checksum.algorithm);
    QCOMPARE(a.checksum.expectedHex, b.checksum.expectedHex);
    QCOMPARE(a.updated, b.updated);
}

QJsonObject sampleObject()
{
    return QJsonDocument::fromJson(ControlFile::toJson(sample())).object();
}

QByteArray withField(const QString &key, const QJsonValue &value)
{
    QJsonObject o = sampleObject();
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return QJsonDocument(o).toJson();
}

} // namespace

class TestControlFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pathForPart();
    void namesInFolder();
    void roundTrip_data();
    void roundTrip();
    void formatIsDocumentedShape();
    void writeAndRead();
    void writeIsAtomicAndLeavesNoTempFiles();
    void writeFailsCleanly();
    void readMissingFile();
    void damage_data();
    void damage();
    void truncatedAtEveryLength();

private:
    QTemporaryDir m_dir;
};

void TestControlFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestControlFile::pathForPart()
{
    QCOMPARE(ControlFile::pathForPart(u"/tmp/a b.iso.part"_s), u"/tmp/a b.iso.part.ferry"_s);
}

// The control files of a folder, as the resume of a download without a
// name finds them: only regular files ending in .part.ferry, hidden and
// non-ASCII names too, sorted; a missing folder has none.
void TestControlFile::namesInFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList files{u"b.iso.part.ferry"_s, u".hidden.part.ferry"_s, u"naïve ü.bin.part.ferry"_s,
                            u"b.iso.part"_s, u"done.bin"_s, u"x.part.ferry.tmp"_s, u".part.ferry"_s};
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QVERIFY(QDir(dir.path()).mkdir(u"folder.part.ferry"_s));
    QCOMPARE(ControlFile::namesIn(dir.path()),
             (QStringList{u".hidden.part.ferry"_s, u"b.iso.part.ferry"_s, u"naïve ü.bin.part.ferry"_s}));
    QCOMPARE(ControlFile::namesIn(dir.filePath(u"missing"_s)), QStringList());
}

void TestControlFile::roundTrip_data()
{
    QTest::addColumn<int>("variant");
    QTest::addRow("full") << 0;
    QTest::addRow("not resumable, size unknown") << 1;
    QTest::addRow("resumable, nothing yet") << 2;
    QTest::addRow("complete") << 3;
    QTest::addRow("empty file") << 4;
    QTest::addRow("latin-1 validators") << 5;
}

void TestControlFile::roundTrip()
{
    QFETCH(int, variant);
    ControlData d = sample();
    switch (variant) {
    case 1:
        d.totalBytes = -1;
        d.resumable = false;
        d.finished.clear();
        d.etag.clear();
        d.lastModified.clear();
        d.finalUrl = QUrl();
        d.checksum = ChecksumSpec();
        d.updated = QDateTime();
        break;
    case 2:
        d.finished.clear();
        break;
    case 3:
        d.finished = {{0, d.totalBytes}};
        break;
    case 4:
        d.totalBytes = 0;
        d.finished.clear();
        break;
    case 5:
        d.etag = "W/\"caf\xe9\""_ba;
        d.lastModified = "\xa0\xff"_ba;
        break;
    }
    QString error;
    const std::optional<ControlData> back = ControlFile::fromJson(ControlFile::toJson(d), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    compare(*back, d);
}

void TestControlFile::formatIsDocumentedShape()
{
    const QJsonObject o = sampleObject();
    QCOMPARE(o.value(u"format"_s).toString(), u"ferry-control"_s);
    QCOMPARE(o.value(u"version"_s).toInt(), 1);
    QCOMPARE(o.value(u"totalBytes"_s).toInteger(), 5'000'000'000LL);
    QCOMPARE(o.value(u"finished"_s).toArray().at(1).toArray(), (QJsonArray{2097152, 3000000}));
    QCOMPARE(o.value(u"checksum"_s).toString().left(7), u"sha256="_s);
    QCOMPARE(o.value(u"updated"_s).toString(), u"2024-05-06T07:08:09.123Z"_s);
    QCOMPARE(o.value(u"etag"_s).toString(), u"\"abc-123\""_s);
}

void TestControlFile::writeAndRead()
{
    const QString path = m_dir.filePath(u"rw.part.ferry"_s);
    QString error;
    QVERIFY2(ControlFile::write(path, sample(), &error), qPrintable(error));
    std::optional<ControlData> back = ControlFile::read(path, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    compare(*back, sample());

    // Overwriting replaces the whole content.
    ControlData changed = sample();
    changed.finished = {{0, 10}};
    QVERIFY(ControlFile::write(path, changed, &error));
    back = ControlFile::read(path, &error);
    QVERIFY(back.has_value());
    compare(*back, changed);
}

void TestControlFile::writeIsAtomicAndLeavesNoTempFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"x.part.ferry"_s);
    QString error;
    for (int i = 0; i < 20; ++i) {
        ControlData d = sample();
        d.finished = {{0, 1000 * (i + 1)}};
        QVERIFY(ControlFile::write(path, d, &error));
    }
    const QStringList entries = QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(entries, QStringList{u"x.part.ferry"_s});

    // The old file stays whole while a new one is written: QSaveFile writes
    // elsewhere and renames, so an open handle on the old file still reads it completely.
    QFile old(path);
    QVERIFY(old.open(QIODevice::ReadOnly));
    ControlData d = sample();
    d.fileName = u"new.iso"_s;
    QVERIFY(ControlFile::write(path, d, &error));
    QVERIFY(ControlFile::fromJson(old.readAll(), &error).has_value());
    QCOMPARE(ControlFile::read(path, &error)->fileName, u"new.iso"_s);
}

void TestControlFile::writeFailsCleanly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    QVERIFY(!ControlFile::write(dir.filePath(u"missing-dir/x.part.ferry"_s), sample(), &error));
    QVERIFY(!error.isEmpty());

    if (::geteuid() != 0) { // root writes anywhere: the read-only case only means something for users
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);
        error.clear();
        QVERIFY(!ControlFile::write(dir.filePath(u"x.part.ferry"_s), sample(), &error));
        QVERIFY(!error.isEmpty());
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestControlFile::readMissingFile()
{
    QString error;
    QVERIFY(!ControlFile::read(m_dir.filePath(u"nope.part.ferry"_s), &error).has_value());
    QVERIFY(!error.isEmpty());
}

void TestControlFile::damage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorMentions");

    const QByteArray good = ControlFile::toJson(sample());
    QTest::addRow("empty file") << QByteArray() << u"damaged"_s;
    QTest::addRow("truncated") << good.left(good.size() / 2) << u"damaged"_s;
    QTest::addRow("binary junk") << "\x00\x01\x02garbage"_ba << u"damaged"_s;
    QTest::addRow("array, not object") << "[1,2,3]"_ba << u"not a Ferry control file"_s;
    QTest::addRow("other format") << withField(u"format"_s, u"aria2"_s) << u"not a Ferry control file"_s;
    QTest::addRow("no format") << withField(u"format"_s, QJsonValue::Undefined) << u"not a Ferry control file"_s;
    QTest::addRow("version 2") << withField(u"version"_s, 2) << u"version 2"_s;
    QTest::addRow("version 0") << withField(u"version"_s, 0) << u"version 0"_s;
    QTest::addRow("version as string") << withField(u"version"_s, u"1"_s) << u"version"_s;
    QTest::addRow("no url") << withField(u"url"_s, QJsonValue::Undefined) << u"address"_s;
    QTest::addRow("empty url") << withField(u"url"_s, u""_s) << u"address"_s;
    QTest::addRow("relative url") << withField(u"url"_s, u"files/a.iso"_s) << u"address"_s;
    QTest::addRow("invalid url") << withField(u"url"_s, u"http://exa mple.com/"_s) << u"address"_s;
    QTest::addRow("url as number") << withField(u"url"_s, 5) << u"address"_s;
    QTest::addRow("finalUrl as number") << withField(u"finalUrl"_s, 1) << u"finalUrl"_s;
    QTest::addRow("finalUrl relative") << withField(u"finalUrl"_s, u"/x"_s) << u"finalUrl"_s;
    QTest::addRow("no fileName") << withField(u"fileName"_s, QJsonValue::Undefined) << u"fileName"_s;
    QTest::addRow("empty fileName") << withField(u"fileName"_s, u""_s) << u"fileName"_s;
    QTest::addRow("fileName with slash") << withField(u"fileName"_s, u"../etc/passwd"_s) << u"fileName"_s;
    QTest::addRow("fileName dot dot") << withField(u"fileName"_s, u".."_s) << u"fileName"_s;
    QTest::addRow("totalBytes as string") << withField(u"totalBytes"_s, u"100"_s) << u"totalBytes"_s;
    QTest::addRow("totalBytes fraction") << withField(u"totalBytes"_s, 10.5) << u"totalBytes"_s;
    QTest::addRow("totalBytes below -1") << withField(u"totalBytes"_s, -2) << u"totalBytes"_s;
    QTest::addRow("totalBytes huge") << withField(u"totalBytes"_s, 1e300) << u"totalBytes"_s;
    QTest::addRow("resumable as number") << withField(u"resumable"_s, 1) << u"resumable"_s;
    QTest::addRow("resumable without size") << withField(u"totalBytes"_s, -1) << u"without a size"_s;
    QTest::addRow("etag as number") << withField(u"etag"_s, 7) << u"etag"_s;
    QTest::addRow("etag not latin-1") << withField(u"etag"_s, u"\"\u4e2d\""_s) << u"etag"_s;
    QTest::addRow("etag with newline") << withField(u"etag"_s, u"\"a\"\r\nX-Evil: 1"_s) << u"etag"_s;
    QTest::addRow("lastModified missing") << withField(u"lastModified"_s, QJsonValue::Undefined) << u"lastModified"_s;
    QTest::addRow("lastModified not latin-1") << withField(u"lastModified"_s, u"\u20ac"_s) << u"lastModified"_s;
    QTest::addRow("finished missing") << withField(u"finished"_s, QJsonValue::Undefined) << u"finished"_s;
    QTest::addRow("finished as object") << withField(u"finished"_s, QJsonObject{}) << u"finished"_s;
    QTest::addRow("span not a pair") << withField(u"finished"_s, QJsonArray{QJsonArray{0}}) << u"finished"_s;
    QTest::addRow("span of three") << withField(u"finished"_s, QJsonArray{QJsonArray{0, 1, 2}}) << u"finished"_s;
    QTest::addRow("span of strings") << withField(u"finished"_s, QJsonArray{QJsonArray{u"0"_s, u"9"_s}}) << u"finished"_s;
    QTest::addRow("span as object") << withField(u"finished"_s, QJsonArray{QJsonObject{{u"begin"_s, 0}}}) << u"finished"_s;
    QTest::addRow("overlapping spans") << withField(u"finished"_s, QJsonArray{QJsonArray{0, 100}, QJsonArray{50, 200}})
                                       << u"overlap"_s;
    QTest::addRow("unsorted spans") << withField(u"finished"_s, QJsonArray{QJsonArray{500, 600}, QJsonArray{0, 100}})
                                    << u"out of order"_s;
    QTest::addRow("span past the end") << withField(u"finished"_s, QJsonArray{QJsonArray{0, 5000000001LL}})
                                       << u"outside the file"_s;
    QTest::addRow("negative span") << withField(u"finished"_s, QJsonArray{QJsonArray{-10, 100}}) << u"outside the file"_s;
    QTest::addRow("empty span") << withField(u"finished"_s, QJsonArray{QJsonArray{10, 10}}) << u"overlap"_s;
    QTest::addRow("reversed span") << withField(u"finished"_s, QJsonArray{QJsonArray{100, 10}}) << u"overlap"_s;
    QTest::addRow("checksum as number") << withField(u"checksum"_s, 3) << u"checksum"_s;
    QTest::addRow("checksum invalid") << withField(u"checksum"_s, u"sha256=abc"_s) << u"checksum"_s;
    QTest::addRow("updated invalid") << withField(u"updated"_s, u"yesterday"_s) << u"updated"_s;
    QTest::addRow("updated as number") << withField(u"updated"_s, 1700000000) << u"updated"_s;

    // Spans in a download without a size cannot be checked against anything.
    QJsonObject unknownSize = sampleObject();
    unknownSize.insert(u"resumable"_s, false);
    unknownSize.insert(u"totalBytes"_s, -1);
    QTest::addRow("spans without a size") << QJsonDocument(unknownSize).toJson() << u"outside the file"_s;
}

void TestControlFile::damage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!ControlFile::fromJson(json, &error).has_value());
    QVERIFY2(error.contains(errorMentions), qPrintable(error));

    // The same through a file on disk.
    const QString path = m_dir.filePath(u"damaged.part.ferry"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(json);
    f.close();
    error.clear();
    QVERIFY(!ControlFile::read(path, &error).has_value());
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
    QVERIFY(!ControlFile::fromJson(json, nullptr).has_value()); // no error pointer: no crash
}

// A write cut short by a crash can leave any prefix: none of them is accepted.
void TestControlFile::truncatedAtEveryLength()
{
    const QByteArray good = ControlFile::toJson(sample());
    QVERIFY(ControlFile::fromJson(good, nullptr).has_value());
    for (qsizetype n = 0; n < good.size(); ++n) {
        QString error;
        const QByteArray prefix = good.left(n);
        if (prefix.trimmed() == good.trimmed())
            continue; // only the trailing newline is missing: the content is whole
        QVERIFY2(!ControlFile::fromJson(prefix, &error).has_value(), qPrintable(QString::number(n)));
        QVERIFY(!error.isEmpty());
    }
}

QTEST_APPLESS_MAIN(TestControlFile)
#include "tst_controlfile.moc"
