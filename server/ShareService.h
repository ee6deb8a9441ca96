// The handle the window and `ferry serve` hold: owns the server thread and the
// ShareServer living on it. Every method is safe to call from the owner's
// thread (work is queued to the server thread); results come back as queued
// signals carrying value types.
#pragma once

#include "server/ShareSettings.h"
#include "server/UploadSnapshot.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <functional>

class QThread;
class QTcpSocket;

namespace ferry {

class ShareServer;

class ShareService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShareService)

public:
    explicit ShareService(QObject *parent = nullptr);
    ~ShareService() override; // stops sharing and joins the thread

    // Starts (or restarts) sharing; answers with started() or failed().
    void start(const ShareSettings &settings);
    // Stops sharing; answers with stopped() if it was sharing.
    void stop();

    // The thread the server (and whatever must live beside it, such as the
    // live-events hub) runs on.
    QThread *serverThread() const { return m_thread; }
    // Runs `task` on the server thread with the server, e.g. to create the
    // live-events hub there and connect it to the server's signals.
    void runOnServerThread(std::function<void(ShareServer &server)> task);
    // See ShareServer::setUpgradeHandler; the handler runs on the server thread.
    void setUpgradeHandler(std::function<void(QTcpSocket *socket)> handler);

Q_SIGNALS:
    void started(const QUrl &url); // with ?token= when a token is required
    void failed(const QString &message);
    void stopped();
    void uploadStarted(const ferry::UploadSnapshot &upload);
    void uploadsProgress(const QList<ferry::UploadSnapshot> &uploads); // at most every 250 ms
    void uploadFinished(const ferry::UploadSnapshot &upload);
    void accessLogged(const QString &line);

protected:
    // The per-request signals (uploads, access log lines) are forwarded from
    // the server thread only once something listens here: each forwarded
    // emission is an event posted to this thread, a real cost at thousands of
    // small requests a second when nobody (`ferry serve`) wants them.
    void connectNotify(const QMetaMethod &signal) override;

private:
    QThread *m_thread;
    ShareServer *m_server; // lives on m_thread
    std::atomic<bool> m_forwardingUploads {false};
    std::atomic<bool> m_forwardingLog {false};
};

} // namespace ferry
