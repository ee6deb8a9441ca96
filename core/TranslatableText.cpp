// See TranslatableText.h.
#include "core/TranslatableText.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace ferry {

TranslatableText::TranslatableText(const char *context, const char *source)
    : m_context(context)
    , m_source(source)
{
}

TranslatableText TranslatableText::plain(const QString &text)
{
    TranslatableText t;
    t.m_plain = text;
    return t;
}

TranslatableText TranslatableText::arg(const QString &value) const
{
    return arg(plain(value));
}

TranslatableText TranslatableText::arg(const TranslatableText &value) const
{
    TranslatableText t = *this;
    t.m_args.append(value);
    return t;
}

TranslatableText TranslatableText::arg(qint64 value) const
{
    return arg(QString::number(value));
}

TranslatableText TranslatableText::arg(double value, char format, int precision) const
{
    return arg(QString::number(value, format, precision));
}

namespace {
// The %N markers of `text` (N in 1..99) as QString::arg sees them.
struct Marker {
    qsizetype at;
    qsizetype length;
    int number;
};

QList<Marker> markersOf(const QString &text)
{
    QList<Marker> markers;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'%' || !text.at(i + 1).isDigit())
            continue;
        int number = text.at(i + 1).digitValue();
        qsizetype length = 2;
        if (i + 2 < text.size() && text.at(i + 2).isDigit()) {
            number = number * 10 + text.at(i + 2).digitValue();
            length = 3;
        }
        if (number > 0)
            markers.append({i, length, number});
        i += length - 1;
    }
    return markers;
}
} // namespace

QString TranslatableText::toString() const
{
    const QString text = m_source ? QCoreApplication::translate(m_context, m_source) : m_plain;
    if (m_args.isEmpty())
        return text;
    const QList<Marker> markers = markersOf(text);
    QList<int> numbers;
    for (const Marker &m : markers)
        if (!numbers.contains(m.number))
            numbers.append(m.number);
    std::sort(numbers.begin(), numbers.end());
    QString out;
    qsizetype from = 0;
    for (const Marker &m : markers) {
        const qsizetype k = numbers.indexOf(m.number);
        out += QStringView(text).mid(from, m.at - from);
        out += k < m_args.size() ? m_args.at(k).toString() : text.mid(m.at, m.length);
        from = m.at + m.length;
    }
    out += QStringView(text).mid(from);
    return out.trimmed(); // an empty last argument ("answered 404 ") leaves no blank
}

bool operator==(const TranslatableText &a, const TranslatableText &b)
{
    const auto same = [](const char *x, const char *y) { return x == y || (x && y && std::strcmp(x, y) == 0); };
    return same(a.m_context, b.m_context) && same(a.m_source, b.m_source) && a.m_plain == b.m_plain
        && a.m_args == b.m_args;
}

} // namespace ferry
