// One of a download's connections: the reply it is receiving, its timers
// (stall, retry back-off, speed-limit pause), its own speed, and the range
// it is responsible for. It knows nothing of files or HTTP rules: it reports
// what happens on the wire as signals and the Download decides.
#pragma once

#include "core/ByteSpan.h"
#include "core/HostLimits.h"
#include "core/RateMeter.h"
#include "core/ResponseCheck.h"

#include <QObject>
#include <QTimer>

class QNetworkReply;

namespace ferry {

class Connection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    Connection(int index, int stallTimeoutMs, QObject *parent = nullptr);
    ~Connection() override;

    int index() const { return m_index; }
    QNetworkReply *reply() const { return m_reply; }

    // Takes the reply (sent by the Download) and follows it. Qt may buffer
    // at most `readBufferBytes` of its body: the rest waits in the socket.
    void attach(QNetworkReply *reply, qint64 readBufferBytes);
    void setReadBufferSize(qint64 bytes);
    void setStallTimeout(int ms) { m_stallTimer.setInterval(ms); } // a running wait starts again with it
    // The status and headers of the reply, for checkResponse().
    ResponseFacts responseFacts() const;
    // Stops every timer and lets go of the reply (aborting it when that is safe).
    void abort();

    void retryIn(qint64 ms);
    bool waitingToRetry() const { return m_retryTimer.isActive(); }
    void pauseReading(qint64 ms); // the speed limit has no tokens now
    bool readingPaused() const { return m_throttleTimer.isActive(); }

    // The Download's bookkeeping for this connection.
    ByteSpan span;          // the bytes it is responsible for; end shrinks when work is stolen
    qint64 pos = 0;         // next byte to write
    bool busy = false;      // holds a span (requesting, receiving or waiting to retry)
    bool probe = false;     // the first request of a fresh download (learns size and name)
    bool headersSeen = false;
    bool accepted = false;  // the response was checked and its body may be written
    int failures = 0;       // consecutive attempts without progress
    qint64 failingSinceMs = 0; // when the current run of failures began (the download's clock)
    bool retired = false;   // failed its whole budget while others progressed: takes no more work
    qint64 verify = 0;      // bytes before pos asked again, to compare with the disk before writing
    qint64 skip = 0;        // bytes of a whole-file answer to read through before pos
    bool rangeIgnored = false; // the last answer was the whole (same) file instead of the range
    int redirects = 0;      // hops followed by the current request
    bool redirecting = false; // a 3xx to follow: its body is dropped until it finishes
    qint64 redirectBody = 0;  // bytes of that body dropped so far
    RateMeter rate;         // its own speed, to judge what it already has in flight
    HostLimits::Slot hostSlot; // held while it delivers data: what the host serves at once

Q_SIGNALS:
    void headersArrived();
    void dataArrived();     // also when a speed-limit pause is over
    void replyFinished();
    void stalled();         // nothing received for the stall timeout
    void retryDue();

private:
    const int m_index;
    QNetworkReply *m_reply = nullptr;
    QTimer m_retryTimer;
    QTimer m_stallTimer;
    QTimer m_throttleTimer;
};

} // namespace ferry
