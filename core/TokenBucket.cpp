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
constexpr qint64 kActiveMs = 1000;  // a claimant that has not asked for this long is forgotten
constexpr qint64 kWaitingMs = 250;  // one that got less than it asked within this is waiting for more
constexpr qint64 kMinQuantum = 4 * 1024;

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

// How far ahead of the least-served waiting claimant another may get: the
// bucket split between those active, so every claimant gets a turn each time
// the bucket refills.
qint64 TokenBucket::quantum(qint64 nowMs) const
{
    qint64 active = 0;
    for (const Claim &claim : m_claims)
        active += nowMs - claim.lastAskedMs <= kActiveMs ? 1 : 0;
    return std::max(burstFor(m_rate) / std::max<qint64>(active, 1), kMinQuantum);
}

qint64 TokenBucket::fairAllowance(Claimant claimant, qint64 nowMs) const
{
    const auto own = m_claims.constFind(claimant);
    if (claimant == 0 || own == m_claims.cend())
        return -1;
    qint64 least = -1;
    for (auto it = m_claims.cbegin(); it != m_claims.cend(); ++it) {
        const Claim &other = it.value();
        const bool waiting = other.lastShortMs >= 0 && nowMs - other.lastShortMs <= kWaitingMs
            && nowMs - other.lastAskedMs <= kActiveMs;
        if (it.key() != claimant && waiting && (least < 0 || other.served < least))
            least = other.served;
    }
    if (least < 0)
        return -1; // nobody else waits: take what the bucket has
    return std::max<qint64>(0, least + quantum(nowMs) - own->served);
}

// A claimant never lags the most-served one by more than a quantum: time it
// spent idle or slow is not credit to take from the others later.
TokenBucket::Claim &TokenBucket::claimFor(Claimant claimant, qint64 nowMs)
{
    for (auto it = m_claims.begin(); it != m_claims.end();)
        it = (it.key() != claimant && nowMs - it->lastAskedMs > kActiveMs) ? m_claims.erase(it) : std::next(it);
    qint64 most = -1;
    for (auto it = m_claims.cbegin(); it != m_claims.cend(); ++it)
        if (it.key() != claimant)
            most = std::max(most, it->served);
    Claim &claim = m_claims[claimant];
    if (nowMs - claim.lastAskedMs > kActiveMs)
        claim = Claim{};
    if (most >= 0)
        claim.served = std::max(claim.served, most - quantum(nowMs));
    claim.lastAskedMs = nowMs;
    return claim;
}

qint64 TokenBucket::take(qint64 wanted, Claimant claimant)
{
    if (wanted <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    refill();
    if (m_rate == 0)
        return wanted;
    qint64 granted = std::min(wanted, m_tokens / kScale);
    if (claimant != 0) {
        const qint64 now = m_lastMs;
        Claim &claim = claimFor(claimant, now);
        if (const qint64 allowance = fairAllowance(claimant, now); allowance >= 0)
            granted = std::min(granted, allowance);
        claim.served += granted;
        if (granted < wanted)
            claim.lastShortMs = now;
    }
    m_tokens -= granted * kScale;
    return granted;
}

void TokenBucket::release(Claimant claimant)
{
    QMutexLocker lock(&m_mutex);
    m_claims.remove(claimant);
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

qint64 TokenBucket::msUntil(qint64 bytes, Claimant claimant) const
{
    QMutexLocker lock(&m_mutex);
    if (m_rate == 0 || bytes <= 0)
        return 0;
    const qint64 now = std::max(m_clock(), m_lastMs);
    bytes = std::min(bytes, burstFor(m_rate));
    if (const qint64 allowance = fairAllowance(claimant, now); allowance == 0) {
        // Held back for the others: look again when about a quantum has flowed to them.
        return std::max<qint64>(1, quantum(now) * 1000 / m_rate);
    } else if (allowance > 0) {
        bytes = std::min(bytes, allowance); // wake for the share it may take, not for a whole burst
    }
    const qint64 needed = bytes * kScale;
    const qint64 available = tokensAt(now);
    if (available >= needed)
        return 0;
    return (needed - available + m_rate - 1) / m_rate;
}

} // namespace ferry
