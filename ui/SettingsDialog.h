// Preferences: download folder, how many downloads run at once, connections
// per download, the global speed limit, notifications and asking on quit. Edits a copy of
// AppSettings; the window saves and applies it to the engine on accept.
#pragma once

#include "ui/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace ferry {

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // Without a tray or a notification service, the notification setting says
    // that nothing can be shown instead of staying silently ticked.
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr, bool canNotify = true);

    AppSettings settings() const;

private:
    void browse();

    QLineEdit *m_folder = nullptr;
    QSpinBox *m_maxActive = nullptr;
    QSpinBox *m_connections = nullptr;
    QSpinBox *m_speedLimit = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_confirmQuit = nullptr;
    QComboBox *m_duplicates = nullptr;
    AppSettings m_original; // what the dialog does not show is kept as it was
};

} // namespace ferry
