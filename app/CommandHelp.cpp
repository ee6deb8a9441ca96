// See CommandHelp.h.
#include "app/CommandHelp.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace ferry {

QString commandHelpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const QStringList arguments = QCoreApplication::arguments();
    const QString program = arguments.isEmpty() ? QString() : arguments.constFirst();
    const qsizetype lineEnd = text.indexOf(u'\n');
    const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program);
    if (at >= 0 && (lineEnd < 0 || at < lineEnd))
        text.replace(at, program.size(), command);
    return text;
}

} // namespace ferry
