// See AppSettings.h.
#include "ui/AppSettings.h"

#include "core/DownloadEngine.h"
#include "core/Translations.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr QLatin1StringView kFolderKey("downloads/folder");
constexpr QLatin1StringView kMaxActiveKey("downloads/maxActive");
constexpr QLatin1StringView kConnectionsKey("downloads/connections");
constexpr QLatin1StringView kSpeedLimitKey("downloads/speedLimitKiB");
constexpr QLatin1StringView kAltSpeedLimitKey("downloads/altSpeedLimitKiB");
constexpr QLatin1StringView kAltSpeedOnKey("downloads/altSpeedOn");
constexpr QLatin1StringView kNotificationsKey("window/notifications");
constexpr QLatin1StringView kConfirmQuitKey("window/confirmQuit");
constexpr QLatin1StringView kDuplicatesKey("downloads/duplicates");
constexpr QLatin1StringView kWatchClipboardKey("downloads/watchClipboard");
constexpr QLatin1StringView kMaxTriesKey("connections/maxTries");
constexpr QLatin1StringView kRetryWaitKey("connections/retryWaitSeconds");
constexpr QLatin1StringView kTimeoutKey("connections/timeoutSeconds");
// downloads/categoryFolder/<kind>, in FileKind's order.
constexpr std::array<QLatin1StringView, kFileKindCount> kCategoryKeys{
    QLatin1StringView("video"), QLatin1StringView("music"), QLatin1StringView("archives"),
    QLatin1StringView("documents"), QLatin1StringView("programs"), QLatin1StringView("other")};
// schedule/queue/… and schedule/alternative/…: enabled, from, to (HH:mm), days (ScheduleRule's bits).
constexpr QLatin1StringView kQueueRuleKey("schedule/queue/");
constexpr QLatin1StringView kAlternativeRuleKey("schedule/alternative/");
const QString kTimeFormat = QStringLiteral("HH:mm");
constexpr int kDuplicateChoices = 4; // UrlIntake::Duplicate
constexpr int kMaxActiveLimit = 10;
constexpr int kConnectionsLimit = 16;
constexpr int kMaxTriesLimit = 100;
constexpr int kRetryWaitLimit = 3600; // as `ferry get --retry-wait`
constexpr int kTimeoutMin = 5;
constexpr int kTimeoutLimit = 600;
constexpr qint64 kSpeedLimitMaxKiB = 1024 * 1024 * 1024; // 1 TiB/s: far beyond any link

ScheduleRule loadRule(const QSettings &settings, QLatin1StringView prefix, const ScheduleRule &fallback)
{
    ScheduleRule rule = fallback;
    rule.enabled = settings.value(prefix + u"enabled"_s, rule.enabled).toBool();
    const QTime from = QTime::fromString(settings.value(prefix + u"from"_s).toString(), kTimeFormat);
    const QTime to = QTime::fromString(settings.value(prefix + u"to"_s).toString(), kTimeFormat);
    if (from.isValid())
        rule.from = from;
    if (to.isValid())
        rule.to = to;
    rule.days = quint8(settings.value(prefix + u"days"_s, rule.days).toUInt() & ScheduleRule::kEveryDay);
    return rule;
}

void saveRule(QSettings &settings, QLatin1StringView prefix, const ScheduleRule &rule)
{
    settings.setValue(prefix + u"enabled"_s, rule.enabled);
    settings.setValue(prefix + u"from"_s, rule.from.toString(kTimeFormat));
    settings.setValue(prefix + u"to"_s, rule.to.toString(kTimeFormat));
    settings.setValue(prefix + u"days"_s, uint(rule.days));
}
} // namespace

QString AppSettings::defaultDownloadFolder()
{
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return downloads.isEmpty() ? QDir::homePath() : downloads;
}

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    s.downloadFolder = settings.value(kFolderKey, defaultDownloadFolder()).toString();
    if (s.downloadFolder.isEmpty())
        s.downloadFolder = defaultDownloadFolder();
    s.maxActive = std::clamp(settings.value(kMaxActiveKey, s.maxActive).toInt(), 1, kMaxActiveLimit);
    s.connections = std::clamp(settings.value(kConnectionsKey, s.connections).toInt(), 1, kConnectionsLimit);
    s.speedLimitKiB = std::clamp<qint64>(settings.value(kSpeedLimitKey, s.speedLimitKiB).toLongLong(), 0,
                                         kSpeedLimitMaxKiB);
    s.altSpeedLimitKiB = std::clamp<qint64>(settings.value(kAltSpeedLimitKey, s.altSpeedLimitKiB).toLongLong(), 0,
                                            kSpeedLimitMaxKiB);
    s.altSpeedOn = settings.value(kAltSpeedOnKey, s.altSpeedOn).toBool();
    s.schedule.queue = loadRule(settings, kQueueRuleKey, s.schedule.queue);
    s.schedule.alternative = loadRule(settings, kAlternativeRuleKey, s.schedule.alternative);
    s.notifications = settings.value(kNotificationsKey, s.notifications).toBool();
    s.confirmQuit = settings.value(kConfirmQuitKey, s.confirmQuit).toBool();
    s.duplicates = settings.value(kDuplicatesKey, s.duplicates).toInt();
    if (s.duplicates < 0 || s.duplicates >= kDuplicateChoices)
        s.duplicates = 0;
    s.watchClipboard = settings.value(kWatchClipboardKey, s.watchClipboard).toBool();
    s.maxTries = std::clamp(settings.value(kMaxTriesKey, s.maxTries).toInt(), 0, kMaxTriesLimit);
    s.retryWaitSeconds = std::clamp(settings.value(kRetryWaitKey, s.retryWaitSeconds).toInt(), -1, kRetryWaitLimit);
    s.timeoutSeconds = std::clamp(settings.value(kTimeoutKey, s.timeoutSeconds).toInt(), kTimeoutMin, kTimeoutLimit);
    s.language = settings.value(kLanguageSettingKey).toString();
    if (!availableLanguages().contains(s.language))
        s.language.clear();
    for (size_t i = 0; i < kCategoryKeys.size(); ++i)
        s.categoryFolders[i] = settings.value(u"downloads/categoryFolder/"_s + kCategoryKeys[i]).toString().trimmed();
    return s;
}

AppSettings AppSettings::load()
{
    const QSettings settings;
    return load(settings);
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(kFolderKey, downloadFolder);
    settings.setValue(kMaxActiveKey, maxActive);
    settings.setValue(kConnectionsKey, connections);
    settings.setValue(kSpeedLimitKey, speedLimitKiB);
    settings.setValue(kAltSpeedLimitKey, altSpeedLimitKiB);
    settings.setValue(kAltSpeedOnKey, altSpeedOn);
    saveRule(settings, kQueueRuleKey, schedule.queue);
    saveRule(settings, kAlternativeRuleKey, schedule.alternative);
    settings.setValue(kNotificationsKey, notifications);
    settings.setValue(kConfirmQuitKey, confirmQuit);
    settings.setValue(kDuplicatesKey, duplicates);
    settings.setValue(kWatchClipboardKey, watchClipboard);
    settings.setValue(kMaxTriesKey, maxTries);
    settings.setValue(kRetryWaitKey, retryWaitSeconds);
    settings.setValue(kTimeoutKey, timeoutSeconds);
    if (language.isEmpty())
        settings.remove(kLanguageSettingKey); // the CLI then follows LANG again
    else
        settings.setValue(kLanguageSettingKey, language);
    for (size_t i = 0; i < kCategoryKeys.size(); ++i) {
        const QString key = u"downloads/categoryFolder/"_s + kCategoryKeys[i];
        if (categoryFolders[i].isEmpty())
            settings.remove(key);
        else
            settings.setValue(key, categoryFolders[i]);
    }
}

RetryOptions AppSettings::retryOptions() const
{
    RetryOptions retry;
    retry.maxTries = maxTries;
    retry.retryWaitMs = retryWaitSeconds < 0 ? -1 : retryWaitSeconds * 1000;
    retry.stallTimeoutMs = timeoutSeconds * 1000;
    return retry;
}

void AppSettings::applyTo(EngineOptions &options) const
{
    options.maxActive = maxActive;
    options.globalSpeedLimit = effectiveSpeedLimitBytes();
    retryOptions().applyTo(options);
}

QString AppSettings::folderFor(const QString &fileName) const
{
    const QString &own = categoryFolders[size_t(fileKindOf(fileName))];
    return own.isEmpty() ? downloadFolder : own;
}

void AppSettings::save() const
{
    QSettings settings;
    save(settings);
}

} // namespace ferry
