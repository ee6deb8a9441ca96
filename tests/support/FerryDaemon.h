// `ferry daemon` as a child of a test: its own HOME (and XDG folders), the
// proxy variables cleared, the RPC on a port of its choosing read from its
// first lines, SIGTERM to stop it; and one blocking JSON-RPC call over HTTP.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace ferry::test {

class FerryDaemon final
{
    Q_DISABLE_COPY_MOVE(FerryDaemon)

public:
    static constexpr const char *kSecret = "ferry-daemon-test-secret";

    FerryDaemon() = default;
    ~FerryDaemon() { stop(); }

    // PROGRAM daemon --rpc-port 0 --rpc-secret kSecret -d dir ARGS (program:
    // ferryBinary() of FerryCommand.h), with HOME at `home`; true once it
    // prints its address.
    bool start(const QString &program, const QString &home, const QString &dir, const QStringList &arguments = {});
    // SIGTERM, then waits for a normal exit.
    bool terminate();
    void stop();
    QByteArray output();
    quint16 port() const { return m_port; }

    // One call with the secret; the whole answer object, empty when none came.
    QJsonObject call(const QString &method, QJsonArray params = {}) const;

private:
    QProcess m_process;
    QByteArray m_out;
    quint16 m_port = 0;
};

// One JSON-RPC call over HTTP to 127.0.0.1:port/jsonrpc, `token` first when
// not empty; the answer object, empty when none came within 10 s.
QJsonObject rpcCall(quint16 port, const QString &token, const QString &method, QJsonArray params);

} // namespace ferry::test
