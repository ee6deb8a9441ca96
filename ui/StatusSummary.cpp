// See StatusSummary.h.
#include "ui/StatusSummary.h"

#include "ui/DownloadListModel.h"
#include "ui/SharingPanel.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace ferry {

StatusSummary::StatusSummary(QStatusBar *bar, QAction *undoRemove)
    : QObject(bar)
    , m_bar(bar)
{
    m_undo = new QToolButton(bar);
    m_undo->setObjectName(u"undoRemove"_s);
    m_undo->setAutoRaise(true);
    m_undo->setDefaultAction(undoRemove);
    m_undo->hide();
    m_counts = new QLabel(bar);
    m_counts->setObjectName(u"counts"_s);
    m_speed = new QLabel(bar);
    m_speed->setObjectName(u"totalSpeed"_s);
    m_sharing = new QToolButton(bar);
    m_sharing->setObjectName(u"sharingStatusButton"_s);
    m_sharing->setAutoRaise(true);
    m_sharing->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // Permanent widgets: a message is drawn left of them and clipped there.
    bar->addPermanentWidget(m_undo);
    bar->addPermanentWidget(m_counts);
    bar->addPermanentWidget(m_speed);
    bar->addPermanentWidget(m_sharing);
}

QString StatusSummary::update(const DownloadListModel &model, const QSet<DownloadId> &hidden)
{
    int downloading = 0, queued = 0, paused = 0, completed = 0, failed = 0;
    for (const DownloadSnapshot &s : model.snapshots()) {
        if (hidden.contains(s.id))
            continue;
        switch (s.state) {
        case DownloadState::Downloading:
        case DownloadState::Verifying: ++downloading; break;
        case DownloadState::Queued: ++queued; break;
        case DownloadState::Paused: ++paused; break;
        case DownloadState::Completed: ++completed; break;
        case DownloadState::Failed: ++failed; break;
        }
    }
    QStringList parts;
    if (downloading)
        parts.append(tr("%n downloading", nullptr, downloading));
    if (queued)
        parts.append(tr("%n queued", nullptr, queued));
    if (paused)
        parts.append(tr("%n paused", nullptr, paused));
    if (completed)
        parts.append(tr("%n completed", nullptr, completed));
    if (failed)
        parts.append(tr("%n failed", nullptr, failed));
    m_counts->setText(parts.isEmpty() ? tr("No downloads — paste or drop URLs here") : parts.join(u" · "_s));
    // Never squeezed by a long message or a narrow window.
    m_counts->setMinimumWidth(m_counts->sizeHint().width());
    const QString speed = DownloadListModel::formatSpeed(model.totalBytesPerSecond());
    m_speed->setText(tr("Total: %1").arg(speed));
    m_speed->setMinimumWidth(m_speed->sizeHint().width());
    return speed;
}

void StatusSummary::updateSharing(const SharingPanel &panel)
{
    const QStyle *style = QApplication::style();
    switch (panel.state()) {
    case SharingPanel::State::Stopped:
        m_sharing->setText(tr("Sharing off"));
        m_sharing->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
        break;
    case SharingPanel::State::Starting:
        m_sharing->setText(tr("Sharing: starting…"));
        m_sharing->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
        break;
    case SharingPanel::State::Running:
        m_sharing->setText(tr("Sharing on port %1").arg(panel.link().port()));
        m_sharing->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
        break;
    case SharingPanel::State::Failed:
        m_sharing->setText(tr("Sharing failed"));
        m_sharing->setIcon(style->standardIcon(QStyle::SP_MessageBoxWarning));
        break;
    }
    m_sharing->setToolTip(panel.statusText());
}

void StatusSummary::setUndoVisible(bool visible)
{
    m_undo->setVisible(visible);
}

} // namespace ferry
