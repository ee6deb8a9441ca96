// See WindowDialogs.h.
#include "ui/WindowDialogs.h"

#include "ui/AboutBox.h"
#include "ui/AddDownloadsDialog.h"
#include "ui/Autostart.h"
#include "ui/ChangeLinkDialog.h"
#include "ui/MainWindow.h"
#include "ui/NetworkControl.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayIcon.h"
#include "ui/UrlIntake.h"
#include "ui/WindowActions.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>

namespace ferry {

WindowDialogs::WindowDialogs(DownloadEngine &engine, MainWindow &window, UrlIntake &intake, WindowActions &actions)
    : QObject(&window)
    , m_engine(engine)
    , m_window(window)
    , m_intake(intake)
{
    m_network = new NetworkControl(engine, &window);
    connect(m_network, &NetworkControl::notice, this, &WindowDialogs::notice);

    m_changeLink = ChangeLinkDialog::addTo(actions.contextMenu(), m_engine, [this] { return m_window.selectedIds(); });
    m_changeLink->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L)); // the browsers' "edit the location"
    m_changeLink->setShortcutContext(Qt::WindowShortcut);
    window.addAction(m_changeLink);

    connect(actions.add, &QAction::triggered, this, [this] { addDownloads(); });
    connect(actions.settings, &QAction::triggered, this, &WindowDialogs::openSettings);
    connect(actions.about, &QAction::triggered, this, [this] { AboutBox::open(&m_window); });
}

void WindowDialogs::addDownloads(const QList<QUrl> &urls)
{
    auto *dialog = new AddDownloadsDialog(m_window.settings(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!urls.isEmpty()) {
        QStringList lines;
        for (const QUrl &url : urls)
            lines << url.toString();
        dialog->setUrlsText(lines.join(u'\n'));
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QList<DownloadRequest> requests = dialog->requests();
        const int count = m_intake.add(requests, dialog->startNow(), m_window.settings());
        Q_EMIT added(count, dialog->invalidLines(), int(requests.size()) - count);
    });
    dialog->open();
}

void WindowDialogs::openSettings()
{
    auto *dialog = new SettingsDialog(m_window.settings(), m_network->settings(), &m_window, TrayIcon::canNotify());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_window.applySettings(dialog->settings());
        m_network->apply(dialog->networkSettings());
        QString error;
        if (dialog->startAtLogin() != Autostart::isEnabled()
            && !Autostart::setEnabled(dialog->startAtLogin(), QCoreApplication::applicationFilePath(), &error))
            m_window.showWarning(error);
    });
    dialog->open();
}

void WindowDialogs::updateActions(const QList<DownloadSnapshot> &selected)
{
    m_changeLink->setEnabled(selected.size() == 1
                             && (selected.first().state == DownloadState::Failed
                                 || selected.first().state == DownloadState::Paused));
}

} // namespace ferry
