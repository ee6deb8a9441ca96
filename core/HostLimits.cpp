#include "core/HostLimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QUrl>

#include <algorithm>
#include <utility>

namespace ferry {

struct HostLimits::State {
    struct Host {
        int active = 0;  // connections delivering data now
        int limit = 0;   // what it served at once when it refused one more; 0 = never refused
        qint64 sinceMs = 0;
    };

    qint64 now() const { return clock ? clock() : timer.elapsed(); }
    void release(const QString &key)
    {
        const QMutexLocker lock(&mutex);
        const auto it = hosts.find(key);
        if (it == hosts.end())
            return;
        if (--it->active <= 0 && it->limit == 0)
            hosts.erase(it);
    }
    // Keeps at most kMaxHosts remembered limits: forgets the oldest idle one.
    void trim()
    {
        qsizetype remembered = 0;
        auto oldest = hosts.end();
        for (auto it = hosts.begin(); it != hosts.end(); ++it) {
            if (it->limit == 0)
                continue;
            ++remembered;
            if (it->active == 0 && (oldest == hosts.end() || it->sinceMs < oldest->sinceMs))
                oldest = it;
        }
        if (remembered > kMaxHosts && oldest != hosts.end())
            hosts.erase(oldest);
    }

    qint64 probeIntervalMs = kDefaultProbeIntervalMs;
    Clock clock;
    QElapsedTimer timer;
    mutable QMutex mutex;
    QHash<QString, Host> hosts;
};

HostLimits::HostLimits(qint64 probeIntervalMs, Clock clock)
    : m_state(std::make_shared<State>())
{
    m_state->probeIntervalMs = std::max<qint64>(0, probeIntervalMs);
    m_state->clock = std::move(clock);
    m_state->timer.start();
}

HostLimits::~HostLimits() = default;

QString HostLimits::keyOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == u"https" ? 443 : scheme == u"http" ? 80 : -1);
    return scheme + u"://" + url.host().toLower() + u':' + QString::number(port);
}

HostLimits::Slot::Slot(std::shared_ptr<State> state, QString key)
    : m_state(std::move(state))
    , m_key(std::move(key))
{
}

HostLimits::Slot::Slot(Slot &&other) noexcept
    : m_state(std::exchange(other.m_state, nullptr))
    , m_key(std::move(other.m_key))
{
}

HostLimits::Slot &HostLimits::Slot::operator=(Slot &&other) noexcept
{
    if (this != &other) {
        reset();
        m_state = std::exchange(other.m_state, nullptr);
        m_key = std::move(other.m_key);
    }
    return *this;
}

HostLimits::Slot::~Slot()
{
    reset();
}

void HostLimits::Slot::reset()
{
    if (const std::shared_ptr<State> state = std::exchange(m_state, nullptr))
        state->release(m_key);
}

HostLimits::Slot HostLimits::deliver(const QUrl &url)
{
    QString key = keyOf(url);
    {
        const QMutexLocker lock(&m_state->mutex);
        State::Host &host = m_state->hosts[key];
        ++host.active;
        if (host.limit > 0 && host.active > host.limit) {
            host.limit = host.active;
            host.sinceMs = m_state->now();
        }
    }
    return Slot(m_state, std::move(key));
}

int HostLimits::refused(const QUrl &url)
{
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->hosts.find(keyOf(url));
    if (it == m_state->hosts.end())
        return 0;
    if (it->active == 0)
        return it->limit;
    const int limit = it->active;
    it->limit = limit;
    it->sinceMs = m_state->now();
    m_state->trim(); // may move entries: `it` is not used after it
    return limit;
}

int HostLimits::connectionsFor(const QUrl &url, int wanted, int mine, bool mayProbe) const
{
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->hosts.constFind(keyOf(url));
    if (it == m_state->hosts.cend() || it->limit == 0)
        return wanted;
    int allowed = it->limit;
    if (mayProbe && m_state->now() - it->sinceMs >= m_state->probeIntervalMs)
        ++allowed; // the probe: the host may take more now
    const int others = std::max(0, it->active - mine);
    return std::clamp(allowed - others, 1, std::max(1, wanted));
}

bool HostLimits::atLimit(const QUrl &url) const
{
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->hosts.constFind(keyOf(url));
    return it != m_state->hosts.cend() && it->limit > 0 && it->active >= it->limit;
}

int HostLimits::delivering(const QUrl &url) const
{
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->hosts.constFind(keyOf(url));
    return it == m_state->hosts.cend() ? 0 : it->active;
}

std::optional<HostLimits::Known> HostLimits::known(const QUrl &url) const
{
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->hosts.constFind(keyOf(url));
    if (it == m_state->hosts.cend() || it->limit == 0)
        return std::nullopt;
    return Known{it->limit, it->sinceMs};
}

} // namespace ferry
