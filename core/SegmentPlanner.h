// Hands a download's missing bytes out to its connections (aria2's
// SegmentMan beside SegmentMap, its PieceStorage): the first plan, the range
// an idle connection takes next — a range nobody holds, else the far half of
// the largest range still being fetched (work stealing, after KGet). Pure
// functions of what the map is missing and what each connection holds, so
// every rule is testable without a network.
#pragma once

#include "core/ByteSpan.h"

#include <QList>
#include <optional>

namespace ferry {

class SegmentPlanner
{
public:
    // What one connection holds, as the planner sees it.
    struct Lane {
        qint64 pos = 0;       // next byte it will write
        qint64 end = 0;       // end of its range
        bool holds = false;   // it owns [pos, end): receiving, or about to
        qint64 inFlight = 0;  // bytes it will most likely receive anyway (buffered, on the wire)
    };

    // What an idle connection should do next: fetch `span`; when `victim`
    // >= 0, that lane's range now ends at span.begin.
    struct Pick {
        ByteSpan span;
        int victim = -1;
    };

    // `missing` minus every held [pos, end).
    static QList<ByteSpan> unassigned(const QList<ByteSpan> &missing, const QList<Lane> &lanes);

    // The next range for lane `self`: the first unassigned span, else half of
    // the largest held remainder beyond what its owner has in flight, when
    // both parts stay >= minBytes. nullopt: nothing worth taking.
    static std::optional<Pick> next(const QList<ByteSpan> &missing, const QList<Lane> &lanes, int self,
                                    qint64 minBytes);
};

} // namespace ferry
