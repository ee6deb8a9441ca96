// Who may read the share (DESIGN.md "Access"): the bearer token, the session
// cookie set by `?token=`, signed links to one file, the slowing down of an
// address that keeps presenting wrong credentials, and the Host and Origin
// rules. A plain value on the server thread; ShareServer asks it once per
// request before routing.
//
// Sessions: a valid `?token=` gets a cookie holding a random session id kept
// here, never the token itself (a cookie can leak where a token must not).
// A new token (configure) forgets every session.
//
// Failed access: after MaxFailures wrong credentials from one address within
// FailureWindow, further failing requests from that address are answered 429
// with Retry-After until the window has passed. A valid credential is always
// accepted: a web page the user visits can make their browser send wrong
// tokens from their address, and must not lock them out.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QSet>
#include <QString>

namespace ferry {

struct HttpRequest;

class AccessGuard final
{
public:
    enum class Access { Granted, SignedLinkOnly, Denied, Throttled };
    struct Decision {
        Access access = Access::Denied;
        QByteArray setCookie;        // non-empty: a Set-Cookie value the answer carries
        qint64 retryAfterSeconds = 0; // Throttled: when to try again
    };

    static constexpr int MaxFailures = 10;
    static constexpr qint64 FailureWindowMs = 60'000;

    AccessGuard();

    static constexpr qsizetype MaxSessions = 1024;
    static constexpr auto SessionCookie = "ferry_session";

    // `requireToken` false: everyone is granted (`--no-auth`). A token other
    // than the current one ends every session.
    void configure(bool requireToken, const QByteArray &token, const QByteArray &linkSecret);
    qsizetype sessionCount() const { return m_sessions.size(); }

    Decision check(const HttpRequest &request, const QHostAddress &peer);

    // True when an Origin is absent or names the same host:port the request was sent to.
    static bool originAllowed(const HttpRequest &request);

    // DNS rebinding: a page from elsewhere whose name now points here sends
    // its own name as Host. Only names of this machine are answered (421
    // otherwise, token or not): its addresses, localhost, its host name and
    // NAME.local. A request without Host (HTTP/1.0) has nothing to check.
    bool hostAllowed(const HttpRequest &request) const;
    // The names above, lower-case, IPv6 addresses without brackets.
    static QSet<QString> thisMachineHosts();
    void setAllowedHosts(QSet<QString> hosts) { m_allowedHosts = std::move(hosts); }

private:
    QByteArray newSession();
    void recordFailure(const QHostAddress &peer);
    qint64 throttledFor(const QHostAddress &peer);

    bool m_requireToken = true;
    QByteArray m_token;
    QByteArray m_linkSecret;
    QSet<QString> m_allowedHosts;
    QHash<QByteArray, qint64> m_sessions; // id → monotonic ms of its creation
    QHash<QHostAddress, QList<qint64>> m_failures; // monotonic ms of recent failures
    QElapsedTimer m_clock;
};

} // namespace ferry
