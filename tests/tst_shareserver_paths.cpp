// What the share server lets out of its roots, over a real socket: the
// sandbox (CONFORMANCE.md path list plus variants — no byte from outside a
// root, no path echoed), the listings (/api/files JSON, HTML), /api/status and
// the page; and the small pure pieces: AccessToken, SignedLink, AccessLog,
// Content-Disposition. Who may ask: tst_shareserver_access.
#include "server/AccessLog.h"
#include "server/AccessToken.h"
#include "server/FileResponse.h"
#include "server/ShareServer.h"
#include "server/SignedLink.h"
#include "tests/support/LiveShare.h"
#include "tests/support/ShareServerPair.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QDateTime>


using namespace Qt::StringLiterals;
using ferry::test::kLinkSecret;
using ferry::test::LiveShare;
using ferry::test::startShareServerPair;
using ferry::test::RawHttpClient;
using ferry::test::RawResponse;

namespace {

QJsonObject jsonOf(const RawResponse &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QStringList namesOf(const QJsonObject &listing)
{
    QStringList names;
    for (const QJsonValue &v : listing.value(u"entries"_s).toArray())
        names.append(v.toObject().value(u"name"_s).toString());
    return names;
}
} // namespace

class TestShareServerPaths final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // pure pieces
    void accessToken();
    void signedLinkSignature();
    void accessLogSanitises();
    void contentDisposition_data();
    void contentDisposition();

    // sandbox
    void hostilePaths_data();
    void hostilePaths();
    void goodPaths();
    void directoryRedirectStaysRelative();
    void hiddenFilesWhenEnabled();

    // listings and status
    void apiFilesRoots();
    void apiFilesFolder();
    void apiFilesRefusesOutside_data();
    void apiFilesRefusesOutside();
    void htmlListing();
    void apiStatus();
    void webPage();

private:
    LiveShare m_share;   // token required
    LiveShare m_open;    // --no-auth, so the sandbox alone must stop the paths
};

void TestShareServerPaths::initTestCase()
{
    QVERIFY(startShareServerPair(m_share, m_open));
}

void TestShareServerPaths::cleanupTestCase()
{
    m_share.stop();
    m_open.stop();
}

// --- pure pieces -------------------------------------------------------------

void TestShareServerPaths::accessToken()
{
    const QByteArray a = ferry::AccessToken::generate();
    const QByteArray b = ferry::AccessToken::generate();
    QCOMPARE(a.size(), 22); // 128 bits in base64url without padding
    QVERIFY(a != b);
    QVERIFY(ferry::AccessToken::isUsable(a));
    QCOMPARE(QByteArray::fromBase64(a, QByteArray::Base64UrlEncoding).size(), 16);
    QVERIFY(ferry::AccessToken::matches(a, a));
    QVERIFY(!ferry::AccessToken::matches(b, a));
    QVERIFY(!ferry::AccessToken::matches(a.left(21), a));
    QVERIFY(!ferry::AccessToken::matches(QByteArray(a + 'x'), a));
    QVERIFY(!ferry::AccessToken::matches({}, a));
    QVERIFY(!ferry::AccessToken::matches({}, {}));
    QVERIFY(!ferry::AccessToken::isUsable("has space"));
    QVERIFY(!ferry::AccessToken::isUsable("semi;colon"));
    QVERIFY(!ferry::AccessToken::isUsable(""));
}

void TestShareServerPaths::signedLinkSignature()
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    const QByteArray target = ferry::SignedLink::makeTarget(kLinkSecret, u"Music/a b.flac"_s, now.addSecs(60));
    QVERIFY(target.startsWith("/files/Music/a%20b.flac?exp=1700000060&sig="));
    const qsizetype q = target.indexOf('?');
    const QByteArray path = target.mid(7, q - 7);
    const QByteArray query = target.mid(q + 1);
    using Check = ferry::SignedLink::Check;
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, path, query, now), Check::Valid);
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, "Music/a%20b.flac", query, now), Check::Valid);
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, path, query, now.addSecs(60)), Check::Expired);
    QCOMPARE(ferry::SignedLink::verify(QByteArray(32, 'x'), path, query, now), Check::BadSignature);
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, "Music/b.flac", query, now), Check::BadSignature);
    QByteArray later = query;
    later.replace("exp=1700000060", "exp=1800000060");
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, path, later, now), Check::BadSignature);
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, path, "a=b", now), Check::Missing);
    QCOMPARE(ferry::SignedLink::verify(kLinkSecret, path, "exp=1700000060", now), Check::BadSignature);
}

void TestShareServerPaths::accessLogSanitises()
{
    QCOMPARE(ferry::AccessLog::sanitise("GET /a\x1b[31m\"b HTTP/1.1"), "GET /a\\x1b[31m\\x22b HTTP/1.1"_ba);
    QCOMPARE(ferry::AccessLog::sanitise(QByteArray(600, 'a')).size(), 512 + 3);
    QCOMPARE(ferry::AccessLog::sanitise("\xe4\xb8\xad"), "\\xe4\\xb8\\xad"_ba);
    const QString line = ferry::AccessLog::formatLine(u"10.0.0.2"_s, QDateTime::fromSecsSinceEpoch(0, Qt::UTC),
                                                      "GET / HTTP/1.1", 200, 1234, 5);
    QCOMPARE(line, u"10.0.0.2 [1970-01-01T00:00:00.000Z] \"GET / HTTP/1.1\" 200 1234 5ms"_s);
    // The access token never reaches the log.
    QCOMPARE(ferry::AccessLog::maskToken("GET /?token=s3cr3t HTTP/1.1"), "GET /?token=*** HTTP/1.1"_ba);
    QCOMPARE(ferry::AccessLog::maskToken("GET /files/a?x=1&token=s3cr3t&y=2 HTTP/1.1"),
             "GET /files/a?x=1&token=***&y=2 HTTP/1.1"_ba);
    QCOMPARE(ferry::AccessLog::maskToken("GET /files/a?mytoken=1 HTTP/1.1"), "GET /files/a?mytoken=1 HTTP/1.1"_ba);
    QCOMPARE(ferry::AccessLog::maskToken("GET /token=1 HTTP/1.1"), "GET /token=1 HTTP/1.1"_ba);
    QCOMPARE(ferry::AccessLog::maskToken("GET /?token=a&token=b"), "GET /?token=***&token=***"_ba);
    const QString masked = ferry::AccessLog::formatLine(u"10.0.0.2"_s, QDateTime::fromSecsSinceEpoch(0, Qt::UTC),
                                                        "GET /?token=s3cr3t HTTP/1.1", 200, 0, 1);
    QVERIFY2(!masked.contains(u"s3cr3t"_s), qPrintable(masked));
}

void TestShareServerPaths::contentDisposition_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("ascii") << u"report.pdf"_s << "inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"_ba;
    QTest::addRow("chinese") << u"中文 名字.txt"_s
                             << "inline; filename=\"__ __.txt\"; filename*=UTF-8''%E4%B8%AD%E6%96%87%20%E5%90%8D%E5%AD%97.txt"_ba;
    QTest::addRow("quotes and backslash") << u"a\"b\\c%.txt"_s
                                          << "inline; filename=\"a_b_c_.txt\"; filename*=UTF-8''a%22b%5Cc%25.txt"_ba;
}

void TestShareServerPaths::contentDisposition()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    QCOMPARE(ferry::FileResponse::contentDisposition(name), expected);
}

// --- sandbox -----------------------------------------------------------------

void TestShareServerPaths::hostilePaths_data()
{
    QTest::addColumn<QByteArray>("target");
    const char *targets[] = {
        // CONFORMANCE.md
        "/files/../../etc/passwd", "/files/%2e%2e/%2e%2e/etc/passwd", "/files/.%2e/.%2e/etc/passwd",
        "/files/.%252e/.%252e/etc/passwd", "/files/..%5c..%5cetc%5cpasswd", "/files/..\\..\\etc\\passwd",
        "/files/%c0%ae%c0%ae/%c0%af", "/files/secret%00.txt", "/files/%00", "/files/C:/Windows/win.ini",
        "/files/NUL", "/files/share/link-out/passwd", "/files/share/.hidden", "//evil.example/%2e%2e",
        // our variants: escaping the root through each encoding and each link
        "/files/share/../secret.txt", "/files/share/../outside/secret.txt", "/files/share/%2e%2e/secret.txt",
        "/files/share/%2E%2E/outside/secret.txt", "/files/share/..%2fsecret.txt", "/files/share/..%2Fsecret.txt",
        "/files/share/%2e%2e%2f%2e%2e%2fsecret.txt", "/files/share/sub/../../secret.txt",
        "/files/share/./../secret.txt", "/files/share//../secret.txt", "/files/share%2f..%2fsecret.txt",
        "/files/share/sub%5c..%5c..%5csecret.txt", "/files/share/link-out", "/files/share/link-out/",
        "/files/share/link-out/secret.txt", "/files/share/secret-link.txt", "/files/share/.hiddendir/x.txt",
        "/files/share/.hiddendir/", "/files/share/%2ehidden", "/files/share/sub/../.hidden",
        "/files/share/data.bin%00.txt", "/files/share/%ff.txt", "/files/share/%e4%b8.txt",
        "/files/share/%c0%ae%c0%ae/secret.txt", "/files/share/..", "/files/share/../", "/files/..",
        "/files/%2e%2e", "/files/share/...", "/files//etc/passwd", "/files/%2fetc%2fpasswd",
        "/files/share/%252e%252e/secret.txt", "/files/share/..;/secret.txt", "/files/~/secret.txt",
        "/files/share/\xc0\xae\xc0\xae/secret.txt", "/../../etc/passwd", "/assets/../secret.txt",
        "/assets/%2e%2e%2fsecret.txt", "/assets/..%2f..%2fetc%2fpasswd", "/files/share/link-out/../secret.txt",
        "//evil.example/", "/files/share/sub/..%2f..%2f..%2fsecret.txt",
    };
    for (const char *t : targets)
        QTest::addRow("%s", t) << QByteArray(t);
}

void TestShareServerPaths::hostilePaths()
{
    QFETCH(QByteArray, target);
    for (LiveShare *share : {&m_open, &m_share}) {
        for (const QByteArray &method : {"GET"_ba, "HEAD"_ba}) {
            const RawResponse r =
                ferry::test::fetchRaw(share->port(), share->requestHead(method, target), method == "HEAD");
            QVERIFY2(r.valid, target.constData());
            QVERIFY2(r.status == 400 || r.status == 403 || r.status == 404 || r.status == 301,
                     QByteArray::number(r.status).constData());
            QVERIFY(!r.body.contains(LiveShare::SecretMarker));
            for (const char *echo : {"passwd", "etc", "evil", "secret", "Windows", "hidden", "link-out", "outside",
                                     "..", "%2"}) {
                QVERIFY2(!r.body.contains(echo), echo);
                QVERIFY2(!r.rawHead.contains(echo) || r.status == 301, echo);
            }
            if (r.status == 301) {
                // A redirect stays on this server and inside /files.
                const QByteArray location = r.header("location");
                QVERIFY2(location.startsWith("./") && !location.contains("//") && !location.contains(".."),
                         location.constData());
            }
        }
    }
}

void TestShareServerPaths::goodPaths()
{
    RawResponse r = m_share.get("/files/share/data.bin"_ba);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());
    QCOMPARE(r.header("content-disposition"), "inline; filename=\"data.bin\"; filename*=UTF-8''data.bin"_ba);

    r = m_share.get("/files/share/data-link.bin"_ba); // a symlink that stays inside
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, LiveShare::knownBytes());

    r = m_share.get("/files/share/%E4%B8%AD%E6%96%87%20%E5%90%8D%E5%AD%97.txt"_ba);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "zhong wen\n"_ba);
    QVERIFY(r.header("content-disposition").endsWith("filename*=UTF-8''%E4%B8%AD%E6%96%87%20%E5%90%8D%E5%AD%97.txt"));
    QCOMPARE(r.header("content-type"), "text/plain; charset=utf-8"_ba);

    r = m_share.get("/files/share/sub/deeper/../inner.txt"_ba); // dot segments inside the root are fine
    QVERIFY(r.status == 200 || r.status == 400);
    if (r.status == 200)
        QCOMPARE(r.body, "inner file\n"_ba);

    r = m_share.get("/files/share/data.bin/"_ba);
    QCOMPARE(r.status, 404);
    r = m_share.get("/files/share/missing.bin"_ba);
    QCOMPARE(r.status, 404);
}

void TestShareServerPaths::directoryRedirectStaysRelative()
{
    RawResponse r = m_share.get("/files/share/sub"_ba);
    QCOMPARE(r.status, 301);
    QCOMPARE(r.header("location"), "./sub/"_ba);
    r = m_share.get("/files/share"_ba);
    QCOMPARE(r.status, 301);
    QCOMPARE(r.header("location"), "./share/"_ba);
    r = m_share.get("/files"_ba);
    QCOMPARE(r.status, 301);
    QCOMPARE(r.header("location"), "./files/"_ba);
    r = m_share.get("/files/share/dir%20with%20space"_ba);
    QCOMPARE(r.status, 301);
    QCOMPARE(r.header("location"), "./dir%20with%20space/"_ba);
}

void TestShareServerPaths::hiddenFilesWhenEnabled()
{
    LiveShare shown;
    QVERIFY(shown.start([](ferry::ShareSettings &s) { s.showHidden = true; }));
    RawResponse r = shown.get("/files/share/.hidden"_ba);
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith("hidden "));
    const QStringList names = namesOf(jsonOf(shown.get("/api/files?path=share"_ba)));
    QVERIFY(names.contains(u".hidden"_s));
    QVERIFY(!names.contains(u"link-out"_s));
    // Showing dotfiles never opens the way out.
    r = shown.get("/files/share/link-out/secret.txt"_ba);
    QVERIFY(r.status == 403 || r.status == 404);
    QVERIFY(!r.body.contains(LiveShare::SecretMarker));
}

// --- listings and status -------------------------------------------------------

void TestShareServerPaths::apiFilesRoots()
{
    for (const QByteArray &target : {"/api/files"_ba, "/api/files?path="_ba, "/api/files?path=%2F"_ba}) {
        const RawResponse r = m_share.get(target);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), "application/json"_ba);
        const QJsonObject o = jsonOf(r);
        QCOMPARE(o.value(u"path"_s).toString(), QString());
        const QJsonArray entries = o.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].toObject().value(u"name"_s).toString(), u"share"_s);
        QCOMPARE(entries[0].toObject().value(u"type"_s).toString(), u"dir"_s);
        QVERIFY(!r.body.contains(m_share.rootPath().toUtf8())); // never the local path
    }
}

void TestShareServerPaths::apiFilesFolder()
{
    const RawResponse r = m_share.get("/api/files?path=share"_ba);
    QCOMPARE(r.status, 200);
    const QJsonObject o = jsonOf(r);
    QCOMPARE(o.value(u"path"_s).toString(), u"share"_s);
    const QStringList names = namesOf(o);
    for (const QString &expected : {u"data.bin"_s, u"empty.bin"_s, u"中文 名字.txt"_s, u"sub"_s, u"dir with space"_s,
                                    u"data-link.bin"_s})
        QVERIFY2(names.contains(expected), qPrintable(expected));
    for (const QString &hidden : {u".hidden"_s, u".hiddendir"_s, u"link-out"_s, u"secret-link.txt"_s})
        QVERIFY2(!names.contains(hidden), qPrintable(hidden));
    // Folders first.
    QCOMPARE(names.first(), u"dir with space"_s);
    for (const QJsonValue &v : o.value(u"entries"_s).toArray()) {
        const QJsonObject e = v.toObject();
        QVERIFY(e.value(u"mtime"_s).toInteger() > 1'000'000'000);
        if (e.value(u"name"_s).toString() == u"data.bin") {
            QCOMPARE(e.value(u"type"_s).toString(), u"file"_s);
            QCOMPARE(e.value(u"size"_s).toInteger(), 1000);
        }
        if (e.value(u"name"_s).toString() == u"sub")
            QCOMPARE(e.value(u"type"_s).toString(), u"dir"_s);
    }
    const QJsonObject sub = jsonOf(m_share.get("/api/files?path=share/sub"_ba));
    QCOMPARE(sub.value(u"path"_s).toString(), u"share/sub"_s);
    QCOMPARE(namesOf(sub), (QStringList {u"deeper"_s, u"inner.txt"_s}));
    // Dot segments back to the top give the list of roots, never another folder.
    const QJsonObject up = jsonOf(m_open.get("/api/files?path=share/.."_ba));
    QCOMPARE(namesOf(up), QStringList {u"share"_s});
    const QJsonObject spaced = jsonOf(m_share.get("/api/files?path=share%2Fdir%20with%20space"_ba));
    QCOMPARE(namesOf(spaced), QStringList {u"a&b <c>.txt"_s});
}

void TestShareServerPaths::apiFilesRefusesOutside_data()
{
    QTest::addColumn<QByteArray>("path");
    for (const char *p : {"share/link-out", "..", "../outside", "share/.hiddendir", "share/../..", "share/%2e%2e/%2e%2e",
                          "share/data.bin", "%00", "share%5c..", "share/missing"})
        QTest::addRow("%s", p) << QByteArray(p);
}

void TestShareServerPaths::apiFilesRefusesOutside()
{
    QFETCH(QByteArray, path);
    const RawResponse r = m_open.get("/api/files?path="_ba + path);
    QVERIFY2(r.status == 400 || r.status == 403 || r.status == 404, QByteArray::number(r.status).constData());
    QVERIFY(!r.body.contains("secret"));
    QVERIFY(!r.body.contains("passwd"));
}

void TestShareServerPaths::htmlListing()
{
    RawResponse r = m_share.get("/files/share/"_ba);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
    QVERIFY(r.body.contains("href=\"./data.bin\""));
    QVERIFY(r.body.contains("href=\"./sub/\""));
    QVERIFY(r.body.contains("href=\"./%E4%B8%AD%E6%96%87%20%E5%90%8D%E5%AD%97.txt\""));
    QVERIFY(!r.body.contains(".hidden"));
    QVERIFY(!r.body.contains("link-out"));
    QVERIFY(!r.body.contains("secret"));

    r = m_share.get("/files/share/dir%20with%20space/"_ba);
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("a&amp;b &lt;c&gt;.txt"));
    QVERIFY(r.body.contains("href=\"./a%26b%20%3Cc%3E.txt\""));
    QVERIFY(!r.body.contains("<c>"));

    // One shared folder: /files/ opens it.
    r = m_share.get("/files/"_ba);
    QCOMPARE(r.status, 302);
    QCOMPARE(r.header("location"), "./share/"_ba);
    QVERIFY(!r.body.contains(m_share.rootPath().toUtf8()));
}

void TestShareServerPaths::apiStatus()
{
    const RawResponse r = m_share.get("/api/status"_ba);
    QCOMPARE(r.status, 200);
    const QJsonObject o = jsonOf(r);
    QCOMPARE(o.value(u"version"_s).toString(), QStringLiteral(FERRY_VERSION));
    QCOMPARE(o.value(u"roots"_s).toArray(), QJsonArray {u"share"_s});
    QVERIFY(o.value(u"uptime"_s).isDouble());
    QVERIFY(o.value(u"uptime"_s).toInteger() >= 0);
    QCOMPARE(o.value(u"activeTransfers"_s).toInteger(), 0);
    QVERIFY(o.contains(u"name"_s));
    QVERIFY(!r.body.contains(m_share.rootPath().toUtf8()));
}

void TestShareServerPaths::webPage()
{
    RawResponse r = m_share.get("/"_ba);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
    QCOMPARE(r.header("cache-control"), "no-cache"_ba);
    QFile index(QStringLiteral(FERRY_SOURCE_DIR "/resources/web/index.html"));
    QVERIFY(index.open(QIODevice::ReadOnly));
    QCOMPARE(r.body, index.readAll());
    r = m_share.get("/assets/index.html"_ba);
    QCOMPARE(r.status, 200);
    r = m_share.get("/assets/nothing.js"_ba);
    QCOMPARE(r.status, 404);
    r = m_share.get("/assets/"_ba);
    QCOMPARE(r.status, 404);
}

QTEST_GUILESS_MAIN(TestShareServerPaths)
#include "tst_shareserver_paths.moc"
