// Retry back-off: see Backoff.h.
#include "core/Backoff.h"

#include <algorithm>
#include <cmath>

namespace ferry {

namespace {

constexpr double kJitterLow = 0.8;
constexpr double kJitterSpan = 0.4; // factor in [0.8, 1.2)

} // namespace

qint64 retryDelayMs(int attempt, qint64 baseMs, qint64 maxMs, double jitter01)
{
    if (baseMs <= 0 || maxMs <= 0)
        return 0;
    attempt = std::max(attempt, 1);
    qint64 delay = baseMs;
    for (int i = 1; i < attempt && delay < maxMs; ++i)
        delay = delay > maxMs / 2 ? maxMs : delay * 2;
    delay = std::min(delay, maxMs);

    if (!(jitter01 >= 0.0)) // also catches NaN
        jitter01 = 0.0;
    // Just below 1: the factor must stay under 1.2 even after the rounding of the multiplication.
    jitter01 = std::min(jitter01, 1.0 - 1e-9);
    const double factor = kJitterLow + kJitterSpan * jitter01;
    const double jittered = std::floor(double(delay) * factor);
    if (jittered >= double(maxMs)) // compare as double: the cast of a too large double is undefined
        return maxMs;
    return std::min(std::max(static_cast<qint64>(jittered), baseMs / 2), maxMs);
}

} // namespace ferry
