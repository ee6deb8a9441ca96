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
    jitter01 = std::min(jitter01, std::nextafter(1.0, 0.0));
    const double factor = kJitterLow + kJitterSpan * jitter01;
    auto jittered = static_cast<qint64>(std::floor(double(delay) * factor));
    jittered = std::max(jittered, baseMs / 2);
    return std::min(jittered, maxMs);
}

} // namespace ferry
