// The questions the window asks before something cannot be taken back:
// removing from the list, cancelling (which deletes data), pausing what cannot
// resume, quitting while downloads run. Each opens a window-modal box (never a
// blocking exec()) and calls back with the answer only when the user agrees.
#pragma once

#include <QCoreApplication>
#include <functional>

class QWidget;

namespace ferry {

class DownloadQuestions final
{
    Q_DECLARE_TR_FUNCTIONS(DownloadQuestions)

public:
    // "Remove N downloads from the list?"; with unfinished ones, a tick box to
    // delete their partial files too, passed to `remove`.
    static void askRemove(QWidget *parent, int count, int unfinished, std::function<void(bool deleteData)> remove);
    // "Stop N downloads and delete what was downloaded?"
    static void askCancel(QWidget *parent, int count, std::function<void()> cancel);
    // Pausing downloads whose server cannot resume restarts them from zero.
    static void askPauseRestarting(QWidget *parent, int count, std::function<void()> pause);
    // Quitting while downloads run; `dontAskAgain` is true when the box was ticked.
    static void askQuit(QWidget *parent, int running, std::function<void(bool dontAskAgain)> quit);
};

} // namespace ferry
