// The window's preferences, kept in QSettings. A small value type rather than
// a preferences god-object: the settings dialog edits a copy, the window
// applies it to the engine and saves it.
#pragma once

#include "core/RetryOptions.h"
#include "ui/FileKind.h"
#include "ui/Schedule.h"

#include <QString>
#include <QtGlobal>

#include <array>

class QSettings;

namespace ferry {

struct AppSettings {
    QString downloadFolder;       // where new downloads go
    int maxActive = 3;            // downloads running at once, 1..10
    int connections = 4;          // per new download, 1..16
    qint64 speedLimitKiB = 0;     // global, KiB/s; 0 = unlimited
    // The alternative global limit (qBittorrent's), KiB/s, 0 = unlimited; in
    // force while altSpeedOn (the toolbar's toggle, or the schedule turned it on).
    qint64 altSpeedLimitKiB = 256;
    bool altSpeedOn = false;
    Schedule schedule;            // Settings → Scheduler (ui/SchedulerControl applies it)
    bool notifications = true;    // tray messages when a download completes or fails
    bool confirmQuit = true;      // ask before quitting while downloads run
    int duplicates = 0;           // a download that exists already: UrlIntake::Duplicate (0 = ask)
    bool watchClipboard = false;  // offer links to files copied in other programs (ClipboardWatcher)
    QString language;             // "" = the system's, "en", "zh_CN" (core/Translations)
    // Settings → Connections: as `ferry get --max-tries` / `--retry-wait`, and the stall timeout.
    int maxTries = RetryOptions::kDefaultTries;          // 0 = no limit
    int retryWaitSeconds = -1;                           // -1 = 1 s, doubling up to 60 s
    int timeoutSeconds = RetryOptions::kDefaultStallTimeoutMs / 1000;
    // Per category (ui/FileKind, by index), where its new downloads go; empty = downloadFolder.
    std::array<QString, kFileKindCount> categoryFolders;

    static QString defaultDownloadFolder();
    static AppSettings load(const QSettings &settings); // values out of range are clamped
    static AppSettings load();                          // from the application's QSettings
    void save(QSettings &settings) const;
    void save() const;

    // Where a new download of this name goes when the user chose no folder for it.
    QString folderFor(const QString &fileName) const;
    qint64 speedLimitBytes() const { return speedLimitKiB * 1024; }
    RetryOptions retryOptions() const;
    // What the engine takes from the settings at start: downloads at once, the speed limit, the retries.
    void applyTo(EngineOptions &options) const;
    // What the engine's global limit is: the alternative one while it is on.
    qint64 effectiveSpeedLimitBytes() const { return (altSpeedOn ? altSpeedLimitKiB : speedLimitKiB) * 1024; }
    bool operator==(const AppSettings &) const = default;
};

} // namespace ferry
