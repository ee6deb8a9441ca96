// The engine against a hostile world: for every way the MisbehavingServer can
// misbehave, a download ends either with a byte-exact file or with a clear
// failure (Failed, the right ErrorKind, a message, no final file) — never a
// spliced, padded or error-page file. Also what the engine asks (Range,
// Accept-Encoding, If-Range), several connections, retries, a per-address
// connection limit. Resuming is in tst_engine_resume, names, redirects and
// checksums in tst_engine_files.
#include "core/DownloadEngine.h"
#include "tests/support/Behaviours.h"
#include "tests/support/EngineFixture.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"

#include <QSet>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;
using Behaviour = MisbehavingServer::Behaviour;

Q_DECLARE_METATYPE(ferry::test::MisbehavingServer::Behaviour)

namespace {

const QByteArray kPath = "/file.bin"_ba;

// What a row expects at the end.
enum Outcome {
    Exact,          // Completed, the file equals what the server serves at the end
    Failed,         // Failed with the given kind (None = any), no final file
    ExactOrFailed,  // either, but never anything else
};

} // namespace

class TestEngineMisbehaving final : public QObject, private EngineFixture
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
        for (const auto &r : rangedRequestsAfterProbe(m_server, kPath))
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
        const auto refused = std::count_if(requests.cbegin(), requests.cend(), [&](const auto &r) { return r.status == status; });
        QVERIFY2(refused > 0, "the limit never refused a connection");
        // Every refused connection asks its tries and retires; none asks again without a back-off.
        QVERIFY2(refused <= 8 * (fastOptions().maxRetries + 1), qPrintable(u"%1 requests refused"_s.arg(refused)));
    }

    // The engine remembers what the host served (core/HostLimits): a second
    // download from it opens that many connections, not -x 8, and the server
    // refuses none of them — or, once the probe interval has passed, exactly
    // one: the probe of one more, which retires at once.
    void hostMemory_data()
    {
        QTest::addColumn<bool>("probeDue");
        QTest::addRow("remembered") << false;
        QTest::addRow("probe of one more") << true;
    }

    void hostMemory()
    {
        QFETCH(bool, probeDue);
        EngineOptions options = fastOptions();
        options.hostProbeIntervalMs = probeDue ? 0 : 3600 * 1000;
        makeEngine(options);
        const QByteArray first = MisbehavingServer::makeData(4 * MiB, 22);
        const QByteArray second = MisbehavingServer::makeData(4 * MiB, 23);
        m_server.setFile("/first.bin", first);
        m_server.setFile("/second.bin", second);
        m_server.setBehaviour("/first.bin", throttled(2 * MiB));
        m_server.setBehaviour("/second.bin", throttled(2 * MiB));
        m_server.setConnectionLimit(2);
        const DownloadId a = add(m_server.url("/first.bin"), 8);
        QVERIFY2(waitEnd(a), qPrintable(describe(m_engine->snapshot(a))));
        verifyExact(a, first);
        const auto firstRequests = m_server.requests("/first.bin");
        QVERIFY2(std::any_of(firstRequests.cbegin(), firstRequests.cend(), [](const auto &r) { return r.status == 503; }),
                 "the limit never refused the first download: nothing to learn");

        const DownloadId b = add(m_server.url("/second.bin"), 8);
        const bool ended = waitEnd(b);
        m_server.setConnectionLimit(0);
        QVERIFY2(ended, qPrintable(describe(m_engine->snapshot(b))));
        verifyExact(b, second);
        const auto requests = m_server.requests("/second.bin");
        const auto refused = std::count_if(requests.cbegin(), requests.cend(), [](const auto &r) { return r.status == 503; });
        QVERIFY2(refused == (probeDue ? 1 : 0), qPrintable(u"%1 requests refused: %2"_s.arg(refused).arg(describeRequests(requests))));
        // At most two served at once: the requests that delivered never overlapped more.
        // One whose last byte went out in the millisecond another arrived
        // had ended: the server, at its cap, admitted the new one.
        int most = 0;
        for (const auto &r : requests) {
            if (r.status != 206)
                continue;
            const auto overlapping = std::count_if(requests.cbegin(), requests.cend(), [&r](const auto &o) {
                return o.status == 206 && o.receivedAtMs <= r.receivedAtMs
                    && (&o == &r || o.lastBodyByteAtMs > r.receivedAtMs);
            });
            most = std::max(most, int(overlapping));
        }
        QVERIFY2(most <= 2, qPrintable(u"%1 requests served at once: %2"_s.arg(most).arg(describeRequests(requests))));
    }

    // A download that started with fewer connections than asked, because
    // another download held the host's remembered number, takes the freed
    // ones when that download finishes: the server sees a second request of
    // the second file begin after the first file's last byte, served while
    // the first request still sends — two at once, and never a 503.
    void growsWhenOthersFinish()
    {
        EngineOptions options = fastOptions();
        options.hostProbeIntervalMs = 3600 * 1000; // no probe of one more: only what is freed
        makeEngine(options);
        m_server.setConnectionLimit(2);
        const QByteArray learn = MisbehavingServer::makeData(4 * MiB, 31);
        m_server.setFile("/learn.bin", learn);
        m_server.setBehaviour("/learn.bin", throttled(2 * MiB));
        const DownloadId l = add(m_server.url("/learn.bin"), 8);
        QVERIFY2(waitEnd(l), qPrintable(describe(m_engine->snapshot(l))));
        verifyExact(l, learn);
        const auto learnRequests = m_server.requests("/learn.bin");
        QVERIFY2(std::any_of(learnRequests.cbegin(), learnRequests.cend(), [](const auto &r) { return r.status == 503; }),
                 "the limit never refused: nothing was learned");

        const QByteArray first = MisbehavingServer::makeData(1 * MiB, 32);
        const QByteArray second = MisbehavingServer::makeData(4 * MiB, 33);
        m_server.setFile("/first.bin", first);
        m_server.setFile("/second.bin", second);
        m_server.setBehaviour("/first.bin", throttled(1 * MiB));
        m_server.setBehaviour("/second.bin", throttled(1 * MiB));
        const DownloadId a = add(m_server.url("/first.bin"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_server.bodyBytesSent("/first.bin") > 0, 5000);
        const DownloadId b = add(m_server.url("/second.bin"), 2); // the host serves two: one is the first's
        QVERIFY2(waitEnd(a), qPrintable(describe(m_engine->snapshot(a))));
        verifyExact(a, first);
        QVERIFY2(waitEnd(b), qPrintable(describe(m_engine->snapshot(b))));
        m_server.setConnectionLimit(0);
        verifyExact(b, second);

        qint64 firstDone = 0;
        for (const auto &r : m_server.requests("/first.bin"))
            firstDone = std::max(firstDone, r.lastBodyByteAtMs);
        const auto requests = m_server.requests("/second.bin");
        QVERIFY2(std::none_of(requests.cbegin(), requests.cend(), [](const auto &r) { return r.status == 503; }),
                 qPrintable(u"refused: "_s + describeRequests(requests)));
        QVERIFY2(!requests.isEmpty() && requests.first().receivedAtMs < firstDone,
                 qPrintable(u"the second file did not start while the first ran: "_s + describeRequests(requests)));
        int servedTogether = 0;
        for (const auto &later : requests) {
            if (later.status != 206 || later.receivedAtMs < firstDone)
                continue;
            servedTogether = std::max<int>(servedTogether, int(std::count_if(requests.cbegin(), requests.cend(), [&later](const auto &o) {
                return o.status == 206 && o.receivedAtMs <= later.receivedAtMs
                    && (&o == &later || o.lastBodyByteAtMs > later.receivedAtMs);
            })));
        }
        QVERIFY2(servedTogether == 2, qPrintable(u"after the first file: at most %1 of the second's requests at once: %2"_s
                                                     .arg(servedTogether).arg(describeRequests(requests))));
    }

private:
    MisbehavingServer m_server;
};

QTEST_GUILESS_MAIN(TestEngineMisbehaving)
#include "tst_engine_misbehaving.moc"
