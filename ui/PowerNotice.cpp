// See PowerNotice.h.
#include "ui/PowerNotice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace ferry {

PowerNotice::PowerNotice(Clock clock, QWidget *parent)
    : QFrame(parent)
    , m_clock(std::move(clock))
{
    setObjectName(u"powerNotice"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    m_text = new QLabel(this);
    m_text->setObjectName(u"powerNoticeText"_s);
    m_text->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(u"powerNoticeCancel"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &PowerNotice::cancel);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &PowerNotice::tick);
    hide();
}

void PowerNotice::start(SystemPower::Action action)
{
    m_action = action;
    m_deadline = m_clock().addSecs(kNoticeSeconds);
    m_tick.start();
    show();
    m_cancel->setFocus();
    tick();
}

void PowerNotice::cancel()
{
    if (!m_tick.isActive())
        return;
    m_tick.stop();
    hide();
    Q_EMIT cancelled();
}

void PowerNotice::tick()
{
    const qint64 left = m_clock().msecsTo(m_deadline);
    if (left <= 0) {
        m_tick.stop();
        hide();
        Q_EMIT due(m_action);
        return;
    }
    const int seconds = int((left + 999) / 1000);
    m_text->setText(m_action == SystemPower::Action::Suspend
                        ? tr("All downloads are done. The computer suspends in %n second(s).", nullptr, seconds)
                        : tr("All downloads are done. The computer shuts down in %n second(s).", nullptr, seconds));
}

} // namespace ferry
