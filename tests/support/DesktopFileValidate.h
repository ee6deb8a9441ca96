// Debian 12's desktop-file-validate on a desktop entry, for the suites that
// write or install one (tst_install, tst_ui_autostart).
#pragma once

#include "tests/support/CommandRun.h"

#include <QString>

namespace ferry::test {

// Empty when desktop-file-validate accepts the entry at `path` without a
// word; otherwise what it said. It exits 0 on hints too, and Debian 12's
// version prints its errors and warnings on either stream, so both must be
// empty.
inline QString desktopFileProblems(const QString &path)
{
    const CommandResult r = runCommand(QStringLiteral("desktop-file-validate"), {path}, 30000);
    if (!r.started)
        return QStringLiteral("desktop-file-validate is missing (package desktop-file-utils)");
    if (r.finished && r.exitCode == 0 && r.out.trimmed().isEmpty() && r.err.trimmed().isEmpty())
        return QString();
    return r.describe();
}

} // namespace ferry::test
