// Checks the test server itself with plain QNetworkAccessManager requests, so
// that when an engine test fails we know the fault is the engine's, not the
// server's: ranges, If-Range, each fault, redirects, the request log.
#include "tests/support/MisbehavingServer.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::test::MisbehavingServer;

namespace {

constexpr qint64 kSize = 300 * 1024;

struct Answer {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    bool timedOut = false;
};

// A fresh manager per request: no keep-alive connection is reused, so Qt never
// silently resends a request on a connection the server closed before.
Answer fetch(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {},
             int timeoutMs = 10000)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    Answer answer;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        answer.timedOut = true;
        loop.quit();
    });
    timer.start(timeoutMs);
    loop.exec();
    if (answer.timedOut) {
        answer.body = reply->readAll();
        reply->abort();
    } else {
        answer.body = reply->readAll();
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    for (const auto &pair : reply->rawHeaderPairs())
        answer.headers.insert(pair.first.toLower(), pair.second);
    delete reply;
    return answer;
}

} // namespace

class TestMisbehavingServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        m_data = MisbehavingServer::makeData(kSize, 7);
        QCOMPARE(MisbehavingServer::makeData(kSize, 7), m_data);
        QVERIFY(MisbehavingServer::makeData(kSize, 8) != m_data);
    }

    void init()
    {
        m_server.setFile("/f"_ba, m_data);
        m_server.setBehaviour("/f"_ba, {});
        m_server.clearLog();
    }

    void honestRanges_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addRow("none") << QByteArray() << 200 << qint64(0) << kSize << QByteArray();
        QTest::addRow("0-") << "bytes=0-"_ba << 206 << qint64(0) << kSize << "bytes 0-307199/307200"_ba;
        QTest::addRow("mid") << "bytes=1000-1999"_ba << 206 << qint64(1000) << qint64(1000) << "bytes 1000-1999/307200"_ba;
        QTest::addRow("suffix") << "bytes=-100"_ba << 206 << kSize - 100 << qint64(100) << "bytes 307100-307199/307200"_ba;
        QTest::addRow("past end") << "bytes=307200-"_ba << 416 << qint64(0) << qint64(-1) << "bytes */307200"_ba;
        QTest::addRow("garbage") << "bytes=x"_ba << 200 << qint64(0) << kSize << QByteArray();
    }

    void honestRanges()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, status);
        QFETCH(qint64, start);
        QFETCH(qint64, length);
        QFETCH(QByteArray, contentRange);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!range.isEmpty())
            headers.append({"Range"_ba, range});
        const Answer a = fetch(m_server.url("/f"), headers);
        QCOMPARE(a.status, status);
        QCOMPARE(a.headers.value("content-range"_ba), contentRange);
        if (length >= 0)
            QCOMPARE(a.body, m_data.mid(start, length));
        QCOMPARE(a.headers.value("etag"_ba), m_server.etag("/f"_ba));
        QCOMPARE(m_server.requestCount("/f"), 1);
        QCOMPARE(m_server.requests("/f").constFirst().header("range"), range);
        if (length >= 0)
            QCOMPARE(m_server.totalBodyBytesSent(), length);
    }

    void ifRange()
    {
        const QByteArray etag = m_server.etag("/f"_ba);
        Answer a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}, {"If-Range"_ba, etag}});
        QCOMPARE(a.status, 206);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}, {"If-Range"_ba, "\"other\""_ba}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body, m_data);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}, {"If-Range"_ba, m_server.lastModified("/f"_ba)}});
        QCOMPARE(a.status, 206);

        MisbehavingServer::Behaviour b;
        b.ignoreIfRange = true;
        m_server.setBehaviour("/f"_ba, b);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}, {"If-Range"_ba, "\"other\""_ba}});
        QCOMPARE(a.status, 206);
        b = {};
        b.fullOnIfRange = true;
        m_server.setBehaviour("/f"_ba, b);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}, {"If-Range"_ba, etag}});
        QCOMPARE(a.status, 200);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}});
        QCOMPARE(a.status, 206);
    }

    void faults()
    {
        MisbehavingServer::Behaviour b;
        b.dropAfterBytes = 5000;
        b.misbehaveRequests = 1;
        m_server.setBehaviour("/f"_ba, b);
        // Qt 6.4 may report NoError for a body cut short by the server's FIN, so
        // only what the server did is checked here (the engine must count bytes).
        Answer a = fetch(m_server.url("/f"));
        QVERIFY(a.body.size() <= 5000);
        QCOMPARE(m_server.requests("/f").constFirst().bodyBytesSent, 5000);
        a = fetch(m_server.url("/f"));
        QCOMPARE(a.error, QNetworkReply::NoError);
        QCOMPARE(a.body, m_data);

        b = {};
        b.errorStatus = 503;
        b.retryAfterSeconds = 1;
        b.misbehaveRequests = 2;
        m_server.setBehaviour("/f"_ba, b);
        for (int i = 0; i < 2; ++i) {
            a = fetch(m_server.url("/f"));
            QCOMPARE(a.status, 503);
            QCOMPARE(a.headers.value("retry-after"_ba), "1"_ba);
            QVERIFY(a.body.contains("<html>"));
        }
        QCOMPARE(fetch(m_server.url("/f")).status, 200);

        b = {};
        b.contentRangeStartShift = 1000;
        b.contentRangeTotalShift = 1;
        m_server.setBehaviour("/f"_ba, b);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=0-99"_ba}});
        QCOMPARE(a.headers.value("content-range"_ba), "bytes 1000-1099/307201"_ba);
        QCOMPARE(a.body, m_data.left(100));

        b = {};
        b.contentRangeStartShift = 1000;
        b.shiftBody = true;
        m_server.setBehaviour("/f"_ba, b);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=0-99"_ba}});
        QCOMPARE(a.headers.value("content-range"_ba), "bytes 1000-1099/307200"_ba);
        QCOMPARE(a.body, m_data.mid(1000, 100));

        MisbehavingServer::Behaviour drop;
        drop.dropAfterBytes = 10;
        MisbehavingServer::Behaviour gone;
        gone.errorStatus = 410;
        m_server.setSequence("/f"_ba, {drop, gone});
        m_server.clearLog();
        QVERIFY(fetch(m_server.url("/f")).body.size() <= 10);
        QCOMPARE(m_server.requests("/f").constFirst().bodyBytesSent, 10);
        QCOMPARE(fetch(m_server.url("/f")).status, 410);
        QCOMPARE(fetch(m_server.url("/f")).status, 410);

        b = {};
        b.ignoreRange = true;
        m_server.setBehaviour("/f"_ba, b);
        a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=100-"_ba}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body, m_data);
        QVERIFY(!a.headers.contains("accept-ranges"_ba));

        b = {};
        b.noContentLength = true;
        m_server.setBehaviour("/f"_ba, b);
        a = fetch(m_server.url("/f"));
        QCOMPARE(a.status, 200);
        QVERIFY(!a.headers.contains("content-length"_ba));
        QCOMPARE(a.body, m_data);

        b = {};
        b.omitEtagOn206 = true;
        b.skipRequests = 1;
        m_server.setBehaviour("/f"_ba, b);
        QVERIFY(fetch(m_server.url("/f"), {{"Range"_ba, "bytes=0-"_ba}}).headers.contains("etag"_ba));
        QVERIFY(!fetch(m_server.url("/f"), {{"Range"_ba, "bytes=5-"_ba}}).headers.contains("etag"_ba));
    }

    void stall()
    {
        MisbehavingServer::Behaviour b;
        b.stallAfterBytes = 1000;
        m_server.setBehaviour("/f"_ba, b);
        const Answer a = fetch(m_server.url("/f"), {}, 1500);
        QVERIFY(a.timedOut);
        QCOMPARE(m_server.totalBodyBytesSent(), 1000);
    }

    void changeFile()
    {
        const QByteArray oldTag = m_server.etag("/f"_ba);
        MisbehavingServer::Behaviour b;
        b.changeAfterRequests = 1;
        b.changedData = MisbehavingServer::makeData(kSize, 99);
        m_server.setBehaviour("/f"_ba, b);
        QCOMPARE(fetch(m_server.url("/f")).body, m_data);
        const Answer a = fetch(m_server.url("/f"), {{"Range"_ba, "bytes=10-"_ba}, {"If-Range"_ba, oldTag}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body, b.changedData);
        QVERIFY(m_server.etag("/f"_ba) != oldTag);
        QVERIFY(a.headers.value("etag"_ba) != oldTag);
    }

    void redirects()
    {
        m_server.setRedirect("/r1"_ba, "/r2"_ba);
        m_server.setRedirect("/r2"_ba, m_server.url("/f").toEncoded(), 307);
        Answer a = fetch(m_server.url("/r1"));
        QCOMPARE(a.status, 302);
        QCOMPARE(a.headers.value("location"_ba), "/r2"_ba);
        a = fetch(m_server.url("/r2"));
        QCOMPARE(a.status, 307);
        QCOMPARE(fetch(m_server.url("/missing")).status, 404);
    }

    void throttle()
    {
        MisbehavingServer::Behaviour b;
        b.bytesPerSecond = 200 * 1024;
        m_server.setBehaviour("/f"_ba, b);
        QElapsedTimer clock;
        clock.start();
        const Answer a = fetch(m_server.url("/f"));
        QCOMPARE(a.body, m_data);
        // 300 KiB at 200 KiB/s cannot arrive in much less than 1.5 s.
        QVERIFY2(clock.elapsed() > 1000, qPrintable(QString::number(clock.elapsed())));
    }

private:
    MisbehavingServer m_server;
    QByteArray m_data;
};

QTEST_GUILESS_MAIN(TestMisbehavingServer)
#include "tst_engine_misbehavingserver.moc"
