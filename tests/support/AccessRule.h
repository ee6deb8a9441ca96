// What MisbehavingServer asks of a request before it answers a path: a login
// (Basic, or Digest as RFC 7616 describes it: MD5, qop=auth, a nonce of this
// server's), a cookie, and the Set-Cookie it sends (also on a redirect). The
// check is a pure function of the request's head and the nonces issued, so a
// test can see exactly which header was missing.
#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>

namespace ferry::test {

struct AccessRule {
    enum class Login { None, Basic, Digest };
    Login login = Login::None;
    QByteArray user;
    QByteArray password;
    QByteArray realm = "ferry-test";
    QByteArray requiredCookie;   // "name=value" the Cookie header must hold, else 403
    QByteArray setCookie;        // a Set-Cookie value sent with every answer for the path
};

struct AccessVerdict {
    int status = 0;              // 0: let the request through; else 401 or 403
    QList<QByteArray> headers;   // to send in either case (WWW-Authenticate, Set-Cookie)
};

// `nonces` holds the Digest nonces this server issued; a challenge adds one.
AccessVerdict checkAccess(const AccessRule &rule, const QByteArray &method, const QByteArray &target,
                          const QByteArray &authorization, const QByteArray &cookie, QSet<QByteArray> *nonces);

} // namespace ferry::test
