// The window's list of downloads, history included, kept in session.json
// (DESIGN "Session", format in docs/file-formats.md). Loading and saving run
// on a pool thread so the GUI never waits on the disk; saving is debounced;
// every write is atomic and keeps the previous good file as ".bak", so a crash
// or a damaged file never loses the list silently. One unreadable record is
// left out and reported; it does not cost the others.
#pragma once

#include "core/DownloadRecord.h"
#include "core/SessionFormat.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <optional>

namespace ferry {

class SessionStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionStore)

public:
    struct LoadResult {
        QList<DownloadRecord> records;
        QString warning; // translated; empty when the main file was read as it is, every record
    };

    explicit SessionStore(const QString &path, QObject *parent = nullptr);
    ~SessionStore() override; // writes a save that is still waiting, then returns

    static QString defaultPath(); // <AppDataLocation>/session.json

    QString path() const { return m_path; }
    QString backupPath() const;  // <path>.bak
    QString damagedPath() const; // <path>.damaged

    // Reads the main file, else the backup (with a warning saying so). When
    // neither can be read the damaged main file is moved aside to
    // <path>.damaged, never overwritten, and the list starts empty. When some
    // records could not be read the others are returned and the file as it
    // was is copied to <path>.damaged. Any thread (serialized with writes).
    LoadResult load();
    // load() on the store's thread; loaded() follows on this object's thread.
    void loadInBackground();

    // Debounced: the list is written once, about a second after the first of
    // a run of changes, with the latest records. Returns at once.
    void scheduleSave(const QList<DownloadRecord> &records);
    // Writes now, on the calling thread, after any write in progress.
    void saveNow(const QList<DownloadRecord> &records);
    // Writes on the store's thread without waiting for the debounce (after any
    // write in progress); flushed() follows. For quitting and aria2.saveSession.
    void flush(const QList<DownloadRecord> &records);
    bool hasPendingSave() const { return m_pending.has_value() || m_writing; }
    int writeCount() const { return m_writeCount; } // files written so far, any way

Q_SIGNALS:
    void saveFailed(const QString &message);
    void saved(); // after each successful write, scheduled or not
    void flushed(bool ok);
    void loaded(const ferry::SessionStore::LoadResult &result);

private:
    void startWrite();
    void onWriteDone(bool ok, const QString &message, bool wasFlush);
    bool writeFile(const QList<DownloadRecord> &records, QString *error); // any thread; serialized by m_fileMutex
    bool rotateToBackup(QString *error);

    const QString m_path;
    QTimer m_debounce;
    std::optional<QList<DownloadRecord>> m_pending; // waiting for the timer or for the running write
    bool m_writing = false;
    bool m_flushPending = false; // m_pending is a flush(): write it without the debounce
    std::atomic<int> m_writeCount = 0;
    QThreadPool m_pool; // one thread: writes never overlap
    QMutex m_fileMutex;
    bool m_mainIsGood = false; // the main file was read or written by us and may become the backup
};

} // namespace ferry
