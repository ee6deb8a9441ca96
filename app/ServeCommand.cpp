#include "app/ServeCommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace ferry {

int runServeCommand(QCoreApplication &, const QStringList &)
{
    // Temporary until ShareService lands in the next commit.
    QTextStream(stderr) << QCoreApplication::translate("ServeCommand", "ferry serve: not built yet") << '\n';
    return 2;
}

} // namespace ferry
