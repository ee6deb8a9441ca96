// Clipboard watching against a real X server's clipboard (xvfb-run) and a
// real other program copying to it (xclip): links to files are offered once,
// web pages, prose, text Ferry copied itself and repeated copies are not,
// and nothing at all while the setting is off. Each "not offered" is checked
// after the window has seen that clipboard change (QClipboard::dataChanged),
// not by waiting for nothing to happen. In the window, with the setting on,
// a copied link to a file on a local test server ends as that file on disk.
#include "support/MisbehavingServer.h"
#include "support/WindowTestHelpers.h"
#include "ui/AddDownloadsDialog.h"
#include "ui/AppSettings.h"
#include "ui/ClipboardOffer.h"
#include "ui/ClipboardWatcher.h"
#include "ui/FileKind.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QToolButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

Q_DECLARE_METATYPE(ferry::FileKind)

class TestClipboard final : public QObject
{
    Q_OBJECT

private:
    // Another program owns the clipboard with `text`, as a browser's "Copy
    // link" does; returns once this application has seen the change.
    bool copyElsewhere(const QByteArray &text)
    {
        const int seen = m_changes->count();
        auto xclip = std::make_unique<QProcess>();
        xclip->start(u"xclip"_s, {u"-selection"_s, u"clipboard"_s, u"-i"_s});
        if (!xclip->waitForStarted())
            return false;
        xclip->write(text);
        xclip->closeWriteChannel();
        m_owners.push_back(std::move(xclip)); // xclip serves the text until another owner takes over
        return QTest::qWaitFor([&] { return m_changes->count() > seen; }, 10000);
    }

    QList<QUrl> offered(int i) const { return m_offers->at(i).at(0).value<QList<QUrl>>(); }

    std::unique_ptr<ClipboardWatcher> m_watcher;
    std::unique_ptr<QSignalSpy> m_offers;
    std::unique_ptr<QSignalSpy> m_changes;
    std::vector<std::unique_ptr<QProcess>> m_owners;
    QTemporaryDir m_home;
    MisbehavingServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb",
                 "needs a real X server: run under xvfb-run (tests/CMakeLists.txt does)");
        QVERIFY(m_home.isValid());
        QVERIFY(useTemporaryHome(m_home.path(), u"tst_ui_clipboard"_s));
        QVERIFY(m_server.listen());
    }

    void init()
    {
        QClipboard *clipboard = QGuiApplication::clipboard();
        m_watcher = std::make_unique<ClipboardWatcher>(clipboard);
        m_offers = std::make_unique<QSignalSpy>(m_watcher.get(), &ClipboardWatcher::linksOffered);
        m_changes = std::make_unique<QSignalSpy>(clipboard, &QClipboard::dataChanged);
    }

    void cleanup()
    {
        m_changes.reset();
        m_offers.reset();
        m_watcher.reset();
        for (auto &p : m_owners) {
            p->kill();
            p->waitForFinished();
        }
        m_owners.clear();
    }

    void kinds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<FileKind>("kind");
        QTest::newRow("archive") << u"linux-6.1.tar.xz"_s << FileKind::Archive;
        QTest::newRow("upper case") << u"SETUP.EXE"_s << FileKind::Program;
        QTest::newRow("video") << u"talk.webm"_s << FileKind::Video;
        QTest::newRow("music") << u"a.flac"_s << FileKind::Music;
        QTest::newRow("document") << u"manual.pdf"_s << FileKind::Document;
        QTest::newRow("page") << u"index.html"_s << FileKind::Other;
        QTest::newRow("no suffix") << u"download"_s << FileKind::Other;
        QTest::newRow("dot file") << u".zip"_s << FileKind::Other;
        QTest::newRow("trailing dot") << u"file."_s << FileKind::Other;
    }

    void kinds()
    {
        QFETCH(QString, name);
        QFETCH(FileKind, kind);
        QCOMPARE(fileKindOf(name), kind);
    }

    void offerableLinks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("links");
        QTest::newRow("one file") << u"https://mirror.test/debian-12.iso"_s << 1;
        QTest::newRow("two files, blank line") << u"http://a.test/x.zip\n\nhttp://a.test/y.mp4\n"_s << 2;
        QTest::newRow("query after the name") << u"https://a.test/f.pdf?token=3"_s << 1;
        QTest::newRow("web page") << u"https://a.test/article.html"_s << 0;
        QTest::newRow("site") << u"https://a.test/"_s << 0;
        QTest::newRow("script link") << u"https://a.test/download.php?id=7"_s << 0;
        QTest::newRow("prose with a link") << u"get it at https://a.test/x.zip today"_s << 0;
        QTest::newRow("a file and a page") << u"https://a.test/x.zip\nhttps://a.test/about"_s << 0;
        QTest::newRow("not http") << u"file:///home/me/x.zip"_s << 0;
        QString many;
        for (int i = 0; i <= ClipboardWatcher::kMaxLinks; ++i)
            many += u"https://a.test/%1.zip\n"_s.arg(i);
        QTest::newRow("too many") << many << 0;
    }

    void offerableLinks()
    {
        QFETCH(QString, text);
        QFETCH(int, links);
        QCOMPARE(ClipboardWatcher::offerableLinks(text).size(), links);
    }

    void offersFileLinksCopiedElsewhere()
    {
        m_watcher->setEnabled(true);
        QVERIFY(copyElsewhere("https://mirror.test/pub/debian-12.iso"));
        QCOMPARE(m_offers->count(), 1);
        QCOMPARE(offered(0), QList<QUrl>{QUrl(u"https://mirror.test/pub/debian-12.iso"_s)});
    }

    void ignoresPagesProseAndRepeats()
    {
        m_watcher->setEnabled(true);
        QVERIFY(copyElsewhere("https://a.test/article.html"));
        QVERIFY(copyElsewhere("read https://a.test/x.zip first"));
        QCOMPARE(m_offers->count(), 0);
        QVERIFY(copyElsewhere("https://a.test/x.zip"));
        QVERIFY(copyElsewhere("https://a.test/x.zip")); // a second owner with the same text
        QVERIFY(copyElsewhere("https://a.test/y.zip"));
        QCOMPARE(m_offers->count(), 2);
        QCOMPARE(offered(0), QList<QUrl>{QUrl(u"https://a.test/x.zip"_s)});
        QCOMPARE(offered(1), QList<QUrl>{QUrl(u"https://a.test/y.zip"_s)});
    }

    void ignoresWhatFerryCopied()
    {
        m_watcher->setEnabled(true);
        const int seen = m_changes->count();
        QGuiApplication::clipboard()->setText(u"https://a.test/own.zip"_s); // the window's "Copy link"
        QTRY_VERIFY(m_changes->count() > seen);
        QCOMPARE(m_offers->count(), 0);
        QVERIFY(copyElsewhere("https://a.test/theirs.zip"));
        QCOMPARE(m_offers->count(), 1);
        QCOMPARE(offered(0), QList<QUrl>{QUrl(u"https://a.test/theirs.zip"_s)});
    }

    void offersNothingWhileOff()
    {
        QVERIFY(copyElsewhere("https://a.test/before.zip"));
        QCOMPARE(m_offers->count(), 0);
        m_watcher->setEnabled(true); // what is on the clipboard already is not offered
        QVERIFY(copyElsewhere("https://a.test/after.zip"));
        QCOMPARE(m_offers->count(), 1);
        QCOMPARE(offered(0), QList<QUrl>{QUrl(u"https://a.test/after.zip"_s)});
        m_watcher->setEnabled(false);
        QVERIFY(copyElsewhere("https://a.test/later.zip"));
        QCOMPARE(m_offers->count(), 1);
    }

    // The bar: names the file (as text, whatever the link holds), a newer
    // offer replaces the shown one, each answer hands over the links once.
    void offerBarAnswers()
    {
        ClipboardOffer bar;
        QSignalSpy download(&bar, &ClipboardOffer::downloadRequested);
        QSignalSpy review(&bar, &ClipboardOffer::reviewRequested);
        const QUrl hostile(u"https://a.test/%3Cimg%20src=x%3E.zip"_s);
        bar.offer({hostile});
        QVERIFY(!bar.isHidden());
        auto *label = bar.findChild<QLabel *>(u"clipboardOfferText"_s);
        QVERIFY(label);
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY2(bar.text().contains(u"“<img src=x>.zip”"_s), qPrintable(bar.text()));
        QVERIFY2(!label->toolTip().contains(u"<img"_s),
                 qPrintable(label->toolTip()));

        const QList<QUrl> two{QUrl(u"https://a.test/1.iso"_s), QUrl(u"https://a.test/2.iso"_s)};
        bar.offer(two);
        QCOMPARE(bar.text(), u"Copied 2 link(s) to files. Download them?"_s); // no catalogue loaded here
        bar.findChild<QPushButton *>(u"clipboardDownload"_s)->click();
        QVERIFY(bar.isHidden());
        QCOMPARE(download.count(), 1);
        QCOMPARE(download.at(0).at(0).value<QList<QUrl>>(), two);

        bar.offer({hostile});
        bar.findChild<QPushButton *>(u"clipboardReview"_s)->click();
        QCOMPARE(review.count(), 1);
        QCOMPARE(review.at(0).at(0).value<QList<QUrl>>(), QList<QUrl>{hostile});

        bar.offer(two);
        bar.findChild<QToolButton *>(u"clipboardDismiss"_s)->click();
        QVERIFY(bar.isHidden());
        QCOMPARE(download.count(), 1);
        QCOMPARE(review.count(), 1);
    }

    // The whole way, as a user has it: Settings on, a browser copies a link,
    // the window's bar offers it, "Download" — and the file is on disk.
    // "Add…" opens the Add dialog with the links in it instead.
    void windowDownloadsACopiedLink()
    {
        AppSettings settings = AppSettings::load();
        settings.watchClipboard = true;
        settings.save();
        const QByteArray data = MisbehavingServer::makeData(300 * 1024, 61);
        m_server.setFile("/files/report.pdf"_ba, data);
        m_server.setFile("/files/other.zip"_ba, data.left(1000));

        DownloadEngine engine(windowTestOptions());
        ShutDownOnExit stop{engine};
        MainWindow window(engine);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *bar = window.findChild<ClipboardOffer *>(u"clipboardOffer"_s);
        QVERIFY(bar);
        QVERIFY(bar->isHidden());

        QVERIFY(copyElsewhere(m_server.url("/files/report.pdf").toString().toUtf8()));
        QTRY_VERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(u"report.pdf"_s), qPrintable(bar->text()));
        bar->findChild<QPushButton *>(u"clipboardDownload"_s)->click();
        const QString saved = settings.downloadFolder + u"/report.pdf"_s;
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, lastId(engine)) == DownloadState::Completed, kWindowWaitMs);
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), data);

        QVERIFY(copyElsewhere(m_server.url("/files/other.zip").toString().toUtf8()));
        QTRY_VERIFY(bar->isVisible());
        bar->findChild<QPushButton *>(u"clipboardReview"_s)->click();
        auto *dialog = waitForChild<AddDownloadsDialog>(window, QString());
        QVERIFY(dialog);
        QCOMPARE(dialog->validUrls(), QList<QUrl>{m_server.url("/files/other.zip")});
        dialog->reject();
    }
};

int main(int argc, char **argv)
{
    // The X server's clipboard, shared with xclip; ctest sets offscreen for every suite.
    qputenv("QT_QPA_PLATFORM", "xcb");
    QApplication app(argc, argv);
    TestClipboard test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_clipboard.moc"
