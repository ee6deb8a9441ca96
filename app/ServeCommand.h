// `ferry serve [options] DIR...`: shares folders on the network headless until
// SIGINT/SIGTERM, printing the URL (with its token) to open.
#pragma once

#include <QStringList>

class QCoreApplication;

namespace ferry {

// `args` is everything after "serve". Returns the process exit code.
int runServeCommand(QCoreApplication &app, const QStringList &args);

} // namespace ferry
