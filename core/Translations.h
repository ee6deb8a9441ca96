// Ferry's and Qt's translators: installed at start for the language the
// window's settings name (else the user's locale), and replaced while Ferry
// runs when the user picks another one (every widget then gets
// QEvent::LanguageChange and writes its texts again).
#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace ferry {

// The QSettings key of the window's Settings → General → Language, read by
// `ferry get`, `serve` and `daemon` too. Absent or empty: the locale's (LANG).
inline constexpr QLatin1StringView kLanguageSettingKey("language");

// The languages the setting may name, "" (the system's) first.
QStringList availableLanguages();

// At start: the stored language (kLanguageSettingKey in the application's
// QSettings, so the application's names must be set) or, when none is set,
// the locale's.
void installTranslations(QCoreApplication &app);

// Removes the translators installed before and installs those of `language`
// ("" = the locale's, "en", "zh_CN"). A language Ferry has no catalogue for
// is English.
void setLanguage(const QString &language);

} // namespace ferry
