// Delays between retries (DESIGN "Retries"): exponential with jitter, so many
// connections that failed together do not all come back at the same moment.
#pragma once

#include <QtGlobal>

namespace ferry {

// attempt 1 → baseMs, doubling each attempt, capped at maxMs, then multiplied
// by a jitter factor in [0.8, 1.2) taken from jitter01 in [0, 1); the result
// stays within [baseMs / 2, maxMs]. Pure: the caller supplies the randomness.
qint64 retryDelayMs(int attempt, qint64 baseMs, qint64 maxMs, double jitter01);

} // namespace ferry
