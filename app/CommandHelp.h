// Help text for `ferry get` and `ferry serve`. QCommandLineParser names the
// program by argv[0] ("./build/bin/ferry"), but users type "ferry get".
#pragma once

#include <QString>

class QCommandLineParser;

namespace ferry {

// The parser's help text with its "Usage:" line naming `command`, e.g. "ferry get".
QString commandHelpText(const QCommandLineParser &parser, const QString &command);

} // namespace ferry
