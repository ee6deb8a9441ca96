// See WallClockWatch.h.
#include "ui/WallClockWatch.h"

#include <QDBusConnection>
#include <QSocketNotifier>

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

using namespace Qt::StringLiterals;

namespace ferry {

WallClockWatch::WallClockWatch(QObject *parent)
    : QObject(parent)
{
    QDBusConnection::systemBus().connect(u"org.freedesktop.login1"_s, u"/org/freedesktop/login1"_s,
                                         u"org.freedesktop.login1.Manager"_s, u"PrepareForSleep"_s, this,
                                         SLOT(onPrepareForSleep(bool)));
    m_timerFd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_timerFd < 0)
        return;
    armClockSetWatch();
    m_notifier = new QSocketNotifier(m_timerFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &WallClockWatch::onClockSet);
}

WallClockWatch::~WallClockWatch()
{
    if (m_timerFd >= 0)
        ::close(m_timerFd);
}

// An absolute timer far in the future: it never expires, and the kernel
// cancels it (the read fails with ECANCELED) whenever the clock is set.
void WallClockWatch::armClockSetWatch()
{
    itimerspec spec{};
    spec.it_value.tv_sec = time_t(7258118400); // 2200-01-01
    timerfd_settime(m_timerFd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr);
}

void WallClockWatch::onClockSet()
{
    std::uint64_t expirations = 0;
    const ssize_t got = ::read(m_timerFd, &expirations, sizeof expirations);
    if (got < 0 && errno == ECANCELED) {
        armClockSetWatch();
        Q_EMIT changed();
    }
}

void WallClockWatch::onPrepareForSleep(bool start)
{
    if (!start) // woken up
        Q_EMIT changed();
}

} // namespace ferry
