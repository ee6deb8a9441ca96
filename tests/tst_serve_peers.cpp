// What peers that read slowly, reset mid-body or pipeline without reading cost
// a real `ferry serve` (the executable as a child process on 127.0.0.1, with a
// private settings folder). Bounded memory: a 2 GiB sparse file served to slow
// readers and a fast one at once must not grow the process's resident memory
// by more than a few chunks per connection. A peer that resets its connection
// in the middle of a large body (as download managers do when they stop a
// probe or steal a range) must cost the server nothing but that connection:
// sendfile(2) on a reset socket raises SIGPIPE. And a flood of pipelined
// requests never read keeps the server's peak small while another address is
// answered. The command line itself is tst_serve_cli.
#include "tests/support/FerryCommand.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/RawHttpClient.h"
#include "tests/support/ServeProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using ferry::test::ferryBinary;
using ferry::test::memoryOf;
using ferry::test::RawHttpClient;
using ferry::test::RawResponse;
using ferry::test::requestHead;
using ferry::test::ServeProcess;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr qint64 GiB = 1024 * MiB;
const QByteArray HelloBytes = QByteArrayLiteral("hello from ferry serve\n");

} // namespace

class TestServePeers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void boundedMemoryWithSlowAndFastReaders();
    void peerResetMidBodyLeavesServerRunning();
    void pipelinedFloodWithoutReadingStaysBounded();

private:
    QString shared() const { return m_dir.filePath(u"shared"_s); }
    QString config() const { return m_dir.filePath(u"config"_s); }
    QStringList localArgs() const { return {u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s}; }

    QTemporaryDir m_dir;
};

void TestServePeers::initTestCase()
{
    QVERIFY2(QFile::exists(ferryBinary()), FERRY_BINARY);
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(u"shared"_s));
    QVERIFY(QDir(m_dir.path()).mkpath(u"config"_s));
    QVERIFY(ferry::test::writeFile(shared() + u"/hello.txt"_s, HelloBytes));
    // 2 GiB of holes: costs no disk, reads as zeros.
    QFile big(shared() + u"/sparse-2g.bin"_s);
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(2 * GiB));
}

void TestServePeers::boundedMemoryWithSlowAndFastReaders()
{
    ServeProcess serve(config());
    QVERIFY2(serve.start(localArgs() + QStringList {shared()}), qPrintable(serve.describe()));
    const QByteArray token = serve.token();
    const quint16 port = serve.port();
    // Warm up: the first requests load the MIME database and the like.
    QCOMPARE(ferry::test::fetchRaw(port, requestHead(port, "/files/shared/hello.txt"_ba, token)).status, 200);
    QCOMPARE(ferry::test::fetchRaw(port, requestHead(port, "/files/shared/"_ba, token)).status, 200);
    const qint64 baseline = memoryOf(serve.pid(), "VmRSS");
    QVERIFY(baseline > 0);

    // Slow readers: the whole file, a single range, and multipart ranges, each
    // taking a little now and then while their kernel buffers stay full.
    const QList<QList<QByteArray>> slowRequests {
        {}, {}, {}, {}, {"Range: bytes=1073741824-"_ba}, {"Range: bytes=0-536870911,1610612736-"_ba},
        {"Range: bytes=-1000000000"_ba}, {},
    };
    std::vector<std::unique_ptr<RawHttpClient>> slow;
    for (const QList<QByteArray> &extra : slowRequests) {
        auto client = std::make_unique<RawHttpClient>();
        QVERIFY(client->connectTo(port));
        client->socket().setReadBufferSize(64 * KiB);
        QVERIFY(client->send(requestHead(port, "/files/shared/sparse-2g.bin"_ba, token, extra)));
        slow.push_back(std::move(client));
    }
    // A fast reader takes the whole 2 GiB meanwhile.
    RawHttpClient fast;
    QVERIFY(fast.connectTo(port));
    fast.socket().setReadBufferSize(1 * MiB);
    QVERIFY(fast.send(requestHead(port, "/files/shared/sparse-2g.bin"_ba, token)));

    qint64 peak = baseline;
    qint64 fastBytes = 0;
    QByteArray fastHead;
    bool fastHeadDone = false;
    qint64 nonZero = 0;
    QDeadlineTimer deadline(120'000);
    QList<qint64> slowBytes(qsizetype(slow.size()), 0);
    int round = 0;
    const qint64 fastWanted = 2 * GiB;
    while (fastBytes < fastWanted && !deadline.hasExpired()) {
        if (fast.socket().bytesAvailable() == 0 && !fast.socket().waitForReadyRead(10'000))
            break;
        QByteArray data = fast.socket().read(1 * MiB);
        if (!fastHeadDone) {
            fastHead += data;
            const qsizetype end = fastHead.indexOf("\r\n\r\n");
            if (end < 0)
                continue;
            QVERIFY2(fastHead.startsWith("HTTP/1.1 200"), fastHead.constData());
            QVERIFY2(fastHead.contains("Content-Length: 2147483648\r\n"), fastHead.constData());
            data = fastHead.mid(end + 4);
            fastHeadDone = true;
        }
        fastBytes += data.size();
        nonZero += data.size() - data.count('\0');
        if (++round % 64 == 0) {
            // Every few MiB: each slow reader takes a little, and we look at the server.
            for (size_t i = 0; i < slow.size(); ++i) {
                QTcpSocket &s = slow[i]->socket();
                s.waitForReadyRead(0);
                slowBytes[qsizetype(i)] += s.read(16 * KiB).size();
            }
            peak = qMax(peak, memoryOf(serve.pid(), "VmRSS"));
        }
    }
    QCOMPARE(fastBytes, fastWanted);
    QCOMPARE(nonZero, qint64(0));
    for (size_t i = 0; i < slow.size(); ++i) {
        QVERIFY2(slowBytes[qsizetype(i)] > 0, qPrintable(u"slow reader %1 got nothing"_s.arg(i)));
        QVERIFY2(slow[i]->isConnected(), qPrintable(u"slow reader %1 was dropped"_s.arg(i)));
    }
    peak = qMax(peak, memoryOf(serve.pid(), "VmRSS"));
    const qint64 highWater = memoryOf(serve.pid(), "VmHWM");
    peak = qMax(peak, highWater);
    qDebug("server RSS: %lld KiB before, peak %lld KiB (%zu slow readers, 2 GiB to the fast one)", baseline / KiB,
           peak / KiB, slow.size());
    QVERIFY2(peak - baseline < 64 * MiB,
             qPrintable(u"the server grew by %1 MiB serving a 2 GiB file"_s.arg((peak - baseline) / MiB)));
}

void TestServePeers::peerResetMidBodyLeavesServerRunning()
{
    ServeProcess serve(config());
    QVERIFY2(serve.start(localArgs() + QStringList {u"--no-auth"_s, shared()}), qPrintable(serve.describe()));
    const quint16 port = serve.port();
    for (int i = 0; i < 3; ++i) {
        RawHttpClient client;
        QVERIFY(client.connectTo(port));
        client.socket().setReadBufferSize(64 * KiB); // the rest stays unread in the kernel
        QVERIFY(client.send(requestHead(port, "/files/shared/sparse-2g.bin"_ba, {})));
        QVERIFY(client.socket().waitForReadyRead(10'000));
        QVERIFY(client.socket().read(16 * KiB).startsWith("HTTP/1.1 200"));
        // Closing with unread bytes makes the kernel answer with a reset.
        client.socket().abort();
        // The server meets the reset on its next send; give it a moment.
        QTest::qWait(300);
        QVERIFY2(serve.process().state() == QProcess::Running, qPrintable(serve.describe()));
        const RawResponse r = ferry::test::fetchRaw(port, requestHead(port, "/files/shared/hello.txt"_ba, {}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, HelloBytes);
    }
}

// The flood of issue 7: 32 connections from one address, each pipelining
// `GET /` without the token and never reading an answer. Every answer is a
// page ~40 times the size of its request; a server that keeps parsing while
// its answers pile up in its own buffers grows without bound (1.2 GiB in 10 s
// before the fix). It must stop reading such a connection instead, so its
// peak stays small, and a peer from another address is answered meanwhile.
void TestServePeers::pipelinedFloodWithoutReadingStaysBounded()
{
    ServeProcess serve(config());
    QVERIFY2(serve.start(localArgs() + QStringList {shared()}), qPrintable(serve.describe()));
    const quint16 port = serve.port();
    QCOMPARE(ferry::test::fetchRaw(port, requestHead(port, "/"_ba, {})).status, 401);

    QByteArray burst;
    const QByteArray one = requestHead(port, "/"_ba, {});
    while (burst.size() < 64 * KiB)
        burst += one;
    std::vector<std::unique_ptr<QTcpSocket>> flood;
    for (int i = 0; i < 32; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        // Small kernel buffers on our side, so the answers cannot hide in
        // them: what the server does not stop making stays in its memory.
        socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024);
        socket->setReadBufferSize(4 * 1024); // else Qt reads every answer for us
        socket->connectToHost(QHostAddress(u"127.0.0.1"_s), port);
        QVERIFY(socket->waitForConnected(5'000));
        flood.push_back(std::move(socket));
    }
    qint64 sent = 0;
    qint64 otherMs = -1;
    QDeadlineTimer deadline(6'000);
    QElapsedTimer clock;
    clock.start();
    while (!deadline.hasExpired()) {
        for (const auto &socket : flood) {
            // Our own buffer stays small; the kernel takes what the server reads.
            if (socket->bytesToWrite() < 256 * KiB && socket->state() == QAbstractSocket::ConnectedState)
                socket->write(burst);
            const qint64 queued = socket->bytesToWrite();
            socket->flush();
            sent += queued - socket->bytesToWrite();
        }
        if (otherMs < 0 && clock.elapsed() > 3'000) {
            // Another peer, from another address, meanwhile.
            QElapsedTimer t;
            t.start();
            RawHttpClient other;
            QVERIFY(other.connectTo(port, QHostAddress(u"127.0.0.2"_s)));
            QVERIFY(other.send(requestHead(port, "/files/shared/hello.txt"_ba, serve.token())));
            const RawResponse r = other.readResponse(false, 10'000);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, HelloBytes);
            otherMs = t.elapsed();
        }
        QTest::qWait(5);
    }
    const qint64 highWater = memoryOf(serve.pid(), "VmHWM");
    qDebug("flood: %lld MiB of requests written, server peak %lld KiB, other address answered in %lld ms",
           sent / MiB, highWater / KiB, otherMs);
    QVERIFY2(serve.process().state() == QProcess::Running, qPrintable(serve.describe()));
    QVERIFY(highWater > 0);
    QVERIFY2(highWater <= 64 * MiB, qPrintable(u"the server's peak was %1 MiB"_s.arg(highWater / MiB)));
    QVERIFY(otherMs >= 0);
}

QTEST_GUILESS_MAIN(TestServePeers)
#include "tst_serve_peers.moc"
