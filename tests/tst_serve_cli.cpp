// `ferry serve` as a user runs it: the real executable as a child process on
// 127.0.0.1 with a private settings folder. It prints the URL with the token
// and serves files with it; --token, --token-file, FERRY_TOKEN, --no-auth and
// --help do what they say; a missing, unreadable or non-folder path, a port in
// use and bad options give one clear line and a non-zero exit; SIGTERM and
// SIGINT stop it cleanly (exit 0) even in the middle of a transfer; without
// --bind it listens on IPv4 and IPv6. What heavy and hostile peers cost the
// server is tst_serve_peers.
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/RawHttpClient.h"
#include "tests/support/ServeProcess.h"

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
using ferry::test::writeFile;
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
    result.finished = process.waitForFinished(ferry::test::kServeStartTimeoutMs);
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
    const auto r = ferry::test::runCommand(ferryBinary(), {u"serve"_s, u"--help"_s}, ferry::test::kServeStartTimeoutMs);
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
