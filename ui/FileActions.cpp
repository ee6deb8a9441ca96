// See FileActions.h.
#include "ui/FileActions.h"

#include "core/DownloadEngine.h"
#include "ui/DownloadListModel.h"

#include <QClipboard>
#include <QDBusConnection>
#include <QGuiApplication>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxFoldersOpened = 5;
constexpr int kShowItemsTimeoutMs = 5000;
} // namespace

FileActions::FileActions(DownloadEngine &engine, DownloadListModel &model, QWidget *window)
    : QObject(window)
    , m_engine(engine)
    , m_model(model)
    , m_window(window)
{
}

QString FileActions::folderOf(const DownloadSnapshot &download) const
{
    if (!download.filePath.isEmpty())
        return QFileInfo(download.filePath).absolutePath();
    return m_engine.request(download.id).directory;
}

void FileActions::open(const DownloadSnapshot &download)
{
    if (download.state != DownloadState::Completed || download.filePath.isEmpty())
        return;
    if (!m_model.checkMissing(download.id)) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(download.filePath));
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("File Missing"),
                                tr("%1 is no longer in %2.").arg(download.fileName,
                                                                 QDir::toNativeSeparators(folderOf(download))),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(u"missingQuestion"_s);
    box->setInformativeText(tr("It was moved or deleted after it was downloaded. Download it again?"));
    QPushButton *again = box->addButton(tr("Download Again"), QMessageBox::AcceptRole);
    again->setObjectName(u"downloadAgain"_s);
    box->setDefaultButton(again);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, again, download] {
        if (box->clickedButton() == again)
            downloadAgain({download});
    });
    box->open();
}

void FileActions::downloadAgain(const QList<DownloadSnapshot> &downloads)
{
    for (const DownloadSnapshot &s : downloads) {
        if (!m_engine.contains(s.id) || !m_model.isMissing(s.id))
            continue; // only files that are gone: the others are where they were
        DownloadRequest request = m_engine.request(s.id);
        // The old entry goes first, so the name is free again: no "NAME (1).ext".
        m_engine.remove(s.id, false);
        m_engine.add(request, true);
    }
}

void FileActions::copyUrls(const QList<DownloadSnapshot> &downloads)
{
    QStringList urls;
    for (const DownloadSnapshot &s : downloads)
        urls.append(s.url.toString(QUrl::FullyEncoded));
    if (!urls.isEmpty())
        QGuiApplication::clipboard()->setText(urls.join(u'\n'));
}

void FileActions::showInFolder(const QList<DownloadSnapshot> &downloads)
{
    QStringList files;
    QStringList folders;
    for (const DownloadSnapshot &s : downloads) {
        const QString folder = folderOf(s);
        if (folder.isEmpty() || folders.contains(folder))
            continue;
        folders.append(folder);
        const QString file = s.state == DownloadState::Completed ? s.filePath : s.filePath + u".part"_s;
        if (!s.filePath.isEmpty() && QFileInfo::exists(file))
            files.append(QUrl::fromLocalFile(file).toString(QUrl::FullyEncoded));
    }
    folders = folders.mid(0, kMaxFoldersOpened);
    auto openFolders = [folders] {
        for (const QString &folder : folders)
            QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
    };
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (files.isEmpty() || !bus.isConnected()) {
        openFolders();
        return;
    }
    // The freedesktop file-manager interface (Nautilus, Dolphin, Nemo, Caja,
    // Thunar…) opens each folder with its file selected. Asked without
    // waiting; when no file manager answers, the folders open as before.
    QDBusMessage call = QDBusMessage::createMethodCall(u"org.freedesktop.FileManager1"_s,
                                                       u"/org/freedesktop/FileManager1"_s,
                                                       u"org.freedesktop.FileManager1"_s, u"ShowItems"_s);
    call << files.mid(0, kMaxFoldersOpened) << QString();
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, kShowItemsTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [watcher, openFolders] {
        watcher->deleteLater();
        if (watcher->isError())
            openFolders();
    });
}

} // namespace ferry
