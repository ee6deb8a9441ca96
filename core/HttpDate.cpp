// HTTP-date parsing and formatting by hand: QDateTime's own text formats follow
// the locale, and HTTP needs fixed English names and exact layouts.
#include "core/HttpDate.h"

#include "core/HttpText.h"

#include <QTimeZone>

#include <array>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr std::array<const char *, 7> ShortDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char *, 7> LongDays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
constexpr std::array<const char *, 12> Months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A reader over the value that fails softly: every step returns false when
// the expected text is not there.
class Cursor
{
public:
    explicit Cursor(QByteArrayView text) : m_text(text) {}

    bool atEnd() const { return m_pos == m_text.size(); }

    bool literal(QByteArrayView expected)
    {
        if (m_text.sliced(m_pos).startsWith(expected)) {
            m_pos += expected.size();
            return true;
        }
        return false;
    }

    // Exactly `count` digits.
    bool digits(int count, int &value)
    {
        if (m_text.size() - m_pos < count)
            return false;
        value = 0;
        for (int i = 0; i < count; ++i) {
            const char c = m_text[m_pos + i];
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        m_pos += count;
        return true;
    }

    // One of `names`, case-insensitively (RFC 9110 writes them case-sensitive,
    // but nothing is gained by refusing "sun"); the index is returned.
    template<std::size_t N>
    bool name(const std::array<const char *, N> &names, int &index)
    {
        const QByteArrayView rest = m_text.sliced(m_pos);
        for (std::size_t i = 0; i < N; ++i) {
            const QByteArrayView candidate(names[i]);
            if (rest.size() >= candidate.size()
                && rest.first(candidate.size()).compare(candidate, Qt::CaseInsensitive) == 0) {
                m_pos += candidate.size();
                index = static_cast<int>(i);
                return true;
            }
        }
        return false;
    }

    bool timeOfDay(int &h, int &m, int &s)
    {
        return digits(2, h) && literal(":") && digits(2, m) && literal(":") && digits(2, s);
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

std::optional<QDateTime> makeUtc(int year, int month, int day, int h, int m, int s)
{
    if (s == 60) // a leap second (RFC 9110 allows it); QTime does not
        s = 59;
    const QDate date(year, month, day);
    const QTime time(h, m, s);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc()).toUTC(); // timeSpec() Qt::UTC, as toUTC() gives
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<QDateTime> parseImfFixdate(QByteArrayView text)
{
    Cursor c(text);
    int weekday = 0, day = 0, month = 0, year = 0, h = 0, m = 0, s = 0;
    if (c.name(ShortDays, weekday) && c.literal(", ") && c.digits(2, day) && c.literal(" ")
        && c.name(Months, month) && c.literal(" ") && c.digits(4, year) && c.literal(" ")
        && c.timeOfDay(h, m, s) && c.literal(" GMT") && c.atEnd())
        return makeUtc(year, month + 1, day, h, m, s);
    return std::nullopt;
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<QDateTime> parseRfc850(QByteArrayView text, QDate today)
{
    Cursor c(text);
    int weekday = 0, day = 0, month = 0, yy = 0, h = 0, m = 0, s = 0;
    if (!(c.name(LongDays, weekday) && c.literal(", ") && c.digits(2, day) && c.literal("-")
          && c.name(Months, month) && c.literal("-") && c.digits(2, yy) && c.literal(" ")
          && c.timeOfDay(h, m, s) && c.literal(" GMT") && c.atEnd()))
        return std::nullopt;
    // RFC 9110 §5.6.7: a year more than 50 years in the future is the most
    // recent past year with the same last two digits.
    const int now = today.year();
    int year = now - now % 100 + yy;
    if (year > now + 50)
        year -= 100;
    else if (year <= now - 50)
        year += 100;
    return makeUtc(year, month + 1, day, h, m, s);
}

// "Sun Nov  6 08:49:37 1994"
std::optional<QDateTime> parseAsctime(QByteArrayView text)
{
    Cursor c(text);
    int weekday = 0, day = 0, month = 0, year = 0, h = 0, m = 0, s = 0;
    if (!(c.name(ShortDays, weekday) && c.literal(" ") && c.name(Months, month) && c.literal(" ")))
        return std::nullopt;
    if (!(c.literal(" ") ? c.digits(1, day) : c.digits(2, day)))
        return std::nullopt;
    if (c.literal(" ") && c.timeOfDay(h, m, s) && c.literal(" ") && c.digits(4, year) && c.atEnd())
        return makeUtc(year, month + 1, day, h, m, s);
    return std::nullopt;
}

QByteArray twoDigits(int value)
{
    return QByteArray::number(value).rightJustified(2, '0');
}

} // namespace

std::optional<QDateTime> parseHttpDate(QByteArrayView value)
{
    return parseHttpDate(value, QDateTime::currentDateTimeUtc().date());
}

std::optional<QDateTime> parseHttpDate(QByteArrayView value, QDate today)
{
    const QByteArrayView text = trimOws(value);
    if (auto d = parseImfFixdate(text))
        return d;
    if (auto d = parseRfc850(text, today))
        return d;
    return parseAsctime(text);
}

QByteArray formatHttpDate(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QDateTime t = utc.toUTC();
    const QDate date = t.date();
    const QTime time = t.time();
    if (date.year() < 1 || date.year() > 9999)
        return {};
    return QByteArray(ShortDays[date.dayOfWeek() - 1]) + ", " + twoDigits(date.day()) + ' '
        + Months[date.month() - 1] + ' ' + QByteArray::number(date.year()).rightJustified(4, '0')
        + ' ' + twoDigits(time.hour()) + ':' + twoDigits(time.minute()) + ':'
        + twoDigits(time.second()) + " GMT";
}

} // namespace ferry
