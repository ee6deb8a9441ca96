// See ConnectionLimiter.h.
#include "server/ConnectionLimiter.h"

#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// Over-limit peers get a short 503; past this many at once they are just closed.
constexpr int MaxRefusing = 64;
constexpr int RefuseLingerMs = 2'000;
} // namespace

ConnectionLimiter::ConnectionLimiter(QObject *parent)
    : QObject(parent)
{
}

ConnectionLimiter::~ConnectionLimiter() = default;

void ConnectionLimiter::setLimits(int total, int perAddress)
{
    m_maxTotal = total;
    m_maxPerAddress = perAddress;
}

QHostAddress ConnectionLimiter::normalized(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : peer;
}

void ConnectionLimiter::acquire(const QHostAddress &peer)
{
    ++m_perAddress[peer];
    ++m_total;
}

void ConnectionLimiter::release(const QHostAddress &peer)
{
    auto it = m_perAddress.find(peer);
    if (it == m_perAddress.end())
        return;
    if (--it.value() <= 0)
        m_perAddress.erase(it);
    --m_total;
}

void ConnectionLimiter::holdUntilClosed(QTcpSocket *socket, const QHostAddress &peer)
{
    acquire(peer);
    // Released once: when the socket disconnects or is destroyed, whichever
    // comes first (the WebSocket that took it may keep the object a while).
    auto held = std::make_shared<bool>(true);
    auto done = [this, peer, held, generation = m_generation] {
        if (!*held)
            return;
        *held = false;
        if (generation == m_generation)
            release(peer);
    };
    connect(socket, &QTcpSocket::disconnected, this, done);
    connect(socket, &QObject::destroyed, this, done);
}

void ConnectionLimiter::clear()
{
    m_perAddress.clear();
    m_total = 0;
    ++m_generation;
}

void ConnectionLimiter::refuse(QTcpSocket *socket)
{
    if (m_refusing >= MaxRefusing) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_refusing;
    socket->setParent(this);
    const QByteArray body = "Too many connections\n"_ba;
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "_ba
                  + QByteArray::number(body.size()) + "\r\nRetry-After: 5\r\nConnection: close\r\n\r\n"_ba + body);
    socket->disconnectFromHost();
    auto done = [this, socket] {
        if (socket->property("ferryRefused").toBool())
            return;
        socket->setProperty("ferryRefused", true);
        --m_refusing;
        socket->abort();
        socket->deleteLater();
    };
    connect(socket, &QTcpSocket::disconnected, this, done);
    QTimer::singleShot(RefuseLingerMs, socket, done);
}

} // namespace ferry
