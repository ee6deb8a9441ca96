// See WhenDone.h.
#include "ui/WhenDone.h"

#include "core/DownloadEngine.h"
#include "ui/MainWindow.h"
#include "ui/SystemPower.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QMenu>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

void WhenDone::retranslate()
{
    m_menu->setTitle(tr("&When All Are Done"));
    for (QAction *action : m_group->actions()) {
        switch (Choice(action->data().toInt())) {
        case Choice::Nothing: action->setText(tr("Do &Nothing")); break;
        case Choice::Quit: action->setText(tr("&Quit Ferry")); break;
        case Choice::Suspend: action->setText(tr("&Suspend the Computer")); break;
        case Choice::PowerOff: action->setText(tr("Shut &Down the Computer")); break;
        }
    }
}

WhenDone::WhenDone(DownloadEngine &engine, MainWindow &window, QMenu *tools)
    : QObject(&window)
    , m_engine(engine)
    , m_window(window)
    , m_power(new SystemPower(this))
{
    m_menu = tools->addMenu(tr("&When All Are Done"));
    m_menu->setObjectName(u"whenDoneMenu"_s);
    m_group = new QActionGroup(this);
    const struct {
        Choice choice;
        const char *name;
        QString text;
    } entries[] = {
        {Choice::Nothing, "actionWhenDoneNothing", tr("Do &Nothing")},
        {Choice::Quit, "actionWhenDoneQuit", tr("&Quit Ferry")},
        {Choice::Suspend, "actionWhenDoneSuspend", tr("&Suspend the Computer")},
        {Choice::PowerOff, "actionWhenDonePowerOff", tr("Shut &Down the Computer")},
    };
    for (const auto &entry : entries) {
        QAction *action = m_menu->addAction(entry.text);
        action->setObjectName(QLatin1StringView(entry.name));
        action->setCheckable(true);
        action->setChecked(entry.choice == Choice::Nothing);
        action->setData(int(entry.choice));
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = entry.choice] { setChoice(choice); });
    }

    m_button = new QToolButton(window.statusBar());
    m_button->setObjectName(u"whenDoneStatus"_s);
    m_button->setAutoRaise(true);
    m_button->setPopupMode(QToolButton::InstantPopup);
    m_button->setMenu(m_menu);
    window.statusBar()->addPermanentWidget(m_button);

    m_notice = new PowerNotice([] { return QDateTime::currentDateTime(); }, window.centralWidget());
    if (auto *layout = qobject_cast<QVBoxLayout *>(window.centralWidget()->layout()))
        layout->insertWidget(1, m_notice); // under the filter row, above the list
    connect(m_notice, &PowerNotice::due, m_power, &SystemPower::request);
    connect(m_notice, &PowerNotice::cancelled, this, [this] { Q_EMIT message(tr("Cancelled: the computer stays on.")); });
    connect(m_power, &SystemPower::failed, &window, &MainWindow::showWarning);

    connect(&engine, &DownloadEngine::stateChanged, this, &WhenDone::onStateChanged);
    connect(&engine, &DownloadEngine::removed, this, &WhenDone::onStateChanged);
    updateButton();
}

void WhenDone::setChoice(Choice choice)
{
    m_choice = choice;
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toInt() == int(choice));
    m_wasBusy = busy();
    updateButton();
}

// Something runs or waits to run (a paused download waits for the user, not the queue).
bool WhenDone::busy() const
{
    const QList<DownloadSnapshot> all = m_engine.snapshots();
    return std::any_of(all.cbegin(), all.cend(), [](const DownloadSnapshot &s) {
        return s.isActive() || (s.state == DownloadState::Queued && s.wanted);
    });
}

void WhenDone::onStateChanged()
{
    if (m_choice == Choice::Nothing)
        return;
    const bool now = busy();
    const bool finished = m_wasBusy && !now;
    m_wasBusy = now;
    if (finished)
        act();
}

void WhenDone::act()
{
    const Choice choice = m_choice;
    setChoice(Choice::Nothing); // once
    switch (choice) {
    case Choice::Nothing: break;
    case Choice::Quit: m_window.requestQuit(); break;
    case Choice::Suspend: m_notice->start(SystemPower::Action::Suspend); break;
    case Choice::PowerOff: m_notice->start(SystemPower::Action::PowerOff); break;
    }
}

void WhenDone::updateButton()
{
    switch (m_choice) {
    case Choice::Nothing: break;
    case Choice::Quit: m_button->setText(tr("When done: quit")); break;
    case Choice::Suspend: m_button->setText(tr("When done: suspend")); break;
    case Choice::PowerOff: m_button->setText(tr("When done: shut down")); break;
    }
    m_button->setToolTip(tr("What Ferry does when all downloads are done; click to change"));
    m_button->setVisible(m_choice != Choice::Nothing);
}

} // namespace ferry
