// A token bucket for speed limits (DESIGN "Speed"): readers ask for bytes and
// get only what the rate allows, so replies are read slower and TCP pushes
// back on the sender. Thread-safe: one global bucket is shared by every
// network thread.
//
// Readers that name themselves (a claimant: one per download) share a busy
// bucket fairly: while several of them want more than they get, none is
// granted more than a small quantum ahead of the one served least (start-time
// fair queueing over bytes). Without it, whoever woke first took the tokens:
// 2 MB/s over three downloads went 445 / 658 / 988 kB/s. A claimant that
// wants less than its share leaves the rest to the others.
#pragma once

#include <QHash>
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

    using Claimant = quintptr; // who reads (e.g. the download's address); 0 = anonymous, not shared fairly

    // Grants up to `wanted` bytes now: all of them when unlimited, otherwise
    // never more than the bucket holds — nor, for a claimant, more than its
    // fair share while other claimants wait. The grant is spent.
    qint64 take(qint64 wanted, Claimant claimant = 0);
    // The claimant is gone (its download stopped): it no longer holds others back.
    void release(Claimant claimant);

    // Returns part of a grant that could not be used (another bucket in the
    // chain refused it), up to what the bucket can hold.
    void giveBack(qint64 bytes);

    // Milliseconds until `bytes` (at most the burst) can be granted; 0 when
    // unlimited or already available.
    qint64 msUntil(qint64 bytes, Claimant claimant = 0) const;

private:
    struct Claim {
        qint64 served = 0;        // bytes granted, counted from the fair clock when it (re)joined
        qint64 lastAskedMs = 0;
        qint64 lastShortMs = -1;  // when it last got less than it asked for (it is waiting)
    };

    qint64 tokensAt(qint64 nowMs) const; // in byte-milliseconds, for exact integer refills
    void refill();
    qint64 fairAllowance(Claimant claimant, qint64 nowMs) const; // bytes it may take now; -1 = no bound
    qint64 quantum(qint64 nowMs) const;
    Claim &claimFor(Claimant claimant, qint64 nowMs);

    mutable QMutex m_mutex;
    Clock m_clock;
    qint64 m_rate = 0;
    qint64 m_tokens = 0; // byte-milliseconds: 1 byte = 1000
    qint64 m_lastMs = 0;
    QHash<Claimant, Claim> m_claims;
};

} // namespace ferry
