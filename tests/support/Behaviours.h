// Short names for the MisbehavingServer behaviours the engine suites use
// most, and two ways of reading its request log in a failure message or a
// check.
#pragma once

#include "tests/support/MisbehavingServer.h"

#include <QString>
#include <QStringList>

namespace ferry::test {

inline MisbehavingServer::Behaviour dropAt(qint64 bytes)
{
    MisbehavingServer::Behaviour b;
    b.dropAfterBytes = bytes;
    return b;
}

inline MisbehavingServer::Behaviour errorFor(int status, int times = -1, int retryAfter = -1)
{
    MisbehavingServer::Behaviour b;
    b.errorStatus = status;
    b.misbehaveRequests = times;
    b.retryAfterSeconds = retryAfter;
    return b;
}

inline MisbehavingServer::Behaviour throttled(qint64 bytesPerSecond)
{
    MisbehavingServer::Behaviour b;
    b.bytesPerSecond = bytesPerSecond;
    return b;
}

// "[Range → status, body bytes]" per request, for failure messages.
inline QString describeRequests(const QList<MisbehavingServer::Request> &requests)
{
    QStringList parts;
    for (const auto &r : requests)
        parts << QStringLiteral("[%1 → %2, %3 B]")
                     .arg(QString::fromLatin1(r.header("range")), QString::number(r.status), QString::number(r.bodyBytesSent));
    return parts.join(u' ');
}

// The requests for `path` after the first one (the probe). Qt 6.4 may resend
// a request whose connection the server cut (once, on a fresh connection); a
// copy of the probe is that, not a resume, and is left out.
inline QList<MisbehavingServer::Request> rangedRequestsAfterProbe(const MisbehavingServer &server, QByteArrayView path)
{
    QList<MisbehavingServer::Request> result = server.requests(path);
    if (!result.isEmpty())
        result.removeFirst();
    result.removeIf([](const MisbehavingServer::Request &r) { return r.header("range") == QByteArrayLiteral("bytes=0-"); });
    return result;
}

} // namespace ferry::test
