// Settings → Scheduler: "start the queue at HH:MM, stop (pause all) at
// HH:MM" and "use the alternative speed limit from HH:MM to HH:MM", each on
// the weekdays ticked (a copy of AppSettings::schedule; ui/Schedule says what
// the rules mean, ui/SchedulerControl applies them).
#pragma once

#include "ui/Schedule.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QTimeEdit;

namespace ferry {

class SchedulerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulerPage)

public:
    explicit SchedulerPage(const Schedule &schedule, QWidget *parent = nullptr);

    Schedule schedule() const;

private:
    struct RuleEditor {
        QCheckBox *enabled = nullptr;
        QTimeEdit *from = nullptr;
        QTimeEdit *to = nullptr;
        std::array<QCheckBox *, 7> days{}; // Monday first
    };
    // Its widgets go into a group of the page; `name` prefixes their object names.
    QWidget *makeRule(RuleEditor &editor, const ScheduleRule &rule, const QString &name, const QString &title,
                      const QString &fromLabel, const QString &toLabel);
    static ScheduleRule read(const RuleEditor &editor);

    RuleEditor m_queue;
    RuleEditor m_alternative;
};

} // namespace ferry
