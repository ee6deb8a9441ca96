// See DownloadQuestions.h.
#include "ui/DownloadQuestions.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
QMessageBox *makeBox(QWidget *parent, QMessageBox::Icon icon, const QString &objectName, const QString &title,
                     const QString &text, const QString &details)
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Yes | QMessageBox::Cancel, parent);
    box->setObjectName(objectName);
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    return box;
}

bool agreed(const QMessageBox *box)
{
    return box->standardButton(box->clickedButton()) == QMessageBox::Yes;
}
} // namespace

void DownloadQuestions::askRemove(QWidget *parent, int count, int unfinished, std::function<void(bool)> remove)
{
    QMessageBox *box = makeBox(parent, QMessageBox::Question, u"removeQuestion"_s, tr("Remove from List"),
                               tr("Remove %n download(s) from the list?", nullptr, count),
                               tr("Downloaded files stay on disk. You can undo this for a few seconds."));
    box->button(QMessageBox::Yes)->setText(tr("Remove"));
    box->setDefaultButton(QMessageBox::Yes);
    if (unfinished > 0)
        box->setCheckBox(new QCheckBox(tr("Also delete the partial files of %n unfinished download(s)", nullptr,
                                          unfinished), box));
    QObject::connect(box, &QMessageBox::finished, box, [box, remove = std::move(remove)] {
        if (agreed(box))
            remove(box->checkBox() && box->checkBox()->isChecked());
    });
    box->open();
}

void DownloadQuestions::askCancel(QWidget *parent, int count, std::function<void()> cancel)
{
    QMessageBox *box = makeBox(parent, QMessageBox::Question, u"cancelQuestion"_s, tr("Cancel Downloads"),
                               tr("Stop %n download(s) and delete what was downloaded?", nullptr, count),
                               tr("They leave the list; you can undo this for a few seconds."));
    box->button(QMessageBox::Yes)->setText(tr("Cancel and Delete"));
    box->button(QMessageBox::Cancel)->setText(tr("Keep"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box, [box, cancel = std::move(cancel)] {
        if (agreed(box))
            cancel();
    });
    box->open();
}

void DownloadQuestions::askPauseRestarting(QWidget *parent, int count, std::function<void()> pause)
{
    QMessageBox *box = makeBox(parent, QMessageBox::Warning, u"pauseQuestion"_s, tr("Pause Downloads"),
                               tr("%n download(s) cannot be resumed: the server does not support it.", nullptr, count),
                               tr("Pausing stops them now, and resuming starts them again from the beginning."));
    box->button(QMessageBox::Yes)->setText(tr("Pause Anyway"));
    box->button(QMessageBox::Cancel)->setText(tr("Keep Downloading"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box, [box, pause = std::move(pause)] {
        if (agreed(box))
            pause();
    });
    box->open();
}

void DownloadQuestions::askQuit(QWidget *parent, int running, std::function<void(bool)> quit)
{
    QMessageBox *box = makeBox(parent, QMessageBox::Question, u"quitQuestion"_s, tr("Quit Ferry"),
                               tr("%n download(s) still running. Quit anyway?", nullptr, running),
                               tr("They stop now and continue when Ferry starts again; a download whose server "
                                  "cannot resume starts again from the beginning."));
    box->button(QMessageBox::Yes)->setText(tr("Quit"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setCheckBox(new QCheckBox(tr("Don't ask again"), box));
    QObject::connect(box, &QMessageBox::finished, box, [box, quit = std::move(quit)] {
        if (agreed(box))
            quit(box->checkBox()->isChecked());
    });
    box->open();
}

} // namespace ferry
