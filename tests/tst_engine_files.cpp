// The engine's files and names: checksums (a mismatch keeps the data and
// names no final file), name conflicts, names from Content-Disposition and
// the URL (hostile ones made safe), redirects (followed, bounded, loops),
// empty and unknown-length files, batched progress.
#include "core/ChecksumSpec.h"
#include "core/ControlFile.h"
#include "core/DownloadEngine.h"
#include "tests/support/Behaviours.h"
#include "tests/support/EngineFixture.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;
using Behaviour = MisbehavingServer::Behaviour;

namespace {
const QByteArray kPath = "/file.bin"_ba;
} // namespace

class TestEngineFiles final : public QObject, private EngineFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
    }

    void init()
    {
        setUpEngine();
        m_server.clearLog();
    }

    void cleanup()
    {
        tearDownEngine();
    }

    void checksum_data()
    {
        QTest::addColumn<bool>("good");
        QTest::addRow("matches") << true;
        QTest::addRow("mismatch") << false;
    }

    void checksum()
    {
        QFETCH(bool, good);
        const QByteArray data = MisbehavingServer::makeData(1 * MiB + 7, 16);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, {});
        QByteArray hex = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
        if (!good)
            hex[0] = hex[0] == '0' ? '1' : '0';
        const auto spec = ferry::ChecksumSpec::parse(QString(u"sha256="_s + QString::fromLatin1(hex)));
        QVERIFY(spec.has_value());
        DownloadRequest request;
        request.url = m_server.url(kPath);
        request.directory = m_dir->path();
        request.connections = 2;
        request.checksum = *spec;
        const DownloadId id = m_engine->add(request);
        QVERIFY(waitEnd(id));
        if (good) {
            verifyExact(id, data);
            return;
        }
        verifyFailed(id, ErrorKind::NeedsUser);
        const DownloadSnapshot s = m_engine->snapshot(id);
        QVERIFY2(QFile::exists(s.filePath + u".part"_s), "the data should be kept after a checksum mismatch");
        QCOMPARE(readAll(s.filePath + u".part"_s), data);
    }

    void nameConflict()
    {
        const QByteArray data = MisbehavingServer::makeData(100 * KiB, 17);
        m_server.setFile("/a.bin"_ba, data);
        m_server.setBehaviour("/a.bin"_ba, {});
        {
            QFile existing(m_dir->filePath(u"a.bin"_s));
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("keep me");
        }
        const DownloadId first = add(m_server.url("/a.bin"), 1);
        QVERIFY(waitEnd(first));
        verifyExact(first, data);
        QCOMPARE(m_engine->snapshot(first).fileName, u"a (1).bin"_s);
        const DownloadId second = add(m_server.url("/a.bin"), 1);
        QVERIFY(waitEnd(second));
        verifyExact(second, data);
        QCOMPARE(m_engine->snapshot(second).fileName, u"a (2).bin"_s);
        QCOMPARE(readAll(m_dir->filePath(u"a.bin"_s)), "keep me"_ba);
    }

    void fileNames_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("disposition");
        QTest::addColumn<QString>("expected"); // empty: only check it is safe
        QTest::addRow("from the URL") << "/dir/report.pdf"_ba << QByteArray() << u"report.pdf"_s;
        QTest::addRow("URL percent-decoded") << "/dir/my%20file.bin"_ba << QByteArray() << u"my file.bin"_s;
        QTest::addRow("ASCII filename") << "/get?id=1"_ba << "attachment; filename=\"notes.txt\""_ba << u"notes.txt"_s;
        QTest::addRow("filename* UTF-8") << "/get2"_ba << "attachment; filename*=UTF-8''na%C3%AFve%20%E6%96%87%E4%BB%B6.txt"_ba
                                         << u"naïve 文件.txt"_s;
        QTest::addRow("filename* wins") << "/get3"_ba << "attachment; filename=\"plain.txt\"; filename*=UTF-8''fancy%E2%9C%93.txt"_ba
                                        << u"fancy✓.txt"_s;
        QTest::addRow("hostile ../../etc/x") << "/get4"_ba << "attachment; filename=\"../../etc/x\""_ba << QString();
        QTest::addRow("hostile filename* with slashes") << "/get5"_ba << "attachment; filename*=UTF-8''..%2F..%2Fevil.sh"_ba
                                                        << QString();
        QTest::addRow("hostile leading dot") << "/get6"_ba << "attachment; filename=\".bashrc\""_ba << QString();
    }

    void fileNames()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, disposition);
        QFETCH(QString, expected);
        const QByteArray data = MisbehavingServer::makeData(50 * KiB, 18);
        const QByteArray filePath = path.contains('?') ? path.left(path.indexOf('?')) : path;
        m_server.setFile(filePath, data);
        Behaviour b;
        b.contentDisposition = disposition;
        m_server.setBehaviour(filePath, b);
        const QUrl url(u"http://127.0.0.1:%1"_s.arg(m_server.port()) + QString::fromLatin1(path));
        const bool etcXBefore = QFile::exists(u"/etc/x"_s);
        const DownloadId id = add(url, 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const DownloadSnapshot s = m_engine->snapshot(id);
        if (!expected.isEmpty())
            QCOMPARE(s.fileName, expected);
        QVERIFY(!s.fileName.isEmpty());
        QVERIFY2(!s.fileName.contains(u'/') && !s.fileName.contains(u'\\'), qPrintable(s.fileName));
        QVERIFY2(!s.fileName.startsWith(u'.'), qPrintable(s.fileName));
        QCOMPARE(dirEntries(), QStringList{s.fileName});
        QVERIFY(etcXBefore || !QFile::exists(u"/etc/x"_s));
    }

    void redirects_data()
    {
        QTest::addColumn<int>("hops");
        QTest::addColumn<bool>("loop");
        QTest::addColumn<bool>("ok");
        QTest::addRow("302 → 302 → file") << 2 << false << true;
        QTest::addRow("10 redirects") << 10 << false << true;
        QTest::addRow("11 redirects") << 11 << false << false;
        QTest::addRow("a loop") << 2 << true << false;
    }

    void redirects()
    {
        QFETCH(int, hops);
        QFETCH(bool, loop);
        QFETCH(bool, ok);
        const QByteArray data = MisbehavingServer::makeData(300 * KiB, 19);
        m_server.setFile("/target.bin"_ba, data);
        m_server.setBehaviour("/target.bin"_ba, {});
        const QByteArray prefix = QByteArray("/hop" + QByteArray::number(hops) + (loop ? "loop" : "") + '_');
        const QByteArray start = QByteArray(prefix + '0');
        for (int i = 0; i < hops; ++i) {
            const QByteArray next = i + 1 < hops ? prefix + QByteArray::number(i + 1) : (loop ? start : "/target.bin"_ba);
            m_server.setRedirect(prefix + QByteArray::number(i), next, i % 2 == 0 ? 302 : 301);
        }
        const DownloadId id = add(m_server.url(start), 2, u"out.bin"_s);
        QVERIFY(waitEnd(id));
        if (ok) {
            verifyExact(id, data);
            QCOMPARE(m_engine->snapshot(id).finalUrl, m_server.url("/target.bin"));
            QCOMPARE(m_engine->snapshot(id).url, m_server.url(start));
        } else {
            verifyFailed(id, ErrorKind::None, u"redirect"_s);
            QCOMPARE(m_server.requestCount("/target.bin"), 0);
        }
    }

    // A 3xx with a body: a page is read and dropped (the connection stays for
    // the next hop); a body larger than the reply's buffer used to be left
    // unread, never finished and stalled the download, an endless one (a
    // hostile server) too. Now both are cut and followed, and the server sent
    // a bounded number of bytes, not the whole body.
    void redirectWithBody_data()
    {
        QTest::addColumn<qint64>("bodyBytes");
        QTest::addColumn<qint64>("speedLimit");
        QTest::addRow("8 MiB body") << 8 * MiB << qint64(0);
        QTest::addRow("endless body, no length") << MisbehavingServer::kEndlessBody << qint64(0);
        QTest::addRow("40 KiB page under 64 KiB/s") << 40 * KiB << 64 * KiB; // the reply buffer is 16 KiB then
    }

    void redirectWithBody()
    {
        QFETCH(qint64, bodyBytes);
        QFETCH(qint64, speedLimit);
        const QByteArray data = MisbehavingServer::makeData(speedLimit > 0 ? 64 * KiB : 300 * KiB, 24);
        m_server.setFile("/moved.bin"_ba, data);
        m_server.setBehaviour("/moved.bin"_ba, {});
        m_server.setRedirect("/bodied"_ba, "/moved.bin"_ba, 302, bodyBytes);
        DownloadRequest request;
        request.url = m_server.url("/bodied");
        request.directory = m_dir->path();
        request.fileName = u"out.bin"_s;
        request.connections = 2;
        request.speedLimit = speedLimit;
        const DownloadId id = m_engine->add(request);
        QVERIFY2(waitEnd(id), qPrintable(describe(m_engine->snapshot(id))));
        verifyExact(id, data);
        QCOMPARE(m_server.requestCount("/bodied"), 1);
        const qint64 sent = m_server.bodyBytesSent("/bodied");
        QVERIFY2(sent < 16 * MiB, qPrintable(u"the server sent %1 bytes of the redirect's body"_s.arg(sent)));
    }

    void zeroByteFile()
    {
        m_server.setFile("/empty.bin"_ba, QByteArray(""));
        m_server.setBehaviour("/empty.bin"_ba, {});
        const DownloadId id = add(m_server.url("/empty.bin"), 4);
        QVERIFY(waitEnd(id));
        verifyExact(id, QByteArray(""));
        QVERIFY(QFile::exists(m_dir->filePath(u"empty.bin"_s)));
    }

    void unknownLength()
    {
        const QByteArray data = MisbehavingServer::makeData(700 * KiB, 20);
        m_server.setFile(kPath, data);
        Behaviour b;
        b.ignoreRange = true;
        b.noContentLength = true;
        b.bytesPerSecond = 1 * MiB;
        m_server.setBehaviour(kPath, b);
        const DownloadId id = add(m_server.url(kPath), 4);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes > 0, kEndTimeoutMs);
        const DownloadSnapshot during = m_engine->snapshot(id);
        if (during.state == DownloadState::Downloading && during.receivedBytes < data.size())
            QCOMPARE(during.totalBytes, -1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QVERIFY(!m_engine->snapshot(id).resumable);
        QCOMPARE(m_server.requestCount(kPath), 1);
    }

    // Progress is batched: at most one signal per interval, each download at most once in it.
    void progressBatched()
    {
        const QByteArray data = MisbehavingServer::makeData(1 * MiB, 21);
        m_server.setFile("/p1.bin"_ba, data);
        m_server.setFile("/p2.bin"_ba, data);
        m_server.setBehaviour("/p1.bin"_ba, throttled(1 * MiB));
        m_server.setBehaviour("/p2.bin"_ba, throttled(1 * MiB));
        int emissions = 0;
        bool duplicates = false;
        QElapsedTimer clock;
        connect(m_engine.get(), &DownloadEngine::progress, this, [&](const QList<DownloadSnapshot> &changed) {
            ++emissions;
            QSet<DownloadId> ids;
            for (const DownloadSnapshot &s : changed) {
                duplicates = duplicates || ids.contains(s.id);
                ids.insert(s.id);
            }
        });
        clock.start();
        const DownloadId a = add(m_server.url("/p1.bin"), 1);
        const DownloadId b = add(m_server.url("/p2.bin"), 1);
        QVERIFY(waitEnd(a));
        QVERIFY(waitEnd(b));
        const qint64 elapsed = clock.elapsed();
        verifyExact(a, data);
        verifyExact(b, data);
        QVERIFY(emissions > 0);
        QVERIFY(!duplicates);
        const qint64 allowed = elapsed / m_engine->options().progressIntervalMs + 3;
        QVERIFY2(emissions <= allowed, qPrintable(u"%1 progress emissions in %2 ms"_s.arg(emissions).arg(elapsed)));
    }

    // Verification is cancellable: a pause or a quit during the checksum of
    // a large file (32 GiB, sparse: the hash alone takes most of a minute)
    // ends it at once — the state after the pause, the checksum pool idle.
    void stopDuringVerification_data()
    {
        QTest::addColumn<bool>("quit");
        QTest::addRow("pause") << false;
        QTest::addRow("quit") << true;
    }

    void stopDuringVerification()
    {
        QFETCH(bool, quit);
        const DownloadId id = addVerifiedBigFile(u"big.bin"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Verifying, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(checksumThreadPool()->activeThreadCount(), 1, 5000);
        if (quit) {
            QSignalSpy done(m_engine.get(), &DownloadEngine::shutdownFinished);
            m_engine->shutdown();
            QVERIFY2(done.wait(5000), "quitting waited for the whole checksum");
        } else {
            m_engine->pause(id);
            QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Paused, 5000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(checksumThreadPool()->activeThreadCount(), 0, 5000);
        QCOMPARE(QFileInfo(m_dir->filePath(u"big.bin.part"_s)).size(), kBigFile); // kept for the next try
        QVERIFY(!QFile::exists(m_dir->filePath(u"big.bin"_s)));
    }

    // Hashing runs on its own pool: while a long checksum runs, another
    // download's checkpoints and final flush still get a thread, even when
    // the global pool has only one.
    void checksumLeavesCheckpointThreadsFree()
    {
        const int threads = QThreadPool::globalInstance()->maxThreadCount();
        QThreadPool::globalInstance()->setMaxThreadCount(1);
        const auto restore = qScopeGuard([threads] { QThreadPool::globalInstance()->setMaxThreadCount(threads); });
        const DownloadId big = addVerifiedBigFile(u"big.bin"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(big).state, DownloadState::Verifying, 10000);
        const QByteArray data = MisbehavingServer::makeData(2 * MiB, 26);
        m_server.setFile("/small.bin", data);
        m_server.setBehaviour("/small.bin", {});
        const DownloadId small = add(m_server.url("/small.bin"), 2);
        QVERIFY2(waitEnd(small, 20000), qPrintable(describe(m_engine->snapshot(small))));
        verifyExact(small, data);
        QCOMPARE(m_engine->snapshot(big).state, DownloadState::Verifying); // still hashing meanwhile
    }

private:
    static constexpr qint64 kBigFile = 32LL * 1024 * MiB;

    // A finished 32 GiB download (a sparse .part and a control file that
    // claims all of it) with a checksum that will not match: starting it
    // goes straight to verification, and nothing is fetched.
    DownloadId addVerifiedBigFile(const QString &name)
    {
        const QString part = m_dir->filePath(name + u".part"_s);
        [&] {
            QFile file(part);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize(kBigFile));
        }();
        ControlData data;
        data.url = m_server.url("/big.bin");
        data.finalUrl = data.url;
        data.fileName = name;
        data.totalBytes = kBigFile;
        data.resumable = true;
        data.etag = "\"big\""_ba;
        data.finished = {ByteSpan{0, kBigFile}};
        data.updated = QDateTime::currentDateTimeUtc();
        QString error;
        [&] { QVERIFY2(ControlFile::write(ControlFile::pathForPart(part), data, &error), qPrintable(error)); }();
        DownloadRequest request;
        request.url = data.url;
        request.directory = m_dir->path();
        request.fileName = name;
        request.checksum = *ChecksumSpec::parse(QString(u"sha512="_s + QString(128, u'0')));
        return m_engine->add(request);
    }

    MisbehavingServer m_server;
};

QTEST_GUILESS_MAIN(TestEngineFiles)
#include "tst_engine_files.moc"
