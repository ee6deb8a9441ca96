// The retry knobs of the engine that a user sets — `ferry get --max-tries` /
// `--retry-wait` and the window's Settings → Connections — as the user says
// them (tries, a wait, a timeout) rather than as the engine counts them.
// DownloadEngine::setRetryOptions applies them while downloads run.
#pragma once

namespace ferry {

struct EngineOptions;

struct RetryOptions {
    static constexpr int kDefaultTries = 6;          // the engine's maxRetries 5, plus the first attempt
    static constexpr int kDefaultStallTimeoutMs = 30000;
    int maxTries = kDefaultTries;                    // attempts per connection before a file fails; 0 = no limit
    int retryWaitMs = -1;                            // a fixed wait between attempts; -1 = 1 s, doubling up to 60 s
    int stallTimeoutMs = kDefaultStallTimeoutMs;     // a connection that connects or receives nothing this long is retried

    // Into the engine's terms: maxRetries, retryBaseMs/retryMaxMs, stallTimeoutMs.
    void applyTo(EngineOptions &options) const;
    bool operator==(const RetryOptions &) const = default;
};

} // namespace ferry
