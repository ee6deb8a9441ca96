#include "core/SegmentPlanner.h"

#include "core/SegmentMap.h"

#include <algorithm>

namespace ferry {

QList<ByteSpan> SegmentPlanner::unassigned(const QList<ByteSpan> &missing, const QList<Lane> &lanes)
{
    QList<ByteSpan> spans = missing;
    for (const Lane &lane : lanes) {
        if (!lane.holds)
            continue;
        const ByteSpan taken{lane.pos, lane.end};
        QList<ByteSpan> rest;
        for (const ByteSpan &s : std::as_const(spans)) {
            if (taken.end <= s.begin || taken.begin >= s.end) {
                rest << s;
                continue;
            }
            if (s.begin < taken.begin)
                rest << ByteSpan{s.begin, taken.begin};
            if (taken.end < s.end)
                rest << ByteSpan{taken.end, s.end};
        }
        spans = rest;
    }
    return spans;
}

std::optional<SegmentPlanner::Pick> SegmentPlanner::next(const QList<ByteSpan> &missing, const QList<Lane> &lanes,
                                                         int self, qint64 minBytes)
{
    const QList<ByteSpan> free = unassigned(missing, lanes);
    if (!free.isEmpty())
        return Pick{free.first(), -1};
    // Work stealing: take the far half of the largest range still being fetched.
    int victim = -1;
    for (int i = 0; i < lanes.size(); ++i) {
        const Lane &other = lanes.at(i);
        if (i != self && other.holds
            && (victim < 0 || other.end - other.pos > lanes.at(victim).end - lanes.at(victim).pos))
            victim = i;
    }
    if (victim < 0)
        return std::nullopt;
    // What the victim will receive within the next second is most likely
    // already on its way (socket buffers, bursty server-side limits): leave it
    // to the victim, or both connections would fetch those bytes.
    const Lane &v = lanes.at(victim);
    const qint64 keepFrom = std::min(v.pos + v.inFlight, v.end);
    const auto point = SegmentMap::stealPoint({keepFrom, v.end}, minBytes);
    if (!point)
        return std::nullopt;
    return Pick{{*point, v.end}, victim};
}

} // namespace ferry
