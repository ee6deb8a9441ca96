// The engine against a real nginx (Debian nginx-light) started as a child
// process with a generated configuration in a temporary directory: several
// connections, a rate-limited location, a location without ranges, pause and
// resume with If-Range, and nginx's own 404 page. nginx's access log (with the
// Range and If-Range the engine sent) tells what was asked.
#include "core/DownloadEngine.h"
#include "tests/support/MisbehavingServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
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

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;
constexpr int kEndTimeoutMs = 40000;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// One access-log line (see the log_format in the configuration).
struct LogLine {
    QString uri;
    int status = 0;
    QString range;
    QString ifRange;
    QString acceptEncoding;
    qint64 bytes = 0;
};

} // namespace

class TestNginxInterop final : public QObject
{
    Q_OBJECT

private:
    QString root() const { return m_dir->filePath(u"www"_s); }
    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)); }

    QList<LogLine> accessLog(const QString &uri) const
    {
        static const QRegularExpression line(u"^(\\S+) (\\d+) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" (\\d+)$"_s);
        QList<LogLine> result;
        const QList<QByteArray> lines = readAll(m_dir->filePath(u"access.log"_s)).split('\n');
        for (const QByteArray &raw : lines) {
            const auto m = line.match(QString::fromUtf8(raw));
            if (!m.hasMatch() || m.captured(1) != uri)
                continue;
            // nginx writes "-" for a missing header and escapes quotes as \x22.
            const auto dash = [](QString v) { return v == u"-" ? QString() : v.replace(u"\\x22"_s, u"\""_s); };
            result.append(LogLine{m.captured(1), m.captured(2).toInt(), dash(m.captured(3)), dash(m.captured(4)),
                                  dash(m.captured(5)), m.captured(6).toLongLong()});
        }
        return result;
    }

    // nginx's ETag: "<mtime in hex>-<size in hex>".
    QString nginxEtag(const QString &file) const
    {
        const QFileInfo info(file);
        return u"\"%1-%2\""_s.arg(QString::number(info.lastModified().toSecsSinceEpoch(), 16), QString::number(info.size(), 16));
    }

    DownloadId add(const QUrl &source, int connections)
    {
        DownloadRequest request;
        request.url = source;
        request.directory = m_downloads;
        request.connections = connections;
        return m_engine->add(request);
    }

    bool waitEnd(DownloadId id)
    {
        QDeadlineTimer deadline(kEndTimeoutMs);
        while (!m_engine->snapshot(id).isFinal() && !deadline.hasExpired())
            QTest::qWait(20);
        return m_engine->snapshot(id).isFinal();
    }

    void verifyExact(DownloadId id, const QByteArray &expected)
    {
        const DownloadSnapshot s = m_engine->snapshot(id);
        QVERIFY2(s.state == DownloadState::Completed,
                 qPrintable(u"state=%1 message=%2"_s.arg(QString::fromLatin1(ferry::stateKey(s.state)), s.errorMessage)));
        QVERIFY2(readAll(s.filePath) == expected, "the downloaded file differs from nginx's");
        QVERIFY(!QFile::exists(s.filePath + u".part"_s));
        QVERIFY(!QFile::exists(s.filePath + u".part.ferry"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString nginx = QFile::exists(u"/usr/sbin/nginx"_s) ? u"/usr/sbin/nginx"_s : QStandardPaths::findExecutable(u"nginx"_s);
        QVERIFY2(!nginx.isEmpty(), "nginx is missing: run scripts/test, which installs nginx-light and the other test tools");

        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        const QDir dir(m_dir->path());
        for (const QString &sub : {u"www/slow"_s, u"www/noranges"_s, u"downloads"_s})
            QVERIFY(dir.mkpath(sub));
        m_downloads = dir.filePath(u"downloads"_s);

        {
            QTcpServer probe; // a free port, released just before nginx takes it
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            m_port = probe.serverPort();
        }
        const QString d = m_dir->path();
        const QString config = QString::fromLatin1(
            "daemon off;\n"
            "master_process off;\n"
            "worker_processes 1;\n"
            "error_log stderr warn;\n"
            "pid DIR/nginx.pid;\n"
            "events { worker_connections 128; }\n"
            "http {\n"
            "    client_body_temp_path DIR/tmp-body;\n"
            "    proxy_temp_path DIR/tmp-proxy;\n"
            "    fastcgi_temp_path DIR/tmp-fastcgi;\n"
            "    uwsgi_temp_path DIR/tmp-uwsgi;\n"
            "    scgi_temp_path DIR/tmp-scgi;\n"
            "    log_format ferry '$uri $status \"$http_range\" \"$http_if_range\" \"$http_accept_encoding\" $body_bytes_sent';\n"
            "    access_log DIR/access.log ferry;\n"
            "    default_type application/octet-stream;\n"
            "    sendfile on;\n"
            "    server {\n"
            "        listen 127.0.0.1:PORT;\n"
            "        root DIR/www;\n"
            // nginx lets one second's worth through at once (its budget is
            // rate × (elapsed + 1 s)), so the limit must be well below a
            // segment for the transfer to be throttled at all.
            "        location /slow/ { limit_rate 512k; }\n"
            "        location /noranges/ { max_ranges 0; }\n"
            "    }\n"
            "}\n").replace(u"DIR"_s, d).replace(u"PORT"_s, QString::number(m_port));
        QVERIFY(writeFile(dir.filePath(u"nginx.conf"_s), config.toUtf8()));

        m_nginx = std::make_unique<QProcess>();
        m_nginx->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_nginx->start(nginx, {u"-p"_s, d, u"-c"_s, dir.filePath(u"nginx.conf"_s), u"-e"_s, u"stderr"_s});
        QVERIFY2(m_nginx->waitForStarted(), qPrintable(m_nginx->errorString()));
        bool up = false;
        for (int i = 0; i < 100 && !up && m_nginx->state() == QProcess::Running; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            up = socket.waitForConnected(100);
            if (!up)
                QTest::qWait(50);
        }
        QVERIFY2(up, "nginx did not start listening (see its messages above)");
    }

    void cleanupTestCase()
    {
        if (m_nginx && m_nginx->state() != QProcess::NotRunning) {
            m_nginx->terminate();
            if (!m_nginx->waitForFinished(5000))
                m_nginx->kill();
            m_nginx->waitForFinished(5000);
        }
    }

    void init()
    {
        EngineOptions o;
        o.retryBaseMs = 50;
        o.retryMaxMs = 400;
        o.maxRetries = 4;
        o.stallTimeoutMs = 5000;
        o.checkpointIntervalMs = 100;
        o.minSplitBytes = 256 * KiB;
        o.progressIntervalMs = 100;
        m_engine = std::make_unique<DownloadEngine>(o);
        for (const QString &name : QDir(m_downloads).entryList(QDir::Files | QDir::Hidden))
            QFile::remove(QDir(m_downloads).filePath(name));
    }

    void cleanup()
    {
        QSignalSpy done(m_engine.get(), &DownloadEngine::shutdownFinished);
        m_engine->shutdown();
        done.wait(10000);
        m_engine.reset();
    }

    void severalConnections()
    {
        const QByteArray data = MisbehavingServer::makeData(6 * MiB + 123, 61);
        QVERIFY(writeFile(root() + u"/big.bin"_s, data));
        const DownloadId id = add(url(u"/big.bin"_s), 4);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        // nginx logs a request when it ends, so the probe need not come first.
        const auto log = accessLog(u"/big.bin"_s);
        QVERIFY(!log.isEmpty());
        QVERIFY(std::any_of(log.cbegin(), log.cend(), [](const LogLine &l) { return l.range == u"bytes=0-"; }));
        for (const LogLine &l : log) {
            QCOMPARE(l.acceptEncoding, u"identity"_s);
            QCOMPARE(l.status, 206);
        }
    }

    // limit_rate is per connection: the engine splits and each part is throttled.
    void rateLimitedLocation()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 62);
        QVERIFY(writeFile(root() + u"/slow/limited.bin"_s, data));
        const DownloadId id = add(url(u"/slow/limited.bin"_s), 4);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QSet<QString> ranges;
        qint64 bytes = 0;
        for (const LogLine &l : accessLog(u"/slow/limited.bin"_s)) {
            qDebug("%d %s %s %lld", l.status, qPrintable(l.range), qPrintable(l.ifRange), l.bytes);
            ranges.insert(l.range);
            bytes += l.bytes;
            QVERIFY2(l.status == 206, qPrintable(u"nginx answered %1"_s.arg(l.status)));
        }
        QVERIFY2(ranges.size() >= 3, qPrintable(u"%1 distinct ranges"_s.arg(ranges.size())));
        QVERIFY2(bytes < data.size() * 13 / 10, qPrintable(u"nginx sent %1 bytes for %2"_s.arg(bytes).arg(data.size())));
    }

    // max_ranges 0: nginx answers 200 to every range request. One connection, whole file.
    void rangesOff()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 63);
        QVERIFY(writeFile(root() + u"/noranges/whole.bin"_s, data));
        const DownloadId id = add(url(u"/noranges/whole.bin"_s), 4);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        QVERIFY(!m_engine->snapshot(id).resumable);
        const auto log = accessLog(u"/noranges/whole.bin"_s);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.constFirst().status, 200);
    }

    void pauseResumeSendsIfRange()
    {
        const QByteArray data = MisbehavingServer::makeData(4 * MiB, 64);
        const QString file = root() + u"/slow/resume.bin"_s;
        QVERIFY(writeFile(file, data));
        const DownloadId id = add(url(u"/slow/resume.bin"_s), 2);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(id).receivedBytes >= 1 * MiB, kEndTimeoutMs);
        m_engine->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot(id).state, DownloadState::Paused, 10000);
        QTest::qWait(200); // nginx writes the log line when the aborted request ends
        const qsizetype before = accessLog(u"/slow/resume.bin"_s).size();
        m_engine->resume(id);
        QVERIFY(waitEnd(id));
        verifyExact(id, data);
        const auto log = accessLog(u"/slow/resume.bin"_s);
        QVERIFY(log.size() > before);
        const QString etag = nginxEtag(file);
        qint64 bytes = 0;
        for (qsizetype i = 0; i < log.size(); ++i) {
            bytes += log.at(i).bytes;
            if (i < before)
                continue;
            QCOMPARE(log.at(i).ifRange, etag);
            QCOMPARE(log.at(i).status, 206);
            QVERIFY2(!log.at(i).range.startsWith(u"bytes=0-"_s), qPrintable(log.at(i).range));
        }
        QVERIFY2(bytes < data.size() * 13 / 10, qPrintable(u"nginx sent %1 bytes for %2"_s.arg(bytes).arg(data.size())));
    }

    void notFoundPageNeverLands()
    {
        const DownloadId id = add(url(u"/missing.bin"_s), 4);
        QVERIFY(waitEnd(id));
        const DownloadSnapshot s = m_engine->snapshot(id);
        QCOMPARE(s.state, DownloadState::Failed);
        QCOMPARE(s.errorKind, ErrorKind::NeedsUser);
        QVERIFY(!s.errorMessage.isEmpty());
        for (const QString &name : QDir(m_downloads).entryList(QDir::Files | QDir::Hidden)) {
            QVERIFY2(name.endsWith(u".part"_s) || name.endsWith(u".part.ferry"_s), qPrintable(name));
            QVERIFY2(!readAll(QDir(m_downloads).filePath(name)).contains("<html>"), "nginx's 404 page was written to disk");
        }
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_nginx;
    std::unique_ptr<DownloadEngine> m_engine;
    QString m_downloads;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestNginxInterop)
#include "tst_nginx_interop.moc"
