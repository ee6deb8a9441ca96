// Content-Disposition parsing: see ContentDisposition.h. Tolerant of what
// real servers send (missing type, stray semicolons, raw UTF-8 in filename=),
// strict about what the RFCs leave no doubt about (extended-value syntax).
#include "core/ContentDisposition.h"

#include "core/HttpText.h"

#include <QByteArray>
#include <QStringDecoder>
#include <optional>

namespace ferry {

namespace {

// RFC 9110 tchar.
bool isTokenChar(char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

std::optional<QString> decodeUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

// Reads one parameter value at `pos`: a token or a quoted-string. Returns
// nullopt for an unterminated quoted-string or an empty value.
std::optional<QByteArray> readValue(QByteArrayView v, qsizetype &pos)
{
    QByteArray out;
    if (pos < v.size() && v[pos] == '"') {
        ++pos;
        while (pos < v.size()) {
            const char c = v[pos++];
            if (c == '"')
                return out;
            if (c == '\\') {
                if (pos >= v.size())
                    return std::nullopt;
                out += v[pos++];
            } else {
                out += c;
            }
        }
        return std::nullopt;
    }
    // Token; real servers also put raw UTF-8 and spaces here, so take everything to the next ';'.
    while (pos < v.size() && v[pos] != ';')
        out += v[pos++];
    while (!out.isEmpty() && isOws(out.back()))
        out.chop(1);
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

// RFC 8187 ext-value: charset "'" [ language ] "'" value-chars.
std::optional<QString> decodeExtValue(const QByteArray &value)
{
    const qsizetype q1 = value.indexOf('\'');
    const qsizetype q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
    if (q2 < 0)
        return std::nullopt;
    const QByteArray charset = value.first(q1).toLower();
    const QByteArray encoded = value.sliced(q2 + 1);
    QByteArray bytes;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '%') {
            if (i + 2 >= encoded.size())
                return std::nullopt;
            const int hi = hexDigitValue(encoded[i + 1]);
            const int lo = hexDigitValue(encoded[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            bytes += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (isTokenChar(c)) {
            bytes += c;
        } else {
            return std::nullopt;
        }
    }
    if (charset == "utf-8")
        return decodeUtf8(bytes);
    if (charset == "iso-8859-1")
        return QString::fromLatin1(bytes);
    return std::nullopt;
}

} // namespace

QString fileNameFromContentDisposition(QByteArrayView value)
{
    std::optional<QString> plain;
    std::optional<QString> extended;

    qsizetype pos = 0;
    const qsizetype n = value.size();
    while (pos < n) {
        while (pos < n && (isOws(value[pos]) || value[pos] == ';'))
            ++pos;
        const qsizetype nameStart = pos;
        while (pos < n && isTokenChar(value[pos]))
            ++pos;
        const QByteArray name = value.sliced(nameStart, pos - nameStart).toByteArray().toLower();
        while (pos < n && isOws(value[pos]))
            ++pos;
        if (pos >= n || value[pos] != '=') {
            // The disposition type, or junk: skip to the next parameter.
            while (pos < n && value[pos] != ';')
                ++pos;
            continue;
        }
        ++pos;
        while (pos < n && isOws(value[pos]))
            ++pos;
        const std::optional<QByteArray> raw = readValue(value, pos);
        // Whatever follows a value up to the next ';' is not part of it.
        while (pos < n && value[pos] != ';')
            ++pos;
        if (!raw)
            continue;
        if (name == "filename*" && !extended) {
            extended = decodeExtValue(*raw);
        } else if (name == "filename" && !plain) {
            // RFC 6266 says ISO-8859-1, but servers send UTF-8 here; take it when it is valid.
            const std::optional<QString> utf8 = decodeUtf8(*raw);
            plain = utf8 ? *utf8 : QString::fromLatin1(*raw);
        }
    }
    if (extended && !extended->isEmpty())
        return *extended;
    if (plain)
        return *plain;
    return {};
}

} // namespace ferry
