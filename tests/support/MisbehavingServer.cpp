// The misbehaving test server's sockets: a listener on its own thread, one
// object per client connection that reads requests one after the other
// (keep-alive), sends each answer planned by MisbehavingServerPlan.cpp with a
// bounded amount of unsent data, paces it when throttled, drops or stalls it
// when told to; and the public API, which reaches the shared state (behind
// its mutex) or the listener (on its thread). Not a model of good server
// code: it is deliberately simple so that what it does wrong is only what a
// test asks for.
#include "tests/support/MisbehavingServer.h"

#include "tests/support/MisbehavingServerShared.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMaxRequestHead = 64 * 1024;   // a client sending more is dropped
constexpr qint64 kWriteWatermark = 256 * 1024;  // keep at most this much unsent in the socket
constexpr qint64 kChunk = 64 * 1024;
constexpr int kPaceIntervalMs = 20;

} // namespace

namespace ferry::test {

namespace {

// One client connection: reads requests one after the other (keep-alive),
// answers each from a plan made under the shared mutex, streams the body with
// a bounded amount of unsent data, and paces it when throttled.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    ServerConnection(QTcpSocket *socket, std::shared_ptr<MisbehavingServer::Shared> shared, QObject *parent)
        : QObject(parent)
        , m_socket(socket)
        , m_shared(std::move(shared))
    {
        m_socket->setParent(this);
        if (const int bytes = m_shared->sendBufferBytes.load(); bytes > 0)
            m_socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, bytes);
        m_address = m_socket->peerAddress().toString().toLatin1();
        m_pace.setSingleShot(true);
        m_pace.setInterval(kPaceIntervalMs);
        ++m_shared->connections;
        m_number = ++m_shared->connectionsAccepted;
        connect(m_socket, &QTcpSocket::readyRead, this, &ServerConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &ServerConnection::pump);
        connect(m_socket, &QTcpSocket::disconnected, this, &ServerConnection::deleteLater);
        connect(&m_pace, &QTimer::timeout, this, &ServerConnection::pump);
        onReadyRead();
    }

    ~ServerConnection() override
    {
        releaseSlot();
        --m_shared->connections;
    }

    bool isStalled() const { return m_stalled; }
    void drop() { m_socket->abort(); deleteLater(); }

private:
    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (m_plan || m_stalled || m_closing)
            return;
        const qsizetype endOfHead = m_in.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            if (m_in.size() > kMaxRequestHead)
                drop();
            return;
        }
        const QByteArray head = m_in.left(endOfHead);
        m_in.remove(0, endOfHead + 4);

        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        MisbehavingServer::Request request;
        request.connection = m_number;
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        const qsizetype query = request.target.indexOf('?');
        request.path = query < 0 ? request.target : request.target.left(query);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        const bool admitted = m_holdsSlot || m_shared->admit(m_address);
        m_holdsSlot = admitted;
        m_plan = m_shared->plan(request, !admitted);
        m_sent = 0;
        m_clock.start();
        m_socket->write(m_plan->head);
        pump();
    }

    void pump()
    {
        if (!m_plan || m_stalled)
            return;
        while (m_sent < m_plan->sendLimit) {
            if (m_socket->bytesToWrite() > kWriteWatermark)
                return; // bytesWritten() calls again
            qint64 chunk = std::min(kChunk, m_plan->sendLimit - m_sent);
            if (m_plan->bytesPerSecond > 0) {
                const qint64 allowed = m_plan->bytesPerSecond * (m_clock.elapsed() + kPaceIntervalMs) / 1000 - m_sent;
                if (allowed <= 0) {
                    if (!m_pace.isActive())
                        m_pace.start();
                    return;
                }
                chunk = std::min(chunk, allowed);
            }
            const char *from = m_plan->body.constData() + m_plan->bodyStart + m_sent;
            if (m_plan->repeatBody) {
                const qint64 offset = m_sent % m_plan->body.size();
                from = m_plan->body.constData() + offset;
                chunk = std::min(chunk, m_plan->body.size() - offset);
            }
            const qint64 written = m_socket->write(from, chunk);
            if (written <= 0) {
                drop();
                return;
            }
            m_sent += written;
            m_shared->addSent(*m_plan, written);
        }
        switch (m_plan->after) {
        case MisbehavingServer::Shared::Plan::After::Stall:
            m_stalled = true;
            return;
        case MisbehavingServer::Shared::Plan::After::Close:
            m_closing = true;
            m_plan.reset();
            releaseSlot();
            m_socket->disconnectFromHost();
            return;
        case MisbehavingServer::Shared::Plan::After::KeepAlive:
            m_plan.reset();
            releaseSlot();
            if (!m_in.isEmpty())
                QTimer::singleShot(0, this, &ServerConnection::onReadyRead);
            return;
        }
    }

    void releaseSlot()
    {
        if (std::exchange(m_holdsSlot, false))
            m_shared->release(m_address);
    }

    QTcpSocket *m_socket;
    int m_number = 0;
    std::shared_ptr<MisbehavingServer::Shared> m_shared;
    QByteArray m_address;     // the peer's, for the per-address limit
    bool m_holdsSlot = false; // counted as busy against the limit
    QByteArray m_in;
    std::optional<MisbehavingServer::Shared::Plan> m_plan;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
    QTimer m_pace;
    bool m_stalled = false;
    bool m_closing = false;
};

// The listening socket; lives on the server's thread.
class ServerListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerListener)

public:
    explicit ServerListener(std::shared_ptr<MisbehavingServer::Shared> shared)
        : m_shared(std::move(shared))
    {
        connect(this, &QTcpServer::newConnection, this, &ServerListener::acceptAll);
    }

    void dropConnections(bool stalledOnly)
    {
        const auto all = findChildren<ServerConnection *>(Qt::FindDirectChildrenOnly);
        for (ServerConnection *c : all) {
            if (!stalledOnly || c->isStalled())
                c->drop();
        }
    }

private:
    void acceptAll()
    {
        while (QTcpSocket *socket = nextPendingConnection())
            new ServerConnection(socket, m_shared, this);
    }

    std::shared_ptr<MisbehavingServer::Shared> m_shared;
};

} // namespace

MisbehavingServer::MisbehavingServer()
    : m_shared(std::make_shared<Shared>())
{
    m_shared->clock.start();
}

MisbehavingServer::~MisbehavingServer()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool MisbehavingServer::listen(quint16 port)
{
    if (!m_thread) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(u"MisbehavingServer"_s);
        auto *listener = new ServerListener(m_shared);
        listener->moveToThread(m_thread.get());
        m_worker = listener;
        m_thread->start();
    }
    bool ok = false;
    QMetaObject::invokeMethod(m_worker, [&] {
        auto *listener = static_cast<ServerListener *>(m_worker);
        ok = listener->listen(QHostAddress::LocalHost, port);
        m_port = ok ? listener->serverPort() : 0;
    }, Qt::BlockingQueuedConnection);
    return ok;
}

void MisbehavingServer::close()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [this] {
        auto *listener = static_cast<ServerListener *>(m_worker);
        listener->close();
        listener->dropConnections(false);
    }, Qt::BlockingQueuedConnection);
}

void MisbehavingServer::setSendBufferSize(int bytes)
{
    m_shared->sendBufferBytes = bytes;
}

void MisbehavingServer::setConnectionLimit(int perAddress, int status)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->connectionLimit = perAddress;
    m_shared->limitStatus = status;
}

void MisbehavingServer::dropStalledConnections()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [this] { static_cast<ServerListener *>(m_worker)->dropConnections(true); },
                              Qt::BlockingQueuedConnection);
}

quint16 MisbehavingServer::port() const
{
    return m_port;
}

QUrl MisbehavingServer::url(QByteArrayView path) const
{
    return QUrl(u"http://127.0.0.1:"_s + QString::number(m_port) + QString::fromLatin1(path));
}

void MisbehavingServer::setFile(const QByteArray &path, const QByteArray &data)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->setFileLocked(path, data);
}

void MisbehavingServer::removeFile(const QByteArray &path)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->files.remove(path);
}

QByteArray MisbehavingServer::fileData(const QByteArray &path) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->files.value(path).data;
}

QByteArray MisbehavingServer::etag(const QByteArray &path) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->files.value(path).etag;
}

QByteArray MisbehavingServer::lastModified(const QByteArray &path) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->files.value(path).lastModified;
}

void MisbehavingServer::setBehaviour(const QByteArray &path, const Behaviour &behaviour)
{
    setSequence(path, {behaviour});
}

void MisbehavingServer::setSequence(const QByteArray &path, const QList<Behaviour> &sequence)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->behaviours.insert(path, sequence);
    m_shared->counts.insert(path, 0);
}

void MisbehavingServer::setRedirect(const QByteArray &path, const QByteArray &location, int status, qint64 bodyBytes)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->redirects.insert(path, Shared::Redirect{location, status, bodyBytes});
}

void MisbehavingServer::setAccessRule(const QByteArray &path, const AccessRule &rule)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->accessRules.insert(path, rule);
}

QList<MisbehavingServer::Request> MisbehavingServer::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->log;
}

QList<MisbehavingServer::Request> MisbehavingServer::requests(QByteArrayView path) const
{
    QMutexLocker lock(&m_shared->mutex);
    QList<Request> result;
    for (const Request &r : std::as_const(m_shared->log)) {
        if (r.path == path)
            result.append(r);
    }
    return result;
}

int MisbehavingServer::requestCount(QByteArrayView path) const
{
    return int(requests(path).size());
}

qint64 MisbehavingServer::totalBodyBytesSent() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->totalBytes;
}

qint64 MisbehavingServer::bodyBytesSent(QByteArrayView path) const
{
    qint64 sum = 0;
    for (const Request &r : requests(path))
        sum += r.bodyBytesSent;
    return sum;
}

int MisbehavingServer::openConnections() const
{
    return m_shared->connections.load();
}

void MisbehavingServer::clearLog()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->log.clear();
    m_shared->totalBytes = 0;
    ++m_shared->logGeneration;
}

QByteArray MisbehavingServer::makeData(qint64 size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 0x9e3779b9u;
    if (x == 0)
        x = 1;
    for (qint64 i = 0; i < size; ++i) {
        if ((i & 3) == 0) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
        }
        data[i] = char((x >> ((i & 3) * 8)) & 0xff);
    }
    return data;
}


} // namespace ferry::test

#include "MisbehavingServer.moc"
