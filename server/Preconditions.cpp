// Entity-tag lists and the conditional-request algorithm of RFC 9110 §13.2.2.
// A field that cannot be parsed is treated as RFC 9110 and Go's net/http do:
// If-None-Match and the dates are then ignored, If-Match fails.
#include "server/Preconditions.h"

#include "core/HttpDate.h"
#include "core/HttpText.h"

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

struct EntityTag {
    bool weak = false;
    QByteArrayView opaque; // including the quotes
};

bool isEtagc(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == 0x21 || (u >= 0x23 && u <= 0x7e) || u >= 0x80;
}

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, the whole of `text`.
bool parseEntityTag(QByteArrayView text, EntityTag &tag)
{
    tag.weak = text.startsWith("W/");
    if (tag.weak)
        text = text.sliced(2);
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return false;
    for (char c : text.sliced(1, text.size() - 2)) {
        if (!isEtagc(c))
            return false;
    }
    tag.opaque = text;
    return true;
}

// The parsed form of If-Match / If-None-Match over all their lines.
struct TagList {
    bool valid = false;
    bool any = false; // "*"
    QList<EntityTag> tags;
};

TagList parseTagList(const QList<QByteArray> &lines)
{
    TagList list;
    for (const QByteArray &line : lines) {
        const QByteArrayView value = trimOws(line);
        if (value == "*") {
            list.any = true;
            continue;
        }
        QByteArrayView rest = value;
        while (true) {
            // Entity tags cannot contain commas (',' is etagc, but only inside
            // quotes): split on commas outside quotes.
            qsizetype end = 0;
            bool quoted = false;
            while (end < rest.size() && (quoted || rest[end] != ',')) {
                if (rest[end] == '"')
                    quoted = !quoted;
                ++end;
            }
            const QByteArrayView member = trimOws(rest.first(end));
            if (!member.isEmpty()) {
                EntityTag tag;
                if (!parseEntityTag(member, tag))
                    return {};
                list.tags.append(tag);
            }
            if (end == rest.size())
                break;
            rest = rest.sliced(end + 1);
        }
    }
    // "1#entity-tag": at least one member; a value of only commas is malformed.
    list.valid = list.any || !list.tags.isEmpty();
    return list;
}

bool strongMatch(const EntityTag &tag, QByteArrayView etag)
{
    return !tag.weak && !etag.isEmpty() && !etag.startsWith("W/") && tag.opaque == etag;
}

bool weakMatch(const EntityTag &tag, QByteArrayView etag)
{
    if (etag.startsWith("W/"))
        etag = etag.sliced(2);
    return !etag.isEmpty() && tag.opaque == etag;
}

// The single HTTP-date of a field, or nullopt when absent, repeated or invalid.
std::optional<QDateTime> dateField(const HttpRequest &request, QByteArrayView name)
{
    const QList<QByteArray> values = request.headerValues(name);
    if (values.size() != 1)
        return std::nullopt;
    return parseHttpDate(values.front());
}

bool isGetOrHead(const HttpRequest &request)
{
    return request.method == "GET"_ba || request.method == "HEAD"_ba;
}

} // namespace

QByteArray makeStrongETag(quint64 inode, qint64 size, qint64 mtimeNs)
{
    return '"' + QByteArray::number(inode, 16) + '-' + QByteArray::number(size, 16) + '-'
        + QByteArray::number(mtimeNs, 16) + '"';
}

Precondition evaluatePreconditions(const HttpRequest &request, const EntityInfo &entity)
{
    const qint64 modified = entity.lastModified.isValid()
        ? entity.lastModified.toSecsSinceEpoch() : -1;

    // 1. If-Match: strong comparison; "*" matches the existing file.
    if (request.hasHeader("if-match")) {
        const TagList list = parseTagList(request.headerValues("if-match"));
        bool matched = list.valid && list.any;
        for (const EntityTag &tag : list.tags)
            matched = matched || strongMatch(tag, entity.etag);
        if (!matched)
            return Precondition::Failed;
    } else if (const auto since = dateField(request, "if-unmodified-since")) {
        // 2. If-Unmodified-Since, only without If-Match.
        if (modified >= 0 && modified > since->toSecsSinceEpoch())
            return Precondition::Failed;
    }

    // 3. If-None-Match: weak comparison; a malformed value is ignored.
    if (request.hasHeader("if-none-match")) {
        const TagList list = parseTagList(request.headerValues("if-none-match"));
        bool matched = list.valid && list.any;
        for (const EntityTag &tag : list.tags)
            matched = matched || weakMatch(tag, entity.etag);
        if (matched)
            return isGetOrHead(request) ? Precondition::NotModified : Precondition::Failed;
    } else if (isGetOrHead(request)) {
        // 4. If-Modified-Since, only without If-None-Match.
        if (const auto since = dateField(request, "if-modified-since")) {
            if (modified >= 0 && modified <= since->toSecsSinceEpoch())
                return Precondition::NotModified;
        }
    }
    return Precondition::Proceed;
}

bool rangeAllowedByIfRange(const HttpRequest &request, const EntityInfo &entity)
{
    const QList<QByteArray> values = request.headerValues("if-range");
    if (values.isEmpty())
        return true;
    if (values.size() > 1)
        return false;
    const QByteArrayView value = trimOws(values.front());
    if (value.startsWith('"') || value.startsWith("W/")) {
        EntityTag tag;
        return parseEntityTag(value, tag) && strongMatch(tag, entity.etag);
    }
    const auto date = parseHttpDate(value);
    return date && entity.lastModified.isValid()
        && date->toSecsSinceEpoch() == entity.lastModified.toSecsSinceEpoch();
}

} // namespace ferry
