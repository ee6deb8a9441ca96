// See TrayIcon.h.
#include "ui/TrayIcon.h"

#include "core/DownloadEngine.h"
#include "ui/DownloadListModel.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDesktopServices>
#include <QEvent>
#include <QFileInfo>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr int kMessageMs = 6000;
constexpr int kNamesInGroup = 5; // a grouped notification lists this many names, then "and N more"
constexpr int kFileManagerTimeoutMs = 5000;

const QString OpenKey = u"open:"_s;
const QString FolderKey = u"folder:"_s;
const QString RetryKey = u"retry:"_s;
const QString DefaultKey = u"default"_s; // the spec's key for clicking the notification itself

QString idList(const QList<DownloadId> &ids)
{
    QStringList parts;
    for (DownloadId id : ids)
        parts.append(QString::number(id));
    return parts.join(u',');
}

QList<DownloadId> parseIds(QStringView text)
{
    QList<DownloadId> ids;
    for (QStringView part : text.split(u',')) {
        bool ok = false;
        const DownloadId id = part.toULongLong(&ok);
        if (ok)
            ids.append(id);
    }
    return ids;
}

} // namespace

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_toggle = m_menu->addAction(QString(), this, &TrayIcon::toggleWindowRequested);
    m_menu->addSeparator();
    m_pauseAll = m_menu->addAction(QString(), this, &TrayIcon::pauseAllRequested);
    m_resumeAll = m_menu->addAction(QString(), this, &TrayIcon::resumeAllRequested);
    m_quitSeparator = m_menu->addSeparator();
    m_quit = m_menu->addAction(QString(), this, &TrayIcon::quitRequested);
    // The menu is a window of its own: it is told when the language changes, this object is not.
    m_menu->installEventFilter(this);

    if (isAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT toggleWindowRequested();
        });
    }
    m_group.setSingleShot(true);
    m_group.setInterval(GroupMs);
    connect(&m_group, &QTimer::timeout, this, &TrayIcon::flushGroup);
    connect(&m_desktop, &DesktopNotifier::actionInvoked, this, &TrayIcon::onAction);
    connect(&m_desktop, &DesktopNotifier::shown, this, [this](const DesktopNotifier::Notification &n) {
        Q_EMIT notified(n.summary, n.body, Delivery::Desktop);
    });
    connect(&m_desktop, &DesktopNotifier::failed, this, &TrayIcon::showBalloon);
    retranslate(); // the menu's texts and the tooltip
}

void TrayIcon::addMenuAction(QAction *action)
{
    m_menu->insertAction(m_quitSeparator, action);
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a QMenu cannot be a child of a QObject that is not a widget
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::setEngine(DownloadEngine *engine)
{
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    m_states.clear();
    m_speeds.clear();
    std::fill(std::begin(m_counts), std::end(m_counts), 0);
    if (engine) {
        const QList<DownloadSnapshot> all = engine->snapshots();
        for (const DownloadSnapshot &s : all)
            trackDownload(s);
        connect(engine, &DownloadEngine::added, this, &TrayIcon::trackDownload);
        connect(engine, &DownloadEngine::stateChanged, this, &TrayIcon::onStateChanged);
        connect(engine, &DownloadEngine::progress, this, &TrayIcon::onProgress);
        connect(engine, &DownloadEngine::removed, this, &TrayIcon::forgetDownload);
    }
    updateToolTip();
}

void TrayIcon::setVisible(bool visible)
{
    if (m_tray)
        m_tray->setVisible(visible);
}

void TrayIcon::setWindowVisible(bool visible)
{
    m_windowVisible = visible;
    m_toggle->setText(visible ? tr("Hide Window") : tr("Show Window"));
}

void TrayIcon::retranslate()
{
    setWindowVisible(m_windowVisible);
    m_pauseAll->setText(tr("Pause All"));
    m_resumeAll->setText(tr("Resume All"));
    m_quit->setText(tr("Quit"));
    m_toolTip.clear(); // written again even though the counts did not change
    updateToolTip();
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_menu && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void TrayIcon::count(DownloadState state, int delta)
{
    m_counts[int(state)] += delta;
}

void TrayIcon::trackDownload(const DownloadSnapshot &snapshot)
{
    const auto it = m_states.constFind(snapshot.id);
    if (it != m_states.cend())
        count(*it, -1);
    m_states.insert(snapshot.id, snapshot.state);
    count(snapshot.state, +1);
    updateToolTip();
}

void TrayIcon::onStateChanged(const DownloadSnapshot &snapshot)
{
    const DownloadState before = m_states.value(snapshot.id, snapshot.state);
    trackDownload(snapshot);
    if (!snapshot.isActive() && m_speeds.remove(snapshot.id))
        updateToolTip();
    if (before == snapshot.state || !m_notify)
        return;
    Finished item {snapshot.id, snapshot.fileName, snapshot.filePath, snapshot.errorText(),
                   snapshot.errorKind == ErrorKind::Retryable};
    if (snapshot.state == DownloadState::Completed) {
        m_completed.append(item);
    } else if (snapshot.state == DownloadState::Failed) {
        if (item.name.isEmpty())
            item.name = snapshot.url.toDisplayString();
        m_failed.append(item);
    } else {
        return;
    }
    if (!m_group.isActive())
        m_group.start();
}

void TrayIcon::onProgress(const QList<DownloadSnapshot> &changed)
{
    for (const DownloadSnapshot &s : changed) {
        if (s.isActive())
            m_speeds.insert(s.id, s.bytesPerSecond);
        else
            m_speeds.remove(s.id);
    }
    updateToolTip();
}

void TrayIcon::forgetDownload(DownloadId id)
{
    const auto it = m_states.constFind(id);
    if (it != m_states.cend()) {
        count(*it, -1);
        m_states.erase(it);
    }
    m_speeds.remove(id);
    updateToolTip();
}

void TrayIcon::updateToolTip()
{
    double total = 0;
    for (double speed : std::as_const(m_speeds))
        total += speed;
    const int active = m_counts[int(DownloadState::Downloading)] + m_counts[int(DownloadState::Verifying)];
    QStringList counts;
    if (active)
        counts.append(tr("%n downloading", nullptr, active));
    if (const int n = m_counts[int(DownloadState::Queued)])
        counts.append(tr("%n queued", nullptr, n));
    if (const int n = m_counts[int(DownloadState::Paused)])
        counts.append(tr("%n paused", nullptr, n));
    if (const int n = m_counts[int(DownloadState::Completed)])
        counts.append(tr("%n completed", nullptr, n));
    if (const int n = m_counts[int(DownloadState::Failed)])
        counts.append(tr("%n failed", nullptr, n));
    QString text = tr("Ferry — ↓ %1").arg(DownloadListModel::formatSpeed(total));
    if (!counts.isEmpty())
        text += u'\n' + counts.join(u" · "_s);
    if (text == m_toolTip)
        return;
    m_toolTip = text;
    if (m_tray)
        m_tray->setToolTip(text);
}

void TrayIcon::flushGroup()
{
    const QList<Finished> done = std::exchange(m_completed, {});
    const QList<Finished> failed = std::exchange(m_failed, {});
    if (!done.isEmpty())
        notifyCompleted(done);
    if (!failed.isEmpty())
        notifyFailed(failed);
}

void TrayIcon::notifyCompleted(const QList<Finished> &done)
{
    DesktopNotifier::Notification n;
    n.category = u"transfer.complete"_s;
    n.actions.append({DefaultKey, tr("Show Ferry")});
    if (done.size() == 1) {
        const Finished &f = done.first();
        n.summary = tr("Download complete");
        n.body = f.name;
        n.actions.append({OpenKey + QString::number(f.id), tr("Open")});
        n.actions.append({FolderKey + QString::number(f.id), tr("Show in folder")});
    } else {
        n.summary = tr("%n downloads finished", nullptr, int(done.size()));
        QStringList names;
        for (qsizetype i = 0; i < std::min<qsizetype>(done.size(), kNamesInGroup); ++i)
            names.append(done.at(i).name);
        if (done.size() > kNamesInGroup)
            names.append(tr("and %n more", nullptr, int(done.size() - kNamesInGroup)));
        n.body = names.join(u'\n');
        // One folder for all of them: offer it (showing the last file selected).
        const QString folder = QFileInfo(done.first().filePath).absolutePath();
        const bool oneFolder = std::all_of(done.cbegin(), done.cend(), [&folder](const Finished &f) {
            return QFileInfo(f.filePath).absolutePath() == folder;
        });
        if (oneFolder)
            n.actions.append({FolderKey + QString::number(done.last().id), tr("Show in folder")});
    }
    deliver(n);
}

void TrayIcon::notifyFailed(const QList<Finished> &failed)
{
    DesktopNotifier::Notification n;
    n.category = u"transfer.error"_s;
    n.critical = true;
    n.actions.append({DefaultKey, tr("Show Ferry")});
    QList<DownloadId> retryable;
    for (const Finished &f : failed) {
        if (f.retryable)
            retryable.append(f.id);
    }
    if (failed.size() == 1) {
        const Finished &f = failed.first();
        n.summary = tr("Download failed");
        n.body = f.error.isEmpty() ? f.name : f.name + u'\n' + f.error;
        if (!retryable.isEmpty())
            n.actions.append({RetryKey + idList(retryable), tr("Retry")});
    } else {
        n.summary = tr("%n downloads failed", nullptr, int(failed.size()));
        QStringList lines;
        for (qsizetype i = 0; i < std::min<qsizetype>(failed.size(), kNamesInGroup); ++i) {
            const Finished &f = failed.at(i);
            lines.append(f.error.isEmpty() ? f.name : tr("%1: %2").arg(f.name, f.error));
        }
        if (failed.size() > kNamesInGroup)
            lines.append(tr("and %n more", nullptr, int(failed.size() - kNamesInGroup)));
        n.body = lines.join(u'\n');
        if (!retryable.isEmpty())
            n.actions.append({RetryKey + idList(retryable), tr("Retry all")});
    }
    deliver(n);
}

bool TrayIcon::canNotify()
{
    if (isAvailable())
        return true;
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface()
        && bus.interface()->isServiceRegistered(u"org.freedesktop.Notifications"_s).value();
}

void TrayIcon::showNotice(const QString &title, const QString &message)
{
    DesktopNotifier::Notification n;
    n.summary = title;
    n.body = message;
    deliver(n);
}

void TrayIcon::deliver(const DesktopNotifier::Notification &notification)
{
    if (m_desktop.availability() == DesktopNotifier::Availability::Unavailable)
        showBalloon(notification);
    else
        m_desktop.show(notification); // shown() or failed() follows
}

void TrayIcon::showBalloon(const DesktopNotifier::Notification &n)
{
    if (m_tray && m_tray->isVisible()) {
        m_tray->showMessage(n.summary, n.body, n.critical ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                            kMessageMs);
        Q_EMIT notified(n.summary, n.body, Delivery::TrayMessage);
    } else {
        Q_EMIT notified(n.summary, n.body, Delivery::Nowhere);
    }
}

void TrayIcon::onAction(const QString &key)
{
    if (key == DefaultKey) {
        Q_EMIT showWindowRequested();
        return;
    }
    const auto pathOf = [this](DownloadId id) { return m_engine ? m_engine->snapshot(id).filePath : QString(); };
    if (key.startsWith(OpenKey)) {
        const QString path = pathOf(QStringView(key).mid(OpenKey.size()).toULongLong());
        if (!path.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    } else if (key.startsWith(FolderKey)) {
        const QString path = pathOf(QStringView(key).mid(FolderKey.size()).toULongLong());
        if (!path.isEmpty())
            showInFolder(path);
    } else if (key.startsWith(RetryKey) && m_engine) {
        for (DownloadId id : parseIds(QStringView(key).mid(RetryKey.size()))) {
            if (m_engine->snapshot(id).state == DownloadState::Failed)
                m_engine->resume(id);
        }
    }
}

// The file manager's own "show this file selected" (org.freedesktop.FileManager1,
// Nautilus, Dolphin, Nemo, Thunar…); where none answers, open the folder.
void TrayIcon::showInFolder(const QString &filePath)
{
    QDBusMessage call = QDBusMessage::createMethodCall(u"org.freedesktop.FileManager1"_s,
        u"/org/freedesktop/FileManager1"_s, u"org.freedesktop.FileManager1"_s, u"ShowItems"_s);
    call << QStringList {QUrl::fromLocalFile(filePath).toString(QUrl::FullyEncoded)} << QString();
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QUrl folder = QUrl::fromLocalFile(QFileInfo(filePath).absolutePath());
    if (!bus.isConnected()) {
        QDesktopServices::openUrl(folder);
        return;
    }
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, kFileManagerTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [folder](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        if (w->isError())
            QDesktopServices::openUrl(folder);
    });
}

} // namespace ferry
