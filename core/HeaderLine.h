// One extra request header as a user types it — `ferry get --header`, an
// input list's `header=` and the Add dialog's Advanced part all read it the
// same way: "Name: value", a name without blanks, the value trimmed.
#pragma once

#include <QByteArray>
#include <QPair>
#include <QString>
#include <optional>

namespace ferry {

// "Name: value" → the header, or nullopt when it is not one.
inline std::optional<QPair<QByteArray, QByteArray>> parseHeaderLine(const QString &text)
{
    const qsizetype colon = text.indexOf(u':');
    const QByteArray name = text.left(colon).trimmed().toLatin1();
    if (colon <= 0 || name.isEmpty() || name.contains(' ') || name.contains('\t'))
        return std::nullopt;
    return QPair<QByteArray, QByteArray>{name, text.mid(colon + 1).trimmed().toUtf8()};
}

} // namespace ferry
