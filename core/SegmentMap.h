// Which bytes of a file of known size are safely on disk, and how to hand the
// missing ones out to connections (after aria2's PieceStorage/SegmentMan and
// KGet's work stealing). A value class; not thread-safe.
#pragma once

#include "core/ByteSpan.h"

#include <QList>
#include <optional>

namespace ferry {

class SegmentMap
{
public:
    explicit SegmentMap(qint64 size = 0);

    qint64 size() const { return m_size; }
    void reset(qint64 size); // forgets every finished span

    // Records [begin, end) as written; merges with neighbours; clips to [0, size).
    void markFinished(ByteSpan span);

    qint64 finishedBytes() const { return m_finishedBytes; }
    bool isComplete() const { return m_finishedBytes == m_size; }
    bool isFinished(ByteSpan span) const; // every byte of span is finished
    QList<ByteSpan> finished() const { return m_finished; } // sorted, merged
    QList<ByteSpan> missing() const;                          // sorted, merged

    // Loads spans from a control file. Returns false and leaves the map empty
    // when a span is empty, out of [0, size) or overlaps another: a damaged
    // control file must not make the engine skip bytes it never received.
    bool setFinished(const QList<ByteSpan> &spans);

    // Spans for at most `connections` connections covering exactly `missing`,
    // sorted by begin. With fewer spans than connections the largest is halved
    // repeatedly while both halves stay >= minBytes; with more, all are
    // returned (the caller starts the first ones and queues the rest).
    static QList<ByteSpan> plan(const QList<ByteSpan> &missing, int connections, qint64 minBytes);

    // Where to cut a busy connection's remaining span so an idle one can take
    // [point, end): about the middle, only when both parts are >= minBytes.
    static std::optional<qint64> stealPoint(ByteSpan remaining, qint64 minBytes);

private:
    qint64 m_size = 0;
    qint64 m_finishedBytes = 0;
    QList<ByteSpan> m_finished;
};

} // namespace ferry
