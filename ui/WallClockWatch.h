// Says when the wall clock may have jumped: on wake from suspend (logind's
// PrepareForSleep(false) on the system bus) and when the system clock is set
// (a timerfd with TFD_TIMER_CANCEL_ON_SET, which the kernel cancels on every
// clock_settime, NTP steps included). A QTimer runs on the monotonic clock,
// which stands still during a suspend, so a timer armed for 06:00 at 22:00
// fires hours late after a night asleep; ui/SchedulerControl asks the
// schedule again on changed(). Without a system bus or timerfd it stays quiet.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace ferry {

class WallClockWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallClockWatch)

public:
    explicit WallClockWatch(QObject *parent = nullptr);
    ~WallClockWatch() override;

Q_SIGNALS:
    void changed();

private Q_SLOTS:
    void onPrepareForSleep(bool start);

private:
    void armClockSetWatch();
    void onClockSet();

    int m_timerFd = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ferry
