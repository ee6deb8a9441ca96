#include "server/ShareService.h"

#include "server/ShareServer.h"

#include <QMetaMethod>
#include <QThread>

namespace ferry {

ShareService::ShareService(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_server(new ShareServer)
{
    m_thread->setObjectName(QStringLiteral("ferry-share"));
    m_server->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);

    connect(m_server, &ShareServer::started, this, &ShareService::started);
    connect(m_server, &ShareServer::failed, this, &ShareService::failed);
    connect(m_server, &ShareServer::stopped, this, &ShareService::stopped);
    m_thread->start();
}

void ShareService::connectNotify(const QMetaMethod &signal)
{
    // May run on any thread that connects; connect() itself is thread-safe.
    const bool uploads = signal == QMetaMethod::fromSignal(&ShareService::uploadStarted)
        || signal == QMetaMethod::fromSignal(&ShareService::uploadsProgress)
        || signal == QMetaMethod::fromSignal(&ShareService::uploadFinished);
    if (uploads && !m_forwardingUploads.exchange(true)) {
        // All three together, so a listener never sees a finish without its start.
        connect(m_server, &ShareServer::uploadStarted, this, &ShareService::uploadStarted);
        connect(m_server, &ShareServer::uploadsProgress, this, &ShareService::uploadsProgress);
        connect(m_server, &ShareServer::uploadFinished, this, &ShareService::uploadFinished);
    }
    if (signal == QMetaMethod::fromSignal(&ShareService::accessLogged) && !m_forwardingLog.exchange(true))
        connect(m_server, &ShareServer::accessLogged, this, &ShareService::accessLogged);
}

ShareService::~ShareService()
{
    // Close the sockets on their own thread, then let the thread delete the server.
    QMetaObject::invokeMethod(m_server, [server = m_server] { server->stop(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void ShareService::start(const ShareSettings &settings)
{
    QMetaObject::invokeMethod(m_server, [server = m_server, settings] { server->start(settings); },
                              Qt::QueuedConnection);
}

void ShareService::stop()
{
    QMetaObject::invokeMethod(m_server, [server = m_server] { server->stop(); }, Qt::QueuedConnection);
}

void ShareService::runOnServerThread(std::function<void(ShareServer &server)> task)
{
    QMetaObject::invokeMethod(m_server, [server = m_server, task = std::move(task)] { task(*server); },
                              Qt::QueuedConnection);
}

void ShareService::setUpgradeHandler(std::function<void(QTcpSocket *socket)> handler)
{
    QMetaObject::invokeMethod(m_server,
                              [server = m_server, handler = std::move(handler)] { server->setUpgradeHandler(handler); },
                              Qt::QueuedConnection);
}

} // namespace ferry
