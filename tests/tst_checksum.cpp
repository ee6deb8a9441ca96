// ChecksumSpec::parse/toString and hashFile against known digests.
#include "core/ChecksumSpec.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ferry::ChecksumSpec;
using ferry::hashFile;

class TestChecksum : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void emptySpec();
    void hashKnownVectors_data();
    void hashKnownVectors();
    void hashLargerThanOneChunk();
    void hashMissingFile();

private:
    QTemporaryDir m_dir;
    QString writeFile(const QString &name, const QByteArray &data);
};

QString TestChecksum::writeFile(const QString &name, const QByteArray &data)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write test file");
    return path;
}

void TestChecksum::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestChecksum::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QString>("canonical");

    const QByteArray md5 = "d41d8cd98f00b204e9800998ecf8427e"_ba;
    const QByteArray sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"_ba;
    const QByteArray sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba;
    const QByteArray sha512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                              "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"_ba;
    QTest::addRow("md5") << u"md5="_s + QString::fromLatin1(md5) << int(QCryptographicHash::Md5) << md5
                         << u"md5="_s + QString::fromLatin1(md5);
    QTest::addRow("sha1") << u"sha1="_s + QString::fromLatin1(sha1) << int(QCryptographicHash::Sha1) << sha1
                          << u"sha1="_s + QString::fromLatin1(sha1);
    QTest::addRow("sha256") << u"sha256="_s + QString::fromLatin1(sha256) << int(QCryptographicHash::Sha256) << sha256
                            << u"sha256="_s + QString::fromLatin1(sha256);
    QTest::addRow("sha512") << u"sha512="_s + QString::fromLatin1(sha512) << int(QCryptographicHash::Sha512) << sha512
                            << u"sha512="_s + QString::fromLatin1(sha512);
    QTest::addRow("upper-case name") << u"SHA256="_s + QString::fromLatin1(sha256) << int(QCryptographicHash::Sha256)
                                     << sha256 << u"sha256="_s + QString::fromLatin1(sha256);
    QTest::addRow("upper-case hex stored lower") << u"sha256="_s + QString::fromLatin1(sha256.toUpper())
                                                 << int(QCryptographicHash::Sha256) << sha256
                                                 << u"sha256="_s + QString::fromLatin1(sha256);
    QTest::addRow("mixed-case name") << u"Md5="_s + QString::fromLatin1(md5) << int(QCryptographicHash::Md5) << md5
                                     << u"md5="_s + QString::fromLatin1(md5);
    QTest::addRow("surrounding spaces") << u"  sha1 = "_s + QString::fromLatin1(sha1) + u" "_s
                                        << int(QCryptographicHash::Sha1) << sha1 << u"sha1="_s + QString::fromLatin1(sha1);
}

void TestChecksum::parseValid()
{
    QFETCH(QString, text);
    QFETCH(int, algorithm);
    QFETCH(QByteArray, hex);
    QFETCH(QString, canonical);

    QString error = u"untouched"_s;
    const std::optional<ChecksumSpec> spec = ChecksumSpec::parse(text, &error);
    QVERIFY2(spec.has_value(), qPrintable(error));
    QCOMPARE(int(spec->algorithm), algorithm);
    QCOMPARE(spec->expectedHex, hex);
    QVERIFY(!spec->isEmpty());
    QCOMPARE(spec->toString(), canonical);
    QCOMPARE(spec->algorithmName(), canonical.section(u'=', 0, 0));
    // toString() parses back to the same spec.
    const std::optional<ChecksumSpec> again = ChecksumSpec::parse(spec->toString());
    QVERIFY(again.has_value());
    QCOMPARE(again->algorithm, spec->algorithm);
    QCOMPARE(again->expectedHex, spec->expectedHex);
}

void TestChecksum::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorMentions");

    const QString sha256 = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
    QTest::addRow("empty") << QString() << u"algorithm=digest"_s;
    QTest::addRow("no equals") << sha256 << u"algorithm=digest"_s;
    QTest::addRow("unknown algorithm") << u"crc32=deadbeef"_s << u"crc32"_s;
    QTest::addRow("empty algorithm") << u"="_s + sha256 << u"md5, sha1, sha256 or sha512"_s;
    QTest::addRow("empty digest") << u"sha256="_s << u"64"_s;
    QTest::addRow("too short") << u"sha256="_s + sha256.chopped(1) << u"63"_s;
    QTest::addRow("too long") << u"sha256="_s + sha256 + u"0"_s << u"65"_s;
    QTest::addRow("md5 digest with sha256 name") << u"sha256=d41d8cd98f00b204e9800998ecf8427e"_s << u"32"_s;
    QTest::addRow("not hex") << u"md5=d41d8cd98f00b204e9800998ecf8427g"_s << u"hexadecimal"_s;
    QTest::addRow("space inside digest") << u"md5=d41d8cd98f00b204 e9800998ecf8427e"_s << u"hexadecimal"_s;
    QTest::addRow("0x prefix") << u"md5=0xd41d8cd98f00b204e9800998ecf842"_s << u"hexadecimal"_s;
}

void TestChecksum::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!ChecksumSpec::parse(text, &error).has_value());
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
    QVERIFY(!ChecksumSpec::parse(text).has_value()); // no error pointer: still refused, no crash
}

void TestChecksum::emptySpec()
{
    const ChecksumSpec none;
    QVERIFY(none.isEmpty());
    QCOMPARE(none.toString(), QString());
}

void TestChecksum::hashKnownVectors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QByteArray>("digest");

    // FIPS 180 / RFC 1321 test vectors.
    QTest::addRow("empty md5") << QByteArray() << int(QCryptographicHash::Md5) << "d41d8cd98f00b204e9800998ecf8427e"_ba;
    QTest::addRow("empty sha1") << QByteArray() << int(QCryptographicHash::Sha1)
                                << "da39a3ee5e6b4b0d3255bfef95601890afd80709"_ba;
    QTest::addRow("empty sha256") << QByteArray() << int(QCryptographicHash::Sha256)
                                  << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba;
    QTest::addRow("abc md5") << "abc"_ba << int(QCryptographicHash::Md5) << "900150983cd24fb0d6963f7d28e17f72"_ba;
    QTest::addRow("abc sha1") << "abc"_ba << int(QCryptographicHash::Sha1)
                              << "a9993e364706816aba3e25717850c26c9cd0d89d"_ba;
    QTest::addRow("abc sha256") << "abc"_ba << int(QCryptographicHash::Sha256)
                                << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba;
    QTest::addRow("abc sha512") << "abc"_ba << int(QCryptographicHash::Sha512)
                                << "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"_ba;
    QTest::addRow("million a sha256") << QByteArray(1000000, 'a') << int(QCryptographicHash::Sha256)
                                      << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"_ba;
}

void TestChecksum::hashKnownVectors()
{
    QFETCH(QByteArray, content);
    QFETCH(int, algorithm);
    QFETCH(QByteArray, digest);
    const QString path = writeFile(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'), content);
    QString error;
    QCOMPARE(hashFile(path, QCryptographicHash::Algorithm(algorithm), &error), digest);
    QVERIFY(error.isEmpty());
}

// 3 MiB + 7 bytes: several full 1 MiB chunks and a short last one, compared
// with hashing the same bytes in one go.
void TestChecksum::hashLargerThanOneChunk()
{
    QByteArray data(3 * 1024 * 1024 + 7, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char((i * 131 + i / 4099) & 0xff);
    const QString path = writeFile(u"large.bin"_s, data);
    for (const auto algorithm : {QCryptographicHash::Md5, QCryptographicHash::Sha256, QCryptographicHash::Sha512}) {
        QCOMPARE(hashFile(path, algorithm), QCryptographicHash::hash(data, algorithm).toHex());
    }
    // One byte different, anywhere past the first chunk, changes the digest.
    data[2 * 1024 * 1024 + 3] = char(data[2 * 1024 * 1024 + 3] ^ 1);
    const QString other = writeFile(u"large2.bin"_s, data);
    QVERIFY(hashFile(other, QCryptographicHash::Sha256) != hashFile(path, QCryptographicHash::Sha256));
}

void TestChecksum::hashMissingFile()
{
    QString error;
    QVERIFY(hashFile(m_dir.filePath(u"does-not-exist"_s), QCryptographicHash::Sha256, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(hashFile(m_dir.path(), QCryptographicHash::Sha256, &error).isEmpty()); // a directory
    QVERIFY(!error.isEmpty());
}

QTEST_APPLESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
