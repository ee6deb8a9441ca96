// See TrayIcon.h.
#include "ui/TrayIcon.h"

#include "core/DownloadEngine.h"

#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

namespace ferry {

namespace {
constexpr int kMessageMs = 6000;
} // namespace

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_toggle = m_menu->addAction(tr("Hide Window"), this, &TrayIcon::toggleWindowRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Pause All"), this, &TrayIcon::pauseAllRequested);
    m_menu->addAction(tr("Resume All"), this, &TrayIcon::resumeAllRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);

    if (isAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setContextMenu(m_menu);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT toggleWindowRequested();
        });
    }
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
    m_states.clear();
    if (!engine)
        return;
    const QList<DownloadSnapshot> all = engine->snapshots();
    for (const DownloadSnapshot &s : all)
        m_states.insert(s.id, s.state);
    connect(engine, &DownloadEngine::added, this, &TrayIcon::trackDownload);
    connect(engine, &DownloadEngine::stateChanged, this, &TrayIcon::onStateChanged);
    connect(engine, &DownloadEngine::removed, this, &TrayIcon::forgetDownload);
}

void TrayIcon::setVisible(bool visible)
{
    if (m_tray)
        m_tray->setVisible(visible);
}

void TrayIcon::setWindowVisible(bool visible)
{
    m_toggle->setText(visible ? tr("Hide Window") : tr("Show Window"));
}

void TrayIcon::setToolTip(const QString &text)
{
    if (m_tray)
        m_tray->setToolTip(text);
}

void TrayIcon::trackDownload(const DownloadSnapshot &snapshot)
{
    m_states.insert(snapshot.id, snapshot.state);
}

void TrayIcon::onStateChanged(const DownloadSnapshot &snapshot)
{
    const DownloadState before = m_states.value(snapshot.id, snapshot.state);
    m_states.insert(snapshot.id, snapshot.state);
    if (before == snapshot.state || !m_notify)
        return;
    QString title;
    QString message;
    QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
    if (snapshot.state == DownloadState::Completed) {
        title = tr("Download complete");
        message = snapshot.fileName;
    } else if (snapshot.state == DownloadState::Failed) {
        title = tr("Download failed");
        message = snapshot.fileName.isEmpty() ? snapshot.url.toDisplayString() : snapshot.fileName;
        if (!snapshot.errorMessage.isEmpty())
            message += u'\n' + snapshot.errorMessage;
        icon = QSystemTrayIcon::Warning;
    } else {
        return;
    }
    Q_EMIT notified(title, message);
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, message, icon, kMessageMs);
}

void TrayIcon::forgetDownload(DownloadId id)
{
    m_states.remove(id);
}

} // namespace ferry
