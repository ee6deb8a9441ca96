// What every screenshot program (tests/screenshot_*, run by scripts/screenshots)
// does first: read `NAME OUT.png [LANG]`, install Ferry's catalogue for LANG,
// and point HOME and the XDG folders at a temporary folder so that no real
// settings are read or written.
#pragma once

#include "tests/support/WindowTestHelpers.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTranslator>

namespace ferry::test {

class ScreenshotStart final
{
    Q_DISABLE_COPY_MOVE(ScreenshotStart)

public:
    ScreenshotStart(const QString &name, const QStringList &args)
    {
        if (args.size() < 2) {
            qWarning("usage: %s OUT.png [zh_CN]", qPrintable(name));
            m_exitCode = 2;
            return;
        }
        if (args.size() > 2 && (!m_translator.load(QStringLiteral(":/i18n/ferry_") + args.at(2) + QStringLiteral(".qm"))
                                || !QCoreApplication::installTranslator(&m_translator))) {
            qWarning("no translation %s", qPrintable(args.at(2)));
            m_exitCode = 2;
            return;
        }
        if (!m_home.isValid() || !useTemporaryHome(m_home.path(), name)) {
            m_exitCode = 1;
            return;
        }
        m_out = args.at(1);
    }

    bool ok() const { return m_exitCode == 0; }
    int exitCode() const { return m_exitCode; } // what main() returns when !ok()
    QString out() const { return m_out; }       // the PNG to write
    QString home() const { return m_home.path(); }

private:
    QTranslator m_translator; // uninstalled by its destructor
    QTemporaryDir m_home;
    QString m_out;
    int m_exitCode = 0;
};

} // namespace ferry::test
