// RateMeter: see RateMeter.h. A ring of buckets indexed by time; a bucket is
// reused when its slot comes round again, so nothing ever needs sweeping.
#include "core/RateMeter.h"

#include <algorithm>

namespace ferry {

namespace {

// A rate measured over less than this is too jumpy to show.
constexpr qint64 kMinSpanMs = 250;

} // namespace

void RateMeter::add(qint64 bytes, qint64 nowMs)
{
    if (bytes <= 0 || nowMs < 0)
        return;
    if (m_startMs < 0)
        m_startMs = nowMs;
    const qint64 index = nowMs / kBucketMs;
    Bucket &bucket = m_buckets[static_cast<std::size_t>(index % kBuckets)];
    if (bucket.index != index) {
        // A late add (time going backwards past the slot) counts in the newer bucket rather than wiping it.
        if (bucket.index > index) {
            bucket.bytes += bytes;
            return;
        }
        bucket.index = index;
        bucket.bytes = 0;
    }
    bucket.bytes += bytes;
}

double RateMeter::bytesPerSecond(qint64 nowMs) const
{
    if (m_startMs < 0 || nowMs < m_startMs)
        return 0;
    const qint64 current = nowMs / kBucketMs;
    const qint64 oldest = current - kBuckets + 1;
    qint64 total = 0;
    for (const Bucket &b : m_buckets) {
        if (b.index >= oldest && b.index <= current)
            total += b.bytes;
    }
    const qint64 windowStart = std::max(oldest * kBucketMs, m_startMs);
    const qint64 span = std::max(nowMs - windowStart, kMinSpanMs);
    return double(total) * 1000.0 / double(span);
}

void RateMeter::reset()
{
    m_buckets.fill(Bucket{});
    m_startMs = -1;
}

} // namespace ferry
