// What must hold for ANY input to the share server's pure HTTP functions.
// Shared by the libFuzzer target (fuzz_http.cpp) and the seeded CTest run
// (tst_parser_random.cpp): each check returns an empty string when the
// invariants hold, otherwise a description of what broke.
#pragma once

#include "server/ByteRanges.h"
#include "core/HttpDate.h"
#include "server/HttpRequestParser.h"
#include "server/ShareRoots.h"

#include <QByteArray>
#include <QFileInfo>
#include <QTimeZone>

namespace ferry::fuzz {

inline bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

inline bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

inline bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query
        && a.versionMinor == b.versionMinor && a.headers == b.headers;
}

// A Complete request is one the routes can trust without re-checking framing.
inline QByteArray checkCompleteRequest(const HttpRequest &q)
{
    if (!isToken(q.method))
        return QByteArrayLiteral("method is not a token");
    if (q.target.isEmpty())
        return QByteArrayLiteral("empty target");
    for (char c : q.target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '#')
            return QByteArrayLiteral("control, space or '#' in the target");
    }
    if (!q.path.startsWith('/'))
        return QByteArrayLiteral("path does not start with '/'");
    if (q.path.contains('?'))
        return QByteArrayLiteral("'?' left in the path");
    if (!q.target.endsWith(q.query))
        return QByteArrayLiteral("query is not the end of the target");
    if (q.versionMinor < 0 || q.versionMinor > 9)
        return QByteArrayLiteral("version out of range");
    int hosts = 0;
    for (const auto &[name, value] : q.headers) {
        if (!isToken(name) || name != name.toLower())
            return QByteArrayLiteral("field name is not a lower-case token");
        if (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t' || value.back() == ' '
                                 || value.back() == '\t'))
            return QByteArrayLiteral("field value not trimmed");
        for (char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f)
                return QByteArrayLiteral("control byte in a field value");
        }
        if (name == "host")
            ++hosts;
        if (name == "transfer-encoding")
            return QByteArrayLiteral("Transfer-Encoding accepted");
        if (name == "content-length") {
            for (char c : value) {
                if (c != '0' && c != ',' && c != ' ' && c != '\t')
                    return QByteArrayLiteral("a body was accepted");
            }
        }
    }
    if (hosts > 1 || (q.versionMinor >= 1 && hosts != 1))
        return QByteArrayLiteral("Host rule broken");
    return {};
}

inline QByteArray checkParse(QByteArrayView input)
{
    using Status = ParseResult::Status;
    const ParseResult r = parseHttpRequest(input);
    if (r.consumed < 0 || r.consumed > input.size())
        return QByteArrayLiteral("consumed outside the buffer");
    switch (r.status) {
    case Status::Incomplete:
        if (r.consumed != 0 || r.errorStatus != 0 || r.closeConnection)
            return QByteArrayLiteral("Incomplete with side results");
        // Nothing may be buffered beyond the head limit (plus leading empty lines).
        if (input.size() > 16 * 1024 + 2 * 8 + 2)
            return QByteArrayLiteral("Incomplete beyond the head limit");
        return {};
    case Status::Error:
        switch (r.errorStatus) {
        case 400: case 413: case 414: case 431: case 501: case 505:
            break;
        default:
            return QByteArrayLiteral("unexpected error status");
        }
        if (!r.closeConnection)
            return QByteArrayLiteral("Error without closing");
        return {};
    case Status::Complete:
        break;
    }
    if (r.consumed <= 0 || input[r.consumed - 1] != '\n')
        return QByteArrayLiteral("Complete head does not end with LF");
    if (r.closeConnection != !r.request.keepAlive())
        return QByteArrayLiteral("closeConnection disagrees with keepAlive()");
    if (const QByteArray broken = checkCompleteRequest(r.request); !broken.isEmpty())
        return broken;
    // The head alone parses the same; what follows it does not matter.
    const ParseResult alone = parseHttpRequest(input.first(r.consumed));
    if (alone.status != Status::Complete || alone.consumed != r.consumed || !sameRequest(alone.request, r.request))
        return QByteArrayLiteral("the head alone parses differently");
    // One byte less is never complete.
    if (parseHttpRequest(input.first(r.consumed - 1)).status == Status::Complete)
        return QByteArrayLiteral("a shorter prefix is complete too");
    return {};
}

inline QByteArray checkRange(QByteArrayView header, qint64 size)
{
    using Kind = RangeDecision::Kind;
    const RangeDecision d = evaluateRange(header, size);
    if (size <= 0 && d.kind != Kind::Full)
        return QByteArrayLiteral("a range of an empty file");
    if (d.kind != Kind::Partial)
        return d.ranges.isEmpty() ? QByteArray() : QByteArrayLiteral("ranges without Partial");
    if (d.ranges.isEmpty() || d.ranges.size() > 16)
        return QByteArrayLiteral("Partial with 0 or more than 16 ranges");
    qint64 total = 0;
    for (const ByteRange &r : d.ranges) {
        if (r.first < 0 || r.first > r.last || r.last >= size)
            return QByteArrayLiteral("range outside the file");
        if (r.length() > size - total)
            return QByteArrayLiteral("ranges add up to more than the file");
        total += r.length();
        const QByteArray cr = contentRangeHeader(r, size);
        if (!cr.startsWith("bytes ") || !cr.endsWith(QByteArray('/' + QByteArray::number(size))))
            return QByteArrayLiteral("bad Content-Range");
    }
    return {};
}

inline QByteArray checkDate(QByteArrayView value)
{
    const auto d = parseHttpDate(value);
    if (!d)
        return {};
    if (!d->isValid() || d->timeSpec() != Qt::UTC)
        return QByteArrayLiteral("invalid or non-UTC date accepted");
    const QByteArray formatted = formatHttpDate(*d);
    if (formatted.size() != 29)
        return QByteArrayLiteral("formatted date is not IMF-fixdate");
    const auto again = parseHttpDate(formatted);
    if (!again || *again != *d)
        return QByteArrayLiteral("formatted date does not parse back");
    return {};
}

inline QByteArray checkResolve(const ShareRoots &roots, QByteArrayView path)
{
    using Status = ShareRoots::Resolved::Status;
    const ShareRoots::Resolved r = roots.resolve(path);
    if (r.status != Status::Ok)
        return r.absolutePath.isEmpty() ? QByteArray() : QByteArrayLiteral("a path on refusal");
    if (r.isTopLevel)
        return r.absolutePath.isEmpty() && r.isDirectory ? QByteArray() : QByteArrayLiteral("odd top level");
    const QString root = roots.rootPath(r.rootName);
    if (root.isEmpty())
        return QByteArrayLiteral("unknown root");
    if (r.absolutePath != root && !r.absolutePath.startsWith(root + u'/'))
        return QByteArrayLiteral("resolved outside its root");
    const QFileInfo info(r.absolutePath);
    if (!info.exists() || info.canonicalFilePath() != r.absolutePath)
        return QByteArrayLiteral("not canonical or missing");
    if (info.isDir() != r.isDirectory || (!info.isDir() && !info.isFile()))
        return QByteArrayLiteral("wrong kind of file");
    if (!roots.showHidden()) {
        const QString below = r.absolutePath.mid(root.size());
        if (below.contains(u"/."))
            return QByteArrayLiteral("a dotfile served");
        for (QStringView segment : QStringView(r.relativePath).split(u'/')) {
            if (segment.startsWith(u'.'))
                return QByteArrayLiteral("a dotfile segment accepted");
        }
    }
    return {};
}

} // namespace ferry::fuzz
