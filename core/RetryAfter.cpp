// Retry-After and HTTP-date parsing: see RetryAfter.h. Hand-written rather
// than QDateTime::fromString so that locale settings never change the result
// and so that each of the three grammars is checked exactly.
#include "core/RetryAfter.h"

#include <QDate>
#include <QTime>

#include <limits>

namespace ferry {

namespace {

constexpr const char *kShortDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char *kLongDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isSpace(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isSpace(v.back()))
        v.chop(1);
    return v;
}

// A cursor over the value; every reader consumes only on success.
class Reader
{
public:
    explicit Reader(QByteArrayView v) : m_v(v) {}

    bool atEnd() const { return m_pos == m_v.size(); }

    bool literal(QByteArrayView text)
    {
        if (m_v.sliced(m_pos).startsWith(text)) {
            m_pos += text.size();
            return true;
        }
        return false;
    }

    // Exactly `count` digits.
    std::optional<int> digits(int count)
    {
        if (m_pos + count > m_v.size())
            return std::nullopt;
        int n = 0;
        for (int i = 0; i < count; ++i) {
            const char c = m_v[m_pos + i];
            if (c < '0' || c > '9')
                return std::nullopt;
            n = n * 10 + (c - '0');
        }
        m_pos += count;
        return n;
    }

    // One of the names; returns its index. Case-sensitive as the grammar says.
    template<std::size_t N>
    std::optional<int> oneOf(const char *const (&names)[N])
    {
        for (std::size_t i = 0; i < N; ++i) {
            const QByteArrayView name(names[i]);
            if (m_v.sliced(m_pos).startsWith(name)) {
                // A short day name must not be the prefix of a longer word.
                const qsizetype after = m_pos + name.size();
                if (after < m_v.size() && m_v[after] >= 'a' && m_v[after] <= 'z')
                    continue;
                m_pos = after;
                return static_cast<int>(i);
            }
        }
        return std::nullopt;
    }

private:
    QByteArrayView m_v;
    qsizetype m_pos = 0;
};

struct Parts {
    int year = 0;
    int month = 0; // 1..12
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

// "HH:MM:SS"
bool readTime(Reader &r, Parts &p)
{
    const auto h = r.digits(2);
    if (!h || !r.literal(":"))
        return false;
    const auto m = r.digits(2);
    if (!m || !r.literal(":"))
        return false;
    const auto s = r.digits(2);
    if (!s)
        return false;
    p.hour = *h;
    p.minute = *m;
    p.second = *s;
    return true;
}

std::optional<int> readMonth(Reader &r)
{
    const auto m = r.oneOf(kMonths);
    if (!m)
        return std::nullopt;
    return *m + 1;
}

// Sun, 06 Nov 1994 08:49:37 GMT
std::optional<Parts> parseImfFixdate(QByteArrayView v)
{
    Reader r(v);
    Parts p;
    if (!r.oneOf(kShortDays) || !r.literal(", "))
        return std::nullopt;
    const auto day = r.digits(2);
    if (!day || !r.literal(" "))
        return std::nullopt;
    const auto month = readMonth(r);
    if (!month || !r.literal(" "))
        return std::nullopt;
    const auto year = r.digits(4);
    if (!year || !r.literal(" ") || !readTime(r, p) || !r.literal(" GMT") || !r.atEnd())
        return std::nullopt;
    p.day = *day;
    p.month = *month;
    p.year = *year;
    return p;
}

// Sunday, 06-Nov-94 08:49:37 GMT
std::optional<Parts> parseRfc850(QByteArrayView v, int referenceYear)
{
    Reader r(v);
    Parts p;
    if (!r.oneOf(kLongDays) || !r.literal(", "))
        return std::nullopt;
    const auto day = r.digits(2);
    if (!day || !r.literal("-"))
        return std::nullopt;
    const auto month = readMonth(r);
    if (!month || !r.literal("-"))
        return std::nullopt;
    const auto yy = r.digits(2);
    if (!yy || !r.literal(" ") || !readTime(r, p) || !r.literal(" GMT") || !r.atEnd())
        return std::nullopt;
    // The year with these digits in (referenceYear - 50, referenceYear + 50].
    int year = referenceYear - referenceYear % 100 + *yy;
    if (year > referenceYear + 50)
        year -= 100;
    else if (year <= referenceYear - 50)
        year += 100;
    p.day = *day;
    p.month = *month;
    p.year = year;
    return p;
}

// Sun Nov  6 08:49:37 1994
std::optional<Parts> parseAsctime(QByteArrayView v)
{
    Reader r(v);
    Parts p;
    if (!r.oneOf(kShortDays) || !r.literal(" "))
        return std::nullopt;
    const auto month = readMonth(r);
    if (!month || !r.literal(" "))
        return std::nullopt;
    std::optional<int> day;
    if (r.literal(" "))
        day = r.digits(1);
    else
        day = r.digits(2);
    if (!day || !r.literal(" ") || !readTime(r, p) || !r.literal(" "))
        return std::nullopt;
    const auto year = r.digits(4);
    if (!year || !r.atEnd())
        return std::nullopt;
    p.day = *day;
    p.month = *month;
    p.year = *year;
    return p;
}

std::optional<QDateTime> toDateTime(const Parts &p)
{
    const QDate date(p.year, p.month, p.day);
    // 60 is a leap second (RFC 9110 allows it); QTime does not.
    const QTime time(p.hour, p.minute, p.second == 60 ? 59 : p.second);
    if (!date.isValid() || !time.isValid() || p.second > 60)
        return std::nullopt;
    QDateTime result(date, time, Qt::UTC);
    if (p.second == 60)
        result = result.addSecs(1);
    return result;
}

} // namespace

std::optional<QDateTime> parseHttpDate(QByteArrayView value, int referenceYear)
{
    const QByteArrayView v = trimmed(value);
    std::optional<Parts> parts = parseImfFixdate(v);
    if (!parts)
        parts = parseRfc850(v, referenceYear);
    if (!parts)
        parts = parseAsctime(v);
    if (!parts)
        return std::nullopt;
    return toDateTime(*parts);
}

std::optional<QDateTime> parseHttpDate(QByteArrayView value)
{
    return parseHttpDate(value, QDateTime::currentDateTimeUtc().date().year());
}

std::optional<qint64> parseRetryAfterMs(QByteArrayView value, const QDateTime &nowUtc)
{
    const QByteArrayView v = trimmed(value);
    if (v.isEmpty())
        return std::nullopt;

    if (v.front() >= '0' && v.front() <= '9') {
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        qint64 seconds = 0;
        bool saturated = false;
        for (const char c : v) {
            if (c < '0' || c > '9')
                return std::nullopt;
            if (seconds > (kMax / 1000 - (c - '0')) / 10)
                saturated = true;
            else
                seconds = seconds * 10 + (c - '0');
        }
        return saturated ? kMax : seconds * 1000;
    }

    if (!nowUtc.isValid())
        return std::nullopt;
    const std::optional<QDateTime> date = parseHttpDate(v, nowUtc.toUTC().date().year());
    if (!date)
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(*date));
}

} // namespace ferry
