// The window's hold on the queue: the filter row above the list — the state
// (all, active, queued, paused, completed, failed), the category (all, video,
// music, archives, documents, programs, other, each with how many downloads
// it has; ui/FileKind) and the name filter, all applied together — moving
// the selected downloads up, down, to the top or the bottom (QueueMoves keeps
// their order; a view sorted by a column returns to the queue's order so the
// move shows), and Clear Completed, which takes the completed rows away as an
// undoable removal (PendingRemovals).
#pragma once

#include "core/DownloadState.h"
#include "ui/QueueMoves.h"

#include <QList>
#include <QObject>
#include <QTimer>

class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QWidget;

namespace ferry {

class DownloadEngine;
class DownloadFilterModel;
class DownloadListModel;
class DownloadView;
class PendingRemovals;

class QueueControls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueControls)

public:
    QueueControls(DownloadEngine &engine, DownloadListModel &model, DownloadFilterModel &filter,
                  PendingRemovals &removals, DownloadView &view, QWidget *parent);

    // The row of filters, its widgets children of the layout's future parent.
    QHBoxLayout *filterRow() const { return m_row; }
    QComboBox *stateFilterBox() const { return m_stateBox; }
    QComboBox *categoryFilterBox() const { return m_categoryBox; }
    QLineEdit *filterBox() const { return m_filterBox; }
    // Shows every download again (the text filter cleared; state and category to All).
    void showAll();
    void move(QueueMove move, const QList<DownloadId> &selected);
    void clearCompleted();
    // Writes the categories' names and counts again (a new language).
    void retranslate();

Q_SIGNALS:
    void filtersChanged();

private:
    void fillStates();
    void updateCategoryCounts();

    DownloadEngine &m_engine;
    DownloadListModel &m_model;
    DownloadFilterModel &m_filter;
    PendingRemovals &m_removals;
    DownloadView &m_view;
    QHBoxLayout *m_row = nullptr;
    QComboBox *m_stateBox = nullptr;
    QComboBox *m_categoryBox = nullptr;
    QLineEdit *m_filterBox = nullptr;
    QTimer m_countTimer; // the counts walk every row: at most once a second
};

} // namespace ferry
