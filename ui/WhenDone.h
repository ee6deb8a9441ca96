// "When all are done": nothing, quit Ferry, suspend or shut down — chosen in
// Tools → When All Are Done or from the status bar, where a button shows the
// choice while one is made. It acts when the last running or queued download
// ends (completed, failed or paused: nothing is left to run), not when the
// choice is made with nothing running. Quit quits as File → Quit does;
// suspend and shut down first show a 30-second notice that can be cancelled
// (ui/PowerNotice), then ask logind (ui/SystemPower). The choice goes back to
// "nothing" once it has acted or been cancelled, and is never saved: a
// shutdown waiting in the settings would be a trap at the next start.
#pragma once

#include "core/DownloadSnapshot.h"
#include "ui/PowerNotice.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QToolButton;

namespace ferry {

class DownloadEngine;
class MainWindow;
class SystemPower;

class WhenDone final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhenDone)

public:
    enum class Choice { Nothing, Quit, Suspend, PowerOff };

    // Adds its submenu to `tools`, its button to the status bar and its notice above the list.
    WhenDone(DownloadEngine &engine, MainWindow &window, QMenu *tools);

    Choice choice() const { return m_choice; }
    void setChoice(Choice choice);
    void retranslate(); // the menu's texts in the language installed now
    PowerNotice *notice() const { return m_notice; }
    void setClock(PowerNotice::Clock clock) { m_notice->setClock(std::move(clock)); }

Q_SIGNALS:
    void message(const QString &text); // one line for the status bar

private:
    bool busy() const;
    void onStateChanged();
    void act();
    void updateButton();

    DownloadEngine &m_engine;
    MainWindow &m_window;
    QMenu *m_menu = nullptr;
    QActionGroup *m_group = nullptr;
    QToolButton *m_button = nullptr;
    PowerNotice *m_notice = nullptr;
    SystemPower *m_power = nullptr;
    Choice m_choice = Choice::Nothing;
    bool m_wasBusy = false;
};

} // namespace ferry
