// See RpcService.h.
#include "rpc/RpcService.h"

#include "core/DownloadEngine.h"
#include "rpc/RpcServer.h"
#include "rpc/RpcWebSocketHub.h"

#include <QHostAddress>
#include <QNetworkInterface>

using namespace Qt::StringLiterals;

namespace ferry {

RpcService::RpcService(DownloadEngine &engine, const Aria2GlobalOptions &globals, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_methods(engine, globals)
    , m_hub(std::make_unique<RpcWebSocketHub>(m_dispatcher, true))
    , m_server(std::make_unique<RpcServer>(m_dispatcher, *m_hub))
{
    m_methods.registerOn(m_dispatcher);
    connect(&m_methods, &Aria2Methods::event, m_hub.get(), &RpcWebSocketHub::notify);
    connect(&m_engine, &DownloadEngine::progress, this, &RpcService::onProgress);
}

RpcService::~RpcService()
{
    // The server first: it hands sockets to the hub.
    m_server.reset();
    m_hub.reset();
}

bool RpcService::start(const RpcSettings &settings, QString *error)
{
    m_settings = settings;
    m_dispatcher.setSecret(settings.secret);
    m_hub->setRequireAuthorization(settings.secret.has_value());
    return m_server->listen(settings, error);
}

void RpcService::stop()
{
    m_server->close();
}

bool RpcService::isRunning() const
{
    return m_server->isListening();
}

quint16 RpcService::port() const
{
    return m_server->port();
}

QUrl RpcService::address() const
{
    QString host = u"127.0.0.1"_s;
    if (m_settings.listenAll) {
        // The first address another device on the network can reach.
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol) {
                host = a.toString();
                break;
            }
        }
    }
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host);
    url.setPort(port());
    url.setPath(u"/jsonrpc"_s);
    return url;
}

// Ferry's own notification: one message per engine batch (at most every
// 250 ms), only to clients that asked for it (/jsonrpc?progress=1).
void RpcService::onProgress(const QList<DownloadSnapshot> &changed)
{
    if (!m_hub->wantsProgress())
        return;
    QJsonArray changes;
    for (const DownloadSnapshot &s : changed) {
        changes.append(QJsonObject{
            {u"gid"_s, m_methods.gidFor(s.id)},
            {u"status"_s, aria2::statusWord(s, false)},
            {u"totalLength"_s, QString::number(std::max<qint64>(0, s.totalBytes))},
            {u"completedLength"_s, QString::number(s.receivedBytes)},
            {u"downloadSpeed"_s, QString::number(qint64(s.bytesPerSecond))},
            {u"connections"_s, QString::number(s.connections)},
        });
    }
    m_hub->notifyProgress(changes);
}

} // namespace ferry
