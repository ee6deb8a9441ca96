// Netscape cookies.txt, the file browser export add-ons write and curl -b,
// wget --load-cookies and aria2 --load-cookies read: one cookie per line,
// seven tab-separated fields. Pure functions of bytes; reading the file (with
// its size cap) is loadCookiesTxtFile's.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QNetworkCookie>
#include <QString>

namespace ferry {

struct CookiesTxt {
    QList<QNetworkCookie> cookies;
    int skippedLines = 0;  // lines that were neither comments, blank nor a cookie
    int expiredCookies = 0; // well-formed but expired at `now`: dropped, as curl does
};

// Fields: domain, include-subdomains (TRUE/FALSE), path, secure (TRUE/FALSE),
// expiry (Unix seconds, 0 = a session cookie), name, value (may be missing:
// an empty value). A "#HttpOnly_" prefix on the domain marks an HttpOnly
// cookie; any other line starting with '#' is a comment. Domains follow
// QNetworkCookieJar's convention: a leading dot matches subdomains too (flag
// TRUE), none matches that host only (flag FALSE).
CookiesTxt parseCookiesTxt(QByteArrayView text, const QDateTime &now);

// The same format back, with the "# Netscape HTTP Cookie File" header curl writes.
QByteArray formatCookiesTxt(const QList<QNetworkCookie> &cookies);

// Reads and parses a file of at most kMaxCookiesTxtBytes. False with a
// one-line reason (naming the file) when it cannot be read or is too large.
inline constexpr qint64 kMaxCookiesTxtBytes = 16 * 1024 * 1024;
bool loadCookiesTxtFile(const QString &path, CookiesTxt *result, QString *error);

} // namespace ferry
