// See SingleInstance.h.
#include "ui/SingleInstance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>
#include <QVariant>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr qint64 kMaxMessageBytes = 1 << 20;  // a few thousand URLs; anything bigger is not from us
constexpr int kClientTimeoutMs = 5000;        // a client that never finishes is dropped
constexpr int kProbeTimeoutMs = 500;          // is anybody answering on the socket?
constexpr char kDoneProperty[] = "ferryDone"; // the socket's message was handled (or refused)

void drop(QLocalSocket *socket)
{
    if (socket->property(kDoneProperty).toBool())
        return;
    socket->setProperty(kDoneProperty, true);
    socket->abort();
    socket->deleteLater();
}
} // namespace

SingleInstance::SingleInstance(const QString &name, QObject *parent)
    : QObject(parent)
    , m_name(name)
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    return u"ferry-"_s + QString::number(::getuid());
}

bool SingleInstance::sendToRunning(const QStringList &lines, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QByteArray message = lines.join(u'\n').toUtf8();
    message.append('\n');
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    socket.disconnectFromServer();
    if (socket.state() != QLocalSocket::UnconnectedState)
        socket.waitForDisconnected(timeoutMs);
    return true;
}

bool SingleInstance::listen()
{
    if (isListening())
        return true;
    // Ask before listening: with UserAccessOption Qt binds a temporary name and
    // renames it over the final one, so listen() alone would quietly take the
    // name from a running instance instead of failing.
    if (isAnswering())
        return false;
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    }
    if (m_server->listen(m_name))
        return true;
    if (m_server->serverError() != QAbstractSocket::AddressInUseError)
        return false;
    // Nobody answered above: the name is a socket file a crash left behind.
    QLocalServer::removeServer(m_name);
    return m_server->listen(m_name);
}

bool SingleInstance::isAnswering() const
{
    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (!probe.waitForConnected(kProbeTimeoutMs))
        return false;
    probe.abort();
    return true;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        // Nothing is read before the client hangs up: the whole message is its bytes.
        connect(socket, &QLocalSocket::readyRead, this, [socket] {
            if (socket->bytesAvailable() > kMaxMessageBytes)
                drop(socket);
        });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] { readClient(socket); });
        QTimer::singleShot(kClientTimeoutMs, socket, [socket] { drop(socket); });
        if (socket->state() == QLocalSocket::UnconnectedState)
            readClient(socket);
    }
}

void SingleInstance::readClient(QLocalSocket *socket)
{
    if (socket->property(kDoneProperty).toBool())
        return;
    socket->setProperty(kDoneProperty, true);
    const QByteArray data = socket->readAll();
    socket->deleteLater();
    if (data.isEmpty())
        return; // a probe from listen(): every hand-over ends with a newline
    QStringList lines;
    for (const QString &line : QString::fromUtf8(data).split(u'\n', Qt::SkipEmptyParts)) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines.append(trimmed);
    }
    Q_EMIT messageReceived(lines);
}

} // namespace ferry
