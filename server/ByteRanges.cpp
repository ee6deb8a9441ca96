// evaluateRange(): the Range header parser and the policy around it. Numbers
// saturate instead of overflowing, so absurd positions become "past the end"
// (dropped) or "to the end" (clamped) and never wrap around.
#include "server/ByteRanges.h"

#include "core/HttpText.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr int MaxRanges = 16; // more ranges than this → the whole file (as Go and nginx)
constexpr qint64 Saturated = std::numeric_limits<qint64>::max();

using Kind = RangeDecision::Kind;

// 1*DIGIT, saturating at qint64's maximum; -1 when not a number.
qint64 parsePosition(QByteArrayView digits)
{
    if (digits.isEmpty())
        return -1;
    qint64 value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return -1;
        const int digit = c - '0';
        if (value > (Saturated - digit) / 10)
            value = Saturated;
        else
            value = value * 10 + digit;
    }
    return value;
}

enum class Spec { Invalid, Unsatisfiable, Satisfiable };

// One range-spec (RFC 9110 §14.1.1) against a non-empty file.
Spec parseSpec(QByteArrayView spec, qint64 size, ByteRange &out)
{
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return Spec::Invalid;
    const QByteArrayView firstText = spec.first(dash);
    const QByteArrayView lastText = spec.sliced(dash + 1);

    if (firstText.isEmpty()) { // suffix-range: the last N bytes
        const qint64 suffix = parsePosition(lastText);
        if (suffix < 0)
            return Spec::Invalid;
        if (suffix == 0)
            return Spec::Unsatisfiable;
        out.first = suffix >= size ? 0 : size - suffix;
        out.last = size - 1;
        return Spec::Satisfiable;
    }

    const qint64 first = parsePosition(firstText);
    if (first < 0)
        return Spec::Invalid;
    qint64 last = Saturated;
    if (!lastText.isEmpty()) {
        last = parsePosition(lastText);
        if (last < 0 || last < first)
            return Spec::Invalid;
    }
    if (first >= size)
        return Spec::Unsatisfiable;
    out.first = first;
    out.last = last >= size ? size - 1 : last;
    return Spec::Satisfiable;
}

} // namespace

RangeDecision evaluateRange(QByteArrayView rangeHeader, qint64 size)
{
    RangeDecision decision;
    if (size <= 0) // nothing to cut: answer 200 with an empty body
        return decision;

    const QByteArrayView value = trimOws(rangeHeader);
    const qsizetype equals = value.indexOf('=');
    if (equals < 0)
        return decision;
    if (trimOws(value.first(equals)).compare("bytes", Qt::CaseInsensitive) != 0)
        return decision; // a unit we do not know: ignore the header

    QList<ByteRange> ranges;
    int specs = 0;
    bool anyUnsatisfiable = false;
    bool moreThanTheFile = false;
    qint64 total = 0; // never above size
    QByteArrayView rest = value.sliced(equals + 1);
    while (true) {
        const qsizetype comma = rest.indexOf(',');
        const QByteArrayView spec = trimOws(comma < 0 ? rest : rest.first(comma));
        if (!spec.isEmpty()) {
            if (++specs > MaxRanges)
                return {};
            ByteRange range;
            switch (parseSpec(spec, size, range)) {
            case Spec::Invalid:
                decision.kind = Kind::Unsatisfiable;
                return decision;
            case Spec::Unsatisfiable:
                anyUnsatisfiable = true;
                break;
            case Spec::Satisfiable:
                if (range.length() > size - total)
                    moreThanTheFile = true;
                else
                    total += range.length();
                ranges.append(range);
                break;
            }
        }
        if (comma < 0)
            break;
        rest = rest.sliced(comma + 1);
    }

    if (ranges.isEmpty()) {
        if (anyUnsatisfiable)
            decision.kind = Kind::Unsatisfiable;
        return decision; // "bytes=" or only empty list members: the whole file
    }
    if (moreThanTheFile) // overlapping ranges asking for more than the file: DoS guard
        return decision;
    decision.kind = Kind::Partial;
    decision.ranges = ranges;
    return decision;
}

QByteArray contentRangeHeader(const ByteRange &r, qint64 size)
{
    return "bytes "_ba + QByteArray::number(r.first) + '-' + QByteArray::number(r.last) + '/'
        + QByteArray::number(size);
}

QByteArray unsatisfiedContentRange(qint64 size)
{
    return "bytes */"_ba + QByteArray::number(size);
}

} // namespace ferry
