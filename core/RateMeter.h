// Transfer speed over a sliding window (5 s in 250 ms buckets): smooth enough
// for a readable speed and ETA, quick enough to show a stall. Time is passed
// in (monotonic milliseconds) so it can be tested without sleeping. A value
// class; not thread-safe.
#pragma once

#include <QtGlobal>
#include <array>

namespace ferry {

class RateMeter
{
public:
    static constexpr qint64 kWindowMs = 5000;
    static constexpr qint64 kBucketMs = 250;

    void add(qint64 bytes, qint64 nowMs);
    double bytesPerSecond(qint64 nowMs) const;
    void reset();

private:
    static constexpr int kBuckets = int(kWindowMs / kBucketMs);

    struct Bucket {
        qint64 index = -1; // nowMs / kBucketMs of the time it holds, -1 = empty
        qint64 bytes = 0;
    };
    std::array<Bucket, kBuckets> m_buckets{};
    qint64 m_startMs = -1; // time of the first add() since reset, -1 = none
};

} // namespace ferry
