// The Details panel (a dock, View → Details, Ctrl+I): everything about the
// selected download that the table has no room for — its URL and where it
// led, the file, the size, the validators its data belongs to, the
// connections and their ranges (SegmentBar), its speed over the last minutes
// (SpeedGraph) and its log (DownloadHistory). Follows the download once a
// second while shown; everything it reads comes from memory or from the
// engine's answer to requestDetails(), so the GUI thread never waits.
#pragma once

#include "core/DownloadDetails.h"
#include "core/DownloadSnapshot.h"
#include "ui/DownloadHistory.h"

#include <QTimer>
#include <QWidget>

class QAbstractItemView;
class QDockWidget;
class QFormLayout;
class QMainWindow;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace ferry {

class DownloadEngine;
class DownloadListModel;
class SegmentBar;
class SpeedGraph;

class DetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPanel)

public:
    DetailsPanel(DownloadEngine &engine, const DownloadListModel &model, DownloadHistory &history,
                 QWidget *parent = nullptr);

    // The panel in a dock at the right of `window`, hidden; its history starts now.
    static QDockWidget *addDockTo(QMainWindow *window, DownloadEngine &engine, const DownloadListModel &model);
    // Shows the current row of `view` when it is selected, else its first selected row.
    void followSelection(const QAbstractItemView &view);

    // 0: nothing selected.
    void setDownload(DownloadId id);
    DownloadId download() const { return m_id; }
    // The last details the engine gave for the shown download.
    const DownloadDetails &details() const { return m_details; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();
    void refresh();        // the snapshot's fields, now; asks the engine for the rest
    void showDetails(const DownloadDetails &details);
    void showLog();
    void appendLog(const DownloadHistory::LogLine &line);
    QLabel *addField(const char *objectName);

    DownloadEngine &m_engine;
    const DownloadListModel &m_model;
    DownloadHistory &m_history;
    DownloadId m_id = 0;
    DownloadDetails m_details;
    QTimer m_timer;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_empty = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_url = nullptr;
    QLabel *m_finalUrl = nullptr;
    QLabel *m_file = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_etag = nullptr;
    QLabel *m_lastModified = nullptr;
    QLabel *m_connections = nullptr;
    SegmentBar *m_bar = nullptr;
    SpeedGraph *m_graph = nullptr;
    QLabel *m_logTitle = nullptr;
    QPlainTextEdit *m_log = nullptr;
};

} // namespace ferry
