// SegmentMap: see SegmentMap.h. Spans are kept sorted and merged, so every
// query is a single pass and the list stays as short as the number of holes.
#include "core/SegmentMap.h"

#include <algorithm>

namespace ferry {

namespace {

bool byBegin(const ByteSpan &a, const ByteSpan &b)
{
    return a.begin < b.begin;
}

} // namespace

SegmentMap::SegmentMap(qint64 size)
    : m_size(std::max<qint64>(0, size))
{
}

void SegmentMap::reset(qint64 size)
{
    m_size = std::max<qint64>(0, size);
    m_finishedBytes = 0;
    m_finished.clear();
}

void SegmentMap::markFinished(ByteSpan span)
{
    span.begin = std::max<qint64>(span.begin, 0);
    span.end = std::min(span.end, m_size);
    if (span.begin >= span.end)
        return;

    // First span that ends at or after span.begin: it may touch or overlap.
    auto first = std::lower_bound(m_finished.begin(), m_finished.end(), span.begin,
                                  [](const ByteSpan &s, qint64 pos) { return s.end < pos; });
    auto last = first;
    ByteSpan merged = span;
    while (last != m_finished.end() && last->begin <= span.end) {
        merged.begin = std::min(merged.begin, last->begin);
        merged.end = std::max(merged.end, last->end);
        m_finishedBytes -= last->length();
        ++last;
    }
    const auto index = first - m_finished.begin();
    m_finished.erase(first, last);
    m_finished.insert(index, merged);
    m_finishedBytes += merged.length();
}

bool SegmentMap::isFinished(ByteSpan span) const
{
    if (span.begin >= span.end)
        return true;
    for (const ByteSpan &s : m_finished) {
        if (s.begin <= span.begin && span.end <= s.end)
            return true;
    }
    return false;
}

QList<ByteSpan> SegmentMap::missing() const
{
    QList<ByteSpan> result;
    qint64 pos = 0;
    for (const ByteSpan &s : m_finished) {
        if (s.begin > pos)
            result.append({pos, s.begin});
        pos = s.end;
    }
    if (pos < m_size)
        result.append({pos, m_size});
    return result;
}

bool SegmentMap::setFinished(const QList<ByteSpan> &spans)
{
    QList<ByteSpan> sorted = spans;
    std::sort(sorted.begin(), sorted.end(), byBegin);
    qint64 previousEnd = 0;
    for (const ByteSpan &s : std::as_const(sorted)) {
        if (s.begin < previousEnd || s.begin >= s.end || s.end > m_size) {
            m_finished.clear();
            m_finishedBytes = 0;
            return false;
        }
        previousEnd = s.end;
    }
    m_finished.clear();
    m_finishedBytes = 0;
    for (const ByteSpan &s : std::as_const(sorted))
        markFinished(s);
    return true;
}

QList<ByteSpan> SegmentMap::plan(const QList<ByteSpan> &missing, int connections, qint64 minBytes)
{
    connections = std::max(connections, 1);
    minBytes = std::max<qint64>(minBytes, 1);
    QList<ByteSpan> spans;
    for (const ByteSpan &s : missing) {
        if (s.begin < s.end)
            spans.append(s);
    }
    std::sort(spans.begin(), spans.end(), byBegin);

    while (spans.size() < connections && !spans.isEmpty()) {
        const auto largest = std::max_element(spans.begin(), spans.end(), [](const ByteSpan &a, const ByteSpan &b) {
            return a.length() < b.length();
        });
        const qint64 half = largest->length() / 2;
        if (half < minBytes) // the first half is the smaller one when the length is odd
            break;
        const ByteSpan second{largest->begin + half, largest->end};
        largest->end = second.begin;
        spans.insert(largest - spans.begin() + 1, second);
    }
    return spans;
}

std::optional<qint64> SegmentMap::stealPoint(ByteSpan remaining, qint64 minBytes)
{
    minBytes = std::max<qint64>(minBytes, 1);
    const qint64 length = remaining.length();
    const qint64 half = length / 2;
    if (half < minBytes)
        return std::nullopt;
    // The busy connection keeps the odd byte: it is already streaming.
    return remaining.begin + (length - half);
}

} // namespace ferry
