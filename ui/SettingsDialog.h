// Preferences. General: the language (applied at once), download folder, how many downloads run at once,
// connections per download, the global speed limit and the alternative one, notifications and asking
// on quit (a copy of AppSettings). Folders: a folder per category (FDM's),
// empty for the download folder. Connections: tries, the wait between them
// and the timeout (as `ferry get --max-tries`, `--retry-wait`). Network: the proxy (NetworkPage, a copy of
// NetworkSettings). Scheduler: the queue's hours and the alternative limit's
// (SchedulerPage). The window saves and applies them on accept.
#pragma once

#include "ui/AppSettings.h"
#include "ui/NetworkSettings.h"

#include <QDialog>

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace ferry {

class NetworkPage;
class SchedulerPage;

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // Without a tray or a notification service, the notification setting says
    // that nothing can be shown instead of staying silently ticked.
    SettingsDialog(const AppSettings &settings, const NetworkSettings &network, QWidget *parent = nullptr,
                   bool canNotify = true);

    AppSettings settings() const;
    NetworkSettings networkSettings() const;
    // Settings → "Start Ferry when I log in" (ui/Autostart; not part of AppSettings: the entry on disk is the setting).
    bool startAtLogin() const;

    void accept() override; // refuses a page with a problem and says which

private:
    void browse();
    QWidget *makeFoldersPage(const AppSettings &settings);
    QWidget *makeConnectionsPage(const AppSettings &settings);

    QTabWidget *m_tabs = nullptr;
    NetworkPage *m_network = nullptr;
    QLabel *m_problem = nullptr;
    QLineEdit *m_folder = nullptr;
    QSpinBox *m_maxActive = nullptr;
    QSpinBox *m_connections = nullptr;
    QSpinBox *m_speedLimit = nullptr;
    QSpinBox *m_altSpeedLimit = nullptr;
    SchedulerPage *m_scheduler = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_confirmQuit = nullptr;
    QCheckBox *m_watchClipboard = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QComboBox *m_duplicates = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_maxTries = nullptr;
    QSpinBox *m_retryWait = nullptr;
    QSpinBox *m_timeout = nullptr;
    std::array<QLineEdit *, kFileKindCount> m_categoryFolders{};
    AppSettings m_original; // what the dialog does not show is kept as it was
};

} // namespace ferry
