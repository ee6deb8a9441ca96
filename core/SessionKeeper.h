// Keeps a session file (the window's, `ferry daemon`'s) in step with the
// engine: restores the saved downloads at start, schedules a (debounced) save
// on every change, and on quit stops the engine, waits for it without
// blocking the event loop, writes the final list and says so.
#pragma once

#include "core/DownloadRecord.h"

#include <QList>
#include <QObject>
#include <QString>

namespace ferry {

class DownloadEngine;
class SessionStore;

class SessionKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionKeeper)

public:
    SessionKeeper(DownloadEngine &engine, SessionStore &store, QObject *parent = nullptr);

    // Loads the store into the engine and starts following the engine.
    // Returns the store's warning (empty when the main file was fine).
    QString restore();

    // engine.shutdown(), then saveNow(), then finished(). Safe to call twice.
    void shutdown();
    bool isShuttingDown() const { return m_shuttingDown; }

    QList<DownloadRecord> records() const;

Q_SIGNALS:
    void finished();

private:
    void changed();
    void onShutdownFinished();

    DownloadEngine &m_engine;
    SessionStore &m_store;
    bool m_following = false;
    bool m_shuttingDown = false;
};

} // namespace ferry
