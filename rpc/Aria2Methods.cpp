// See Aria2Methods.h. Adding, finding, stopping and listing downloads; the
// options, queue and session methods are in Aria2MethodsMore.cpp. Error
// messages are aria2's wherever aria2 has one.
#include "rpc/Aria2Methods.h"

#include "core/DownloadEngine.h"
#include "rpc/RpcDispatcher.h"
#include "rpc/RpcParams.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

QString gidText(const QString &gid)
{
    return u"GID#"_s + gid;
}

RpcResult ok()
{
    return RpcResult::success(u"OK"_s);
}

// aria2's pagination (AbstractPaginationRpcMethod::getPaginationRange): a
// negative offset counts from the end and the answer comes back reversed.
QList<Aria2Entry> page(const QList<Aria2Entry> &items, qint64 offset, qint64 num)
{
    if (num <= 0)
        return {};
    const qint64 size = items.size();
    bool reversed = false;
    if (offset < 0) {
        reversed = true;
        const qint64 from = offset + size;
        if (from < 0)
            return {};
        offset = from - (num - 1);
        if (offset < 0) {
            offset = 0;
            num = from + 1;
        }
    } else if (size <= offset) {
        return {};
    }
    const qint64 end = std::min(size, offset + num);
    QList<Aria2Entry> out = items.mid(offset, end - offset);
    if (reversed)
        std::reverse(out.begin(), out.end());
    return out;
}

QByteArray statusList(const QList<Aria2Entry> &entries, quint32 mask)
{
    QByteArray out;
    out.reserve(64 + entries.size() * 400);
    out += '[';
    for (const Aria2Entry &e : entries) {
        if (out.size() > 1)
            out += ',';
        aria2::appendStatus(out, e, mask);
    }
    out += ']';
    return out;
}

} // namespace

Aria2Methods::Aria2Methods(DownloadEngine &engine, const Aria2GlobalOptions &globals, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_globals(globals)
{
    quint32 words[5];
    QRandomGenerator::system()->fillRange(words);
    m_sessionId = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
    for (const DownloadSnapshot &s : m_engine.snapshots())
        adopt(s);
    connect(&m_engine, &DownloadEngine::added, this, &Aria2Methods::adopt);
    connect(&m_engine, &DownloadEngine::stateChanged, this, &Aria2Methods::onStateChanged);
    connect(&m_engine, &DownloadEngine::removed, this, &Aria2Methods::onRemoved);
}

void Aria2Methods::adopt(const DownloadSnapshot &s)
{
    // The GID the download had before a restart, if it had one and it is
    // still free; else a new one, kept with the download from now on.
    const QString kept = m_engine.request(s.id).gid;
    if (kept.isEmpty() || !m_gids.assign(s.id, kept))
        m_engine.setGid(s.id, m_gids.gidFor(s.id));
    m_lastState.insert(s.id, s.state);
}

QStringList Aria2Methods::notificationNames()
{
    return {u"aria2.onDownloadStart"_s,    u"aria2.onDownloadPause"_s, u"aria2.onDownloadStop"_s,
            u"aria2.onDownloadComplete"_s, u"aria2.onDownloadError"_s, u"aria2.onBtDownloadComplete"_s};
}

void Aria2Methods::registerOn(RpcDispatcher &d)
{
    using P = const QJsonArray &;
    d.addMethod(u"aria2.addUri"_s, [this](P p) { return addUri(p); });
    const RpcResult httpOnly = RpcResult::failure(
        u"Ferry downloads over HTTP and HTTPS only: torrents and Metalink files are not supported."_s);
    d.addMethod(u"aria2.addTorrent"_s, [httpOnly](P) { return httpOnly; });
    d.addMethod(u"aria2.addMetalink"_s, [httpOnly](P) { return httpOnly; });
    d.addMethod(u"aria2.remove"_s, [this](P p) { return remove(p); });
    d.addMethod(u"aria2.forceRemove"_s, [this](P p) { return remove(p); });
    d.addMethod(u"aria2.pause"_s, [this](P p) { return pause(p); });
    d.addMethod(u"aria2.forcePause"_s, [this](P p) { return pause(p); });
    d.addMethod(u"aria2.pauseAll"_s, [this](P) { return pauseAll(); });
    d.addMethod(u"aria2.forcePauseAll"_s, [this](P) { return pauseAll(); });
    d.addMethod(u"aria2.unpause"_s, [this](P p) { return unpause(p); });
    d.addMethod(u"aria2.unpauseAll"_s, [this](P) { return unpauseAll(); });
    d.addMethod(u"aria2.tellStatus"_s, [this](P p) { return tellStatus(p); });
    d.addMethod(u"aria2.getUris"_s, [this](P p) { return entryPart(p, "uris"); });
    d.addMethod(u"aria2.getFiles"_s, [this](P p) { return entryPart(p, "files"); });
    d.addMethod(u"aria2.getPeers"_s, [this](P p) { return entryPart(p, "peers"); });
    d.addMethod(u"aria2.getServers"_s, [this](P p) { return getServers(p); });
    d.addMethod(u"aria2.tellActive"_s, [this](P p) { return tellActive(p); });
    d.addMethod(u"aria2.tellWaiting"_s, [this](P p) { return tellList(p, false); });
    d.addMethod(u"aria2.tellStopped"_s, [this](P p) { return tellList(p, true); });
    d.addMethod(u"aria2.changePosition"_s, [this](P p) { return changePosition(p); });
    d.addMethod(u"aria2.changeUri"_s, [this](P p) { return changeUri(p); });
    d.addMethod(u"aria2.getOption"_s, [this](P p) { return getOption(p); });
    d.addMethod(u"aria2.changeOption"_s, [this](P p) { return changeOption(p); });
    d.addMethod(u"aria2.getGlobalOption"_s, [this](P) { return RpcResult::success(m_globals.toJson()); });
    d.addMethod(u"aria2.changeGlobalOption"_s, [this](P p) { return changeGlobalOption(p); });
    d.addMethod(u"aria2.getGlobalStat"_s, [this](P) { return getGlobalStat(); });
    d.addMethod(u"aria2.purgeDownloadResult"_s, [this](P) { return purgeDownloadResult(); });
    d.addMethod(u"aria2.removeDownloadResult"_s, [this](P p) { return removeDownloadResult(p); });
    d.addMethod(u"aria2.getVersion"_s, [this](P) { return getVersion(); });
    d.addMethod(u"aria2.getSessionInfo"_s,
                [this](P) { return RpcResult::success(QJsonObject{{u"sessionId"_s, m_sessionId}}); });
    d.addMethod(u"aria2.saveSession"_s, [this](P) { return saveSession(); });
    d.addMethod(u"aria2.shutdown"_s, [this](P) { return shutdown(false); });
    d.addMethod(u"aria2.forceShutdown"_s, [this](P) { return shutdown(true); });
    d.setNotifications(notificationNames());
}

std::optional<DownloadId> Aria2Methods::idFor(const QString &gid) const
{
    const GidMap::Match m = m_gids.find(gid);
    if (m.status != GidMap::Lookup::Found)
        return std::nullopt;
    return m.id;
}

Aria2Entry Aria2Methods::liveEntry(const DownloadSnapshot &snapshot)
{
    return Aria2Entry{m_gids.gidFor(snapshot.id), snapshot, m_engine.request(snapshot.id), false};
}

Aria2Methods::Found Aria2Methods::find(const QString &gid)
{
    const GidMap::Match m = m_gids.find(gid);
    switch (m.status) {
    case GidMap::Lookup::Invalid: return {std::nullopt, RpcResult::failure(u"Invalid GID "_s + gid)};
    case GidMap::Lookup::NotUnique: return {std::nullopt, RpcResult::failure(u"GID %1 is not unique"_s.arg(gid))};
    case GidMap::Lookup::NotFound: return {std::nullopt, RpcResult::failure(u"GID %1 is not found"_s.arg(gid))};
    case GidMap::Lookup::Found: break;
    }
    if (const auto it = m_removing.constFind(m.id); it != m_removing.cend())
        return {*it, {}};
    if (m_engine.contains(m.id))
        return {liveEntry(m_engine.snapshot(m.id)), {}};
    for (const Aria2Entry &e : std::as_const(m_removed))
        if (e.snapshot.id == m.id)
            return {e, {}};
    return {std::nullopt, RpcResult::failure(u"GID %1 is not found"_s.arg(gid))};
}

Aria2Methods::Found Aria2Methods::findParam(RpcParams &params, int index)
{
    const auto gid = params.string(index);
    if (!gid)
        return {std::nullopt, params.error()};
    return find(*gid);
}

QList<Aria2Entry> Aria2Methods::activeEntries()
{
    QList<Aria2Entry> out;
    for (const DownloadSnapshot &s : m_engine.snapshots())
        if (s.isActive() && !m_removing.contains(s.id))
            out.append(liveEntry(s));
    return out;
}

QList<Aria2Entry> Aria2Methods::waitingEntries()
{
    QList<Aria2Entry> out;
    for (const DownloadSnapshot &s : m_engine.snapshots())
        if ((s.state == DownloadState::Queued || s.state == DownloadState::Paused) && !m_removing.contains(s.id))
            out.append(liveEntry(s));
    return out;
}

QList<Aria2Entry> Aria2Methods::stoppedEntries()
{
    QList<Aria2Entry> out;
    for (const DownloadSnapshot &s : m_engine.snapshots())
        if (s.isFinal() && !m_removing.contains(s.id))
            out.append(liveEntry(s));
    out.append(m_removed);
    out.append(m_removing.values());
    // aria2 lists results in the order they stopped.
    std::stable_sort(out.begin(), out.end(), [](const Aria2Entry &a, const Aria2Entry &b) {
        return a.snapshot.finished < b.snapshot.finished;
    });
    return out;
}

// --- adding and stopping ------------------------------------------------------

RpcResult Aria2Methods::addUri(const QJsonArray &p)
{
    RpcParams params(p);
    const auto uris = params.strings(0);
    const auto options = params.object(1, false);
    const auto position = params.integer(2, false);
    if (params.failed())
        return params.error();
    if (uris->isEmpty())
        return RpcResult::failure(u"URI is not provided."_s);
    if (position && *position < 0)
        return RpcResult::failure(u"Position must be greater than or equal to 0."_s);
    // The first http(s) URI is the link, the further ones its mirrors (tried
    // in order when it fails, core/DownloadLinks.cpp); others are left out.
    QUrl url;
    QList<QUrl> mirrors;
    for (const QString &uri : *uris) {
        const QUrl candidate(uri, QUrl::StrictMode);
        const QString scheme = candidate.scheme().toLower();
        if (!candidate.isValid() || (scheme != u"http" && scheme != u"https") || candidate.host().isEmpty())
            continue;
        if (url.isEmpty())
            url = candidate;
        else
            mirrors.append(candidate);
    }
    if (url.isEmpty())
        return RpcResult::failure(u"No URI to download."_s);
    QString error;
    auto add = aria2::addOptions(options.value_or(QJsonObject()), m_globals, &error);
    if (!add)
        return RpcResult::failure(error);
    if (!add->gid.isEmpty()) {
        if (!GidMap::isValidGid(add->gid))
            return RpcResult::failure(u"Invalid GID "_s + add->gid);
        if (m_gids.find(add->gid).status != GidMap::Lookup::NotFound)
            return RpcResult::failure(u"GID %1 is not unique"_s.arg(add->gid));
    }
    add->request.url = url;
    add->request.mirrors = mirrors;
    add->request.gid = add->gid; // the client's own, when it chose one (adopt() takes it)
    // Added paused first, so the GID and the place in the queue are settled
    // before the engine may start it.
    const DownloadId id = m_engine.add(add->request, false);
    const QString gid = m_gids.gidFor(id);
    if (position) {
        const QList<Aria2Entry> waiting = waitingEntries();
        if (*position < waiting.size() - 1) {
            const QList<DownloadSnapshot> all = m_engine.snapshots();
            const DownloadId before = waiting.at(int(*position)).snapshot.id;
            const auto at = std::find_if(all.cbegin(), all.cend(), [before](const auto &s) { return s.id == before; });
            m_engine.moveTo(id, int(at - all.cbegin()));
        }
    }
    if (!add->paused)
        m_engine.resume(id);
    return RpcResult::success(gid);
}

RpcResult Aria2Methods::remove(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    if (e.removed || e.snapshot.isFinal())
        return RpcResult::failure(u"Active Download not found for "_s + gidText(e.gid));
    if (!e.snapshot.isActive()) {
        // As aria2: a download that is not running is dropped at once, with no
        // result kept and no notification.
        m_purging.insert(e.snapshot.id, true);
    } else {
        Aria2Entry result = e;
        result.removed = true;
        result.snapshot.finished = QDateTime::currentDateTimeUtc();
        m_removing.insert(e.snapshot.id, result);
    }
    // aria2 keeps what was downloaded (its .aria2 control file too); so does Ferry.
    m_engine.remove(e.snapshot.id, false);
    return RpcResult::success(e.gid);
}

RpcResult Aria2Methods::pause(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    const QString word = aria2::statusWord(e.snapshot, e.removed);
    if (word != u"active" && word != u"waiting")
        return RpcResult::failure(gidText(e.gid) + u" cannot be paused now"_s);
    m_engine.pause(e.snapshot.id);
    return RpcResult::success(e.gid);
}

RpcResult Aria2Methods::pauseAll()
{
    for (const DownloadSnapshot &s : m_engine.snapshots())
        if (!s.isFinal() && s.wanted)
            m_engine.pause(s.id);
    return ok();
}

RpcResult Aria2Methods::unpause(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    if (aria2::statusWord(e.snapshot, e.removed) != u"paused")
        return RpcResult::failure(gidText(e.gid) + u" cannot be unpaused now"_s);
    m_engine.resume(e.snapshot.id);
    return RpcResult::success(e.gid);
}

RpcResult Aria2Methods::unpauseAll()
{
    for (const DownloadSnapshot &s : m_engine.snapshots())
        if (aria2::statusWord(s, false) == u"paused")
            m_engine.resume(s.id);
    return ok();
}

// --- asking -------------------------------------------------------------------

RpcResult Aria2Methods::tellStatus(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    const auto keys = params.strings(1, false);
    if (params.failed())
        return params.error();
    if (!found.entry)
        return found.error;
    return RpcResult::success(aria2::status(*found.entry, keys.value_or(QStringList())));
}

RpcResult Aria2Methods::entryPart(const QJsonArray &p, const char *part)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    const QByteArrayView which(part);
    if (which == "uris")
        return RpcResult::success(aria2::uris(*found.entry));
    if (which == "files")
        return RpcResult::success(aria2::files(*found.entry));
    return RpcResult::success(QJsonArray()); // peers: Ferry has none
}

RpcResult Aria2Methods::getServers(const QJsonArray &p)
{
    RpcParams params(p);
    const Found found = findParam(params);
    if (!found.entry)
        return found.error;
    const Aria2Entry &e = *found.entry;
    if (e.removed || !e.snapshot.isActive())
        return RpcResult::failure(u"No active download for "_s + gidText(e.gid));
    const QString uri = e.request.url.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded);
    const QString current = e.snapshot.finalUrl.isValid() ? e.snapshot.finalUrl.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded) : uri;
    QJsonArray servers;
    servers.append(QJsonObject{{u"uri"_s, uri},
                               {u"currentUri"_s, current},
                               {u"downloadSpeed"_s, QString::number(qint64(e.snapshot.bytesPerSecond))}});
    return RpcResult::success(QJsonArray{QJsonObject{{u"index"_s, u"1"_s}, {u"servers"_s, servers}}});
}

RpcResult Aria2Methods::tellActive(const QJsonArray &p)
{
    RpcParams params(p);
    const auto keys = params.strings(0, false);
    if (params.failed())
        return params.error();
    return RpcResult::json(statusList(activeEntries(), aria2::keyMask(keys.value_or(QStringList()))));
}

RpcResult Aria2Methods::tellList(const QJsonArray &p, bool stopped)
{
    RpcParams params(p);
    const auto offset = params.integer(0);
    const auto num = params.integer(1);
    const auto keys = params.strings(2, false);
    if (params.failed())
        return params.error();
    return RpcResult::json(statusList(page(stopped ? stoppedEntries() : waitingEntries(), *offset, *num),
                                      aria2::keyMask(keys.value_or(QStringList()))));
}

RpcResult Aria2Methods::getGlobalStat()
{
    qint64 speed = 0;
    int active = 0;
    int waiting = 0;
    int stopped = 0;
    for (const DownloadSnapshot &s : m_engine.snapshots()) {
        if (m_removing.contains(s.id)) {
            continue;
        } else if (s.isActive()) {
            ++active;
            speed += qint64(s.bytesPerSecond);
        } else if (s.isFinal()) {
            ++stopped;
        } else {
            ++waiting;
        }
    }
    stopped += int(m_removed.size() + m_removing.size());
    return RpcResult::success(QJsonObject{
        {u"downloadSpeed"_s, QString::number(speed)},
        {u"uploadSpeed"_s, u"0"_s},
        {u"numActive"_s, QString::number(active)},
        {u"numWaiting"_s, QString::number(waiting)},
        {u"numStopped"_s, QString::number(stopped)},
        {u"numStoppedTotal"_s, QString::number(std::max<qint64>(stopped, m_stoppedTotal))},
    });
}

} // namespace ferry
