// A token bucket for speed limits (DESIGN "Speed"): readers ask for bytes and
// get only what the rate allows, so replies are read slower and TCP pushes
// back on the sender. Thread-safe: one global bucket is shared by every
// network thread.
#pragma once

#include <QMutex>
#include <QtGlobal>
#include <functional>

namespace ferry {

class TokenBucket
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    // bytesPerSecond 0 = unlimited. Without a clock a QElapsedTimer is used.
    explicit TokenBucket(qint64 bytesPerSecond = 0, Clock clock = {});
    TokenBucket(const TokenBucket &) = delete;
    TokenBucket &operator=(const TokenBucket &) = delete;

    void setRate(qint64 bytesPerSecond); // 0 (or negative) = unlimited; capped at 1 PiB/s
    qint64 rate() const;
    qint64 burst() const; // what the bucket holds when full: max(rate / 8, 16 KiB)

    // Grants up to `wanted` bytes now: all of them when unlimited, otherwise
    // never more than the bucket holds. The grant is spent.
    qint64 take(qint64 wanted);

    // Returns part of a grant that could not be used (another bucket in the
    // chain refused it), up to what the bucket can hold.
    void giveBack(qint64 bytes);

    // Milliseconds until `bytes` (at most the burst) can be granted; 0 when
    // unlimited or already available.
    qint64 msUntil(qint64 bytes) const;

private:
    qint64 tokensAt(qint64 nowMs) const; // in byte-milliseconds, for exact integer refills
    void refill();

    mutable QMutex m_mutex;
    Clock m_clock;
    qint64 m_rate = 0;
    qint64 m_tokens = 0; // byte-milliseconds: 1 byte = 1000
    qint64 m_lastMs = 0;
};

} // namespace ferry
