// See ActionText.h.
#include "ui/ActionText.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ferry {

QString toolBarText(const QString &actionText)
{
    // "(&R)" or "（&R）" after the words, as Chinese, Japanese and Korean catalogues mark
    // accelerators; also "(R)", what QAction::iconText() leaves of it.
    static const QRegularExpression appended(u"\\s*[(（]&?[A-Za-z0-9][)）]\\s*$"_s);
    QString text = actionText.trimmed();
    if (text.endsWith(u'…'))
        text.chop(1);
    else if (text.endsWith(u"..."_s))
        text.chop(3);
    text.remove(appended);
    // "&&" is a literal ampersand; a single "&" marks the accelerator.
    text.replace(u"&&"_s, QString(QChar(0xE000)));
    text.remove(u'&');
    text.replace(QChar(0xE000), u'&');
    return text.trimmed();
}

} // namespace ferry
