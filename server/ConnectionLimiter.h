// The share server's connection caps (DESIGN.md "Limits"): how many
// connections are open in all and from each address, and the short "503 Too
// many connections" an over-limit peer gets (past MaxRefusing refusals at
// once they are just closed). A slot is held from the accept until the
// connection ends, through a WebSocket upgrade too: a live-events client
// counts like any other connection. Lives on the server thread.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QTcpSocket;

namespace ferry {

class ConnectionLimiter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionLimiter)

public:
    explicit ConnectionLimiter(QObject *parent = nullptr);
    ~ConnectionLimiter() override;

    void setLimits(int total, int perAddress);

    // The address a peer is counted under: IPv4-mapped IPv6 as plain IPv4.
    static QHostAddress normalized(const QHostAddress &peer);

    bool atAddressCap(const QHostAddress &peer) const { return m_perAddress.value(peer) >= m_maxPerAddress; }
    bool hasRoom(const QHostAddress &peer) const { return m_total < m_maxTotal && !atAddressCap(peer); }
    int total() const { return m_total; }
    int countFor(const QHostAddress &peer) const { return m_perAddress.value(peer); }

    void acquire(const QHostAddress &peer);
    void release(const QHostAddress &peer);
    // Holds a slot for `peer` until `socket` (a handed-over WebSocket's) closes.
    void holdUntilClosed(QTcpSocket *socket, const QHostAddress &peer);
    void clear();

    // Answers 503 and closes; takes ownership of `socket`.
    void refuse(QTcpSocket *socket);

private:
    QHash<QHostAddress, int> m_perAddress;
    int m_total = 0;
    int m_maxTotal = 512;
    int m_maxPerAddress = 32;
    int m_refusing = 0;
    quint64 m_generation = 0; // holds from before clear() release nothing
};

} // namespace ferry
