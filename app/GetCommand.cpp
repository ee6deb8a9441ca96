#include "app/GetCommand.h"

#include <QCoreApplication>

namespace ferry {
int runGetCommand(QCoreApplication &, const QStringList &)
{
    return 2; // replaced by the engine-driven implementation
}
}
