// Strict Content-Range parsing: see ContentRange.h.
#include "core/ContentRange.h"

#include "core/HttpText.h"

#include <limits>

namespace ferry {

namespace {

// 1*DIGIT without sign or spaces; nullopt on anything else or on overflow.
std::optional<qint64> parseDigits(QByteArrayView v)
{
    if (v.isEmpty())
        return std::nullopt;
    qint64 n = 0;
    for (const char c : v) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        if (n > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        n = n * 10 + digit;
    }
    return n;
}

} // namespace

std::optional<ContentRange> parseContentRange(QByteArrayView value)
{
    QByteArrayView v = trimOws(value);
    constexpr QByteArrayView unit("bytes");
    if (v.size() < unit.size() || v.first(unit.size()).compare(unit, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    v = trimOws(v.sliced(unit.size()));

    const qsizetype slash = v.indexOf('/');
    if (slash < 0)
        return std::nullopt;
    const QByteArrayView rangePart = v.first(slash);
    const QByteArrayView totalPart = v.sliced(slash + 1);

    ContentRange result;
    if (totalPart != "*") {
        const auto total = parseDigits(totalPart);
        if (!total)
            return std::nullopt;
        result.total = *total;
    }

    if (rangePart == "*") {
        if (result.total < 0)
            return std::nullopt; // "bytes */*" says nothing
        result.unsatisfied = true;
        return result;
    }

    const qsizetype dash = rangePart.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const auto first = parseDigits(rangePart.first(dash));
    const auto last = parseDigits(rangePart.sliced(dash + 1));
    if (!first || !last || *first > *last)
        return std::nullopt;
    if (result.total >= 0 && *last >= result.total)
        return std::nullopt;
    result.first = *first;
    result.last = *last;
    return result;
}

} // namespace ferry
