// See RetryOptions.h.
#include "core/RetryOptions.h"

#include "core/DownloadEngine.h"

#include <algorithm>
#include <limits>

namespace ferry {

void RetryOptions::applyTo(EngineOptions &options) const
{
    // The engine counts retries after the first attempt.
    options.maxRetries = maxTries <= 0 ? std::numeric_limits<int>::max() : maxTries - 1;
    if (retryWaitMs < 0) {
        options.retryBaseMs = EngineOptions{}.retryBaseMs;
        options.retryMaxMs = EngineOptions{}.retryMaxMs;
    } else {
        // A fixed wait, as aria2's: no doubling (the jitter still spreads connections that failed together).
        options.retryBaseMs = retryWaitMs;
        options.retryMaxMs = retryWaitMs;
    }
    options.stallTimeoutMs = std::max(1, stallTimeoutMs);
}

} // namespace ferry
