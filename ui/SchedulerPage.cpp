// See SchedulerPage.h.
#include "ui/SchedulerPage.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimeEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// Short weekday names through tr(), not QLocale: they follow the window's
// language, which can differ from the system locale.
QString dayName(int dayOfWeek)
{
    switch (dayOfWeek) {
    case 1: return SchedulerPage::tr("Mon");
    case 2: return SchedulerPage::tr("Tue");
    case 3: return SchedulerPage::tr("Wed");
    case 4: return SchedulerPage::tr("Thu");
    case 5: return SchedulerPage::tr("Fri");
    case 6: return SchedulerPage::tr("Sat");
    default: return SchedulerPage::tr("Sun");
    }
}
} // namespace

SchedulerPage::SchedulerPage(const Schedule &schedule, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"schedulerPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeRule(m_queue, schedule.queue, u"queue"_s, tr("Start and stop the queue on a schedule"),
                               tr("Start the queue at:"), tr("Stop (pause all) at:")));
    layout->addWidget(makeRule(m_alternative, schedule.alternative, u"alternative"_s,
                               tr("Use the alternative speed limit on a schedule"), tr("From:"), tr("To:")));
    auto *note = new QLabel(tr("A time earlier than the start runs past midnight into the next day; the same "
                               "time twice means the whole day. The alternative limit is set on the General page."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addStretch(1);
}

QWidget *SchedulerPage::makeRule(RuleEditor &editor, const ScheduleRule &rule, const QString &name,
                                 const QString &title, const QString &fromLabel, const QString &toLabel)
{
    auto *group = new QGroupBox(this);
    auto *box = new QVBoxLayout(group);
    editor.enabled = new QCheckBox(title, group);
    editor.enabled->setObjectName(name + u"Enabled"_s);
    editor.enabled->setChecked(rule.enabled);
    box->addWidget(editor.enabled);

    auto *times = new QGridLayout;
    auto makeTime = [&](const QTime &time, const QString &objectName) {
        auto *edit = new QTimeEdit(time, group);
        edit->setObjectName(objectName);
        edit->setDisplayFormat(u"HH:mm"_s);
        return edit;
    };
    editor.from = makeTime(rule.from, name + u"From"_s);
    editor.to = makeTime(rule.to, name + u"To"_s);
    times->addWidget(new QLabel(fromLabel, group), 0, 0);
    times->addWidget(editor.from, 0, 1);
    times->addWidget(new QLabel(toLabel, group), 0, 2);
    times->addWidget(editor.to, 0, 3);
    times->setColumnStretch(4, 1);
    box->addLayout(times);

    auto *days = new QHBoxLayout;
    //: Before the weekday boxes of a schedule
    days->addWidget(new QLabel(tr("On:"), group));
    for (int day = 1; day <= 7; ++day) {
        auto *check = new QCheckBox(dayName(day), group);
        check->setObjectName(name + u"Day"_s + QString::number(day));
        check->setChecked(rule.onDay(day));
        editor.days[size_t(day - 1)] = check;
        days->addWidget(check);
    }
    days->addStretch(1);
    box->addLayout(days);

    const auto follow = [editor] {
        const bool on = editor.enabled->isChecked();
        editor.from->setEnabled(on);
        editor.to->setEnabled(on);
        for (QCheckBox *check : editor.days)
            check->setEnabled(on);
    };
    connect(editor.enabled, &QCheckBox::toggled, this, follow);
    follow();
    return group;
}

ScheduleRule SchedulerPage::read(const RuleEditor &editor)
{
    ScheduleRule rule;
    rule.enabled = editor.enabled->isChecked();
    rule.from = editor.from->time();
    rule.to = editor.to->time();
    rule.days = 0;
    for (int day = 1; day <= 7; ++day)
        if (editor.days[size_t(day - 1)]->isChecked())
            rule.days |= ScheduleRule::dayBit(day);
    return rule;
}

Schedule SchedulerPage::schedule() const
{
    return Schedule{read(m_queue), read(m_alternative)};
}

} // namespace ferry
