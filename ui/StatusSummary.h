// The window's status bar: the counts by state, the total speed, whether
// sharing runs (a button that opens its panel) and the Undo button of a
// removal. Messages (e.g. "Added 3 downloads.") go to the left part and are
// cut short there: they never cover the counts, which keep their full width.
#pragma once

#include "core/DownloadState.h"

#include <QObject>
#include <QSet>

class QAction;
class QLabel;
class QStatusBar;
class QToolButton;

namespace ferry {

class DownloadListModel;
class SharingPanel;

class StatusSummary final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusSummary)

public:
    StatusSummary(QStatusBar *bar, QAction *undoRemove);

    // Counts and total speed of the model's downloads, except `hidden` (removed,
    // waiting for the undo time). Returns the speed text (the tray shows it too).
    QString update(const DownloadListModel &model, const QSet<DownloadId> &hidden);
    void updateSharing(const SharingPanel &panel);
    void setUndoVisible(bool visible);

    QToolButton *sharingButton() const { return m_sharing; }

private:
    QStatusBar *m_bar;
    QLabel *m_counts = nullptr;
    QLabel *m_speed = nullptr;
    QToolButton *m_sharing = nullptr;
    QToolButton *m_undo = nullptr;
};

} // namespace ferry
