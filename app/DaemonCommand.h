// `ferry daemon [options]`: the engine, its session and the aria2-compatible
// RPC without a window (what `aria2c --enable-rpc` is on a NAS). Stops
// cleanly on SIGINT/SIGTERM or aria2.shutdown, saving the session, and
// resumes it at the next start.
#pragma once

#include <QStringList>

class QCoreApplication;

namespace ferry {

// `args` is everything after "daemon". Returns the process exit code.
int runDaemonCommand(QCoreApplication &app, const QStringList &args);

} // namespace ferry
