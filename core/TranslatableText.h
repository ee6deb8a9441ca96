// A message for the user kept as its English source text and its arguments,
// translated when it is shown rather than when it was made: a download that
// failed while Ferry spoke Chinese reads in English once the language is
// English. The engine keeps its errors this way (DownloadSnapshot::error);
// what crosses a process or a file (the session, the RPC, `ferry get`) is the
// rendered text. A value type; arguments can be translatable texts themselves.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace ferry {

class TranslatableText
{
public:
    TranslatableText() = default;
    // `source` is marked for lupdate in `context` (QT_TR_NOOP in a member of
    // that class, or QT_TRANSLATE_NOOP); both must outlive the text: literals.
    TranslatableText(const char *context, const char *source);
    // A text that is final as it is: a message from Qt or the system, a name, a number.
    static TranslatableText plain(const QString &text);

    // As QString::arg: the k-th argument replaces the k-th lowest %N of the
    // text, all in one pass (a path with "%1" in it stays as it is).
    TranslatableText arg(const QString &value) const;
    TranslatableText arg(const TranslatableText &value) const;
    TranslatableText arg(qint64 value) const;
    TranslatableText arg(double value, char format, int precision) const;
    TranslatableText arg(const QString &a, const QString &b) const { return arg(a).arg(b); }
    TranslatableText arg(const QString &a, const QString &b, const QString &c) const { return arg(a).arg(b).arg(c); }
    TranslatableText arg(const QString &a, const QString &b, const QString &c, const QString &d) const
    {
        return arg(a).arg(b).arg(c).arg(d);
    }

    bool isEmpty() const { return !m_source && m_plain.isEmpty(); }
    // In the language installed now (QCoreApplication's translators).
    QString toString() const;

    friend bool operator==(const TranslatableText &a, const TranslatableText &b);

private:
    const char *m_context = nullptr;
    const char *m_source = nullptr;
    QString m_plain;                  // when there is no source
    QList<TranslatableText> m_args;
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::TranslatableText)
