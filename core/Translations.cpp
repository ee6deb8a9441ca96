// See Translations.h.
#include "core/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// The installed ones, owned by the application object.
QPointer<QTranslator> s_ours;
QPointer<QTranslator> s_qt;

void replace(QPointer<QTranslator> &slot, QTranslator *next)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot.data();
    }
    slot = next;
    if (next)
        QCoreApplication::installTranslator(next);
}
} // namespace

QStringList availableLanguages()
{
    return {QString(), u"en"_s, u"zh_CN"_s};
}

void installTranslations(QCoreApplication &app)
{
    Q_UNUSED(app);
    const QSettings settings;
    setLanguage(settings.value(kLanguageSettingKey).toString());
}

void setLanguage(const QString &language)
{
    // The system's: the locale of LANG / LC_ALL / LANGUAGE, as Qt reads it.
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *ours = new QTranslator(QCoreApplication::instance());
    // A language Ferry does not speak falls back to English, and English has
    // a catalogue too: its plurals ("1 download", "4 downloads").
    if (!ours->load(locale, u"ferry"_s, u"_"_s, u":/i18n"_s) && !ours->load(u"ferry_en"_s, u":/i18n"_s)) {
        delete ours;
        ours = nullptr;
    }
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (!qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qt;
        qt = nullptr;
    }
    // Each install and removal sends LanguageChange; the window's texts settle on the last.
    replace(s_qt, qt);
    replace(s_ours, ours);
}

} // namespace ferry
