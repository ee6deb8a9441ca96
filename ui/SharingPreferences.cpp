// See SharingPreferences.h.
#include "ui/SharingPreferences.h"

#include <QDir>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr QLatin1StringView kEnabledKey("share/enabled");
constexpr QLatin1StringView kPortKey("share/port");
constexpr QLatin1StringView kFoldersKey("share/folders");
constexpr QLatin1StringView kResumeKey("share/resumeAtStart");
constexpr QLatin1StringView kShowDownloadsKey("share/showDownloads");
constexpr int kMaxPort = 65535;
} // namespace

SharingPreferences SharingPreferences::load(const QSettings &settings)
{
    SharingPreferences p;
    p.enabled = settings.value(kEnabledKey, false).toBool();
    p.resumeAtStart = settings.value(kResumeKey, false).toBool();
    p.showDownloads = settings.value(kShowDownloadsKey, false).toBool();
    bool ok = false;
    const int port = settings.value(kPortKey, int(DefaultPort)).toInt(&ok);
    p.port = ok && port >= 0 && port <= kMaxPort ? quint16(port) : DefaultPort;
    const QStringList folders = settings.value(kFoldersKey).toStringList();
    for (const QString &folder : folders) {
        const QString clean = QDir::cleanPath(folder);
        if (!clean.isEmpty() && QDir::isAbsolutePath(clean) && !p.folders.contains(clean))
            p.folders.append(clean);
    }
    return p;
}

SharingPreferences SharingPreferences::load()
{
    const QSettings settings;
    return load(settings);
}

void SharingPreferences::save(QSettings &settings) const
{
    settings.setValue(kEnabledKey, enabled);
    settings.setValue(kPortKey, int(port));
    settings.setValue(kFoldersKey, folders);
    settings.setValue(kResumeKey, resumeAtStart);
    settings.setValue(kShowDownloadsKey, showDownloads);
}

void SharingPreferences::save() const
{
    QSettings settings;
    save(settings);
}

} // namespace ferry
