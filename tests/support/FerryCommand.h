// The real `ferry` executable, for the tests that run it as a user would.
// tests/CMakeLists.txt passes its path as FERRY_BINARY to the suites
// registered with NEEDS_FERRY; this header is for those suites only.
#pragma once

#include "tests/support/CommandRun.h"

#include <QString>
#include <QStringList>

#ifndef FERRY_BINARY
#error "FerryCommand.h needs FERRY_BINARY: register the suite with NEEDS_FERRY in tests/CMakeLists.txt"
#endif

namespace ferry::test {

inline QString ferryBinary()
{
    return QStringLiteral(FERRY_BINARY);
}

// Generous: a failure that the engine retries with its default back-off
// (1 s doubling, 5 attempts) takes about half a minute.
inline constexpr int kFerryRunTimeoutMs = 120000;

// Runs `ferry get ARGUMENTS…` to the end in workingDirectory.
inline CommandResult runFerryGet(const QStringList &arguments, const QString &workingDirectory,
                                 int timeoutMs = kFerryRunTimeoutMs)
{
    return runCommand(ferryBinary(), QStringList{QStringLiteral("get")} + arguments, timeoutMs, workingDirectory);
}

} // namespace ferry::test
