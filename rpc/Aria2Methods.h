// aria2's RPC methods (aria2.addUri, tellStatus, pause, changePosition…) over
// Ferry's DownloadEngine: the GIDs, the queue as aria2 shows it (active,
// waiting, stopped), the results aria2 keeps after a remove, the global
// options, and the events its notifications announce. Lives on the engine's
// thread; every method answers at once (docs/rpc.md lists them).
#pragma once

#include "rpc/Aria2Options.h"
#include "rpc/Aria2Status.h"
#include "rpc/GidMap.h"
#include "rpc/RpcResult.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace ferry {

class DownloadEngine;
class RpcDispatcher;
class RpcParams;

class Aria2Methods final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Aria2Methods)

public:
    struct Hooks {
        std::function<bool(QString *error)> saveSession; // saveSession; empty = "not kept"
        std::function<void(bool force)> shutdown;         // called after the answer is on its way
    };

    // aria2 keeps at most this many stopped results (--max-download-result).
    static constexpr int MaxRemovedResults = 1000;

    Aria2Methods(DownloadEngine &engine, const Aria2GlobalOptions &globals, QObject *parent = nullptr);

    void registerOn(RpcDispatcher &dispatcher);
    void setHooks(Hooks hooks) { m_hooks = std::move(hooks); }
    static QStringList notificationNames();

    const Aria2GlobalOptions &globals() const { return m_globals; }
    QString gidFor(DownloadId id) { return m_gids.gidFor(id); }
    std::optional<DownloadId> idFor(const QString &gid) const;

    // The three lists as aria2 orders them.
    QList<Aria2Entry> activeEntries();
    QList<Aria2Entry> waitingEntries();
    QList<Aria2Entry> stoppedEntries();

Q_SIGNALS:
    // "aria2.onDownloadStart" etc. with the download's GID, as it happens.
    void event(const QString &method, const QString &gid);

private:
    struct Found {
        std::optional<Aria2Entry> entry;
        RpcResult error;
    };
    // By GID or unique prefix: a live download or a kept result.
    Found find(const QString &gid);
    Found findParam(RpcParams &params, int index = 0);
    Aria2Entry liveEntry(const DownloadSnapshot &snapshot);

    RpcResult addUri(const QJsonArray &params);
    RpcResult remove(const QJsonArray &params);
    RpcResult pause(const QJsonArray &params);
    RpcResult pauseAll();
    RpcResult unpause(const QJsonArray &params);
    RpcResult unpauseAll();
    RpcResult tellStatus(const QJsonArray &params);
    RpcResult entryPart(const QJsonArray &params, const char *part);
    RpcResult getServers(const QJsonArray &params);
    RpcResult tellActive(const QJsonArray &params);
    RpcResult tellList(const QJsonArray &params, bool stopped);
    RpcResult changePosition(const QJsonArray &params);
    RpcResult changeUri(const QJsonArray &params);
    RpcResult getOption(const QJsonArray &params);
    RpcResult changeOption(const QJsonArray &params);
    RpcResult changeGlobalOption(const QJsonArray &params);
    RpcResult getGlobalStat();
    RpcResult purgeDownloadResult();
    RpcResult removeDownloadResult(const QJsonArray &params);
    RpcResult getVersion() const;
    RpcResult saveSession();
    RpcResult shutdown(bool force);

    void onStateChanged(const DownloadSnapshot &snapshot);
    void adopt(const DownloadSnapshot &snapshot);
    void onRemoved(DownloadId id);

    DownloadEngine &m_engine;
    Aria2GlobalOptions m_globals;
    GidMap m_gids;
    Hooks m_hooks;
    QList<Aria2Entry> m_removed;                  // results of aria2.remove, oldest first
    QHash<DownloadId, Aria2Entry> m_removing;     // asked to remove, engine not done yet
    QHash<DownloadId, DownloadState> m_lastState; // for the events
    QHash<DownloadId, bool> m_purging;            // removed as a result: no event, no result kept
    qint64 m_stoppedTotal = 0;
    QString m_sessionId;
};

} // namespace ferry
