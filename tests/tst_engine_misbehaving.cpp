// The engine against a hostile world: for every way the MisbehavingServer can
// misbehave, a download ends either with a byte-exact file or with a clear
// failure (Failed, the right ErrorKind, a message, no final file) — never a
// spliced, padded or error-page file. Also what the engine asks (Range,
// Accept-Encoding, If-Range), multi-connection, pause/resume, checksums,
// names, redirects, empty and unknown-length files, batched progress.
#include "core/DownloadEngine.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadRequest;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::EngineOptions;
using ferry::ErrorKind;
using ferry::test::MisbehavingServer;
using Behaviour = ferry::test::MisbehavingServer::Behaviour;

Q_DECLARE_METATYPE(ferry::test::MisbehavingServer::Behaviour)

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;
constexpr int kEndTimeoutMs = 40000;   // "it eventually ends": generous on a loaded 2-core machine
const QByteArray kPath = "/file.bin"_ba;

// What a row expects at the end.
enum Outcome {
    Exact,          // Completed, the file equals what the server serves at the end
    Failed,         // Failed with the given kind (None = any), no final file
    ExactOrFailed,  // either, but never anything else
};

Behaviour dropAt(qint64 bytes)
{
    Behaviour b;
    b.dropAfterBytes = bytes;
    return b;
}

Behaviour errorFor(int status, int times = -1, int retryAfter = -1)
{
    Behaviour b;
    b.errorStatus = status;
    b.misbehaveRequests = times;
    b.retryAfterSeconds = retryAfter;
    return b;
}

Behaviour throttled(qint64 bytesPerSecond)
{
    Behaviour b;
    b.bytesPerSecond = bytesPerSecond;
    return b;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString describe(const DownloadSnapshot &s)
{
    return u"state=%1 kind=%2 message='%3' received=%4 total=%5 file='%6'"_s.arg(QString::fromLatin1(ferry::stateKey(s.state)),
        QString::fromLatin1(ferry::errorKindKey(s.errorKind)), s.errorMessage)
        .arg(s.receivedBytes).arg(s.totalBytes).arg(s.filePath);
}

} // namespace

class TestEngineMisbehaving final : public QObject
{
    Q_OBJECT

private:
    static EngineOptions fastOptions()
    {
        EngineOptions o;
        o.maxRetries = 4;
        o.retryBaseMs = 50;
        o.retryMaxMs = 400;
        o.stallTimeoutMs = 1000;
        o.checkpointIntervalMs = 100;
        o.minSplitBytes = 256 * KiB;
        o.progressIntervalMs = 100;
        return o;
    }

    void makeEngine(const EngineOptions &options)
    {
        stopEngine();
        m_engine = std::make_unique<DownloadEngine>(options);
    }

    void stopEngine()
    {
        if (!m_engine)
            return;
        QSignalSpy done(m_engine.get(), &DownloadEngine::shutdownFinished);
        m_engine->shutdown();
        done.wait(10000);
        m_engine.reset();
    }

    DownloadId add(const QUrl &url, int connections = 4, const QString &fileName = QString())
    {
        DownloadRequest request;
        request.url = url;
        request.directory = m_dir->path();
        request.fileName = fileName;
        request.connections = connections;
        return m_engine->add(request);
    }

    bool waitEnd(DownloadId id, int timeoutMs = kEndTimeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_engine->snapshot(id).isFinal() && !deadline.hasExpired())
            QTest::qWait(20);
        return m_engine->snapshot(id).isFinal();
    }

    QStringList dirEntries() const
    {
        return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

    // Completed, byte-exact, the .part and the control file gone.
    void verifyExact(DownloadId id, const QByteArray &expected)
    {
        const DownloadSnapshot s = m_engine->snapshot(id);
        QVERIFY2(s.state == DownloadState::Completed, qPrintable(describe(s)));
        QCOMPARE(s.errorKind, ErrorKind::None);
        QVERIFY2(QFileInfo(s.filePath).absolutePath() == QFileInfo(m_dir->path()).absoluteFilePath(), qPrintable(s.filePath));
        const QByteArray got = readAll(s.filePath);
        QCOMPARE(got.size(), expected.size());
        QVERIFY2(got == expected, "the downloaded file differs from the served file");
        QVERIFY2(!QFile::exists(s.filePath + u".part"_s), "the .part file is left behind");
        QVERIFY2(!QFile::exists(s.filePath + u".part.ferry"_s), "the control file is left behind");
        QCOMPARE(s.receivedBytes, expected.size());
        QCOMPARE(s.totalBytes, expected.size());
    }

    // Failed with a message, no final file, and nothing of an error page on disk.
    void verifyFailed(DownloadId id, ErrorKind kind, const QString &messageHint = QString())
    {
        const DownloadSnapshot s = m_engine->snapshot(id);
        QVERIFY2(s.state == DownloadState::Failed, qPrintable(describe(s)));
        if (kind != ErrorKind::None)
            QVERIFY2(s.errorKind == kind, qPrintable(describe(s)));
        QVERIFY2(!s.errorMessage.trimmed().isEmpty(), "a failure without a message");
        if (!messageHint.isEmpty())
            QVERIFY2(s.errorMessage.contains(messageHint, Qt::CaseInsensitive),
                     qPrintable(u"the message should name '%1': %2"_s.arg(messageHint, s.errorMessage)));
        if (!s.filePath.isEmpty())
            QVERIFY2(!QFile::exists(s.filePath), qPrintable(u"a failed download left its final file: "_s + s.filePath));
        const QStringList entries = dirEntries();
        for (const QString &name : entries) {
            QVERIFY2(name.endsWith(u".part"_s) || name.endsWith(u".part.ferry"_s),
                     qPrintable(u"unexpected file after a failure: "_s + name));
            if (name.endsWith(u".part"_s)) {
                const QByteArray part = readAll(m_dir->filePath(name));
                QVERIFY2(!part.contains("error page of the Ferry test server"), "an HTML error page was written into the .part file");
            }
        }
    }

    // "Range → status, body bytes" per request, for failure messages.
    static QString describeRequests(const QList<MisbehavingServer::Request> &requests)
    {
        QStringList parts;
        for (const auto &r : requests)
            parts << u"[%1 → %2, %3 B]"_s.arg(QString::fromLatin1(r.header("range")), QString::number(r.status),
                                              QString::number(r.bodyBytesSent));
        return parts.join(u' ');
    }

    QList<MisbehavingServer::Request> rangedRequestsAfterProbe() const
    {
        QList<MisbehavingServer::Request> result = m_server.requests(kPath);
        if (!result.isEmpty())
            result.removeFirst();
        // Qt 6.4 may resend a request whose connection the server cut (once,
        // on a fresh connection); a copy of the probe is that, not a resume.
        result.removeIf([](const MisbehavingServer::Request &r) { return r.header("range") == "bytes=0-"_ba; });
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        makeEngine(fastOptions());
        m_server.clearLog();
    }

    void cleanup()
    {
        stopEngine();
        m_dir.reset();
    }

    // The first request: GET, Range: bytes=0-, Accept-Encoding: identity.
    void firstRequestHeaders()
    {
        const QByteArray data = MisbehavingServer::makeData(600 * KiB, 1);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, {});
        const DownloadId id = add(m_server.url(kPath), 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto requests = m_server.requests(kPath);
        QVERIFY(!requests.isEmpty());
        const auto &first = requests.constFirst();
        QCOMPARE(first.method, "GET"_ba);
        QCOMPARE(first.header("range"), "bytes=0-"_ba);
        QCOMPARE(first.header("accept-encoding"), "identity"_ba);
        QVERIFY(m_engine->snapshot(id).resumable);
        QCOMPARE(m_server.totalBodyBytesSent(), data.size());
    }

    // Several connections fetch distinct ranges; together they do not fetch much twice.
    void multiConnection()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 2);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(1 * MiB));
        int maxConnections = 0;
        connect(m_engine.get(), &DownloadEngine::progress, this, [&](const QList<DownloadSnapshot> &changed) {
            for (const DownloadSnapshot &s : changed)
                maxConnections = std::max(maxConnections, s.connections);
        });
        const DownloadId id = add(m_server.url(kPath), 4);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QSet<qint64> starts;
        for (const auto &r : m_server.requests(kPath))
            starts.insert(r.rangeStart());
        QVERIFY2(starts.size() >= 3, qPrintable(u"distinct range starts: %1"_s.arg(starts.size())));
        QVERIFY2(maxConnections >= 2, qPrintable(u"at most %1 connection(s) seen in progress"_s.arg(maxConnections)));
        QVERIFY2(m_server.totalBodyBytesSent() < data.size() * 13 / 10,
                 qPrintable(u"fetched %1 bytes for a %2-byte file"_s.arg(m_server.totalBodyBytesSent()).arg(data.size())));
        // Every segment request after the probe is validated by If-Range.
        for (const auto &r : rangedRequestsAfterProbe())
            QCOMPARE(r.header("if-range"), m_server.etag(kPath));
    }

    void misbehaviour_data()
    {
        QTest::addColumn<QList<Behaviour>>("sequence");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<int>("connections");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("messageHint");
        QTest::addColumn<QByteArray>("changedData"); // the file the server switches to, if any
        QTest::addColumn<int>("maxRequests");       // -1: not checked
        QTest::addColumn<bool>("boundedBytes");     // the server sent < 1.3 × size
        QTest::addColumn<bool>("keepsData");        // no restart: the first request (bytes=0-) was sent once (rows without drops)

        const QByteArray none;
        auto row = [&](const char *name, const QList<Behaviour> &sequence, qint64 size, int connections, Outcome outcome,
                       ErrorKind kind = ErrorKind::None, const QString &hint = QString(), const QByteArray &changed = {},
                       int maxRequests = -1, bool bounded = false, bool keeps = false) {
            QTest::addRow("%s", name) << sequence << size << connections << int(outcome) << kind << hint << changed
                                      << maxRequests << bounded << keeps;
        };

        row("honest, 1 connection", {Behaviour()}, 1 * MiB, 1, Exact, ErrorKind::None, {}, none, 1, true);
        // Unthrottled, the open-ended first request (bytes=0-) fills the loopback
        // socket buffers before the split cuts it, so the bytes the server wrote
        // say nothing about waste here; the throttled rows check the bound.
        row("honest, 4 connections", {Behaviour()}, 3 * MiB, 4, Exact);
        {
            Behaviour b;
            b.ignoreRange = true;
            row("ignores Range (always 200)", {b}, 2 * MiB, 4, Exact, ErrorKind::None, {}, none, 1, true);
        }
        {
            // Paced like a real link: when a server cuts a connection, Qt 6.4
            // may silently resend the request once on a fresh connection while
            // the engine, told of the error, aborts it. On an unpaced loopback
            // the server has pushed the whole resent range into socket buffers
            // before the abort lands, which counts bytes no real network would
            // carry; at 8 MiB/s the abort stops it early.
            Behaviour b = dropAt(300 * KiB);
            b.misbehaveRequests = 3;
            b.bytesPerSecond = 8 * MiB;
            row("drops the first 3 requests after 300 KiB", {b}, 3 * MiB, 4, Exact, ErrorKind::None, {}, none, -1, true);
            row("drops the first 3 requests, 1 connection", {b}, 2 * MiB, 1, Exact, ErrorKind::None, {}, none, -1, true);
        }
        {
            Behaviour b = dropAt(400 * KiB);
            b.ignoreRange = true;
            b.misbehaveRequests = 2;
            row("200 without ranges, dropped twice (restart from zero)", {b}, 1 * MiB, 4, Exact);
        }
        {
            Behaviour probe = dropAt(500 * KiB);
            Behaviour change;
            change.changeAfterRequests = 1;
            change.changedData = MisbehavingServer::makeData(2 * MiB, 102);
            row("file changes after the probe (same size)", {probe, change}, 2 * MiB, 4, Exact, ErrorKind::None, {},
                change.changedData);
            change.changedData = MisbehavingServer::makeData(2 * MiB + 12345, 103);
            row("file changes after the probe (new size)", {probe, change}, 2 * MiB, 4, Exact, ErrorKind::None, {},
                change.changedData);
            change.ignoreIfRange = true;
            change.changedData = MisbehavingServer::makeData(2 * MiB, 104);
            row("file changes, server ignores If-Range (same size, new ETag)", {probe, change}, 2 * MiB, 1, Exact,
                ErrorKind::None, {}, change.changedData);
            row("file changes, server ignores If-Range, 4 connections", {probe, change}, 2 * MiB, 4, Exact,
                ErrorKind::None, {}, change.changedData);
            change.changedData = MisbehavingServer::makeData(2 * MiB - 4321, 105);
            row("file changes, server ignores If-Range (new size)", {probe, change}, 2 * MiB, 1, Exact,
                ErrorKind::None, {}, change.changedData);
        }
        row("503 Retry-After: 1, twice", {errorFor(503, 2, 1)}, 1 * MiB, 2, Exact);
        row("503 Retry-After: 0, three times", {errorFor(503, 3, 0)}, 1 * MiB, 2, Exact);
        row("429 twice", {errorFor(429, 2, 0)}, 1 * MiB, 2, Exact);
        row("408 twice", {errorFor(408, 2)}, 1 * MiB, 2, Exact);
        row("500 with an HTML page, twice", {errorFor(500, 2)}, 1 * MiB, 2, Exact);
        row("502 once", {errorFor(502, 1)}, 1 * MiB, 2, Exact);
        {
            // After the probe is cut, every range answer is a 5xx: retries run out.
            row("503 forever after the probe", {dropAt(300 * KiB), errorFor(503, -1, 0)}, 1 * MiB, 1, Failed,
                ErrorKind::Retryable);
            row("500 forever", {errorFor(500)}, 1 * MiB, 1, Failed, ErrorKind::Retryable);
        }
        row("404 with an HTML page", {errorFor(404)}, 1 * MiB, 4, Failed, ErrorKind::NeedsUser, u"404"_s);
        row("403 with an HTML page", {errorFor(403)}, 1 * MiB, 4, Failed, ErrorKind::NeedsUser, u"403"_s);
        row("410 with an HTML page", {errorFor(410)}, 1 * MiB, 4, Failed, ErrorKind::NeedsUser, u"410"_s);
        row("link expires mid-way (drop, then 410)", {dropAt(300 * KiB), errorFor(410)}, 1 * MiB, 1, Failed,
            ErrorKind::NeedsUser, u"410"_s);
        {
            Behaviour b;
            b.contentRangeStartShift = 1000;
            b.misbehaveRequests = 3;
            row("Content-Range claims start+1000 (3 times)", {b}, 1 * MiB, 1, ExactOrFailed);
            b.shiftBody = true;
            row("answers the range start+1000 instead (3 times)", {b}, 1 * MiB, 1, ExactOrFailed);
            b.misbehaveRequests = -1;
            row("answers the range start+1000 after the probe, always", {dropAt(300 * KiB), b}, 1 * MiB, 1, Failed);
            row("answers the range start+1000 for segments, 4 connections", {Behaviour(), b}, 2 * MiB, 4, ExactOrFailed);
        }
        {
            Behaviour b;
            b.contentRangeTotalShift = 1;
            b.misbehaveRequests = 2;
            row("Content-Range total+1 (2 times)", {b}, 1 * MiB, 1, ExactOrFailed);
            b.misbehaveRequests = -1;
            row("Content-Range total+1 after the probe, always", {dropAt(300 * KiB), b}, 1 * MiB, 1, Failed);
        }
        {
            Behaviour b;
            b.stallAfterBytes = 100 * KiB;
            b.misbehaveRequests = 2;
            row("stalls the first 2 requests", {b}, 2 * MiB, 2, Exact);
            b.misbehaveRequests = -1;
            b.stallAfterBytes = 0;
            row("stalls every request before the body", {b}, 1 * MiB, 1, Failed, ErrorKind::Retryable);
        }
        {
            Behaviour later;
            later.fullOnIfRange = true;
            row("200 to every If-Range request, 1 connection", {dropAt(500 * KiB), later}, 1 * MiB, 1, Exact);
            row("200 to every If-Range request, 4 connections", {dropAt(500 * KiB), later}, 2 * MiB, 4, ExactOrFailed);
        }
        {
            // A CDN node ignoring Range once (the second connection's first
            // request): same strong ETag and length. What the first connection
            // received is kept; a restart would throw it away.
            Behaviour first = throttled(4 * MiB); // paced, so aborted answers cost little
            Behaviour once;
            once.fullOnIfRange = true;
            once.skipRequests = 1; // request 1 only (counted from the sequence's start)
            once.misbehaveRequests = 1;
            once.bytesPerSecond = 4 * MiB;
            row("one 200 to a range (same ETag): finished data kept", {first, once}, 2 * MiB, 2, Exact, ErrorKind::None,
                {}, none, -1, false, true);
        }
        {
            // No ranges, and the file is replaced between the dropped attempt
            // and the retry: the retry's own length counts, longer or shorter.
            Behaviour first = dropAt(400 * KiB);
            first.ignoreRange = true;
            Behaviour retry;
            retry.ignoreRange = true;
            retry.changeAfterRequests = 1;
            retry.changedData = MisbehavingServer::makeData(1 * MiB + 300 * KiB, 104);
            row("no ranges, file replaced before the retry (longer)", {first, retry}, 1 * MiB, 1, Exact, ErrorKind::None,
                {}, retry.changedData);
            retry.changedData = MisbehavingServer::makeData(700 * KiB, 105);
            row("no ranges, file replaced before the retry (shorter)", {first, retry}, 1 * MiB, 1, Exact, ErrorKind::None,
                {}, retry.changedData);
        }
        {
            // Without validators only the 64 KiB overlap can tell that the file
            // changed between two segments: never splice two versions.
            Behaviour first = dropAt(500 * KiB);
            first.sendEtag = false;
            first.sendLastModified = false;
            Behaviour later;
            later.sendEtag = false;
            later.sendLastModified = false;
            later.changeAfterRequests = 1;
            later.changedData = MisbehavingServer::makeData(1 * MiB, 106);
            row("no validators, file changes (same size) before the resume", {first, later}, 1 * MiB, 1, Exact,
                ErrorKind::None, {}, later.changedData);
        }
        {
            Behaviour later;
            later.omitEtagOn206 = true;
            row("206 answers without ETag", {dropAt(500 * KiB), later}, 2 * MiB, 4, Exact);
        }
        {
            Behaviour b;
            b.sendEtag = false;
            b.sendLastModified = false;
            Behaviour first = b;
            first.dropAfterBytes = 300 * KiB;
            row("no validators at all, dropped once", {first, b}, 1 * MiB, 1, Exact);
        }
        {
            Behaviour b;
            b.sendEtag = false;
            b.bytesPerSecond = 8 * MiB; // see "drops the first 3 requests"
            Behaviour first = b;
            first.dropAfterBytes = 300 * KiB;
            row("Last-Modified only, dropped once", {first, b}, 1 * MiB, 2, Exact, ErrorKind::None, {}, none, -1, true);
        }
        row("throttled, 4 connections", {throttled(1 * MiB)}, 3 * MiB, 4, Exact, ErrorKind::None, {}, none, -1, true);
    }

    void misbehaviour()
    {
        QFETCH(QList<Behaviour>, sequence);
        QFETCH(qint64, size);
        QFETCH(int, connections);
        QFETCH(int, outcome);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, messageHint);
        QFETCH(QByteArray, changedData);
        QFETCH(int, maxRequests);
        QFETCH(bool, boundedBytes);
        QFETCH(bool, keepsData);

        const QByteArray data = MisbehavingServer::makeData(size, quint32(size));
        m_server.setFile(kPath, data);
        m_server.setSequence(kPath, sequence);
        const DownloadId id = add(m_server.url(kPath), connections);
        QVERIFY2(waitEnd(id), qPrintable(u"the download never ended: "_s + describe(m_engine->snapshot(id))));
        const DownloadSnapshot s = m_engine->snapshot(id);

        const QByteArray served = m_server.fileData(kPath);
        if (!changedData.isNull())
            QVERIFY2(served == changedData, "the test did not reach the file change");
        if (outcome == Exact || (outcome == ExactOrFailed && s.state == DownloadState::Completed)) {
            verifyExact(id, served);
            if (QTest::currentTestFailed())
                return;
        } else {
            verifyFailed(id, outcome == Failed ? kind : ErrorKind::None, messageHint);
            if (QTest::currentTestFailed())
                return;
        }
        if (maxRequests >= 0)
            QVERIFY2(m_server.requestCount(kPath) <= maxRequests,
                     qPrintable(u"%1 requests, expected at most %2"_s.arg(m_server.requestCount(kPath)).arg(maxRequests)));
        if (keepsData) {
            const auto all = m_server.requests(kPath);
            const auto probes = std::count_if(all.cbegin(), all.cend(), [](const auto &r) { return r.header("range") == "bytes=0-"; });
            QVERIFY2(probes == 1, qPrintable(u"the download started again from zero: "_s + describeRequests(all)));
        }
        if (boundedBytes)
            QVERIFY2(m_server.totalBodyBytesSent() < size * 13 / 10,
                     qPrintable(u"fetched %1 bytes for a %2-byte file; requests: %3"_s.arg(m_server.totalBodyBytesSent())
                                    .arg(size)
                                    .arg(describeRequests(m_server.requests(kPath)))));
        // Whatever happened, every request asked for identity encoding.
        for (const auto &r : m_server.requests(kPath))
            QCOMPARE(r.header("accept-encoding"), "identity"_ba);
    }

    // Resume requests carry If-Range with the strong ETag (else Last-Modified)
    // and start where the data on disk ends.
    void resumeRequestsCarryIfRange_data()
    {
        QTest::addColumn<bool>("withEtag");
        QTest::addRow("ETag") << true;
        QTest::addRow("Last-Modified only") << false;
    }

    void resumeRequestsCarryIfRange()
    {
        QFETCH(bool, withEtag);
        const QByteArray data = MisbehavingServer::makeData(1 * MiB, 11);
        m_server.setFile(kPath, data);
        Behaviour b;
        b.sendEtag = withEtag;
        Behaviour first = b;
        first.dropAfterBytes = 300 * KiB;
        m_server.setSequence(kPath, {first, b});
        const DownloadId id = add(m_server.url(kPath), 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto resumes = rangedRequestsAfterProbe();
        QVERIFY(!resumes.isEmpty());
        const QByteArray expected = withEtag ? m_server.etag(kPath) : m_server.lastModified(kPath);
        for (const auto &r : resumes) {
            QCOMPARE(r.header("if-range"), expected);
            QVERIFY2(r.rangeStart() > 0, r.header("range").constData());
            QVERIFY2(r.rangeStart() <= 300 * KiB, r.header("range").constData());
        }
    }

    // Retry-After: 1 is honoured: the second request comes at least ~1 s later.
    void retryAfterHonoured()
    {
        const QByteArray data = MisbehavingServer::makeData(200 * KiB, 12);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, errorFor(503, 1, 1));
        const DownloadId id = add(m_server.url(kPath), 1);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto requests = m_server.requests(kPath);
        QVERIFY(requests.size() >= 2);
        const qint64 gap = requests.at(1).receivedAtMs - requests.at(0).receivedAtMs;
        QVERIFY2(gap >= 900, qPrintable(u"retried after %1 ms despite Retry-After: 1"_s.arg(gap)));
    }

    // The file changes on the server while a throttled download runs.
    void fileChangesMidDownload()
    {
        const QByteArray data = MisbehavingServer::makeData(2 * MiB, 13);
        const QByteArray changed = MisbehavingServer::makeData(2 * MiB, 14);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(512 * KiB));
        const DownloadId id = add(m_server.url(kPath), 3);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 512 * KiB, kEndTimeoutMs);
        m_server.setFile(kPath, changed);
        // Every running request is cut, so new ones meet the new file.
        m_server.close();
        QVERIFY(m_server.listen(m_server.port()));
        QVERIFY(waitEnd(id));
        verifyExact(id, changed);
    }

    void pauseResume()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 15);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(1 * MiB));
        const DownloadId id = add(m_server.url(kPath), 2);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 1 * MiB, kEndTimeoutMs);

        const QString finalPath = m_engine->snapshot(id).filePath;
        QVERIFY(!finalPath.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(finalPath + u".part.ferry"_s), 5000);
        QJsonParseError error{};
        QJsonDocument::fromJson(readAll(finalPath + u".part.ferry"_s), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(QFile::exists(finalPath + u".part"_s));
        QVERIFY(!QFile::exists(finalPath));

        m_engine->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Paused, 10000);
        QVERIFY(!m_engine->snapshot(id).wanted);
        const qint64 receivedAtPause = m_engine->snapshot(id).receivedBytes;
        QVERIFY(receivedAtPause > 0);
        const int requestsAtPause = m_server.requestCount(kPath);
        QTest::qWait(300);
        QCOMPARE(m_server.requestCount(kPath), requestsAtPause);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, 5000); // paused: no connection kept busy

        m_engine->resume(id);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto requests = m_server.requests(kPath);
        QVERIFY(requests.size() > requestsAtPause);
        for (qsizetype i = requestsAtPause; i < requests.size(); ++i) {
            QVERIFY2(requests.at(i).rangeStart() > 0, requests.at(i).header("range").constData());
            QCOMPARE(requests.at(i).header("if-range"), m_server.etag(kPath));
        }
        QVERIFY2(m_server.totalBodyBytesSent() < data.size() * 13 / 10,
                 qPrintable(u"fetched %1 bytes for a %2-byte file"_s.arg(m_server.totalBodyBytesSent()).arg(data.size())));
    }

    // A server that takes two connections per address and answers 503 (or
    // 429) to the rest: the refused connections give their ranges back and
    // retire; the two accepted ones finish the file byte-exact.
    void connectionLimit_data()
    {
        QTest::addColumn<int>("status");
        QTest::addRow("503") << 503;
        QTest::addRow("429") << 429;
    }

    void connectionLimit()
    {
        QFETCH(int, status);
        const QByteArray data = MisbehavingServer::makeData(8 * MiB, 21);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(2 * MiB)); // ~2 s with two connections: longer than the retry budget
        m_server.setConnectionLimit(2, status);
        const DownloadId id = add(m_server.url(kPath), 8);
        const bool ended = waitEnd(id);
        m_server.setConnectionLimit(0);
        QVERIFY2(ended, qPrintable(describe(m_engine->snapshot(id))));
        verifyExact(id, data);
        const auto requests = m_server.requests(kPath);
        QVERIFY2(std::any_of(requests.cbegin(), requests.cend(), [&](const auto &r) { return r.status == status; }),
                 "the limit never refused a connection");
    }

    // A .part cut short after a crash (or by a sync tool): the control file
    // claims more than the file holds. Those claims are void and fetched
    // again; the result is never a file with zeros where data was claimed.
    void truncatedPartFile()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 22);
        m_server.setFile(kPath, data);
        m_server.setBehaviour(kPath, throttled(2 * MiB));
        const DownloadId id = add(m_server.url(kPath), 1, u"cut.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 2 * MiB, kEndTimeoutMs);
        m_engine->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Paused, 10000);
        stopEngine();

        const QString part = m_dir->filePath(u"cut.bin.part"_s);
        QVERIFY(QFile::exists(part + u".ferry"_s));
        QVERIFY(QFile::resize(part, 1 * MiB)); // the control file still claims >= 2 MiB

        makeEngine(fastOptions());
        m_server.setBehaviour(kPath, {});
        const DownloadId again = add(m_server.url(kPath), 2, u"cut.bin"_s);
        QVERIFY(waitEnd(again));
        verifyExact(again, data);
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

    // An engine destroyed without shutdown() while checkpoints run on the
    // thread pool: the jobs outlive their Download and must not call back into
    // it (they once did, through a bare `this`). Then the files still resume.
    void destroyedWithoutShutdownMidCheckpoint()
    {
        const QByteArray data = MisbehavingServer::makeData(2 * MiB, 23);
        m_server.setFile(kPath, data);
        Behaviour b;
        b.bytesPerSecond = 512 * KiB;
        m_server.setBehaviour(kPath, b);
        EngineOptions options = fastOptions();
        options.checkpointIntervalMs = 1; // a pool job nearly always in flight
        for (int round = 0; round < 5; ++round) {
            makeEngine(options);
            const DownloadId id = add(m_server.url(kPath), 4, u"file.bin"_s);
            QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes > 0, kEndTimeoutMs);
            QTest::qWait(20 * round);
            m_engine.reset(); // no shutdown()
            QTest::qWait(50);
        }
        m_server.setBehaviour(kPath, {});
        makeEngine(fastOptions());
        const DownloadId id = add(m_server.url(kPath), 4, u"file.bin"_s);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
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

private:
    MisbehavingServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DownloadEngine> m_engine;
};

QTEST_GUILESS_MAIN(TestEngineMisbehaving)
#include "tst_engine_misbehaving.moc"
