// Preferences: download folder, how many downloads run at once, connections
// per download, the global speed limit and notifications. Edits a copy of
// AppSettings; the window saves and applies it to the engine on accept.
#pragma once

#include "ui/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace ferry {

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    AppSettings settings() const;

private:
    void browse();

    QLineEdit *m_folder = nullptr;
    QSpinBox *m_maxActive = nullptr;
    QSpinBox *m_connections = nullptr;
    QSpinBox *m_speedLimit = nullptr;
    QCheckBox *m_notifications = nullptr;
};

} // namespace ferry
