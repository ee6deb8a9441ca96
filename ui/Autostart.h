// Settings → "Start Ferry when I log in": an XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/io.github.ferry.desktop, the freedesktop.org
// Desktop Application Autostart Specification) that starts this ferry with
// --hidden (in the tray; the window shows where there is no tray). The entry
// on disk is the setting: nothing is kept in QSettings that could disagree.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace ferry {

class Autostart final
{
    Q_DECLARE_TR_FUNCTIONS(Autostart)

public:
    static QString entryPath();
    static bool isEnabled();
    // Writes (atomically) or removes the entry. On failure: false and a
    // readable reason in *error; the old entry, if any, is left as it was.
    static bool setEnabled(bool enabled, const QString &executable, QString *error);
    // The entry's text for `executable` (quoted as the Exec key wants).
    static QByteArray entryText(const QString &executable);

    static constexpr QLatin1StringView kHiddenArgument{"--hidden"};
};

} // namespace ferry
