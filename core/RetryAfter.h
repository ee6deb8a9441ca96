// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date (core/HttpDate.h).
#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <optional>

namespace ferry {

// Milliseconds to wait from nowUtc: delay-seconds ("120") or an HTTP-date.
// A date in the past gives 0, never a negative delay; a delay too large for
// qint64 milliseconds saturates. nullopt when the value is neither.
std::optional<qint64> parseRetryAfterMs(QByteArrayView value, const QDateTime &nowUtc);
} // namespace ferry
