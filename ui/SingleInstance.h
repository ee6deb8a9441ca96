// One window per user. The first `ferry` listens on a QLocalServer named per
// user; a later `ferry URL...` connects, sends the URLs (UTF-8, one per line),
// and exits. The running window adds them and raises itself. A socket left by
// a crashed instance is removed when nobody answers on it.
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace ferry {

class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString &name = defaultName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultName(); // "ferry-<uid>"

    // Client side, called once at start-up before any window exists: true when
    // a running instance took the lines. Waits at most timeoutMs for it.
    bool sendToRunning(const QStringList &lines, int timeoutMs = 2000);

    // Server side: becomes the instance others talk to. False when another
    // instance answers on the name, or the socket cannot be created.
    bool listen();
    bool isListening() const;
    QString name() const { return m_name; }

Q_SIGNALS:
    // Every hand-over, even an empty one: a bare `ferry` means "show yourself".
    void messageReceived(const QStringList &lines);

private:
    bool isAnswering() const; // somebody accepts a connection on the name
    void onNewConnection();
    void readClient(QLocalSocket *socket);

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace ferry
