// `ferry get`: headless downloads with the same engine as the window.
#pragma once

#include <QStringList>

class QCoreApplication;

namespace ferry {
// args: everything after "get". Returns the process exit code: 0 only when
// every file is complete (and verified), 1 when any failed, 2 for bad usage.
int runGetCommand(QCoreApplication &app, const QStringList &args);
}
