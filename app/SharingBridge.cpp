// See SharingBridge.h.
#include "app/SharingBridge.h"

#include "core/DownloadEngine.h"
#include "server/LiveEvents.h"
#include "server/SavedSecrets.h"
#include "server/ShareServer.h"
#include "server/ShareService.h"
#include "server/ShareSettings.h"
#include "ui/SharingPanel.h"

#include <QDir>
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
}

SharingBridge::~SharingBridge() = default;

void SharingBridge::restore()
{
    if (m_panel.preferences().enabled)
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
    connect(s, &ShareService::started, this, [this](const QUrl &url) { m_panel.setRunning(true, url); });
    connect(s, &ShareService::failed, this, [this](const QString &message) { m_panel.setFailed(message); });
    connect(s, &ShareService::stopped, this, [this] { m_panel.setRunning(false); });
    connect(s, &ShareService::uploadStarted, this, &SharingBridge::onUploadStarted);
    connect(s, &ShareService::uploadsProgress, this, &SharingBridge::onUploadsProgress);
    connect(s, &ShareService::uploadFinished, this, &SharingBridge::onUploadFinished);
    connect(s, &ShareService::accessLogged, &m_panel, &SharingPanel::appendLogLine);

    // The live-events hub lives beside the server; the engine's signals reach
    // it queued, as values. The current list goes first so a page opened now
    // sees every download.
    // The engine outlives the bridge, whose service joins the server thread when destroyed.
    const QList<DownloadSnapshot> downloads = m_engine ? m_engine->snapshots() : QList<DownloadSnapshot>();
    DownloadEngine *engine = m_engine;
    s->runOnServerThread([engine, downloads](ShareServer &server) {
        LiveEvents *hub = LiveEvents::attachTo(server);
        if (!engine)
            return;
        hub->setDownloads(downloads);
        QObject::connect(engine, &DownloadEngine::added, hub, &LiveEvents::downloadAdded);
        QObject::connect(engine, &DownloadEngine::stateChanged, hub, &LiveEvents::downloadStateChanged);
        QObject::connect(engine, &DownloadEngine::progress, hub, &LiveEvents::updateDownloads);
        QObject::connect(engine, &DownloadEngine::removed, hub, &LiveEvents::downloadRemoved);
    });
    return *s;
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
    service().start(settings);
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
