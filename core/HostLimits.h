// What each host accepts (issue 6, "Connections fail, downloads go on"):
// remembered per engine, for its life, how many connections a host (scheme,
// host, port) really served at once when it refused one more (503, 429, a
// refused TCP connection — nginx's limit_conn, a mirror's per-address cap).
// A later download from the host opens that many instead of rediscovering
// the cap with -x N refused requests; after probeIntervalMs it may open one
// more, and if the host serves it the remembered number grows.
//
// Thread-safe: one instance is shared by the downloads of every worker
// thread. Connections that deliver data hold a Slot, so the count of what
// the host serves at once spans all downloads of the engine.
#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <memory>
#include <optional>

class QUrl;

namespace ferry {

class HostLimits
{
    struct State;

public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    static constexpr qint64 kDefaultProbeIntervalMs = 60 * 1000;
    static constexpr int kMaxHosts = 1024; // remembered limits; the oldest is forgotten first

    // Without a clock a QElapsedTimer is used.
    explicit HostLimits(qint64 probeIntervalMs = kDefaultProbeIntervalMs, Clock clock = {});
    ~HostLimits();
    HostLimits(const HostLimits &) = delete;
    HostLimits &operator=(const HostLimits &) = delete;

    // "http://host:port", lower case, the scheme's default port filled in.
    static QString keyOf(const QUrl &url);

    // One connection delivering data from a host, counted while it lives.
    class Slot
    {
    public:
        Slot() = default;
        Slot(Slot &&other) noexcept;
        Slot &operator=(Slot &&other) noexcept;
        Slot(const Slot &) = delete;
        Slot &operator=(const Slot &) = delete;
        ~Slot();
        explicit operator bool() const { return bool(m_state); }
        void reset();

    private:
        friend class HostLimits;
        Slot(std::shared_ptr<State> state, QString key);
        std::shared_ptr<State> m_state;
        QString m_key;
    };

    // A connection to the host was accepted and delivers data. A host that
    // serves more at once than remembered (a probe that worked, a limit
    // raised) is remembered with the new number.
    Slot deliver(const QUrl &url);

    // The host refused a connection while `delivering()` of its connections
    // delivered data: that many is remembered, and when. Nothing is
    // remembered when none delivered (a server that is down or overloaded,
    // not a cap). Returns the remembered number, 0 = none.
    int refused(const QUrl &url);

    // How many connections a download that wants `wanted` opens to the host
    // when it already holds `mine` of the slots: `wanted` for a host never
    // refused; else the remembered number (plus one when the last news is
    // older than the probe interval and `mayProbe`) less what other downloads
    // hold, at least 1, at most `wanted`.
    int connectionsFor(const QUrl &url, int wanted, int mine = 0, bool mayProbe = true) const;

    // The host is known to refuse more and serves its known number now.
    bool atLimit(const QUrl &url) const;

    int delivering(const QUrl &url) const;
    struct Known {
        int connections = 0;
        qint64 sinceMs = 0; // the clock's time of the last refusal or raise
    };
    std::optional<Known> known(const QUrl &url) const;

private:
    std::shared_ptr<State> m_state;
};

} // namespace ferry
