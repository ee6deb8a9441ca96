// File naming: see FileNames.h.
#include "core/FileNames.h"

#include <QByteArray>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr qsizetype kMaxNameBytes = MaxDownloadNameBytes;
static_assert(MaxDownloadNameBytes + sizeof(".part.ferry") - 1 == 255); // NAME_MAX on Linux file systems
constexpr qsizetype kMaxExtensionChars = 16; // a longer "extension" is part of the name
const QString kFallbackName = u"download"_s;

// Second-to-last extensions that belong with the last one.
constexpr QLatin1StringView kInnerExtensions[] = {QLatin1StringView(".tar")};

bool isUnsafeChar(char32_t c)
{
    return c == u'/' || c == u'\\' || c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

qsizetype utf8Size(QStringView s)
{
    return s.toUtf8().size();
}

// The longest prefix of `s` (whole code points) that fits in `maxBytes` of UTF-8.
QString truncateUtf8(const QString &s, qsizetype maxBytes)
{
    qsizetype bytes = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        const bool pair = s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate();
        const char32_t c = pair ? QChar::surrogateToUcs4(s.at(i), s.at(i + 1)) : s.at(i).unicode();
        const qsizetype width = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (bytes + width > maxBytes)
            break;
        bytes += width;
        i += pair ? 2 : 1;
    }
    return s.left(i);
}

QString stripEnds(QString s)
{
    qsizetype begin = 0;
    while (begin < s.size() && (s.at(begin) == u'.' || s.at(begin) == u' '))
        ++begin;
    qsizetype end = s.size();
    while (end > begin && (s.at(end - 1) == u'.' || s.at(end - 1) == u' '))
        --end;
    return s.sliced(begin, end - begin);
}

} // namespace

QString fileNameFromUrl(const QUrl &url)
{
    const QStringList segments = url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts);
    if (!segments.isEmpty()) {
        const QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(segments.last().toLatin1()));
        if (!decoded.isEmpty())
            return decoded;
    }
    const QString host = url.host();
    if (!host.isEmpty())
        return host;
    return kFallbackName;
}

QString fileNameExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || dot == name.size() - 1 || name.size() - dot > kMaxExtensionChars)
        return {};
    const QString last = name.sliced(dot);
    if (last.contains(u' '))
        return {};
    const QStringView stem = QStringView(name).first(dot);
    for (const QLatin1StringView inner : kInnerExtensions) {
        if (stem.size() > inner.size() && stem.endsWith(inner, Qt::CaseInsensitive))
            return name.sliced(dot - inner.size());
    }
    return last;
}

QString sanitizeFileName(const QString &name)
{
    QString cleaned;
    cleaned.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar ch = name.at(i);
        if (ch.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            cleaned += ch;
            cleaned += name.at(++i);
        } else if (ch.isSurrogate()) {
            cleaned += u'_'; // a lone surrogate cannot be written as UTF-8
        } else if (isUnsafeChar(ch.unicode())) {
            cleaned += u'_';
        } else {
            cleaned += ch;
        }
    }
    cleaned = stripEnds(cleaned);
    if (cleaned.isEmpty() || cleaned == u"." || cleaned == u"..")
        return kFallbackName;

    if (utf8Size(cleaned) > kMaxNameBytes) {
        const QString ext = fileNameExtension(cleaned);
        const QString stem = cleaned.first(cleaned.size() - ext.size());
        const qsizetype room = kMaxNameBytes - utf8Size(ext);
        cleaned = stripEnds(truncateUtf8(stem, room)) + ext;
        cleaned = stripEnds(cleaned);
        if (cleaned.isEmpty() || utf8Size(cleaned) > kMaxNameBytes)
            cleaned = stripEnds(truncateUtf8(cleaned, kMaxNameBytes));
        if (cleaned.isEmpty())
            return kFallbackName;
    }
    return cleaned;
}

QString uniqueFileName(const QString &name, const std::function<bool(const QString &)> &isTaken)
{
    if (!isTaken(name))
        return name;
    const QString ext = fileNameExtension(name);
    const QString stem = name.first(name.size() - ext.size());
    for (int n = 1;; ++n) {
        const QString suffix = u" ("_s + QString::number(n) + u')' + ext;
        // Keep the result inside NAME_MAX: the stem gives way, never the number or extension.
        const QString candidate = truncateUtf8(stem, kMaxNameBytes - utf8Size(suffix)) + suffix;
        if (!isTaken(candidate))
            return candidate;
    }
}

} // namespace ferry
