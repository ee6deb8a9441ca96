// The table of downloads in the window. Fed by the engine's signals; progress
// arrives batched (one list per tick for all downloads) and leaves as one
// dataChanged per changed row, or one for the whole table when most rows
// changed, so a fast transfer never floods the view (qBittorrent, KGet).
#pragma once

#include "core/DownloadSnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace ferry {

class DownloadEngine;

class DownloadListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadListModel)

public:
    enum Column { NameColumn, SizeColumn, ProgressColumn, SpeedColumn, EtaColumn, StatusColumn, AddedColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // DownloadId
        SortRole,                  // raw value of the column (bytes, seconds, …) for sorting
        ProgressRole,              // int 0..100, or -1 while the size is unknown
        UrlRole,                   // QUrl as added
        StateRole,                 // int(DownloadState)
    };

    explicit DownloadListModel(QObject *parent = nullptr);
    ~DownloadListModel() override;

    // Shows the engine's downloads and follows its signals from now on.
    void setEngine(DownloadEngine *engine);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(DownloadId id) const { return m_rowOf.value(id, -1); }
    const DownloadSnapshot &snapshotAt(int row) const { return m_rows.at(row); }
    const QList<DownloadSnapshot> &snapshots() const { return m_rows; }
    double totalBytesPerSecond() const;
    // The user retried this failed download: its row says so until it ends again.
    void markRetrying(DownloadId id);
    // Completed downloads whose file is gone from disk show "File missing".
    // Checked when asked (the window does when it is activated), not per paint,
    // and on the thread pool: a long history on a slow or network disk never
    // holds the window. The rows change when the answers come back;
    // missingRefreshed() follows. Asked again while a check runs, it checks
    // once more after it.
    void refreshMissing();
    // One row, now, for a click on it (one stat, as opening it costs anyway).
    bool checkMissing(DownloadId id);
    bool isMissing(DownloadId id) const { return m_missing.contains(id); }
    // The language changed: every text is made again when the view asks
    // (errors are kept translatable, DownloadSnapshot::error).
    void retranslate();
    // Puts the rows in the engine's queue order (after DownloadEngine::moveTo;
    // the engine's orderChanged() calls it once the moves of a burst are made).
    void followEngineOrder();

    // Human text shared with the status bar and the tray.
    static QString formatSize(qint64 bytes);
    static QString formatSpeed(double bytesPerSecond);
    static QString formatEta(qint64 seconds);

Q_SIGNALS:
    void missingRefreshed();

public Q_SLOTS:
    void addDownload(const ferry::DownloadSnapshot &snapshot);
    void updateDownload(const ferry::DownloadSnapshot &snapshot);
    void removeDownload(ferry::DownloadId id);
    void applyProgress(const QList<ferry::DownloadSnapshot> &changed);
    void clear();

private:
    QVariant displayData(const DownloadSnapshot &s, int column) const;
    QVariant sortData(const DownloadSnapshot &s, int column) const;
    void emitRowChanged(int row);
    void setMissing(DownloadId id, bool missing);
    void applyMissing(const QList<DownloadId> &checked, const QSet<DownloadId> &gone);

    void flushBulk();

    QList<DownloadSnapshot> m_rows;
    QHash<DownloadId, int> m_rowOf;
    QHash<DownloadId, bool> m_retried; // retried by the user; true while the retry runs
    QSet<DownloadId> m_missing;        // completed, but the file is no longer on disk
    bool m_missingCheckRunning = false;
    bool m_missingCheckAgain = false;
    // Between the engine's bulkAddStarted and bulkAddFinished: rows waiting
    // to go in with one insertion (nothing reads the model in between).
    bool m_inBulk = false;
    QList<DownloadSnapshot> m_bulk;
    DownloadEngine *m_engine = nullptr;
    bool m_orderPending = false;
};

} // namespace ferry
