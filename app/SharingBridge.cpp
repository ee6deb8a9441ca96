// See SharingBridge.h.
#include "app/SharingBridge.h"

#include "core/DownloadEngine.h"
#include "server/LiveEvents.h"
#include "server/SavedSecrets.h"
#include "server/ShareRoots.h"
#include "server/ShareServer.h"
#include "server/ShareService.h"
#include "server/ShareSettings.h"
#include "server/SignedLink.h"
#include "ui/SharingPanel.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kPeersIntervalMs = 250;  // the panel is refreshed at most 4 times a second
constexpr int kFinishedKept = 20;      // finished transfers still listed
} // namespace

SharingBridge::SharingBridge(SharingPanel &panel, DownloadEngine *engine, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_engine(engine)
{
    m_peersTimer.setSingleShot(true);
    m_peersTimer.setInterval(kPeersIntervalMs);
    connect(&m_peersTimer, &QTimer::timeout, this, &SharingBridge::publishPeers);
    connect(&panel, &SharingPanel::startRequested, this, &SharingBridge::start);
    connect(&panel, &SharingPanel::stopRequested, this, &SharingBridge::stop);
    connect(&panel, &SharingPanel::newLinkRequested, this, &SharingBridge::renewLink);
    connect(&panel, &SharingPanel::fileLinkRequested, this, &SharingBridge::makeFileLink);
}

SharingBridge::~SharingBridge() = default;

void SharingBridge::restore()
{
    // Only when the user asked for it: sharing that was on when Ferry closed
    // stays off unless "Share again when Ferry starts" is ticked.
    const SharingPreferences prefs = m_panel.preferences();
    if (prefs.enabled && prefs.resumeAtStart)
        m_panel.start();
}

PeerTransferRow SharingBridge::toRow(const UploadSnapshot &upload)
{
    PeerTransferRow row;
    row.id = upload.id;
    row.peer = upload.peer;
    row.path = upload.path;
    row.sentBytes = upload.sentBytes;
    row.totalBytes = upload.totalBytes;
    row.bytesPerSecond = upload.bytesPerSecond;
    row.started = upload.started;
    row.finished = upload.finished;
    row.status = upload.status;
    return row;
}

ShareService &SharingBridge::service()
{
    if (m_service)
        return *m_service;
    m_service = std::make_unique<ShareService>();
    ShareService *s = m_service.get();
    connect(s, &ShareService::started, this, [this](const QUrl &url) {
        m_running = true;
        m_panel.setRunning(true, url);
    });
    connect(s, &ShareService::failed, this, [this](const QString &message) {
        m_running = false;
        m_panel.setFailed(message);
    });
    connect(s, &ShareService::stopped, this, [this] {
        // A restart (new token) stops first: the panel hears of the start.
        if (m_running && m_panel.state() == SharingPanel::State::Starting)
            return;
        m_running = false;
        m_panel.setRunning(false);
    });
    connect(s, &ShareService::uploadStarted, this, &SharingBridge::onUploadStarted);
    connect(s, &ShareService::uploadsProgress, this, &SharingBridge::onUploadsProgress);
    connect(s, &ShareService::uploadFinished, this, &SharingBridge::onUploadFinished);
    connect(s, &ShareService::accessLogged, &m_panel, &SharingPanel::appendLogLine);

    // The live-events hub lives beside the server; the engine reaches it only
    // when the user lets peers see the downloads (shareDownloads).
    s->runOnServerThread([](ShareServer &server) { LiveEvents::attachTo(server); });
    return *s;
}

// The engine's signals reach the hub queued, as values; the current list goes
// first so a page opened now sees every download. Off (the default), the page
// lists none: names, URLs and errors are the host's own business.
// The engine outlives the bridge, whose service joins the server thread when destroyed.
void SharingBridge::shareDownloads(bool share)
{
    if (!m_engine || share == m_downloadsShared)
        return;
    m_downloadsShared = share;
    const QList<DownloadSnapshot> downloads = share ? m_engine->snapshots() : QList<DownloadSnapshot>();
    DownloadEngine *engine = m_engine;
    service().runOnServerThread([engine, downloads, share](ShareServer &server) {
        // The hub service() attached; tasks run in the order they were queued.
        auto *hub = server.findChild<LiveEvents *>(QString(), Qt::FindDirectChildrenOnly);
        if (!hub)
            return;
        if (!share) {
            QObject::disconnect(engine, nullptr, hub, nullptr);
            hub->setDownloads({});
            return;
        }
        hub->setDownloads(downloads);
        QObject::connect(engine, &DownloadEngine::added, hub, &LiveEvents::downloadAdded);
        QObject::connect(engine, &DownloadEngine::stateChanged, hub, &LiveEvents::downloadStateChanged);
        QObject::connect(engine, &DownloadEngine::progress, hub, &LiveEvents::updateDownloads);
        QObject::connect(engine, &DownloadEngine::removed, hub, &LiveEvents::downloadRemoved);
    });
}

void SharingBridge::start(quint16 port, const QStringList &folders)
{
    ShareSettings settings;
    settings.port = port;
    settings.roots = folders;
    settings.requireToken = true;
    settings.token = savedShareToken();
    settings.linkSecret = savedLinkSecret();
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!dataDir.isEmpty() && QDir().mkpath(dataDir))
        settings.accessLogPath = QDir(dataDir).filePath(u"access.log"_s);
    m_active.clear();
    m_finished.clear();
    m_folders = folders;
    ShareService &s = service();
    shareDownloads(m_panel.preferences().showDownloads);
    s.start(settings);
}

void SharingBridge::renewLink()
{
    renewShareToken();
    // Running: start again with it; the server's restart ends every session
    // and live connection of the old token. Stopped: the next start uses it.
    if (m_panel.state() == SharingPanel::State::Running) {
        m_panel.stop();
        m_panel.start();
    }
}

void SharingBridge::makeFileLink(const QString &localPath, qint64 seconds)
{
    // The shared path as the server names it: the same roots, the same names.
    ShareRoots roots;
    for (const QString &folder : std::as_const(m_folders))
        roots.addRoot(folder, nullptr);
    const QString canonical = QFileInfo(localPath).canonicalFilePath();
    QString shared;
    for (const QString &name : roots.rootNames()) {
        const QString root = roots.rootPath(name);
        if (!canonical.startsWith(root + u'/'))
            continue;
        shared = name + canonical.mid(root.size());
        break;
    }
    QByteArray encoded;
    for (const QString &segment : shared.split(u'/'))
        encoded += (encoded.isEmpty() ? QByteArray() : "/"_ba) + QUrl::toPercentEncoding(segment);
    const ShareRoots::Resolved resolved = roots.resolve(encoded);
    if (shared.isEmpty() || resolved.status != ShareRoots::Resolved::Status::Ok || resolved.isDirectory) {
        m_panel.setFileLink({}, tr("%1 is not a file in a shared folder.").arg(QDir::toNativeSeparators(localPath)));
        return;
    }
    const QByteArray target =
        SignedLink::makeTarget(savedLinkSecret(), shared, QDateTime::currentDateTimeUtc().addSecs(seconds));
    QUrl link = m_panel.link();
    link.setQuery(QString());
    link.setPath(QString());
    m_panel.setFileLink(QUrl(link.toString(QUrl::FullyEncoded) + QString::fromLatin1(target), QUrl::StrictMode));
}

void SharingBridge::stop()
{
    m_active.clear();
    m_finished.clear();
    m_peersTimer.stop();
    if (m_service)
        m_service->stop();
}

void SharingBridge::onUploadStarted(const UploadSnapshot &upload)
{
    m_active.insert(upload.id, upload);
    schedulePeers();
}

void SharingBridge::onUploadsProgress(const QList<UploadSnapshot> &uploads)
{
    for (const UploadSnapshot &upload : uploads)
        if (auto it = m_active.find(upload.id); it != m_active.end())
            *it = upload;
    schedulePeers();
}

void SharingBridge::onUploadFinished(const UploadSnapshot &upload)
{
    m_active.remove(upload.id);
    if (m_panel.state() != SharingPanel::State::Running)
        return; // the server closing its connections on a stop: the panel was already cleared
    UploadSnapshot done = upload;
    done.finished = true;
    done.bytesPerSecond = 0;
    m_finished.prepend(done);
    if (m_finished.size() > kFinishedKept)
        m_finished.resize(kFinishedKept);
    schedulePeers();
}

void SharingBridge::schedulePeers()
{
    if (!m_peersTimer.isActive())
        m_peersTimer.start();
}

void SharingBridge::publishPeers()
{
    QList<PeerTransferRow> rows;
    rows.reserve(m_active.size() + m_finished.size());
    for (const UploadSnapshot &upload : std::as_const(m_active))
        rows.append(toRow(upload));
    for (const UploadSnapshot &upload : std::as_const(m_finished))
        rows.append(toRow(upload));
    m_panel.setPeers(rows);
}

} // namespace ferry
