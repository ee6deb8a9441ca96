// See Autostart.h.
#include "ui/Autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

// The Exec key's quoting (Desktop Entry Specification, "The Exec key"): an
// argument with reserved characters goes in double quotes, and inside them
// `"`, `` ` ``, `$` and `\` are escaped with a backslash. As a desktop file
// is read, `\` itself is an escape once more, hence the doubling.
QString quotedExec(const QString &path)
{
    static const QString reserved = uR"( "'\><~|&;$*?#()`)"_s;
    bool needsQuotes = false;
    QString quoted;
    for (QChar c : path) {
        needsQuotes = needsQuotes || reserved.contains(c) || c == u'\t' || c == u'\n';
        if (c == u'\\')
            quoted += uR"(\\\\)"_s; // quoting's \\, each \ written as \\ in the file
        else if (c == u'"' || c == u'`' || c == u'$')
            quoted += uR"(\\)"_s + c;
        else if (c == u'%')
            quoted += u"%%"_s; // field codes
        else
            quoted += c;
    }
    return needsQuotes ? u'"' + quoted + u'"' : quoted;
}

} // namespace

QString Autostart::entryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/autostart/io.github.ferry.desktop"_s;
}

bool Autostart::isEnabled()
{
    return QFileInfo::exists(entryPath());
}

QByteArray Autostart::entryText(const QString &executable)
{
    QString text = u"[Desktop Entry]\n"
                   "Type=Application\n"
                   "Name=Ferry\n"
                   "Comment=Finish downloads and keep sharing after logging in\n"
                   "Exec=%1 %2\n"
                   "Icon=io.github.ferry\n"
                   "Terminal=false\n"
                   "X-GNOME-Autostart-enabled=true\n"_s.arg(quotedExec(executable), kHiddenArgument);
    return text.toUtf8();
}

bool Autostart::setEnabled(bool enabled, const QString &executable, QString *error)
{
    const QString path = entryPath();
    if (!enabled) {
        if (!QFile::exists(path) || QFile::remove(path))
            return true;
        *error = tr("Could not remove %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (executable.contains(u'\n') || executable.contains(u'\r')) {
        *error = tr("Ferry's path cannot be written into an autostart entry: %1").arg(executable);
        return false;
    }
    if (!QDir().mkpath(QFileInfo(path).path())) {
        *error = tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(QFileInfo(path).path()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entryText(executable)) < 0 || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace ferry
