// `ferry daemon` driven by clients no one here wrote: the npm package "aria2"
// (installed by this test into the build tree) runs tests/rpc/aria2_scenario.js
// over HTTP and WebSocket against files served by MisbehavingServer on
// loopback; the files must land byte-exact and the notifications arrive. The
// oracle runs the same scenario against a real `aria2c --enable-rpc` and
// compares both transcripts field by field, except for the differences
// docs/rpc.md lists. Also: SIGTERM and aria2.shutdown stop cleanly and the
// session resumes at the next start.
#include "tests/support/CommandRun.h"
#include "tests/support/FerryCommand.h"
#include "tests/support/FerryDaemon.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;
using ferry::test::MisbehavingServer;

namespace {

constexpr char kSecret[] = "t0p-s3cret";
const QString kNpmDir = QStringLiteral(FERRY_NPM_DIR);
const QString kScenario = QStringLiteral(FERRY_TESTS_DIR "/rpc/aria2_scenario.js");

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QRandomGenerator gen(seed);
    QByteArray data(n, Qt::Uninitialized);
    for (char &c : data)
        c = char(gen.bounded(256));
    return data;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A child process that keeps running while the test talks to it.
class Daemon
{
public:
    ~Daemon() { stop(); }

    bool start(const QString &program, const QStringList &args, const QString &home, const QRegularExpression &ready)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, home);
        env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(program, args);
        if (!m_process.waitForStarted(10000))
            return false;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 15000) {
            m_out += m_process.readAllStandardOutput();
            if (ready.pattern().isEmpty() || ready.match(QString::fromUtf8(m_out)).hasMatch())
                return true;
            if (m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
        }
        return false;
    }
    // Waits for the exit; kills after the timeout.
    bool waitForExit(int ms)
    {
        const bool ok = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(ms);
        m_out += m_process.readAllStandardOutput();
        return ok;
    }
    void signal(int sig) { ::kill(pid_t(m_process.processId()), sig); }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QString out() const { return QString::fromUtf8(m_out); }
    QString err() { return QString::fromUtf8(m_process.readAllStandardError()); }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_out;
};

// One blocking JSON-RPC call over HTTP (for the steps the scenario does not do).
QJsonObject rpcCall(quint16 port, const QString &method, const QJsonArray &params, bool withToken = true)
{
    return ferry::test::rpcCall(port, withToken ? QString::fromLatin1(kSecret) : QString(), method, params);
}

} // namespace

class RpcDaemonTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void npmClientDrivesFerry();
    void oracleAgreesWithAria2c();
    void sigtermSavesAndSessionResumes();
    void shutdownOverRpc();
    void refusesToStartWithoutSecretChoiceConflict();
    void transportRules();
    void withoutSecretWebPagesAreRefused();

private:
    QJsonObject runScenario(quint16 port, const QString &dir);
    bool startFerry(Daemon &daemon, const QString &home, const QString &dir, quint16 *port,
                    const QStringList &extra = {});

    MisbehavingServer m_files;
    QString m_node;
};

void RpcDaemonTest::initTestCase()
{
    m_node = QStandardPaths::findExecutable(u"node"_s);
    const QString npm = QStandardPaths::findExecutable(u"npm"_s);
    if (m_node.isEmpty() || npm.isEmpty())
        QFAIL("node and npm are needed: run scripts/test, which installs them (Debian packages 'nodejs', 'npm')");
    if (!QFile::exists(kNpmDir + u"/node_modules/aria2/package.json"_s)) {
        QDir().mkpath(kNpmDir);
        // The npm registry is the only network this test uses, once per build tree.
        const auto install = ferry::test::runCommand(
            npm, {u"install"_s, u"--no-audit"_s, u"--no-fund"_s, u"--prefix"_s, kNpmDir, u"aria2@4.1.2"_s}, 180000);
        QVERIFY2(install.finished && install.exitCode == 0, qPrintable(install.describe()));
    }
    QVERIFY(m_files.listen());
    m_files.setFile("/a.bin", randomBytes(300000, 1));
    m_files.setFile("/b.bin", randomBytes(200000, 2));
    m_files.setFile("/c.bin", randomBytes(100000, 3));
    m_files.setFile("/slow.bin", randomBytes(4 << 20, 4));
    MisbehavingServer::Behaviour slow;
    slow.bytesPerSecond = 256 * 1024; // the scenario pauses, resumes and removes it while it runs
    m_files.setBehaviour("/slow.bin", slow);
}

bool RpcDaemonTest::startFerry(Daemon &daemon, const QString &home, const QString &dir, quint16 *port,
                               const QStringList &extra)
{
    const QRegularExpression ready(u"http://127\\.0\\.0\\.1:(\\d+)/jsonrpc"_s);
    QStringList args{u"daemon"_s, u"--rpc-port"_s, u"0"_s, u"--rpc-secret"_s, QLatin1StringView(kSecret),
                     u"-d"_s, dir};
    if (!daemon.start(ferry::test::ferryBinary(), args + extra, home, ready))
        return false;
    *port = quint16(ready.match(daemon.out()).captured(1).toUInt());
    return *port != 0;
}

QJsonObject RpcDaemonTest::runScenario(quint16 port, const QString &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, kNpmDir + u"/node_modules"_s);
    const auto run = ferry::test::runCommand(m_node, {kScenario, QString::number(port), QLatin1StringView(kSecret),
                                                      m_files.url("").toString(), dir},
                                             120000, QString(), env);
    if (!run.finished || run.exitCode != 0) {
        qWarning("%s", qPrintable(run.describe()));
        return {};
    }
    return QJsonDocument::fromJson(run.out).object();
}

namespace {
QJsonValue stepResult(const QJsonObject &transcript, const QString &name)
{
    for (const QJsonValue &v : transcript.value(u"steps"_s).toArray()) {
        const QJsonObject step = v.toObject();
        if (step.value(u"step"_s).toString() == name)
            return step.contains(u"result"_s) ? step.value(u"result"_s) : QJsonValue(u"ERROR: "_s + step.value(u"error"_s).toString());
    }
    return QJsonValue(u"MISSING STEP"_s);
}
} // namespace

void RpcDaemonTest::npmClientDrivesFerry()
{
    QTemporaryDir home;
    const QString dir = home.filePath(u"downloads"_s);
    Daemon ferry;
    quint16 port = 0;
    QVERIFY2(startFerry(ferry, home.path(), dir, &port), qPrintable(ferry.out() + ferry.err()));
    const QJsonObject t = runScenario(port, dir);
    QVERIFY(!t.isEmpty());

    // The outcome: the files the client asked for, byte-exact; the removed one's data kept as .part.
    for (const char *name : {"a.bin", "c.bin"}) {
        QFile file(dir + u'/' + QLatin1StringView(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), name);
        QCOMPARE(file.readAll(), m_files.fileData(QByteArray("/") + name));
    }
    QVERIFY(!QFile::exists(dir + u"/b.bin"_s));
    QVERIFY(!QFile::exists(dir + u"/slow.bin"_s));
    QVERIFY(!QFile::exists(dir + u"/missing.bin"_s));

    // What the client saw, step by step (HTTP first, then the WebSocket).
    QCOMPARE(stepResult(t, u"unauthorized"_s).toString(), u"ERROR: Unauthorized"_s);
    QCOMPARE(stepResult(t, u"noSuchMethod"_s).toString(), u"ERROR: No such method: aria2.nope"_s);
    QCOMPARE(stepResult(t, u"addUri a"_s).toString(), u"a GID"_s);
    QCOMPARE(stepResult(t, u"waiting after add at 0"_s).toArray(), (QJsonArray{u"<c>"_s, u"<a>"_s, u"<b>"_s}));
    QCOMPARE(stepResult(t, u"waiting after b to 0"_s).toArray(), (QJsonArray{u"<b>"_s, u"<c>"_s, u"<a>"_s}));
    // b one down, then a to one before the end (aria2's IndexedList::move)
    QCOMPARE(stepResult(t, u"waiting after moves"_s).toArray(), (QJsonArray{u"<c>"_s, u"<a>"_s, u"<b>"_s}));
    // getServers on a running download: its one file, with its server.
    QCOMPARE(stepResult(t, u"ws getServers d"_s).toArray(), (QJsonArray{QJsonArray{u"1"_s, true}}));
    QCOMPARE(stepResult(t, u"tellStatus a by prefix"_s).toObject().value(u"gid"_s).toString(), u"<a>"_s);
    QCOMPARE(stepResult(t, u"tellStatus bad gid"_s).toString(), u"ERROR: Invalid GID xyz"_s);
    QCOMPARE(stepResult(t, u"tellStatus wrong type"_s).toString(), u"ERROR: The parameter at 0 has wrong type."_s);
    QCOMPARE(stepResult(t, u"a completes"_s).toString(), u"complete"_s);
    QCOMPARE(stepResult(t, u"ws c completes"_s).toString(), u"complete"_s);
    QCOMPARE(stepResult(t, u"ws missing fails"_s).toString(), u"error"_s);
    QCOMPARE(stepResult(t, u"ws tellStatus missing"_s).toObject().value(u"errorCode"_s).toString(), u"3"_s);
    QCOMPARE(stepResult(t, u"ws d paused"_s).toString(), u"paused"_s);
    QCOMPARE(stepResult(t, u"ws d active again"_s).toString(), u"active"_s);
    QCOMPARE(stepResult(t, u"ws d removed"_s).toString(), u"removed"_s);
    QCOMPARE(stepResult(t, u"ws tellStatus removed d"_s).toObject().value(u"errorCode"_s).toString(), u"31"_s);
    QCOMPARE(stepResult(t, u"ws max-concurrent-downloads"_s).toString(), u"2"_s);
    QCOMPARE(stepResult(t, u"ws stopped after purge"_s).toString(), u"0"_s);
    const QJsonArray multicall = stepResult(t, u"ws multicall"_s).toArray();
    QCOMPARE(multicall.size(), 3);
    QCOMPARE(multicall.at(0), QJsonValue(QJsonArray{QJsonObject{{u"status"_s, u"complete"_s}}}));
    QCOMPARE(multicall.at(1).toObject().value(u"message"_s).toString(), u"Invalid GID xyz"_s);

    // The notifications, over the WebSocket, in order per download.
    const QJsonArray notes = t.value(u"notifications"_s).toArray();
    const QStringList seen = [&] {
        QStringList list;
        for (const QJsonValue &n : notes)
            list << n.toString();
        return list;
    }();
    for (const QString &expected : {u"onDownloadStart <c>"_s, u"onDownloadComplete <c>"_s, u"onDownloadStart <m>"_s,
                                    u"onDownloadError <m>"_s, u"onDownloadStart <d>"_s, u"onDownloadPause <d>"_s,
                                    u"onDownloadStop <d>"_s})
        QVERIFY2(seen.contains(expected), qPrintable(expected + u" not in "_s + seen.join(u", "_s)));
    QVERIFY(seen.indexOf(u"onDownloadStart <c>"_s) < seen.indexOf(u"onDownloadComplete <c>"_s));
    QVERIFY(seen.indexOf(u"onDownloadPause <d>"_s) < seen.lastIndexOf(u"onDownloadStart <d>"_s));
    QVERIFY(seen.lastIndexOf(u"onDownloadStart <d>"_s) < seen.indexOf(u"onDownloadStop <d>"_s));

    ferry.signal(SIGTERM);
    QVERIFY(ferry.waitForExit(15000));
    QCOMPARE(ferry.process().exitCode(), 0);
}

void RpcDaemonTest::oracleAgreesWithAria2c()
{
    const QString aria2c = QStandardPaths::findExecutable(u"aria2c"_s);
    if (aria2c.isEmpty())
        QFAIL("aria2c is needed: run scripts/test, which installs it (Debian package 'aria2')");
    QTemporaryDir home;
    const QString ferryDir = home.filePath(u"ferry"_s);
    const QString ariaDir = home.filePath(u"aria2"_s);
    QDir().mkpath(ariaDir);

    Daemon ferry;
    quint16 ferryPort = 0;
    QVERIFY2(startFerry(ferry, home.path(), ferryDir, &ferryPort), qPrintable(ferry.out() + ferry.err()));
    const QJsonObject ours = runScenario(ferryPort, ferryDir);
    QVERIFY(!ours.isEmpty());

    Daemon aria;
    const quint16 ariaPort = freePort();
    QVERIFY(aria.start(aria2c,
                       {u"--enable-rpc"_s, u"--rpc-listen-port=%1"_s.arg(ariaPort), u"--rpc-secret="_s + QLatin1StringView(kSecret),
                        u"--dir="_s + ariaDir, u"--no-conf"_s, u"--quiet"_s, u"-j3"_s},
                       home.path(), QRegularExpression()));
    // aria2c prints nothing when ready: wait until its port answers.
    QTRY_VERIFY_WITH_TIMEOUT(rpcCall(ariaPort, u"aria2.getVersion"_s, {}).contains(u"result"_s), 10000);
    const QJsonObject theirs = runScenario(ariaPort, ariaDir);
    QVERIFY(!theirs.isEmpty());

    // Where Ferry answers differently on purpose (docs/rpc.md, "What differs from aria2").
    const QStringList documented{
        u"tellStatus a complete"_s,   // aria2 repeats the URI once per idle connection in files[].uris
        u"getFiles a"_s,              // the same
        u"getUris a"_s,               // aria2 forgets a finished download's URIs; Ferry answers them
        u"ws batch"_s,                // the same getUris
        u"ws getServers d"_s,         // aria2 may list no server yet just after a resume; the file index is compared below
    };
    const QJsonArray ourSteps = ours.value(u"steps"_s).toArray();
    const QJsonArray theirSteps = theirs.value(u"steps"_s).toArray();
    QCOMPARE(ourSteps.size(), theirSteps.size());
    int compared = 0;
    for (qsizetype i = 0; i < ourSteps.size(); ++i) {
        const QJsonObject a = ourSteps.at(i).toObject();
        const QJsonObject b = theirSteps.at(i).toObject();
        const QString name = a.value(u"step"_s).toString();
        QCOMPARE(name, b.value(u"step"_s).toString());
        if (documented.contains(name))
            continue;
        QVERIFY2(a == b, qPrintable(u"step '%1' differs:\n  ferry: %2\n  aria2: %3"_s.arg(
                             name, QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)),
                             QString::fromUtf8(QJsonDocument(b).toJson(QJsonDocument::Compact)))));
        ++compared;
    }
    QVERIFY(compared >= 40);
    // getServers: the one file, index "1", on both.
    QCOMPARE(stepResult(ours, u"ws getServers d"_s).toArray().first().toArray().first(),
             stepResult(theirs, u"ws getServers d"_s).toArray().first().toArray().first());
    // The same notifications for the same downloads, in the same order.
    QCOMPARE(ours.value(u"notifications"_s).toArray(), theirs.value(u"notifications"_s).toArray());
    // And the same files on disk.
    for (const char *name : {"a.bin", "c.bin"}) {
        QFile x(ferryDir + u'/' + QLatin1StringView(name));
        QFile y(ariaDir + u'/' + QLatin1StringView(name));
        QVERIFY(x.open(QIODevice::ReadOnly) && y.open(QIODevice::ReadOnly));
        QCOMPARE(x.readAll(), y.readAll());
    }
    aria.signal(SIGTERM);
    ferry.signal(SIGTERM);
    QVERIFY(ferry.waitForExit(15000));
    QVERIFY(aria.waitForExit(15000));
}

void RpcDaemonTest::sigtermSavesAndSessionResumes()
{
    QTemporaryDir home;
    const QString dir = home.filePath(u"downloads"_s);
    Daemon first;
    quint16 port = 0;
    QVERIFY2(startFerry(first, home.path(), dir, &port), qPrintable(first.out() + first.err()));
    const QJsonObject added = rpcCall(port, u"aria2.addUri"_s,
                                      {QJsonArray{m_files.url("/b.bin").toString()},
                                       QJsonObject{{u"pause"_s, u"true"_s}, {u"out"_s, u"kept.bin"_s}}});
    QVERIFY2(added.value(u"result"_s).isString(), QJsonDocument(added).toJson().constData());
    first.signal(SIGTERM);
    QVERIFY(first.waitForExit(15000));
    QCOMPARE(first.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.process().exitCode(), 0);

    // The next start has it, paused, with its link and name; unpausing finishes it.
    Daemon second;
    QVERIFY2(startFerry(second, home.path(), dir, &port), qPrintable(second.out() + second.err()));
    const QJsonArray waiting = rpcCall(port, u"aria2.tellWaiting"_s, {0, 10}).value(u"result"_s).toArray();
    QCOMPARE(waiting.size(), 1);
    const QJsonObject entry = waiting.first().toObject();
    QCOMPARE(entry.value(u"status"_s).toString(), u"paused"_s);
    QCOMPARE(entry.value(u"files"_s).toArray().first().toObject().value(u"uris"_s).toArray().first().toObject()
                 .value(u"uri"_s).toString(),
             m_files.url("/b.bin").toString());
    const QString gid = entry.value(u"gid"_s).toString();
    QCOMPARE(rpcCall(port, u"aria2.unpause"_s, {gid}).value(u"result"_s).toString(), gid);
    QTRY_COMPARE_WITH_TIMEOUT(rpcCall(port, u"aria2.tellStatus"_s, {gid, QJsonArray{u"status"_s}})
                                  .value(u"result"_s).toObject().value(u"status"_s).toString(),
                              u"complete"_s, 20000);
    QFile file(dir + u"/kept.bin"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), m_files.fileData("/b.bin"));
    second.signal(SIGINT);
    QVERIFY(second.waitForExit(15000));
    QCOMPARE(second.process().exitCode(), 0);
}

void RpcDaemonTest::shutdownOverRpc()
{
    QTemporaryDir home;
    Daemon ferry;
    quint16 port = 0;
    QVERIFY2(startFerry(ferry, home.path(), home.filePath(u"d"_s), &port), qPrintable(ferry.out() + ferry.err()));
    // A wrong token does not stop it.
    const QJsonObject refused = rpcCall(port, u"aria2.shutdown"_s, {u"token:nope"_s}, false);
    QCOMPARE(refused.value(u"error"_s).toObject().value(u"message"_s).toString(), u"Unauthorized"_s);
    QCOMPARE(ferry.process().state(), QProcess::Running);
    QCOMPARE(rpcCall(port, u"aria2.shutdown"_s, {}).value(u"result"_s).toString(), u"OK"_s);
    QVERIFY(ferry.waitForExit(15000));
    QCOMPARE(ferry.process().exitCode(), 0);
    QVERIFY(QFile::exists(home.filePath(u"data/Ferry/ferry/daemon-session.json"_s)));
}

void RpcDaemonTest::refusesToStartWithoutSecretChoiceConflict()
{
    QTemporaryDir home;
    const auto both = ferry::test::runCommand(ferry::test::ferryBinary(),
                                              {u"daemon"_s, u"--rpc-secret"_s, u"x"_s, u"--rpc-no-secret"_s}, 10000);
    QCOMPARE(both.exitCode, 2);
    QVERIFY2(both.err.contains("use only one of"), both.err.constData());
    const auto badPort = ferry::test::runCommand(ferry::test::ferryBinary(), {u"daemon"_s, u"--rpc-port"_s, u"70000"_s}, 10000);
    QCOMPARE(badPort.exitCode, 2);
    // A port in use: one clear line, exit 1.
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    const auto inUse = ferry::test::runCommand(ferry::test::ferryBinary(),
                                               {u"daemon"_s, u"--rpc-port"_s, QString::number(taken.serverPort())},
                                               10000, home.path(), env);
    QCOMPARE(inUse.exitCode, 1);
    QVERIFY2(inUse.err.contains("cannot listen on port"), inUse.err.constData());
}

namespace {
// Bytes exactly as written, the answer until the server closes or `ms` pass.
QByteArray rawExchange(quint16 port, const QByteArray &bytes, int ms = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray answer;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(100);
        answer += socket.readAll();
        if (answer.contains("\r\n\r\n")) {
            const qsizetype head = answer.indexOf("\r\n\r\n") + 4;
            const QRegularExpression length(u"Content-Length: (\\d+)"_s);
            const auto m = length.match(QString::fromLatin1(answer.left(head)));
            if (m.hasMatch() && answer.size() >= head + m.captured(1).toLongLong())
                break;
        }
    }
    answer += socket.readAll();
    return answer;
}
QByteArray post(const QByteArray &body, const QByteArray &extra = {})
{
    return "POST /jsonrpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
} // namespace

// Over a real socket: one JSON-RPC error per bad request, bounded bodies, CORS
// and Private Network Access, GET with base64 params and JSONP, keep-alive.
void RpcDaemonTest::transportRules()
{
    QTemporaryDir home;
    Daemon ferry;
    quint16 port = 0;
    QVERIFY2(startFerry(ferry, home.path(), home.filePath(u"d"_s), &port), qPrintable(ferry.out() + ferry.err()));

    QByteArray answer = rawExchange(port, post("{\"id\":1,"));
    QVERIFY2(answer.startsWith("HTTP/1.1 500"), answer.constData());
    QVERIFY(answer.contains("\"code\":-32700"));

    // 3 MiB announced: refused at once with 413 and a JSON-RPC error, the body never read.
    answer = rawExchange(port, "POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 3145728\r\n\r\n"
                                   + QByteArray(64 * 1024, '['));
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    QVERIFY(answer.contains("Request too large."));
    QCOMPARE(ferry.process().state(), QProcess::Running);

    answer = rawExchange(port, "OPTIONS /jsonrpc HTTP/1.1\r\nHost: x\r\nOrigin: https://ariang.example\r\n"
                               "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n"
                               "Access-Control-Request-Private-Network: true\r\nContent-Length: 0\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    for (const char *header : {"Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: POST, GET, OPTIONS",
                               "Access-Control-Allow-Headers: content-type", "Access-Control-Allow-Private-Network: true"})
        QVERIFY2(answer.contains(header), header);

    // GET with base64 params, JSONP.
    const QByteArray params = QUrl::toPercentEncoding(QString::fromLatin1(
        QByteArray("[\"token:" + QByteArray(kSecret) + "\"]").toBase64()));
    answer = rawExchange(port, "GET /jsonrpc?method=aria2.getGlobalStat&id=7&params=" + params
                                   + "&jsoncallback=cb HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(answer.contains("Content-Type: text/javascript"), answer.constData());
    QVERIFY(answer.contains("cb({\"id\":\"7\""));

    // Two requests on one keep-alive connection, pipelined.
    const QByteArray one = post("{\"id\":1,\"method\":\"system.listNotifications\"}");
    answer = rawExchange(port, one + one, 3000);
    QCOMPARE(answer.count("HTTP/1.1 200"), 2);

    // Wrong path, wrong method.
    QVERIFY(rawExchange(port, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 404"));
    QVERIFY(rawExchange(port, "PUT /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 405"));
    ferry.signal(SIGTERM);
    QVERIFY(ferry.waitForExit(15000));
}

void RpcDaemonTest::withoutSecretWebPagesAreRefused()
{
    QTemporaryDir home;
    Daemon ferry;
    const QRegularExpression ready(u"http://127\\.0\\.0\\.1:(\\d+)/jsonrpc"_s);
    QVERIFY(ferry.start(ferry::test::ferryBinary(),
                        {u"daemon"_s, u"--rpc-port"_s, u"0"_s, u"--rpc-no-secret"_s, u"-d"_s, home.filePath(u"d"_s)},
                        home.path(), ready));
    QVERIFY(ferry.out().contains(u"No secret"_s));
    const quint16 port = quint16(ready.match(ferry.out()).captured(1).toUInt());
    // A program: fine without a token.
    QByteArray answer = rawExchange(port, post("{\"id\":1,\"method\":\"aria2.getGlobalStat\",\"params\":[]}"));
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(!answer.contains("Access-Control-Allow-Origin"));
    // A web page (it carries an Origin): refused, nothing added.
    answer = rawExchange(port, post("{\"id\":1,\"method\":\"aria2.addUri\",\"params\":[[\"http://127.0.0.1:9/x\"]]}",
                                    "Origin: http://evil.example\r\n"));
    QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());
    answer = rawExchange(port, post("{\"id\":1,\"method\":\"aria2.getGlobalStat\",\"params\":[]}"));
    QVERIFY(answer.contains("\"numWaiting\":\"0\""));
    QVERIFY(answer.contains("\"numActive\":\"0\""));
    ferry.signal(SIGTERM);
    QVERIFY(ferry.waitForExit(15000));
}

QTEST_GUILESS_MAIN(RpcDaemonTest)
#include "tst_rpc_daemon.moc"
