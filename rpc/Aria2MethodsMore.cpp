// Aria2Methods, continued: the queue position, links, options, results,
// session and shutdown methods, and the events behind the notifications.
#include "rpc/Aria2Methods.h"

#include "core/DownloadEngine.h"
#include "rpc/RpcParams.h"

#include <QDir>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
RpcResult ok()
{
    return RpcResult::success(u"OK"_s);
}

int indexIn(const QList<DownloadSnapshot> &all, DownloadId id)
{
    const auto at = std::find_if(all.cbegin(), all.cend(), [id](const DownloadSnapshot &s) { return s.id == id; });
    return at == all.cend() ? -1 : int(at - all.cbegin());
}
} // namespace

// aria2's IndexedList::move over the waiting queue (waiting and paused).
RpcResult Aria2Methods::changePosition(const QJsonArray &p)
{
    RpcParams params(p);
    const auto gid = params.string(0);
    const auto pos = params.integer(1);
    const auto how = params.string(2);
    if (params.failed())
        return params.error();
    const Found found = find(*gid);
    if (!found.entry)
        return found.error;
    if (*how != u"POS_SET" && *how != u"POS_CUR" && *how != u"POS_END")
        return RpcResult::failure(u"Illegal argument."_s);
    const QList<Aria2Entry> waiting = waitingEntries();
    const DownloadId id = found.entry->snapshot.id;
    const auto me = std::find_if(waiting.cbegin(), waiting.cend(), [id](const Aria2Entry &e) { return e.snapshot.id == id; });
    if (me == waiting.cend())
        return RpcResult::failure(u"GID#%1 not found in the waiting queue."_s.arg(found.entry->gid));
    const qint64 xp = me - waiting.cbegin();
    const qint64 size = waiting.size();
    qint64 dest = 0;
    if (*how == u"POS_CUR")
        dest = *pos > 0 ? std::min(xp + *pos, size - 1) : std::max<qint64>(xp + *pos, 0);
    else if (*how == u"POS_END")
        dest = std::max<qint64>(std::min(size - 1 + *pos, size - 1), 0);
    else
        dest = std::max<qint64>(std::min(*pos, size - 1), 0);
    if (dest != xp) {
        const QList<DownloadSnapshot> all = m_engine.snapshots();
        m_engine.moveTo(id, indexIn(all, waiting.at(int(dest)).snapshot.id));
    }
    return RpcResult::success(dest);
}

// aria2's changeUri over the download's links (the one in use, then its
// mirrors): each URI of delUris is taken out once, then the http(s) ones of
// addUris go in at `position` among the waiting links (at the end without
// it). When the link in use was taken out, the first waiting one takes its
// place as "Change link" does: the data is kept when it serves the same file.
RpcResult Aria2Methods::changeUri(const QJsonArray &p)
{
    RpcParams params(p);
    const auto gid = params.string(0);
    const auto fileIndex = params.integer(1);
    const auto delUris = params.strings(2);
    const auto addUris = params.strings(3);
    const auto position = params.integer(4, false);
    if (params.failed())
        return params.error();
    const Found found = find(*gid);
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    if (*fileIndex != 1)
        return RpcResult::failure(u"fileIndex is out of range"_s);
    if (e.removed || e.snapshot.state == DownloadState::Completed)
        return RpcResult::failure(u"Active Download not found for GID#"_s + e.gid);
    const auto names = [](const QUrl &url, const QString &uri) {
        return uri == url.toString(QUrl::FullyEncoded) || uri == url.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded);
    };
    bool currentKept = true;
    QList<QUrl> waiting = e.request.mirrors;
    qint64 deleted = 0;
    for (const QString &uri : *delUris) {
        if (currentKept && names(e.request.url, uri)) {
            currentKept = false;
            ++deleted;
            continue;
        }
        const auto at = std::find_if(waiting.begin(), waiting.end(), [&](const QUrl &url) { return names(url, uri); });
        if (at != waiting.end()) {
            waiting.erase(at);
            ++deleted;
        }
    }
    QList<QUrl> added;
    for (const QString &candidate : *addUris) {
        const QUrl url(candidate, QUrl::StrictMode);
        if (DownloadEngine::isUsableLink(url))
            added.append(url);
    }
    qsizetype at = position ? qsizetype(std::clamp<qint64>(*position, 0, waiting.size())) : waiting.size();
    for (const QUrl &url : std::as_const(added))
        waiting.insert(at++, url);
    if (!currentKept && waiting.isEmpty())
        return RpcResult::failure(u"Ferry needs a link for every download: give the new one in the URIs to add."_s);
    if (!currentKept) {
        const QUrl next = waiting.takeFirst();
        m_engine.setMirrors(e.snapshot.id, waiting);
        m_engine.setUrl(e.snapshot.id, next);
    } else {
        m_engine.setMirrors(e.snapshot.id, waiting);
    }
    return RpcResult::success(QJsonArray{deleted, qint64(added.size())});
}

RpcResult Aria2Methods::getOption(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    return RpcResult::success(aria2::downloadOptions(found.entry->request, m_globals));
}

// What can change on a download at any time: its speed limit (at once), its
// connections (from its next start), its proxy (a running download
// restarts on it, as aria2 restarts) and its folder (`dir`: its files move
// there, DownloadEngine::setDirectory; aria2c 1.36 restarts a running
// download in the new folder from zero, Ferry pauses it for the move and
// keeps its data). Other names are ignored, as aria2 ignores options that
// cannot change.
RpcResult Aria2Methods::changeOption(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    const auto options = params.object(1);
    if (params.failed())
        return params.error();
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    if (e.removed || e.snapshot.isFinal())
        return RpcResult::failure(u"Active Download not found for GID#"_s + e.gid);
    Aria2GlobalOptions base = m_globals;
    base.split = e.request.connections;
    base.maxConnectionPerServer = std::max(e.request.connections, m_globals.maxConnectionPerServer);
    base.maxDownloadLimit = e.request.speedLimit;
    QJsonObject known;
    for (const QString &name : {u"split"_s, u"max-connection-per-server"_s, u"max-download-limit"_s})
        if (options->contains(name))
            known.insert(name, options->value(name));
    if (options->contains(u"dir"_s))
        known.insert(u"dir"_s, options->value(u"dir"_s));
    QString error;
    const auto parsed = aria2::addOptions(known, base, &error);
    if (!parsed)
        return RpcResult::failure(error);
    const bool moves = options->contains(u"dir"_s) && parsed->request.directory != QDir::cleanPath(e.request.directory);
    if (moves && e.snapshot.state == DownloadState::Verifying)
        return RpcResult::failure(u"Cannot change option for GID#"_s + e.gid); // aria2's words; the engine refuses a move now
    // The proxy names on top of the download's own proxy; all or nothing.
    Aria2Proxy proxy = aria2::proxyOf(e.request.proxy);
    bool proxyChanged = false;
    for (auto it = options->constBegin(); it != options->constEnd(); ++it) {
        if (!aria2::isProxyOption(it.key()))
            continue;
        if (!aria2::setProxyOption(&proxy, it.key(), it.value().toString()))
            return RpcResult::failure(u"We encountered a problem while processing the option '--%1'."_s.arg(it.key()));
        proxyChanged = true;
    }
    if (proxyChanged && proxy.setting() != e.request.proxy)
        m_engine.setProxy(e.snapshot.id, proxy.setting());
    if (parsed->request.connections != e.request.connections)
        m_engine.setConnections(e.snapshot.id, parsed->request.connections);
    if (parsed->request.speedLimit != e.request.speedLimit)
        m_engine.setSpeedLimit(e.snapshot.id, parsed->request.speedLimit);
    if (moves) // answered by directoryChanged; a failure is in the download's log
        m_engine.setDirectory(e.snapshot.id, parsed->request.directory);
    return ok();
}

RpcResult Aria2Methods::changeGlobalOption(const QJsonArray &p)
{
    RpcParams params(p);
    const auto options = params.object(0);
    if (params.failed())
        return params.error();
    QString error;
    if (!aria2::changeGlobal(*options, &m_globals, &error))
        return RpcResult::failure(error);
    if (m_engine.options().maxActive != m_globals.maxConcurrentDownloads)
        m_engine.setMaxActive(m_globals.maxConcurrentDownloads);
    if (m_engine.options().globalSpeedLimit != m_globals.maxOverallDownloadLimit)
        m_engine.setGlobalSpeedLimit(m_globals.maxOverallDownloadLimit);
    return ok();
}

RpcResult Aria2Methods::purgeDownloadResult()
{
    for (const DownloadSnapshot &s : m_engine.snapshots()) {
        if (s.isFinal() && !m_removing.contains(s.id)) {
            m_purging.insert(s.id, true);
            m_engine.remove(s.id, false);
        }
    }
    for (const Aria2Entry &e : std::as_const(m_removed))
        m_gids.forget(e.snapshot.id);
    m_removed.clear();
    return ok();
}

RpcResult Aria2Methods::removeDownloadResult(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    const DownloadId id = e.snapshot.id;
    if (e.removed && !m_removing.contains(id)) {
        m_removed.erase(std::remove_if(m_removed.begin(), m_removed.end(),
                                       [id](const Aria2Entry &r) { return r.snapshot.id == id; }),
                        m_removed.end());
        m_gids.forget(id);
        return ok();
    }
    if (!e.removed && e.snapshot.isFinal()) {
        m_purging.insert(id, true);
        m_engine.remove(id, false);
        return ok();
    }
    return RpcResult::failure(u"Could not remove download result of GID#"_s + e.gid);
}

RpcResult Aria2Methods::getVersion() const
{
    // "version" is the aria2 release whose RPC Ferry follows (clients compare
    // it); Ferry's own version is beside it.
    return RpcResult::success(QJsonObject{
        {u"version"_s, u"1.36.0"_s},
        {u"enabledFeatures"_s, QJsonArray{u"HTTPS"_s, u"Message Digest"_s}},
        {u"ferryVersion"_s, QStringLiteral(FERRY_VERSION)},
    });
}

RpcResult Aria2Methods::saveSession()
{
    if (!m_hooks.saveSession)
        return RpcResult::failure(u"Filename is not given."_s);
    QString error;
    if (!m_hooks.saveSession(&error))
        return RpcResult::failure(error);
    return ok();
}

RpcResult Aria2Methods::shutdown(bool force)
{
    if (!m_hooks.shutdown)
        return RpcResult::failure(u"Ferry's window is not shut down remotely."_s);
    // After the answer is written: the caller's event loop runs once more.
    QTimer::singleShot(0, this, [this, force] { m_hooks.shutdown(force); });
    return ok();
}

// --- events -------------------------------------------------------------------

void Aria2Methods::onStateChanged(const DownloadSnapshot &s)
{
    const DownloadState before = m_lastState.value(s.id, DownloadState::Queued);
    m_lastState.insert(s.id, s.state);
    if (before == s.state || m_removing.contains(s.id))
        return;
    const QString gid = m_gids.gidFor(s.id);
    switch (s.state) {
    case DownloadState::Downloading:
        if (before != DownloadState::Verifying)
            Q_EMIT event(u"aria2.onDownloadStart"_s, gid);
        break;
    case DownloadState::Paused: Q_EMIT event(u"aria2.onDownloadPause"_s, gid); break;
    case DownloadState::Completed:
        ++m_stoppedTotal;
        Q_EMIT event(u"aria2.onDownloadComplete"_s, gid);
        break;
    case DownloadState::Failed:
        ++m_stoppedTotal;
        Q_EMIT event(u"aria2.onDownloadError"_s, gid);
        break;
    case DownloadState::Queued:
    case DownloadState::Verifying: break;
    }
}

void Aria2Methods::onRemoved(DownloadId id)
{
    m_lastState.remove(id);
    if (m_purging.remove(id)) {
        m_gids.forget(id);
        return;
    }
    const auto it = m_removing.find(id);
    if (it == m_removing.end()) {
        // Removed in the window: gone for aria2's clients too.
        m_gids.forget(id);
        return;
    }
    const Aria2Entry result = *it;
    m_removing.erase(it);
    m_removed.append(result);
    ++m_stoppedTotal;
    while (m_removed.size() > MaxRemovedResults)
        m_gids.forget(m_removed.takeFirst().snapshot.id);
    Q_EMIT event(u"aria2.onDownloadStop"_s, result.gid);
}

} // namespace ferry
