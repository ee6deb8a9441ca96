// Retry-After: see RetryAfter.h. Dates are read by core/HttpDate.
#include "core/RetryAfter.h"

#include "core/HttpDate.h"
#include "core/HttpText.h"

#include <QDate>
#include <QTime>

#include <limits>

namespace ferry {

std::optional<qint64> parseRetryAfterMs(QByteArrayView value, const QDateTime &nowUtc)
{
    const QByteArrayView v = trimOws(value);
    if (v.isEmpty())
        return std::nullopt;

    if (v.front() >= '0' && v.front() <= '9') {
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        qint64 seconds = 0;
        bool saturated = false;
        for (const char c : v) {
            if (c < '0' || c > '9')
                return std::nullopt;
            if (seconds > (kMax / 1000 - (c - '0')) / 10)
                saturated = true;
            else
                seconds = seconds * 10 + (c - '0');
        }
        return saturated ? kMax : seconds * 1000;
    }

    if (!nowUtc.isValid())
        return std::nullopt;
    const std::optional<QDateTime> date = parseHttpDate(v, nowUtc.toUTC().date());
    if (!date)
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(*date));
}

} // namespace ferry
