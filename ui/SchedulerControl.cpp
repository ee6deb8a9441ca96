// See SchedulerControl.h.
#include "ui/SchedulerControl.h"

#include "core/DownloadEngine.h"
#include "ui/ActionText.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"
#include "ui/WallClockWatch.h"
#include "ui/WhenDone.h"
#include "ui/WindowActions.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPainterPath>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// A speedometer with its needle low on the left: "slow", as qBittorrent's
// alternative-speed button. Drawn, not themed: Adwaita has no such icon, and
// the shapes stay readable at 16 px.
QPixmap drawGauge(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const QColor color(0x2a, 0x6f, 0xb8);
    p.setPen(QPen(color, std::max<qreal>(1.6, s / 9), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    const QRectF dial(s * 0.1, s * 0.18, s * 0.8, s * 0.8);
    p.drawArc(dial, 0, 180 * 16);
    const QPointF hub(s / 2, s * 0.58);
    p.drawLine(QPointF(s * 0.1, s * 0.58), QPointF(s * 0.9, s * 0.58));
    p.setPen(QPen(QColor(0xd9, 0x5b, 0x1a), std::max<qreal>(1.8, s / 8), Qt::SolidLine, Qt::RoundCap));
    p.drawLine(hub, QPointF(s * 0.24, s * 0.40)); // the needle, near the slow end
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(hub, s * 0.08, s * 0.08);
    return pixmap;
}

QIcon gaugeIcon()
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48})
        icon.addPixmap(drawGauge(size));
    return icon;
}

QString limitText(qint64 kib)
{
    return kib > 0 ? DownloadListModel::formatSpeed(kib * 1024) : SchedulerControl::tr("unlimited");
}
} // namespace

SchedulerControl::SchedulerControl(DownloadEngine &engine, MainWindow &window, WindowActions &actions)
    : QObject(&window)
    , m_engine(engine)
    , m_window(window)
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    m_alternative = new QAction(gaugeIcon(), tr("Alternative Speed &Limit"), &window);
    m_alternative->setObjectName(u"actionAlternativeSpeed"_s);
    m_alternative->setCheckable(true);
    m_alternative->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_alternative->setShortcutContext(Qt::WindowShortcut);
    m_alternative->setIconText(toolBarText(tr("Alternative Limit")));
    window.addAction(m_alternative);
    connect(m_alternative, &QAction::toggled, this, &SchedulerControl::setAlternative);

    m_tools = new QMenu(tr("&Tools"), &window);
    m_tools->setObjectName(u"toolsMenu"_s);
    m_tools->addAction(m_alternative);
    const QList<QObject *> aboutIn = actions.about->associatedObjects();
    QAction *before = nullptr;
    for (QObject *object : aboutIn)
        if (auto *menu = qobject_cast<QMenu *>(object); menu && menu->parent() == window.menuBar())
            before = menu->menuAction();
    window.menuBar()->insertMenu(before, m_tools);
    m_whenDone = new WhenDone(engine, window, m_tools);
    connect(m_whenDone, &WhenDone::message, this, &SchedulerControl::notice);
    if (auto *bar = window.findChild<QToolBar *>(u"mainToolBar"_s))
        bar->insertAction(actions.settings, m_alternative);

    // Shown while the alternative limit is on; a click turns it off.
    m_statusButton = new QToolButton(window.statusBar());
    m_statusButton->setObjectName(u"alternativeSpeedStatus"_s);
    m_statusButton->setAutoRaise(true);
    m_statusButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_statusButton->setIcon(m_alternative->icon());
    window.statusBar()->addPermanentWidget(m_statusButton);
    connect(m_statusButton, &QToolButton::clicked, m_alternative, [this] { m_alternative->setChecked(false); });

    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire early
    connect(&m_timer, &QTimer::timeout, this, &SchedulerControl::reevaluate);
    m_wallClock = new WallClockWatch(this);
    connect(m_wallClock, &WallClockWatch::changed, this, &SchedulerControl::reevaluate);

    const AppSettings settings = window.settings();
    m_alternative->setChecked(settings.altSpeedOn);
    updateStatus(settings);
}

SchedulerControl::~SchedulerControl() = default;

void SchedulerControl::retranslate()
{
    m_alternative->setText(tr("Alternative Speed &Limit"));
    m_alternative->setIconText(toolBarText(tr("Alternative Limit")));
    m_tools->setTitle(tr("&Tools"));
    m_whenDone->retranslate();
    updateStatus(m_window.settings());
}

void SchedulerControl::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_whenDone->setClock(m_clock);
    m_queueRunning.reset(); // another clock: what the last one said means nothing
    m_alternativeInForce.reset();
    reevaluate();
}

void SchedulerControl::settingsChanged(const AppSettings &before, const AppSettings &after)
{
    {
        const QSignalBlocker quiet(m_alternative);
        m_alternative->setChecked(after.altSpeedOn);
    }
    updateStatus(after);
    if (before.schedule == after.schedule)
        return;
    // An edited rule starts afresh: the queue's acts at its next time, the limit's at once.
    if (before.schedule.queue != after.schedule.queue)
        m_queueRunning.reset();
    if (before.schedule.alternative != after.schedule.alternative)
        m_alternativeInForce.reset();
    reevaluate();
}

void SchedulerControl::reevaluate()
{
    const Schedule schedule = m_window.settings().schedule;
    const QDateTime now = m_clock();
    const Schedule::State state = schedule.stateAt(now);

    if (schedule.alternative.enabled) {
        if (m_alternativeInForce != state.alternative)
            setAlternative(state.alternative);
        m_alternativeInForce = state.alternative;
    } else {
        m_alternativeInForce.reset();
    }
    if (schedule.queue.enabled) {
        if (m_queueRunning && *m_queueRunning != state.queueRunning) {
            if (state.queueRunning)
                startQueue();
            else
                stopQueue();
        }
        m_queueRunning = state.queueRunning;
    } else {
        m_queueRunning.reset();
    }

    m_next = state.nextChange;
    m_timer.stop();
    if (m_next.isValid()) {
        const qint64 ms = std::clamp<qint64>(now.msecsTo(m_next), 0, std::numeric_limits<int>::max());
        m_timer.start(int(ms));
    }
}

void SchedulerControl::setAlternative(bool on)
{
    AppSettings changed = m_window.settings();
    if (changed.altSpeedOn == on) {
        const QSignalBlocker quiet(m_alternative);
        m_alternative->setChecked(on);
        return;
    }
    changed.altSpeedOn = on;
    m_window.applySettings(changed);
}

void SchedulerControl::startQueue()
{
    int started = 0;
    for (const DownloadSnapshot &s : m_engine.snapshots()) {
        if (s.state == DownloadState::Paused) {
            m_engine.resume(s.id);
            ++started;
        }
    }
    Q_EMIT notice(tr("Scheduled start: resumed %n download(s).", nullptr, started));
}

// Pause All without its question: nobody may be there to answer at the stop
// time. A download whose server cannot resume would start again from zero,
// so it keeps going (the window's Pause warns about the same).
void SchedulerControl::stopQueue()
{
    int paused = 0;
    int kept = 0;
    for (const DownloadSnapshot &s : m_engine.snapshots()) {
        if (!WindowActions::canPause(s))
            continue;
        if (s.state == DownloadState::Downloading && !s.resumable && s.receivedBytes > 0) {
            ++kept;
            continue;
        }
        m_engine.pause(s.id);
        ++paused;
    }
    QString message = tr("Scheduled stop: paused %n download(s).", nullptr, paused);
    if (kept > 0)
        message += u' ' + tr("%n cannot resume and keep(s) going.", nullptr, kept);
    Q_EMIT notice(message);
}

void SchedulerControl::updateStatus(const AppSettings &settings)
{
    m_statusButton->setVisible(settings.altSpeedOn);
    m_statusButton->setText(tr("Alternative limit: %1").arg(limitText(settings.altSpeedLimitKiB)));
    m_statusButton->setToolTip(tr("The alternative speed limit is on. Click to use the usual limit (%1) again.")
                                   .arg(limitText(settings.speedLimitKiB)));
    m_alternative->setToolTip(tr("Use the alternative speed limit (%1) instead of the usual one (%2)")
                                  .arg(limitText(settings.altSpeedLimitKiB), limitText(settings.speedLimitKiB)));
}

} // namespace ferry
