// HTTP-date (RFC 9110 §5.6.7): Last-Modified and Date out, the conditional
// request headers in. Always UTC, always English names whatever the locale.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>

#include <optional>

namespace ferry {

// IMF-fixdate, RFC 850 and asctime; nullopt when the value is none of them or
// names an impossible date. Surrounding spaces and tabs are ignored.
std::optional<QDateTime> parseHttpDate(QByteArrayView value);
// The same, with the two-digit RFC 850 year read relative to `today` (UTC)
// rather than the clock: a year more than 50 years ahead is taken from the past.
std::optional<QDateTime> parseHttpDate(QByteArrayView value, QDate today);

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". Empty for an invalid time
// or a year outside 1–9999.
QByteArray formatHttpDate(const QDateTime &utc);

} // namespace ferry
