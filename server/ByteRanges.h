// Range requests on the share server (RFC 9110 §14): what a Range header asks
// of a file of a given size, and the Content-Range values of the answer. The
// decisions follow the CONFORMANCE.md "Server: ranges" table.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace ferry {

struct ByteRange {
    qint64 first = 0;
    qint64 last = 0; // inclusive
    qint64 length() const { return last - first + 1; }
    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

struct RangeDecision {
    enum class Kind {
        Full,          // 200 with the whole file: no usable Range, or the DoS guards
        Partial,       // 206: one range, or several as multipart/byteranges
        Unsatisfiable, // 416 with Content-Range: bytes */size
    };
    Kind kind = Kind::Full;
    QList<ByteRange> ranges; // Partial only: in request order, each inside the file
};

// `rangeHeader` is the Range field value; `size` the file's size in bytes.
RangeDecision evaluateRange(QByteArrayView rangeHeader, qint64 size);

// "bytes 0-99/1000"
QByteArray contentRangeHeader(const ByteRange &r, qint64 size);
// "bytes */1000"
QByteArray unsatisfiedContentRange(qint64 size);

} // namespace ferry
