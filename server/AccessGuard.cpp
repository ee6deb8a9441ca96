// See AccessGuard.h.
#include "server/AccessGuard.h"

#include "server/AccessToken.h"
#include "server/HttpRequest.h"
#include "server/SignedLink.h"

#include <QDateTime>
#include <QNetworkInterface>
#include <QSysInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr qsizetype MaxTrackedAddresses = 4096;

// "host[:port]" with the default port made explicit, lower-cased.
QByteArray authorityKey(const QString &host, int port)
{
    return host.toLower().toUtf8() + ':' + QByteArray::number(port);
}
} // namespace

AccessGuard::AccessGuard()
{
    m_clock.start();
}

void AccessGuard::configure(bool requireToken, const QByteArray &token, const QByteArray &linkSecret)
{
    if (token != m_token || requireToken != m_requireToken)
        m_sessions.clear();
    m_requireToken = requireToken;
    m_token = token;
    m_linkSecret = linkSecret;
}

bool AccessGuard::originAllowed(const HttpRequest &request)
{
    if (!request.hasHeader("origin"))
        return true;
    const QUrl origin = QUrl::fromEncoded(request.header("origin"), QUrl::StrictMode);
    if (!origin.isValid() || origin.host().isEmpty())
        return false;
    const QString scheme = origin.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return false;
    const QUrl host = QUrl::fromEncoded("http://"_ba + request.header("host"), QUrl::StrictMode);
    if (!host.isValid() || host.host().isEmpty() || !host.path().isEmpty())
        return false;
    const int originPort = origin.port(scheme == u"https" ? 443 : 80);
    return authorityKey(origin.host(), originPort) == authorityKey(host.host(), host.port(80));
}

QSet<QString> AccessGuard::thisMachineHosts()
{
    QSet<QString> hosts {u"localhost"_s};
    const QString name = QSysInfo::machineHostName().toLower();
    if (!name.isEmpty()) {
        hosts.insert(name);
        const qsizetype dot = name.indexOf(u'.');
        const QString shortName = dot > 0 ? name.first(dot) : name;
        hosts.insert(shortName);
        hosts.insert(shortName + u".local"_s);
    }
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        QHostAddress plain = address;
        plain.setScopeId({});
        hosts.insert(plain.toString().toLower());
    }
    hosts.insert(u"127.0.0.1"_s);
    hosts.insert(u"::1"_s);
    return hosts;
}

bool AccessGuard::hostAllowed(const HttpRequest &request) const
{
    if (!request.hasHeader("host"))
        return request.versionMinor == 0;
    const QUrl url = QUrl::fromEncoded("http://"_ba + request.header("host"), QUrl::StrictMode);
    if (!url.isValid() || !url.path().isEmpty() || !url.userInfo().isEmpty())
        return false;
    QString host = url.host().toLower(); // brackets gone, IPv6 in its usual form
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host.isEmpty())
        return false;
    if (m_allowedHosts.contains(host))
        return true;
    // Any loopback address is this machine (127.0.0.0/8, and ::ffff:127.x).
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

qint64 AccessGuard::throttledFor(const QHostAddress &peer)
{
    auto it = m_failures.find(peer);
    if (it == m_failures.end())
        return 0;
    const qint64 now = m_clock.elapsed();
    QList<qint64> &times = it.value();
    while (!times.isEmpty() && now - times.first() >= FailureWindowMs)
        times.removeFirst();
    if (times.isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (times.size() < MaxFailures)
        return 0;
    return (FailureWindowMs - (now - times.first()) + 999) / 1000;
}

void AccessGuard::recordFailure(const QHostAddress &peer)
{
    if (m_failures.size() >= MaxTrackedAddresses && !m_failures.contains(peer)) {
        // Forget the addresses whose failures are all old.
        const qint64 now = m_clock.elapsed();
        m_failures.removeIf([now](const auto &entry) {
            return entry.value().isEmpty() || now - entry.value().last() >= FailureWindowMs;
        });
        if (m_failures.size() >= MaxTrackedAddresses)
            m_failures.erase(m_failures.begin());
    }
    QList<qint64> &times = m_failures[peer];
    times.append(m_clock.elapsed());
    while (times.size() > MaxFailures)
        times.removeFirst();
}

AccessGuard::Decision AccessGuard::check(const HttpRequest &request, const QHostAddress &peer)
{
    Decision d;
    if (!m_requireToken) {
        d.access = Access::Granted;
        return d;
    }

    bool presented = false;
    const QByteArray authorization = request.header("authorization");
    if (authorization.size() > 7 && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0) {
        presented = true;
        if (AccessToken::matches(authorization.mid(7).trimmed(), m_token)) {
            d.access = Access::Granted;
            return d;
        }
    }
    const QByteArray queryToken = request.queryValue("token");
    if (!queryToken.isNull()) {
        presented = true;
        if (AccessToken::matches(QByteArray::fromPercentEncoding(queryToken), m_token)) {
            d.access = Access::Granted;
            d.setCookie = QByteArray(SessionCookie) + '=' + newSession() + "; Path=/; HttpOnly; SameSite=Strict"_ba;
            return d;
        }
    }
    // A stale cookie (a session of an earlier token or run) is not an attack: not counted.
    const QByteArray session = request.cookie(SessionCookie);
    if (!session.isEmpty() && m_sessions.contains(session)) {
        d.access = Access::Granted;
        return d;
    }
    if (request.path.startsWith("/files/")) {
        const QByteArrayView encoded = QByteArrayView(request.path).sliced(7);
        const SignedLink::Check check =
            SignedLink::verify(m_linkSecret, encoded, request.query, QDateTime::currentDateTimeUtc());
        if (check == SignedLink::Check::Valid) {
            d.access = Access::SignedLinkOnly;
            return d;
        }
        if (check != SignedLink::Check::Missing)
            presented = true;
    }
    d.access = Access::Denied;
    if (!presented)
        return d;
    if (const qint64 wait = throttledFor(peer); wait > 0) {
        d.access = Access::Throttled;
        d.retryAfterSeconds = wait;
        return d;
    }
    recordFailure(peer);
    return d;
}

QByteArray AccessGuard::newSession()
{
    if (m_sessions.size() >= MaxSessions) {
        // The oldest goes; its browser asks for the link again.
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
            if (it.value() < oldest.value())
                oldest = it;
        }
        m_sessions.erase(oldest);
    }
    QByteArray id = AccessToken::generate() + AccessToken::generate(); // 256 random bits
    m_sessions.insert(id, m_clock.elapsed());
    return id;
}

} // namespace ferry
