// See WindowDialogs.h.
#include "ui/WindowDialogs.h"

#include "ui/AboutBox.h"
#include "ui/AddDownloadsDialog.h"
#include "ui/Autostart.h"
#include "ui/ChangeLinkDialog.h"
#include "ui/EditDownloadsDialog.h"
#include "ui/MainWindow.h"
#include "ui/NetworkControl.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayIcon.h"
#include "ui/UrlIntake.h"
#include "ui/WindowActions.h"

#include "core/DownloadEngine.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>

using namespace Qt::StringLiterals;

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
    connect(actions.edit, &QAction::triggered, this, &WindowDialogs::editSelected);
    connect(&engine, &DownloadEngine::directoryChanged, this, &WindowDialogs::onDirectoryChanged);
    connect(&engine, &DownloadEngine::removed, this, [this](DownloadId id) {
        if (m_moving.remove(id) && m_moving.isEmpty())
            finishMoveReport();
    });
}

void WindowDialogs::editSelected()
{
    QList<DownloadId> ids;
    QList<DownloadRequest> requests;
    QList<DownloadSnapshot> snapshots;
    for (DownloadId id : m_window.selectedIds()) {
        if (!m_engine.contains(id))
            continue;
        ids.append(id);
        requests.append(m_engine.request(id));
        snapshots.append(m_engine.snapshot(id));
    }
    if (ids.isEmpty())
        return;
    auto *dialog = new EditDownloadsDialog(requests, snapshots, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids] {
        const QList<DownloadId> moving = EditDownloadsDialog::apply(m_engine, ids, dialog->edits());
        if (moving.isEmpty())
            return;
        if (m_moving.isEmpty()) {
            m_moveErrors.clear();
            m_moved = 0;
        }
        m_moving.unite(QSet<DownloadId>(moving.cbegin(), moving.cend()));
        Q_EMIT notice(tr("Moving %n download(s)…", nullptr, int(moving.size())));
    });
    dialog->open();
}

void WindowDialogs::onDirectoryChanged(DownloadId id, const QString &error)
{
    if (!m_moving.remove(id))
        return;
    if (error.isEmpty())
        ++m_moved;
    else
        m_moveErrors.append(error);
    if (m_moving.isEmpty())
        finishMoveReport();
}

// One message for the whole Edit, not one per download: a warning naming
// what failed (the files stayed where they were), else a line in the status bar.
void WindowDialogs::finishMoveReport()
{
    if (m_moveErrors.isEmpty()) {
        if (m_moved > 0)
            Q_EMIT notice(tr("Moved %n download(s).", nullptr, m_moved));
        return;
    }
    const int failed = int(m_moveErrors.size());
    QString text = failed == 1 ? m_moveErrors.constFirst()
                               : tr("%n download(s) could not be moved; their files stay where they were:", nullptr,
                                    failed) + u"\n\n"_s + m_moveErrors.mid(0, 5).join(u'\n');
    if (failed > 5)
        text += u"\n…"_s;
    m_moveErrors.clear();
    m_window.showWarning(text);
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
        AppSettings chosen = dialog->settings();
        // The toggle is not on the dialog: the schedule or the user may have flipped it while it was open.
        chosen.altSpeedOn = m_window.settings().altSpeedOn;
        m_window.applySettings(chosen);
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
