// The share server's record of the files it is sending to peers: one
// UploadSnapshot per response with a shared file's body, started, sampled at
// each 250 ms tick and finished. At each tick every upload's connection is
// asked how many body bytes have left the kernel's send queue (not merely
// been handed to it: a few MiB of socket buffer would pass for speed), the
// speed is that over a 2 s sliding window, and one batch of the
// uploads whose numbers changed goes out (never one signal per write). Lives
// on the server thread beside ShareServer, whose signals forward these.
#pragma once

#include "server/UploadSnapshot.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QTimer>

#include <functional>

namespace ferry {

class UploadTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadTracker)

public:
    static constexpr int ProgressIntervalMs = 250;
    // Short, so the first burst (what the peer's receive buffer takes at
    // once) soon leaves it and the speed is the rate the peer reads at.
    static constexpr qint64 SpeedWindowMs = 2'000;

    explicit UploadTracker(QObject *parent = nullptr);
    ~UploadTracker() override;

    QList<UploadSnapshot> uploads() const;
    qsizetype activeCount() const { return m_uploads.size(); }

    // `delivered` answers how many body bytes the peer has taken so far; it
    // is called at each tick until end().
    using DeliveredProbe = std::function<qint64()>;
    quint64 begin(const QString &peer, const QString &path, qint64 totalBytes, int status, DeliveredProbe delivered);
    void end(quint64 id, qint64 sentBytes);
    // Every active upload ends (the server stops): uploadFinished for each.
    void endAll();

Q_SIGNALS:
    void uploadStarted(const ferry::UploadSnapshot &upload);
    void uploadsProgress(const QList<ferry::UploadSnapshot> &uploads);
    void uploadFinished(const ferry::UploadSnapshot &upload);

private:
    struct Active {
        UploadSnapshot snapshot;
        DeliveredProbe delivered;
        QList<QPair<qint64, qint64>> samples; // (monotonic ms, delivered bytes), the window's oldest first
    };

    void publishProgress();

    QHash<quint64, Active> m_uploads;
    quint64 m_nextId = 1;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace ferry
