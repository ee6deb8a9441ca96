// Retry-After (RFC 9110 §10.2.3) and the HTTP-date formats it may carry
// (RFC 9110 §5.6.7: IMF-fixdate, the obsolete RFC 850 form and asctime).
#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <optional>

namespace ferry {

// Milliseconds to wait from nowUtc: delay-seconds ("120") or an HTTP-date.
// A date in the past gives 0, never a negative delay; a delay too large for
// qint64 milliseconds saturates. nullopt when the value is neither.
std::optional<qint64> parseRetryAfterMs(QByteArrayView value, const QDateTime &nowUtc);

// An HTTP-date in any of the three formats, as UTC. A two-digit RFC 850 year
// that would lie more than 50 years after referenceYear means the most recent
// past year with those digits (RFC 9110). nullopt when not a valid date.
std::optional<QDateTime> parseHttpDate(QByteArrayView value, int referenceYear);
std::optional<QDateTime> parseHttpDate(QByteArrayView value); // referenceYear = this year (UTC)

} // namespace ferry
