// Keeps a session file (the window's, `ferry daemon`'s) in step with the
// engine: restores the saved downloads at start (in the background for the
// window), schedules a (debounced) save when something other than progress
// changes — progress lives in the control files, so a progress-only minute
// writes nothing — and on quit stops the engine, waits for it without
// blocking the event loop, writes the final list off the calling thread and
// says so.
#pragma once

#include "core/DownloadRecord.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace ferry {

class DownloadEngine;
class SessionStore;
struct DownloadSnapshot;

class SessionKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionKeeper)

public:
    SessionKeeper(DownloadEngine &engine, SessionStore &store, QObject *parent = nullptr);

    // Loads the store into the engine and starts following the engine.
    // Returns the store's warning (empty when the file was fine). Blocks on
    // the disk: for `ferry daemon` and tests; the window uses restoreInBackground().
    QString restore();
    // Reads the file on the store's thread and hands the records to the
    // engine a slice per event-loop turn, so a long history never freezes the
    // window; restored() follows. Downloads added meanwhile are kept and saved.
    void restoreInBackground();
    bool isRestoring() const { return m_restoring; }

    // engine.shutdown(), then the final write, then finished(). Safe to call
    // twice; during a background restore it waits for the restore first.
    void shutdown();
    bool isShuttingDown() const { return m_shuttingDown; }

    // aria2.saveSession: writes the list now (in the background).
    void saveNow();

    QList<DownloadRecord> records() const;

Q_SIGNALS:
    void restored(const QString &warning);
    void finished();

private:
    // What is saved of a snapshot besides its state: a change of one of these
    // during a download (a name from Content-Disposition, the size, a
    // redirect) is worth a write, a change of the byte count is not.
    struct Saved {
        QString fileName;
        QString filePath;
        QUrl finalUrl;
        qint64 totalBytes = -1;
        bool resumable = false;
        bool operator==(const Saved &) const = default;
    };
    static Saved savedPart(const DownloadSnapshot &snapshot);

    void follow();
    void changed();
    void rememberSaved(const QList<DownloadRecord> &list);
    void onProgress(const QList<ferry::DownloadSnapshot> &batch);
    void restoreSlice();
    void finishRestore();
    void onShutdownFinished();
    void onFlushed();

    DownloadEngine &m_engine;
    SessionStore &m_store;
    QHash<DownloadId, Saved> m_saved;
    QList<DownloadRecord> m_toRestore;
    qsizetype m_restoreNext = 0;
    qsizetype m_sliceSize = 200;
    QString m_restoreWarning;
    bool m_following = false;
    bool m_restoring = false;
    bool m_changedWhileRestoring = false;
    bool m_shuttingDown = false;
    bool m_shutdownWaitsForRestore = false;
    bool m_writingFinal = false;
};

} // namespace ferry
