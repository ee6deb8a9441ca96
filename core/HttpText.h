// Small pieces of HTTP grammar shared by the engine's and the server's
// parsers: optional whitespace (RFC 9110 §5.6.3) and hex digits of
// percent-encoding (RFC 3986 §2.1).
#pragma once

#include <QByteArrayView>

namespace ferry {

// OWS: space or horizontal tab.
inline bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

// `s` without leading and trailing OWS.
inline QByteArrayView trimOws(QByteArrayView s)
{
    while (!s.isEmpty() && isOws(s.front()))
        s = s.sliced(1);
    while (!s.isEmpty() && isOws(s.back()))
        s.chop(1);
    return s;
}

// 0–15 for a hex digit of either case, -1 for anything else.
inline int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace ferry
