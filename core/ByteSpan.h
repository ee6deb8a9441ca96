// A half-open run of bytes [begin, end) inside a file: the unit the segment map,
// the planner and the control file speak in.
#pragma once

#include <QtGlobal>

namespace ferry {

struct ByteSpan {
    qint64 begin = 0;
    qint64 end = 0;

    qint64 length() const { return end - begin; }
    bool operator==(const ByteSpan &) const = default;
};

} // namespace ferry
