// The window's scheduler: the "Alternative Speed Limit" toggle (toolbar,
// Tools menu, tray; the status bar says when it is on) and the schedule of
// Settings → Scheduler. The rules are decided by ui/Schedule; this class asks
// it what is in force and arms one timer for the next change — no polling —
// and asks again when the timer fires (reading the clock then: a timer on the
// monotonic clock is late after a suspend), on wake from suspend and when
// the wall clock is set (ui/WallClockWatch).
//
// What it changes goes through the window's settings (MainWindow::applySettings),
// so the toggle's state is saved and the engine's one global limit
// (DownloadEngine::setGlobalSpeedLimit) is the alternative one while it is on.
// The queue's rule acts at its times only (Resume All at the start, Pause All
// at the stop, a time slept through is caught up on wake); the alternative
// limit's rule also when Ferry starts and when the rule is edited.
#pragma once

#include "ui/AppSettings.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QToolButton;

namespace ferry {

class DownloadEngine;
class MainWindow;
class WallClockWatch;
class WhenDone;
class WindowActions;

class SchedulerControl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulerControl)

public:
    using Clock = std::function<QDateTime()>;

    // Puts its actions into the window's toolbar and a Tools menu before Help.
    // The window calls reevaluate() once it holds the control.
    SchedulerControl(DownloadEngine &engine, MainWindow &window, WindowActions &actions);
    ~SchedulerControl() override;

    QAction *alternativeAction() const { return m_alternative; }
    QToolButton *statusButton() const { return m_statusButton; }
    QMenu *toolsMenu() const { return m_tools; }
    // Tools → When All Are Done (quit, suspend, shut down).
    WhenDone *whenDone() const { return m_whenDone; }

    // For tests: the wall clock (QDateTime::currentDateTime by default), also
    // the one the when-done notice counts down on. Starts afresh.
    void setClock(Clock clock);
    QDateTime now() const { return m_clock(); }
    // When the armed timer fires next (invalid: nothing scheduled).
    QDateTime nextChange() const { return m_next; }

    // The window's settings changed (the window calls this from applySettings).
    void settingsChanged(const AppSettings &before, const AppSettings &after);
    // Its texts in the language installed now; after WindowActions::retranslate (the toolbar's short texts).
    void retranslate();

public Q_SLOTS:
    // Asks the schedule what is in force now and re-arms the timer: at the
    // timer, on wake from suspend, when the clock is set.
    void reevaluate();

Q_SIGNALS:
    void notice(const QString &message); // one line for the status bar

private:
    void setAlternative(bool on);
    void startQueue();
    void stopQueue();
    void updateStatus(const AppSettings &settings);

    DownloadEngine &m_engine;
    MainWindow &m_window;
    QAction *m_alternative = nullptr;
    QMenu *m_tools = nullptr;
    WhenDone *m_whenDone = nullptr;
    QToolButton *m_statusButton = nullptr;
    WallClockWatch *m_wallClock = nullptr;
    Clock m_clock;
    QTimer m_timer; // single shot, at the next change
    QDateTime m_next;
    // What the rules said at the last evaluation; empty: not asked since the rule was (re)set.
    std::optional<bool> m_queueRunning;
    std::optional<bool> m_alternativeInForce;
};

} // namespace ferry
