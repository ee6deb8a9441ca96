#include "app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace ferry {

void installTranslations(QCoreApplication &app)
{
    const QLocale locale;
    auto *ours = new QTranslator(&app);
    // A language Ferry does not speak falls back to English, and English has
    // a catalogue too: its plurals ("1 download", "4 downloads").
    if (ours->load(locale, u"ferry"_s, u"_"_s, u":/i18n"_s) || ours->load(u"ferry_en"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace ferry
