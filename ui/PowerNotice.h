// The bar above the list that says the machine suspends or shuts down in
// 30 seconds because all downloads are done, counting down, with Cancel. A
// bar, not a modal dialog: the GUI thread never waits in it, and nothing
// else in the window is held up. The countdown reads the clock it is given
// (tests inject one), so a late timer never shortens or stretches the notice.
#pragma once

#include "ui/SystemPower.h"

#include <QDateTime>
#include <QFrame>
#include <QTimer>

#include <functional>

class QLabel;
class QPushButton;

namespace ferry {

class PowerNotice final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PowerNotice)

public:
    static constexpr int kNoticeSeconds = 30;
    using Clock = std::function<QDateTime()>;

    PowerNotice(Clock clock, QWidget *parent = nullptr);

    // Shows the notice; when its time is up (and it was not cancelled), emits due(action).
    void start(SystemPower::Action action);
    void cancel();
    bool isCounting() const { return m_tick.isActive(); }
    void setClock(Clock clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    void due(ferry::SystemPower::Action action);
    void cancelled();

private:
    void tick();

    Clock m_clock;
    QLabel *m_text = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer m_tick; // once a second while counting: the label, and the deadline
    QDateTime m_deadline;
    SystemPower::Action m_action = SystemPower::Action::Suspend;
};

} // namespace ferry
