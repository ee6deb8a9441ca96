// The peer web page in a real browser: `ferry serve` shares a temporary tree
// (a Chinese name, names made of HTML and script, a folder) and headless
// Chromium opens the page the way a peer does, with ?token=. The rendered DOM
// must list the files with their names as text — markup shown, never run —
// and the live panel must have reached the hello of /ws (data-state="connected").
// Without the token the page says access is denied. A shared HTML or SVG page
// whose script tries to read /api/files with the visitor's session never runs
// (sandbox, attachment). Chromium missing is a failure: scripts/test installs it.
#include "tests/support/FerryCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr auto Token = "browser-test-token_0123456789";

// A file name cannot hold '/', so "</script>" is spelt with U+2215 (∕), which
// looks the same; the <img> name is the one that would run if a name ever
// reached innerHTML: it marks <body> with data-xss.
const QString ScriptName = u"<script>alert(1)<\u2215script>.txt"_s;
const QString ImgName = u"<img src=x onerror=document.body.setAttribute('data-xss','1')>.txt"_s;
const QString ChineseName = u"中文 名字.txt"_s;
const QString AmpName = u"a&b \"quoted\".txt"_s;

QString chromium()
{
    const QString fixed = u"/usr/bin/chromium"_s;
    if (QFile::exists(fixed))
        return fixed;
    return QStandardPaths::findExecutable(u"chromium"_s);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// The text of a DOM as Chromium serialises it: '<', '>' and '&' in text nodes as entities.
QString escapedText(const QString &text)
{
    QString s = text;
    s.replace(u'&', u"&amp;"_s);
    s.replace(u'<', u"&lt;"_s);
    s.replace(u'>', u"&gt;"_s);
    return s;
}
} // namespace

class TestWebPageBrowser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void folderListing_data();
    void folderListing();
    void sharedRoots();
    void withoutToken();
    void sharedActiveContentNeverRuns_data();
    void sharedActiveContentNeverRuns();

private:
    // Runs headless Chromium on `url` and returns the DOM after scripts ran.
    QString dumpDom(const QUrl &url, const QString &lang = u"en-US"_s);
    QUrl pageUrl(bool withToken, const QString &fragment) const;

    QTemporaryDir m_dir;
    QProcess m_serve;
    quint16 m_port = 0;
    int m_profiles = 0;
};

void TestWebPageBrowser::initTestCase()
{
    if (chromium().isEmpty())
        QFAIL("chromium is not installed: run scripts/test, which installs it (Debian package 'chromium')");
    QVERIFY(m_dir.isValid());

    const QDir base(m_dir.path());
    QVERIFY(base.mkpath(u"share/sub folder"_s));
    const QString root = m_dir.filePath(u"share"_s);
    QVERIFY(writeFile(root + u'/' + ChineseName, "zhong wen\n"_ba));
    QVERIFY(writeFile(root + u'/' + ScriptName, "script\n"_ba));
    QVERIFY(writeFile(root + u'/' + ImgName, "img\n"_ba));
    QVERIFY(writeFile(root + u'/' + AmpName, "amp\n"_ba));
    QVERIFY(writeFile(root + u"/sub folder/inner.txt"_s, "inner\n"_ba));
    // Shared pages that try to read the share with the visitor's session
    // and tell the server what they saw (a request the access log records).
    const QByteArray thief = "fetch('/api/files?path=share').then(function (r) { return r.text(); })"
                             ".then(function (t) { document.title = 'LEAKED'; fetch('/leak/' + t.length); });"_ba;
    QVERIFY(writeFile(root + u"/evil.html"_s, "<!doctype html><html><body><p>hi</p><script>"_ba + thief
                          + "</script></body></html>"_ba));
    QVERIFY(writeFile(root + u"/evil.svg"_s, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>"_ba + thief
                          + "</script></svg>"_ba));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s)); // the saved link secret goes here
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    m_serve.setProcessEnvironment(env);
    m_serve.setProcessChannelMode(QProcess::SeparateChannels);
    m_serve.start(ferry::test::ferryBinary(), {u"serve"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s,
                                                  u"--token"_s, QString::fromLatin1(Token),
                                                  u"--access-log"_s, m_dir.filePath(u"access.log"_s), root});
    QVERIFY2(m_serve.waitForStarted(10'000), qPrintable(m_serve.errorString()));

    // "  http://127.0.0.1:PORT/?token=…" once it listens.
    static const QRegularExpression urlLine(u"^\\s+http://127\\.0\\.0\\.1:(\\d+)/"_s,
                                            QRegularExpression::MultilineOption);
    QByteArray out;
    const bool listening = QTest::qWaitFor([&] {
        out += m_serve.readAllStandardOutput();
        return urlLine.match(QString::fromUtf8(out)).hasMatch() || m_serve.state() == QProcess::NotRunning;
    }, 20'000);
    const auto match = urlLine.match(QString::fromUtf8(out));
    QVERIFY2(listening && match.hasMatch(),
             qPrintable(u"ferry serve printed no URL:\n"_s + QString::fromUtf8(out + m_serve.readAllStandardError())));
    m_port = quint16(match.captured(1).toUInt());
    QVERIFY(m_port != 0);
}

void TestWebPageBrowser::cleanupTestCase()
{
    if (m_serve.state() != QProcess::NotRunning) {
        m_serve.terminate();
        if (!m_serve.waitForFinished(10'000)) {
            m_serve.kill();
            m_serve.waitForFinished(5000);
        }
    }
}

QUrl TestWebPageBrowser::pageUrl(bool withToken, const QString &fragment) const
{
    QUrl url(u"http://127.0.0.1:%1/"_s.arg(m_port));
    if (withToken)
        url.setQuery(u"token="_s + QString::fromLatin1(Token));
    url.setFragment(fragment);
    return url;
}

QString TestWebPageBrowser::dumpDom(const QUrl &url, const QString &lang)
{
    // A fresh profile each time: no cookie from an earlier page counts.
    const QString profile = m_dir.filePath(u"profile-%1"_s.arg(++m_profiles));
    QProcess browser;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_dir.path());
    env.insert(u"LANGUAGE"_s, lang);
    browser.setProcessEnvironment(env);
    browser.start(chromium(), {u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s,
                               u"--disable-background-networking"_s, u"--disable-component-update"_s,
                               u"--disable-sync"_s, u"--no-first-run"_s, u"--user-data-dir="_s + profile,
                               u"--lang="_s + lang, u"--accept-lang="_s + lang, u"--virtual-time-budget=5000"_s, u"--dump-dom"_s,
                               url.toString(QUrl::FullyEncoded)});
    if (!browser.waitForStarted(10'000)) {
        qWarning("chromium did not start: %s", qPrintable(browser.errorString()));
        return {};
    }
    if (!browser.waitForFinished(120'000)) {
        qWarning("chromium did not finish in 120 s");
        browser.kill();
        browser.waitForFinished(5000);
        return {};
    }
    const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
    if (dom.isEmpty())
        qWarning("chromium printed no DOM; its errors:\n%s", browser.readAllStandardError().right(4000).constData());
    return dom;
}

void TestWebPageBrowser::folderListing_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("heading");
    QTest::addColumn<QString>("liveText");
    QTest::addRow("en") << u"en-US"_s << u"Shared files"_s << u"Live"_s;
    QTest::addRow("zh-CN") << u"zh-CN"_s << u"共享文件"_s << u"实时"_s;
}

void TestWebPageBrowser::folderListing()
{
    QFETCH(QString, lang);
    QFETCH(QString, heading);
    QFETCH(QString, liveText);
    const QString dom = dumpDom(pageUrl(true, u"/share"_s), lang);
    QVERIFY2(dom.contains(u"<body"_s), "no DOM from chromium");
    const auto context = qPrintable(dom.left(6000));

    // The listing was fetched and rendered, and no name ran as markup.
    QVERIFY2(dom.contains(u"data-files=\"loaded\""_s), context);
    static const QRegularExpression marked(u"<body[^>]*data-xss"_s);
    QVERIFY2(!marked.match(dom).hasMatch(), context);
    QVERIFY2(!dom.contains(u"<img src=\"x\""_s) && !dom.contains(u"<img src=x"_s), context);
    QVERIFY2(!dom.contains(u"<script>alert"_s), context);

    // Each name appears as text in a label, with its markup escaped.
    for (const QString &name : {ChineseName, ScriptName, ImgName, AmpName, u"sub folder"_s}) {
        const QString label = u"<span class=\"label\">"_s + escapedText(name) + u"</span>"_s;
        QVERIFY2(dom.contains(label), qPrintable(u"missing "_s + label + u"\n"_s + dom.left(6000)));
    }
    // Links point at /files/ with each segment percent-encoded; folders stay in the page.
    QVERIFY2(dom.contains(u"href=\"/files/share/%E4%B8%AD%E6%96%87%20%E5%90%8D%E5%AD%97.txt\""_s), context);
    QVERIFY2(dom.contains(u"href=\"/files/share/%3Cimg%20src%3Dx%20onerror%3Ddocument.body.setAttribute("_s), context);
    QVERIFY2(dom.contains(u"href=\"#/share/sub%20folder\""_s), context);

    // The live panel got its hello over /ws.
    static const QRegularExpression live(u"id=\"live-status\"[^>]*data-state=\"connected\""_s);
    QVERIFY2(live.match(dom).hasMatch(), context);
    QVERIFY2(dom.contains(u"<span id=\"live-status-text\" data-i18n=\"connecting\">"_s + liveText + u"</span>"_s),
             context);
    // In the reader's language (headless Chromium takes it from --accept-lang).
    QVERIFY2(dom.contains(u">"_s + heading + u"</h2>"_s), context);
    QVERIFY2(!dom.contains(u"data-auth=\"denied\""_s), context);
}

void TestWebPageBrowser::sharedRoots()
{
    // One shared folder: the page opens it rather than a list holding only it.
    const QString dom = dumpDom(pageUrl(true, QString()));
    QVERIFY2(dom.contains(u"data-files=\"loaded\""_s), qPrintable(dom.left(6000)));
    QVERIFY2(dom.contains(u"<span class=\"crumb current\" aria-current=\"page\">share</span>"_s),
             qPrintable(dom.left(6000)));
    QVERIFY2(dom.contains(u"<span class=\"label\">"_s + ChineseName + u"</span>"_s), qPrintable(dom.left(6000)));
    QVERIFY2(dom.contains(u"href=\"#/share/sub%20folder\""_s), qPrintable(dom.left(6000)));
    // Each file has its "Copy link" (a signed link to it alone).
    QVERIFY2(dom.contains(u"class=\"copy-link\""_s), qPrintable(dom.left(6000)));
}

void TestWebPageBrowser::withoutToken()
{
    const QString dom = dumpDom(pageUrl(false, u"/share"_s));
    QVERIFY2(dom.contains(u"<body"_s), "no DOM from chromium");
    // The page itself needs the token too: the browser gets the server's 401.
    QVERIFY2(!dom.contains(u"data-files=\"loaded\""_s), qPrintable(dom.left(6000)));
    QVERIFY2(!dom.contains(u"中文"_s), qPrintable(dom.left(6000)));
    QVERIFY2(!dom.contains(u"data-state=\"connected\""_s), qPrintable(dom.left(6000)));
}

void TestWebPageBrowser::sharedActiveContentNeverRuns_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"evil.html", "evil.svg"})
        QTest::addRow("%s", name) << QString::fromLatin1(name);
}

// A visitor with a session (opened with ?token=) follows a link to a shared
// HTML or SVG file (other active types: tst_shareserver_access). Its
// script would read /api/files with the visitor's cookie and report back: it
// must never run in the share's origin (sandboxed, and downloaded rather
// than shown), so the server never sees the report.
void TestWebPageBrowser::sharedActiveContentNeverRuns()
{
    QFETCH(QString, name);
    const qint64 logBefore = QFileInfo(m_dir.filePath(u"access.log"_s)).size();
    QUrl url(u"http://127.0.0.1:%1/files/share/%2"_s.arg(m_port).arg(name));
    url.setQuery(u"token="_s + QString::fromLatin1(Token));
    const QString dom = dumpDom(url);
    QVERIFY2(!dom.contains(u"<title>LEAKED</title>"_s), qPrintable(dom.left(3000)));
    // The server saw the page asked for (so the browser did go there)...
    QFile log(m_dir.filePath(u"access.log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.seek(logBefore));
    const QByteArray lines = log.readAll();
    QVERIFY2(lines.contains(QByteArray("GET /files/share/"_ba + name.toUtf8())), lines.right(2000).constData());
    // ...and never its report, nor a listing fetched by it.
    QVERIFY2(!lines.contains("/leak/"), lines.right(2000).constData());
    QVERIFY2(!lines.contains("/api/files"), lines.right(2000).constData());
}

QTEST_GUILESS_MAIN(TestWebPageBrowser)
#include "tst_webpage_browser.moc"
