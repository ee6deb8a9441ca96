// Parser for the Content-Range response header (RFC 9110 §14.4). The engine
// appends data only when this says exactly which bytes a 206 carries, so the
// parser is strict: anything it does not fully understand is refused.
#pragma once

#include <QByteArrayView>
#include <QtGlobal>
#include <optional>

namespace ferry {

struct ContentRange {
    qint64 first = -1;        // first byte position, -1 for "bytes */LEN"
    qint64 last = -1;         // last byte position (inclusive), -1 for "bytes */LEN"
    qint64 total = -1;        // complete length, -1 when the server sent "*"
    bool unsatisfied = false; // "bytes */LEN", as sent with a 416

    qint64 length() const { return unsatisfied ? 0 : last - first + 1; }
};

// "bytes 0-99/1000", "bytes 0-99/*", "bytes */1000". The unit is
// case-insensitive; whitespace around the value and after the unit is allowed.
// Returns nullopt for anything else: other units, signs, numbers past qint64,
// first > last, last >= total, missing parts.
std::optional<ContentRange> parseContentRange(QByteArrayView value);

} // namespace ferry
