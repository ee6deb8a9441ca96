// Real clients against a live in-process share server (LiveShare, on its own
// thread) over an 8 MiB file of known random bytes, the token sent in a header:
// curl single and multi-range, curl -C - resuming a truncated file, wget -c
// resuming a transfer that was killed half-way, aria2c with four connections,
// and Ferry's own engine with four connections and a pause/resume. Everything
// is compared byte for byte (SHA-256); the server's access log tells how many
// bytes were really sent, so a "resume" that restarted from zero is caught.
#include "core/DownloadEngine.h"
#include "tests/support/LiveShare.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadRequest;
using ferry::DownloadSnapshot;
using ferry::DownloadState;
using ferry::ShareService;
using ferry::test::BytePart;
using ferry::test::LiveShare;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 BigSize = 8 * MiB + 4321; // not a multiple of any chunk size
constexpr auto BigName = "big.bin";
constexpr int ToolTimeoutMs = 60'000;

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "cannot open "_ba + path.toUtf8();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// One line of the server's access log: `peer [when] "request line" status bytes Nms`.
struct Exchange {
    QString requestLine;
    int status = 0;
    qint64 bytes = 0;
};

} // namespace

class TestShareServerInterop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void curlSingleRange_data();
    void curlSingleRange();
    void curlMultiRange();
    void curlResumesTruncatedFile();
    void wgetResumesInterruptedTransfer();
    void aria2cSegmented();
    void ferryEngineFourConnections();
    void ferryEnginePauseResume();
    void pipelinedLargeBodiesStayInOrder();
    void slowReaderGetsWholeBodiesInOrder();

private:
    QString tool(const QString &name);
    // Runs a client to its end while this thread's event loop keeps turning
    // (queued log lines arrive); the server itself serves from its own thread.
    bool runTool(const QString &program, const QStringList &args, QByteArray *output = nullptr);
    QString url() const;
    QString authHeader() const { return u"Authorization: Bearer "_s + QLatin1StringView(LiveShare::Token); }
    QList<Exchange> exchangesForBig() const; // from the access lines seen so far
    qint64 bytesServedSince(qsizetype firstExchange) const;

    LiveShare m_share;
    QByteArray m_data;
    QByteArray m_sha;
    QTemporaryDir m_work;
    QStringList m_log;
    QString m_downloads;
};

void TestShareServerInterop::initTestCase()
{
    QVERIFY(m_share.start());
    QVERIFY(m_work.isValid());
    QRandomGenerator random(20240603);
    m_data.resize(BigSize);
    random.fillRange(reinterpret_cast<quint32 *>(m_data.data()), BigSize / 4);
    for (qint64 i = BigSize / 4 * 4; i < BigSize; ++i)
        m_data[i] = char(random.bounded(256));
    m_sha = sha256(m_data);
    QVERIFY(writeFile(m_share.rootPath() + u'/' + QLatin1StringView(BigName), m_data));
    connect(&m_share.service(), &ShareService::accessLogged, this, [this](const QString &line) { m_log.append(line); });
}

void TestShareServerInterop::cleanupTestCase()
{
    m_share.stop();
}

void TestShareServerInterop::init()
{
    m_log.clear();
    m_downloads = m_work.filePath(QString::fromLatin1(QTest::currentTestFunction()));
    QDir(m_downloads).removeRecursively();
    QVERIFY(QDir().mkpath(m_downloads));
}

QString TestShareServerInterop::tool(const QString &name)
{
    const QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty()) {
        QTest::qFail(qPrintable(name + u" is missing: run scripts/test, which installs the test tools"_s), __FILE__,
                     __LINE__);
    }
    return path;
}

bool TestShareServerInterop::runTool(const QString &program, const QStringList &args, QByteArray *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setWorkingDirectory(m_downloads);
    process.start(program, args);
    if (!process.waitForStarted(10'000)) {
        qWarning("%s did not start: %s", qPrintable(program), qPrintable(process.errorString()));
        return false;
    }
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, ToolTimeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        qWarning("%s did not finish in time", qPrintable(program));
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    const bool ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok)
        qWarning("%s exited with %d: %s", qPrintable(program), process.exitCode(), err.constData());
    return ok;
}

QString TestShareServerInterop::url() const
{
    return u"http://127.0.0.1:%1/files/share/%2"_s.arg(m_share.port()).arg(QLatin1StringView(BigName));
}

QList<Exchange> TestShareServerInterop::exchangesForBig() const
{
    static const QRegularExpression line(u"^\\S+ \\[[^]]*\\] \"([^\"]*)\" (\\d+) (\\d+) \\d+ms$"_s);
    QList<Exchange> result;
    for (const QString &text : m_log) {
        const auto m = line.match(text);
        if (m.hasMatch() && m.captured(1).contains(QLatin1StringView(BigName)))
            result.append({m.captured(1), m.captured(2).toInt(), m.captured(3).toLongLong()});
    }
    return result;
}

qint64 TestShareServerInterop::bytesServedSince(qsizetype firstExchange) const
{
    qint64 sum = 0;
    const QList<Exchange> all = exchangesForBig();
    for (qsizetype i = firstExchange; i < all.size(); ++i)
        sum += all[i].bytes;
    return sum;
}

void TestShareServerInterop::curlSingleRange_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addRow("middle") << u"1000-2999999"_s << qint64(1000) << qint64(2999999);
    QTest::addRow("open end") << u"5000000-"_s << qint64(5000000) << BigSize - 1;
    QTest::addRow("suffix") << u"-70000"_s << BigSize - 70000 << BigSize - 1;
    QTest::addRow("past the end") << u"8000000-99999999"_s << qint64(8000000) << BigSize - 1;
}

void TestShareServerInterop::curlSingleRange()
{
    QFETCH(QString, range);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    const QString curl = tool(u"curl"_s);
    if (curl.isEmpty())
        return;
    const QString out = m_downloads + u"/part.bin"_s;
    QByteArray written;
    QVERIFY(runTool(curl, {u"-sS"_s, u"-H"_s, authHeader(), u"-r"_s, range, u"-o"_s, out, u"-w"_s,
                           u"%{http_code}"_s, url()},
                    &written));
    QCOMPARE(written, "206"_ba);
    const QByteArray got = readFile(out);
    QCOMPARE(got.size(), last - first + 1);
    QCOMPARE(sha256(got), sha256(m_data.mid(first, last - first + 1)));
}

void TestShareServerInterop::curlMultiRange()
{
    const QString curl = tool(u"curl"_s);
    if (curl.isEmpty())
        return;
    const QString out = m_downloads + u"/multi.bin"_s;
    const QString headers = m_downloads + u"/headers.txt"_s;
    QVERIFY(runTool(curl, {u"-sS"_s, u"-H"_s, authHeader(), u"-r"_s, u"0-99,4194304-5242879,-10"_s, u"-D"_s,
                           headers, u"-o"_s, out, url()}));
    const QByteArray head = readFile(headers);
    QVERIFY2(head.startsWith("HTTP/1.1 206"), head.constData());
    static const QRegularExpression boundaryPattern(u"(?i)content-type: multipart/byteranges; boundary=(\\S+)"_s);
    const auto m = boundaryPattern.match(QString::fromLatin1(head));
    QVERIFY2(m.hasMatch(), head.constData());
    QList<BytePart> parts;
    QVERIFY(ferry::test::parseMultipart(readFile(out), m.captured(1).toLatin1(), &parts));
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts[0].contentRange, "bytes 0-99/"_ba + QByteArray::number(BigSize));
    QCOMPARE(parts[0].data, m_data.first(100));
    QCOMPARE(parts[1].contentRange, "bytes 4194304-5242879/"_ba + QByteArray::number(BigSize));
    QCOMPARE(sha256(parts[1].data), sha256(m_data.mid(4194304, MiB)));
    QCOMPARE(parts[2].contentRange,
             "bytes "_ba + QByteArray::number(BigSize - 10) + '-' + QByteArray::number(BigSize - 1) + '/'
                 + QByteArray::number(BigSize));
    QCOMPARE(parts[2].data, m_data.last(10));
}

void TestShareServerInterop::curlResumesTruncatedFile()
{
    const QString curl = tool(u"curl"_s);
    if (curl.isEmpty())
        return;
    constexpr qint64 Have = 3 * MiB + 17;
    const QString out = m_downloads + u"/" + QLatin1StringView(BigName);
    QVERIFY(writeFile(out, m_data.first(Have)));
    QByteArray code;
    QVERIFY(runTool(curl, {u"-sS"_s, u"-H"_s, authHeader(), u"-C"_s, u"-"_s, u"-o"_s, out, u"-w"_s,
                           u"%{http_code}"_s, url()},
                    &code));
    QCOMPARE(code, "206"_ba);
    QCOMPARE(fileSha256(out), m_sha);
    QTRY_COMPARE(exchangesForBig().size(), 1);
    QCOMPARE(exchangesForBig().first().status, 206);
    QCOMPARE(exchangesForBig().first().bytes, BigSize - Have);
}

void TestShareServerInterop::wgetResumesInterruptedTransfer()
{
    const QString wget = tool(u"wget"_s);
    if (wget.isEmpty())
        return;
    const QString out = m_downloads + u"/" + QLatin1StringView(BigName);
    const QStringList common {u"-q"_s, u"--header"_s, authHeader(), u"-O"_s, out};

    // A slow first transfer, killed once a part of the file is on disk.
    QProcess first;
    first.setWorkingDirectory(m_downloads);
    first.start(wget, QStringList {u"--limit-rate=1m"_s} + common + QStringList {url()});
    QVERIFY(first.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(out).size() >= MiB || first.state() == QProcess::NotRunning, 30'000);
    QCOMPARE(first.state(), QProcess::Running); // it must not have finished already
    first.kill();
    QVERIFY(first.waitForFinished(10'000));
    // The server notices the cut and logs the exchange with what it had sent.
    QTRY_COMPARE_WITH_TIMEOUT(exchangesForBig().size(), 1, 20'000);
    const qint64 have = QFileInfo(out).size();
    QVERIFY2(have > 0 && have < BigSize, qPrintable(QString::number(have)));
    QCOMPARE(sha256(readFile(out)), sha256(m_data.first(have)));

    QVERIFY(runTool(wget, QStringList {u"-c"_s} + common + QStringList {url()}));
    QCOMPARE(fileSha256(out), m_sha);
    QTRY_COMPARE(exchangesForBig().size(), 2);
    const Exchange resumed = exchangesForBig().at(1);
    QCOMPARE(resumed.status, 206);
    QCOMPARE(resumed.bytes, BigSize - have);
}

void TestShareServerInterop::aria2cSegmented()
{
    const QString aria2c = tool(u"aria2c"_s);
    if (aria2c.isEmpty())
        return;
    QVERIFY(runTool(aria2c, {u"-x4"_s, u"-s4"_s, u"-k1M"_s, u"--header"_s, authHeader(), u"-d"_s, m_downloads,
                             u"-o"_s, QLatin1StringView(BigName), u"--file-allocation=none"_s,
                             u"--allow-overwrite=true"_s, u"--auto-file-renaming=false"_s,
                             u"--console-log-level=warn"_s, u"--summary-interval=0"_s,
                             u"--download-result=hide"_s, u"--check-integrity=false"_s, url()}));
    QCOMPARE(fileSha256(m_downloads + u"/" + QLatin1StringView(BigName)), m_sha);
    // Segmented for real: several range requests, together covering the file.
    QTRY_VERIFY(bytesServedSince(0) >= BigSize);
    const QList<Exchange> exchanges = exchangesForBig();
    int partial = 0;
    for (const Exchange &e : exchanges)
        partial += e.status == 206 ? 1 : 0;
    QVERIFY2(partial >= 2, qPrintable(u"%1 range answers of %2"_s.arg(partial).arg(exchanges.size())));
}

void TestShareServerInterop::ferryEngineFourConnections()
{
    DownloadEngine engine;
    DownloadRequest request;
    request.url = QUrl(url());
    request.directory = m_downloads;
    request.connections = 4;
    request.headers = {{"Authorization"_ba, "Bearer "_ba + QByteArray(LiveShare::Token)}};
    const DownloadId id = engine.add(request);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).isFinal(), ToolTimeoutMs);
    const DownloadSnapshot s = engine.snapshot(id);
    QVERIFY2(s.state == DownloadState::Completed, qPrintable(s.errorMessage));
    QVERIFY(s.resumable);
    QCOMPARE(fileSha256(s.filePath), m_sha);
    QTRY_VERIFY(bytesServedSince(0) >= BigSize);
    const QList<Exchange> exchanges = exchangesForBig();
    QVERIFY2(exchanges.size() >= 2, qPrintable(u"%1 requests"_s.arg(exchanges.size())));
    for (const Exchange &e : exchanges)
        QCOMPARE(e.status, 206);

    QSignalSpy done(&engine, &DownloadEngine::shutdownFinished);
    engine.shutdown();
    QVERIFY(done.wait(10'000) || done.size() == 1);
}

void TestShareServerInterop::ferryEnginePauseResume()
{
    DownloadEngine engine;
    DownloadRequest request;
    request.url = QUrl(url());
    request.directory = m_downloads;
    request.connections = 4;
    request.speedLimit = 2 * MiB; // slow enough to pause half-way
    request.headers = {{"Authorization"_ba, "Bearer "_ba + QByteArray(LiveShare::Token)}};
    const DownloadId id = engine.add(request);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).receivedBytes >= 2 * MiB || engine.snapshot(id).isFinal(),
                             ToolTimeoutMs);
    QVERIFY(!engine.snapshot(id).isFinal());
    engine.pause(id);
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Paused, 20'000);
    const qint64 kept = engine.snapshot(id).receivedBytes;
    QVERIFY2(kept > 0 && kept < BigSize, qPrintable(QString::number(kept)));
    const QString part = engine.snapshot(id).filePath + u".part"_s;
    QVERIFY2(QFile::exists(part), qPrintable(part));
    // Every aborted exchange has been logged before the resume starts.
    QTRY_VERIFY_WITH_TIMEOUT(bytesServedSince(0) >= kept, 20'000);
    QTest::qWait(300);
    const qsizetype before = exchangesForBig().size();

    engine.setSpeedLimit(id, 0);
    engine.resume(id);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot(id).isFinal(), ToolTimeoutMs);
    const DownloadSnapshot s = engine.snapshot(id);
    QVERIFY2(s.state == DownloadState::Completed, qPrintable(s.errorMessage));
    QCOMPARE(fileSha256(s.filePath), m_sha);
    // Resumed, not restarted: after the pause the server sent about what was missing.
    QTRY_VERIFY(exchangesForBig().size() > before);
    const QList<Exchange> after = exchangesForBig().mid(before);
    for (const Exchange &e : after)
        QCOMPARE(e.status, 206);
    const qint64 sentAfter = bytesServedSince(before);
    QVERIFY2(sentAfter < BigSize - kept + 2 * MiB,
             qPrintable(u"sent %1 after the pause, %2 were missing"_s.arg(sentAfter).arg(BigSize - kept)));

    QSignalSpy done(&engine, &DownloadEngine::shutdownFinished);
    engine.shutdown();
    QVERIFY(done.wait(10'000) || done.size() == 1);
}

// Large bodies leave by sendfile, heads straight to the kernel when Qt holds
// nothing: pipelined answers must still come out whole and in order, including
// a head queued behind a body and a multipart answer between two plain ones.
void TestShareServerInterop::pipelinedLargeBodiesStayInOrder()
{
    ferry::test::RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    const QByteArray path = "/files/share/"_ba + BigName;
    const QByteArray requests = m_share.requestHead("GET"_ba, path, {"Range: bytes=100-3145827"_ba})
        + m_share.requestHead("GET"_ba, path, {"Range: bytes=0-99,1048576-3145727"_ba})
        + m_share.requestHead("GET"_ba, path) + m_share.requestHead("GET"_ba, path, {"Range: bytes=-5"_ba});
    QVERIFY(client.send(requests));
    const ferry::test::RawResponse first = client.readResponse();
    QCOMPARE(first.status, 206);
    QCOMPARE(sha256(first.body), sha256(m_data.mid(100, 3 * MiB)));
    const ferry::test::RawResponse multi = client.readResponse();
    QCOMPARE(multi.status, 206);
    QList<BytePart> parts;
    const QByteArray type = multi.header("content-type");
    QVERIFY(ferry::test::parseMultipart(multi.body, type.mid(type.indexOf("boundary=") + 9), &parts));
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].data, m_data.first(100));
    QCOMPARE(sha256(parts[1].data), sha256(m_data.mid(MiB, 2 * MiB)));
    const ferry::test::RawResponse whole = client.readResponse();
    QCOMPARE(whole.status, 200);
    QCOMPARE(sha256(whole.body), m_sha);
    const ferry::test::RawResponse tail = client.readResponse();
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, m_data.last(5));
}

// A peer that takes the bytes slowly, in small gulps through a small receive
// window, keeps the server's sendfile running into a full kernel buffer
// (EAGAIN) again and again: every wait for writability must end in more bytes,
// and the pipelined HEAD and range behind the body must follow it whole.
void TestShareServerInterop::slowReaderGetsWholeBodiesInOrder()
{
    constexpr qint64 Gulp = 16 * 1024;
    ferry::test::RawHttpClient client;
    QVERIFY(client.connectTo(m_share.port()));
    QTcpSocket &socket = client.socket();
    socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, int(Gulp));
    socket.setReadBufferSize(Gulp); // Qt leaves the rest in the kernel until we read
    const QByteArray path = "/files/share/"_ba + BigName;
    const QByteArray requests = m_share.requestHead("GET"_ba, path) + m_share.requestHead("HEAD"_ba, path)
        + m_share.requestHead("GET"_ba, path, {"Range: bytes=1048576-5242879"_ba, "Connection: close"_ba});
    QVERIFY(client.send(requests));

    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60'000) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(1'000)
            && socket.state() != QAbstractSocket::ConnectedState)
            break;
        received += socket.read(Gulp);
        QThread::msleep(1);
    }
    received += socket.readAll();
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState); // closed after the third answer

    // Splits `received` into answers by their Content-Length (none for the HEAD).
    qsizetype pos = 0;
    const auto next = [&](bool headRequest, int *status, QByteArray *body) {
        const qsizetype end = received.indexOf("\r\n\r\n", pos);
        if (end < 0)
            return false;
        const QByteArray head = received.mid(pos, end - pos);
        *status = head.mid(9, 3).toInt();
        qint64 length = -1;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (length < 0)
            return false;
        pos = end + 4;
        const qint64 bodyLength = headRequest ? 0 : length;
        if (received.size() - pos < bodyLength)
            return false;
        *body = received.mid(pos, bodyLength);
        pos += bodyLength;
        return true;
    };
    int status = 0;
    QByteArray body;
    QVERIFY2(next(false, &status, &body), "first answer incomplete");
    QCOMPARE(status, 200);
    QCOMPARE(body.size(), BigSize);
    QCOMPARE(sha256(body), m_sha);
    QVERIFY2(next(true, &status, &body), "HEAD answer incomplete");
    QCOMPARE(status, 200);
    QVERIFY2(next(false, &status, &body), "range answer incomplete");
    QCOMPARE(status, 206);
    QCOMPARE(body.size(), 4 * MiB);
    QCOMPARE(sha256(body), sha256(m_data.mid(MiB, 4 * MiB)));
    QCOMPARE(pos, received.size()); // nothing after the last answer
}

QTEST_GUILESS_MAIN(TestShareServerInterop)
#include "tst_shareserver_interop.moc"
