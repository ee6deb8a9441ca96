// TokenBucket: see TokenBucket.h. Tokens are counted in byte-milliseconds so
// that refills are exact integers: no rounding drift however often the
// readers call in, which keeps the long-run rate on the limit.
#include "core/TokenBucket.h"

#include <QElapsedTimer>
#include <QMutexLocker>

#include <algorithm>

namespace ferry {

namespace {

constexpr qint64 kMinBurst = 16 * 1024;
constexpr qint64 kScale = 1000; // byte-milliseconds per byte
constexpr qint64 kMaxRate = qint64(1) << 50; // 1 PiB/s: keeps byte-millisecond sums far from overflow

qint64 clampRate(qint64 rate)
{
    return std::clamp<qint64>(rate, 0, kMaxRate);
}

qint64 burstFor(qint64 rate)
{
    return std::max(rate / 8, kMinBurst);
}

} // namespace

TokenBucket::TokenBucket(qint64 bytesPerSecond, Clock clock)
    : m_clock(std::move(clock))
    , m_rate(clampRate(bytesPerSecond))
{
    if (!m_clock) {
        QElapsedTimer timer;
        timer.start();
        m_clock = [timer] { return timer.elapsed(); };
    }
    // The bucket starts empty: a full one would let a burst through at the
    // start of every download, which at low rates is a large part of the total.
    m_lastMs = m_clock();
}

qint64 TokenBucket::tokensAt(qint64 nowMs) const
{
    const qint64 capacity = burstFor(m_rate) * kScale;
    const qint64 elapsed = nowMs - m_lastMs;
    if (elapsed <= 0)
        return m_tokens;
    // Compare before multiplying so a long idle time cannot overflow.
    if (elapsed >= (capacity - m_tokens) / m_rate + 1)
        return capacity;
    return std::min(capacity, m_tokens + elapsed * m_rate);
}

void TokenBucket::refill()
{
    const qint64 now = m_clock();
    if (m_rate > 0)
        m_tokens = tokensAt(now);
    m_lastMs = std::max(m_lastMs, now);
}

void TokenBucket::setRate(qint64 bytesPerSecond)
{
    QMutexLocker lock(&m_mutex);
    refill();
    m_rate = clampRate(bytesPerSecond);
    m_tokens = std::min(m_tokens, burstFor(m_rate) * kScale);
}

qint64 TokenBucket::rate() const
{
    QMutexLocker lock(&m_mutex);
    return m_rate;
}

qint64 TokenBucket::burst() const
{
    QMutexLocker lock(&m_mutex);
    return burstFor(m_rate);
}

qint64 TokenBucket::take(qint64 wanted)
{
    if (wanted <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    refill();
    if (m_rate == 0)
        return wanted;
    const qint64 granted = std::min(wanted, m_tokens / kScale);
    m_tokens -= granted * kScale;
    return granted;
}

void TokenBucket::giveBack(qint64 bytes)
{
    if (bytes <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    refill();
    if (m_rate == 0)
        return;
    m_tokens = std::min(m_tokens + bytes * kScale, burstFor(m_rate) * kScale);
}

qint64 TokenBucket::msUntil(qint64 bytes) const
{
    QMutexLocker lock(&m_mutex);
    if (m_rate == 0 || bytes <= 0)
        return 0;
    const qint64 needed = std::min(bytes, burstFor(m_rate)) * kScale;
    const qint64 available = tokensAt(m_clock());
    if (available >= needed)
        return 0;
    return (needed - available + m_rate - 1) / m_rate;
}

} // namespace ferry
