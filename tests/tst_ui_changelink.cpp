// "Change link…" in the window's context menu (ui/ChangeLinkDialog) with the
// real engine and test servers: a download whose link expired half-way (410)
// gets a mirror's link and completes byte-exact, the mirror sending only the
// missing part. The entry is enabled for a failed download only when one is
// selected, and the dialog accepts only http(s) URLs.
#include "core/DownloadEngine.h"
#include "tests/support/LocalFiles.h"
#include "tests/support/MisbehavingServer.h"
#include "ui/ChangeLinkDialog.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::ChangeLinkDialog;
using ferry::DownloadEngine;
using ferry::DownloadId;
using ferry::DownloadState;
using ferry::test::MisbehavingServer;

namespace {
constexpr qint64 MiB = 1024 * 1024;

ChangeLinkDialog *openDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *dialog = qobject_cast<ChangeLinkDialog *>(w); dialog && dialog->isVisible())
            return dialog;
    return nullptr;
}
} // namespace

class TestUiChangeLink final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newLinkKeepsTheData()
    {
        const QByteArray data = MisbehavingServer::makeData(3 * MiB, 95);
        MisbehavingServer expiring;
        QVERIFY(expiring.listen());
        expiring.setFile("/old.bin"_ba, data);
        MisbehavingServer::Behaviour cut;
        cut.dropAfterBytes = 1 * MiB;
        MisbehavingServer::Behaviour gone;
        gone.errorStatus = 410;
        expiring.setSequence("/old.bin"_ba, {cut, gone});

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ferry::EngineOptions options;
        options.retryBaseMs = 20;
        options.retryMaxMs = 40;
        DownloadEngine engine(options);
        ferry::DownloadRequest request;
        request.url = expiring.url("/old.bin");
        request.directory = dir.path();
        request.connections = 1;
        const DownloadId id = engine.add(request);
        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Failed, 20000);
        QCOMPARE(engine.snapshot(id).errorKind, ferry::ErrorKind::NeedsUser);
        QVERIFY(engine.snapshot(id).receivedBytes > 0);

        MisbehavingServer mirror; // a fresh server: its first file has the same ETag and date
        QVERIFY(mirror.listen());
        mirror.setFile("/mirror.bin"_ba, data);
        QCOMPARE(mirror.etag("/mirror.bin"_ba), expiring.etag("/old.bin"_ba));

        QMenu menu;
        QList<DownloadId> selection{id};
        QAction *action = ChangeLinkDialog::addTo(&menu, engine, [&selection] { return selection; });
        Q_EMIT menu.aboutToShow();
        QVERIFY(action->isEnabled());
        selection = {};
        Q_EMIT menu.aboutToShow();
        QVERIFY(!action->isEnabled());
        selection = {id};
        Q_EMIT menu.aboutToShow();
        action->trigger();
        QTRY_VERIFY(openDialog() != nullptr);
        ChangeLinkDialog *dialog = openDialog();
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        dialog->setUrlText(u"ftp://mirror/x"_s);
        QVERIFY(!ok->isEnabled());
        dialog->setUrlText(mirror.url("/mirror.bin").toString());
        QVERIFY(ok->isEnabled());
        ok->click();

        QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot(id).state, DownloadState::Completed, 20000);
        QCOMPARE(engine.snapshot(id).url, mirror.url("/mirror.bin"));
        QCOMPARE(ferry::test::readAll(engine.snapshot(id).filePath), data);
        QVERIFY2(mirror.bodyBytesSent("/mirror.bin") < data.size() - MiB / 2,
                 qPrintable(u"the mirror sent %1 of %2 bytes"_s.arg(mirror.bodyBytesSent("/mirror.bin")).arg(data.size())));
        QVERIFY(mirror.requests("/mirror.bin").constFirst().rangeStart() > 0);

        Q_EMIT menu.aboutToShow();
        QVERIFY(!action->isEnabled()); // completed: nothing to change
    }
};

QTEST_MAIN(TestUiChangeLink)
#include "tst_ui_changelink.moc"
