// `ferry serve` as a user runs it: the real executable as a child process on
// 127.0.0.1 with a private settings folder. It prints the URL with the token
// and serves files with it; --token, --no-auth and --help do what they say;
// a missing, unreadable or non-folder path, a port in use and bad options give
// one clear line and a non-zero exit; SIGTERM and SIGINT stop it cleanly (exit
// 0) even in the middle of a transfer. Last, bounded memory: a 2 GiB sparse
// file served to slow readers and a fast one at once must not grow the
// process's resident memory by more than a few chunks per connection. And a
// peer that resets its connection in the middle of a large body (as download
// managers do when they stop a probe or steal a range) must cost the server
// nothing but that connection: sendfile(2) on a reset socket raises SIGPIPE.
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/RawHttpClient.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <csignal>
#include <grp.h>
#include <memory>
#include <vector>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using ferry::test::ferryBinary;
using ferry::test::RawHttpClient;
using ferry::test::RawResponse;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr qint64 GiB = 1024 * MiB;
constexpr int StartTimeoutMs = 20'000;
constexpr int StopTimeoutMs = 15'000;
const QByteArray HelloBytes = QByteArrayLiteral("hello from ferry serve\n");


bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Resident memory of a process in bytes, from /proc (`field` is VmRSS or VmHWM).
qint64 memoryOf(qint64 pid, QByteArrayView field)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (!line.startsWith(field) || line.size() <= field.size() || line.at(field.size()) != ':')
            continue;
        const QByteArray kib = line.mid(field.size() + 1).trimmed().split(' ').value(0);
        bool ok = false;
        const qint64 value = kib.toLongLong(&ok);
        return ok ? value * KiB : -1;
    }
    return -1;
}

QByteArray requestHead(quint16 port, const QByteArray &target, const QByteArray &token,
                       const QList<QByteArray> &extra = {})
{
    QByteArray head = "GET "_ba + target + " HTTP/1.1\r\nHost: 127.0.0.1:"_ba + QByteArray::number(port) + "\r\n"_ba;
    if (!token.isEmpty())
        head += "Authorization: Bearer "_ba + token + "\r\n"_ba;
    for (const QByteArray &h : extra)
        head += h + "\r\n"_ba;
    return head + "\r\n"_ba;
}

// A running `ferry serve`, with its own settings folder.
class ServeProcess final
{
    Q_DISABLE_COPY_MOVE(ServeProcess)

public:
    explicit ServeProcess(const QString &configHome)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, configHome);
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        env.remove(u"LANGUAGE"_s);
        m_process.setProcessEnvironment(env);
    }
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    void setEnvironmentValue(const QString &name, const QString &value)
    {
        QProcessEnvironment env = m_process.processEnvironment();
        env.insert(name, value);
        m_process.setProcessEnvironment(env);
    }

    // Starts and waits for the printed URL (or the end of the process).
    bool start(const QStringList &args)
    {
        m_process.start(ferryBinary(), QStringList {u"serve"_s} + args);
        if (!m_process.waitForStarted(10'000))
            return false;
        m_process.closeWriteChannel();
        static const QRegularExpression urlLine(u"^\\s+(http://\\S+)\\s*$"_s, QRegularExpression::MultilineOption);
        QDeadlineTimer deadline(StartTimeoutMs);
        while (!deadline.hasExpired()) {
            m_out += m_process.readAllStandardOutput();
            const auto m = urlLine.match(QString::fromUtf8(m_out));
            if (m.hasMatch() && m_out.contains("Ctrl+C")) {
                m_url = QUrl(m.captured(1), QUrl::StrictMode);
                return m_url.isValid();
            }
            if (m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
        }
        return false;
    }

    // Sends a signal and waits for the end.
    bool stopWith(int signalNumber)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        const bool ended = m_process.waitForFinished(StopTimeoutMs);
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return ended;
    }

    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QByteArray token() const { return QUrlQuery(m_url).queryItemValue(u"token"_s).toLatin1(); }
    qint64 pid() const { return m_process.processId(); }
    QProcess &process() { return m_process; }
    QString describe()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return u"exit=%1 status=%2\n--- stdout:\n%3\n--- stderr:\n%4"_s.arg(m_process.exitCode())
            .arg(m_process.exitStatus())
            .arg(QString::fromUtf8(m_out), QString::fromUtf8(m_err));
    }
    QByteArray err() const { return m_err; }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    QUrl m_url;
};

} // namespace

class TestServeCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpListsTheOptions();
    void printsUrlWithTokenAndServes();
    void explicitToken();
    void noAuth();
    void badFolder_data();
    void badFolder();
    void badOptions_data();
    void badOptions();
    void portInUse();
    void signalStopsCleanly_data();
    void signalStopsCleanly();
    void boundedMemoryWithSlowAndFastReaders();
    void peerResetMidBodyLeavesServerRunning();
    void pipelinedFloodWithoutReadingStaysBounded();
    void tokenFromFileOrEnvironment();
    void listensOnIpv4AndIpv6ByDefault();

private:
    QString shared() const { return m_dir.filePath(u"shared"_s); }
    QString config() const { return m_dir.filePath(u"config"_s); }
    QStringList localArgs() const { return {u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s}; }
    ferry::test::CommandResult runServe(const QStringList &args, bool asNobody = false);

    QTemporaryDir m_dir;
};

void TestServeCli::initTestCase()
{
    QVERIFY2(QFile::exists(ferryBinary()), FERRY_BINARY);
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(u"shared/sub"_s));
    QVERIFY(QDir(m_dir.path()).mkpath(u"config"_s));
    QVERIFY(writeFile(shared() + u"/hello.txt"_s, HelloBytes));
    // 2 GiB of holes: costs no disk, reads as zeros.
    QFile big(shared() + u"/sparse-2g.bin"_s);
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(2 * GiB));
}

ferry::test::CommandResult TestServeCli::runServe(const QStringList &args, bool asNobody)
{
    ferry::test::CommandResult result;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, config());
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(env);
    if (asNobody) {
        // root reads every folder whatever its mode: the child drops to "nobody".
        process.setChildProcessModifier([] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(126);
        });
    }
    process.start(ferryBinary(), QStringList {u"serve"_s} + args);
    result.started = process.waitForStarted(10'000);
    if (!result.started)
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(StartTimeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5'000);
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestServeCli::helpListsTheOptions()
{
    const auto r = ferry::test::runCommand(ferryBinary(), {u"serve"_s, u"--help"_s}, StartTimeoutMs);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith("Usage: ferry serve [options] DIR..."), qPrintable(r.describe()));
    for (const char *option : {"--port", "--bind", "--token", "--no-auth", "--access-log", "--show-hidden", "DIR"})
        QVERIFY2(r.out.contains(option), qPrintable(u"%1 missing from:\n"_s.arg(QLatin1StringView(option)) + r.describe()));
}

void TestServeCli::printsUrlWithTokenAndServes()
{
    ServeProcess serve(config());
    QVERIFY2(serve.start(localArgs() + QStringList {shared()}), qPrintable(serve.describe()));
    QCOMPARE(serve.url().host(), u"127.0.0.1"_s);
    QVERIFY(serve.port() != 0);
    QCOMPARE(serve.url().path(), u"/"_s);
    const QByteArray token = serve.token();
    QVERIFY2(token.size() >= 22, qPrintable(serve.describe())); // 128 bits in base64url
    // The token is kept for the next run (and the window).
    QVERIFY(QDir(config()).entryList(QDir::AllDirs | QDir::NoDotAndDotDot).contains(u"Ferry"_s));

    RawResponse r = ferry::test::fetchRaw(serve.port(), requestHead(serve.port(), "/files/shared/hello.txt"_ba, token));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, HelloBytes);
    r = ferry::test::fetchRaw(serve.port(), requestHead(serve.port(), "/files/shared/hello.txt"_ba, {}));
    QCOMPARE(r.status, 401);
    QVERIFY(!r.body.contains(HelloBytes));
    // The printed URL itself opens the page (the token in the query).
    r = ferry::test::fetchRaw(serve.port(), requestHead(serve.port(), serve.url().toEncoded(QUrl::RemoveScheme
                                                                                            | QUrl::RemoveAuthority),
                                                        {}));
    QCOMPARE(r.status, 200);

    // Same token on the next run.
    QVERIFY2(serve.stopWith(SIGTERM), qPrintable(serve.describe()));
    ServeProcess again(config());
    QVERIFY2(again.start(localArgs() + QStringList {shared()}), qPrintable(again.describe()));
    QCOMPARE(again.token(), token);
}

void TestServeCli::explicitToken()
{
    ServeProcess serve(config());
    const QString log = m_dir.filePath(u"access.log"_s);
    QVERIFY2(serve.start(localArgs() + QStringList {u"--token"_s, u"my-own_token.42"_s, u"--access-log"_s, log, shared()}),
             qPrintable(serve.describe()));
    QCOMPARE(serve.token(), "my-own_token.42"_ba);
    RawResponse r = ferry::test::fetchRaw(serve.port(),
                                          requestHead(serve.port(), "/files/shared/hello.txt"_ba, "my-own_token.42"_ba));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, HelloBytes);
    // The access log is written even though nothing in the process shows the lines.
    const QByteArray expected = "\"GET /files/shared/hello.txt HTTP/1.1\" 200 "_ba
        + QByteArray::number(HelloBytes.size()) + ' ';
    QTRY_VERIFY2([&] {
        QFile f(log);
        return f.open(QIODevice::ReadOnly) && f.readAll().contains(expected);
    }(), expected.constData());
}

void TestServeCli::noAuth()
{
    ServeProcess serve(config());
    QVERIFY2(serve.start(localArgs() + QStringList {u"--no-auth"_s, shared()}), qPrintable(serve.describe()));
    QVERIFY2(!serve.url().hasQuery(), qPrintable(serve.describe()));
    const RawResponse r = ferry::test::fetchRaw(serve.port(), requestHead(serve.port(), "/files/shared/hello.txt"_ba, {}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, HelloBytes);
}

void TestServeCli::badFolder_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("missing") << u"missing"_s;
    QTest::addRow("unreadable") << u"unreadable"_s;
    QTest::addRow("a file") << u"file"_s;
}

void TestServeCli::badFolder()
{
    QFETCH(QString, kind);
    // A world-traversable base so the unprivileged child can reach the folder.
    QTemporaryDir base;
    QVERIFY(base.isValid());
    QVERIFY(QFile::setPermissions(base.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                   | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                                   | QFile::ExeOther));
    QString path = base.filePath(u"folder"_s);
    bool asNobody = false;
    if (kind == u"unreadable") {
        QVERIFY(QDir().mkpath(path));
        QVERIFY(writeFile(path + u"/inside.txt"_s, "x"_ba));
        QVERIFY(QFile::setPermissions(path, QFile::Permissions()));
        asNobody = ::geteuid() == 0;
    } else if (kind == u"file") {
        QVERIFY(writeFile(path, "not a folder"_ba));
    }
    const QString configHome = base.filePath(u"config"_s);
    QVERIFY(QDir().mkpath(configHome));
    QVERIFY(QFile::setPermissions(configHome, QFile::Permissions(0x7777)));

    const auto r = runServe(localArgs() + QStringList {path}, asNobody);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner); // so it can be removed
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
    QVERIFY2(r.exitCode != 126, "could not drop to the user nobody");
    QVERIFY2(r.errLines().size() == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(path.toUtf8()), qPrintable(r.describe()));
    QVERIFY2(!r.out.contains("http://"), qPrintable(r.describe()));
}

void TestServeCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("no folder") << QStringList {u"--port"_s, u"0"_s};
    QTest::addRow("bad port") << QStringList {u"--port"_s, u"70000"_s, u"."_s};
    QTest::addRow("port not a number") << QStringList {u"--port"_s, u"eighty"_s, u"."_s};
    QTest::addRow("bad address") << QStringList {u"--bind"_s, u"not-an-address"_s, u"."_s};
    QTest::addRow("token and no-auth") << QStringList {u"--token"_s, u"abc"_s, u"--no-auth"_s, u"."_s};
    QTest::addRow("bad token") << QStringList {u"--token"_s, u"a b/c"_s, u"."_s};
    QTest::addRow("unknown option") << QStringList {u"--frobnicate"_s, u"."_s};
}

void TestServeCli::badOptions()
{
    QFETCH(QStringList, args);
    const auto r = runServe(args);
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
    QVERIFY2(r.errLines().size() == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.startsWith("ferry serve: "), qPrintable(r.describe()));
    QVERIFY2(!r.out.contains("http://"), qPrintable(r.describe()));
}

void TestServeCli::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(taken.serverPort());
    const auto r = runServe({u"--port"_s, port, u"--bind"_s, u"127.0.0.1"_s, shared()});
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
    QVERIFY2(r.errLines().size() == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(port.toUtf8()) && r.err.contains("in use"), qPrintable(r.describe()));
    QVERIFY2(!r.out.contains("http://"), qPrintable(r.describe()));
}

void TestServeCli::signalStopsCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addRow("SIGTERM") << int(SIGTERM);
    QTest::addRow("SIGINT") << int(SIGINT);
}

void TestServeCli::signalStopsCleanly()
{
    QFETCH(int, signalNumber);
    ServeProcess serve(config());
    QVERIFY2(serve.start(localArgs() + QStringList {shared()}), qPrintable(serve.describe()));

    // One idle keep-alive connection and one in the middle of a 2 GiB body.
    RawHttpClient idle;
    QVERIFY(idle.connectTo(serve.port()));
    QVERIFY(idle.send(requestHead(serve.port(), "/files/shared/hello.txt"_ba, serve.token())));
    QCOMPARE(idle.readResponse().status, 200);
    RawHttpClient busy;
    QVERIFY(busy.connectTo(serve.port()));
    busy.socket().setReadBufferSize(64 * KiB);
    QVERIFY(busy.send(requestHead(serve.port(), "/files/shared/sparse-2g.bin"_ba, serve.token())));
    QVERIFY(busy.socket().waitForReadyRead(10'000));
    busy.socket().read(16 * KiB);

    QVERIFY2(serve.stopWith(signalNumber), qPrintable(serve.describe()));
    QCOMPARE(serve.process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(serve.process().exitCode() == 0, qPrintable(serve.describe()));
    QVERIFY2(serve.err().isEmpty(), qPrintable(serve.describe())); // no warnings on the way out
    QVERIFY(idle.waitForClose());
    QVERIFY(busy.waitForClose(20'000));
    // Nobody listens any more.
    RawHttpClient late;
    QVERIFY(!late.connectTo(serve.port(), {}, 2'000));
}

void TestServeCli::boundedMemoryWithSlowAndFastReaders()
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

void TestServeCli::peerResetMidBodyLeavesServerRunning()
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
void TestServeCli::pipelinedFloodWithoutReadingStaysBounded()
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

// The token need not be on the command line, where `ps` shows it.
void TestServeCli::tokenFromFileOrEnvironment()
{
    const QString file = m_dir.filePath(u"token.txt"_s);
    QVERIFY(writeFile(file, "file-token_123\n"_ba));
    {
        ServeProcess serve(config());
        QVERIFY2(serve.start(localArgs() + QStringList {u"--token-file"_s, file, shared()}), qPrintable(serve.describe()));
        QCOMPARE(serve.token(), "file-token_123"_ba);
        const RawResponse r = ferry::test::fetchRaw(
            serve.port(), requestHead(serve.port(), "/files/shared/hello.txt"_ba, "file-token_123"_ba));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, HelloBytes);
    }
    {
        ServeProcess serve(config());
        serve.setEnvironmentValue(u"FERRY_TOKEN"_s, u"env-token_456"_s);
        QVERIFY2(serve.start(localArgs() + QStringList {shared()}), qPrintable(serve.describe()));
        QCOMPARE(serve.token(), "env-token_456"_ba);
        QCOMPARE(ferry::test::fetchRaw(serve.port(),
                                       requestHead(serve.port(), "/files/shared/hello.txt"_ba, "env-token_456"_ba))
                     .status,
                 200);
    }
    const auto missing = runServe(localArgs() + QStringList {u"--token-file"_s, m_dir.filePath(u"nope"_s), shared()});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("token file"), missing.err.constData());
    const auto both = runServe(localArgs() + QStringList {u"--token"_s, u"a"_s, u"--token-file"_s, file, shared()});
    QCOMPARE(both.exitCode, 2);
}

// Without --bind, both families: an IPv6 peer (::1) and an IPv4 one. A
// machine without ::1 fails here rather than skipping.
void TestServeCli::listensOnIpv4AndIpv6ByDefault()
{
    ServeProcess serve(config());
    QVERIFY2(serve.start(QStringList {u"--port"_s, u"0"_s, shared()}), qPrintable(serve.describe()));
    const quint16 port = serve.port();
    QTcpSocket v6;
    v6.connectToHost(QHostAddress(QHostAddress::LocalHostIPv6), port);
    QVERIFY2(v6.waitForConnected(5'000),
             qPrintable(u"no IPv6 connection to [::1]:%1: %2 (is ::1 configured?)"_s.arg(port).arg(v6.errorString())));
    v6.write("GET /files/shared/hello.txt HTTP/1.1\r\nHost: [::1]:"_ba + QByteArray::number(port)
             + "\r\nAuthorization: Bearer "_ba + serve.token() + "\r\nConnection: close\r\n\r\n"_ba);
    QByteArray answer;
    while (v6.waitForReadyRead(5'000))
        answer += v6.readAll();
    answer += v6.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(answer.endsWith(HelloBytes));
    const RawResponse v4 = ferry::test::fetchRaw(port, requestHead(port, "/files/shared/hello.txt"_ba, serve.token()));
    QCOMPARE(v4.status, 200);
    // --bind narrows it: IPv4 loopback only.
    ServeProcess narrow(config());
    QVERIFY2(narrow.start(localArgs() + QStringList {shared()}), qPrintable(narrow.describe()));
    QTcpSocket refused;
    refused.connectToHost(QHostAddress(QHostAddress::LocalHostIPv6), narrow.port());
    QVERIFY(!refused.waitForConnected(5'000));
}

QTEST_GUILESS_MAIN(TestServeCli)
#include "tst_serve_cli.moc"
