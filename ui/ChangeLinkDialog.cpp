// See ChangeLinkDialog.h.
#include "ui/ChangeLinkDialog.h"

#include "core/DownloadEngine.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

ChangeLinkDialog::ChangeLinkDialog(const QUrl &current, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"changeLinkDialog"_s);
    setWindowTitle(tr("Change Link"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("New link for this download:"), this);
    m_edit = new QLineEdit(current.toDisplayString(), this);
    m_edit->setObjectName(u"urlEdit"_s);
    m_edit->setMinimumWidth(420);
    label->setBuddy(m_edit);
    auto *note = new QLabel(tr("What is already downloaded is kept if the new link has the same file; "
                               "otherwise the download starts again."),
                            this);
    note->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &ChangeLinkDialog::updateOk);
    m_edit->selectAll();
    updateOk();
}

QUrl ChangeLinkDialog::url() const
{
    const QUrl url(m_edit->text().trimmed());
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty() ? url : QUrl();
}

void ChangeLinkDialog::setUrlText(const QString &text)
{
    m_edit->setText(text);
}

void ChangeLinkDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(url().isValid());
}

QAction *ChangeLinkDialog::addTo(QMenu *menu, DownloadEngine &engine, std::function<QList<DownloadId>()> selection)
{
    auto *action = menu->addAction(tr("Change &Link…"));
    action->setObjectName(u"actionChangeLink"_s);
    auto pick = [&engine, selection]() -> DownloadId {
        const QList<DownloadId> ids = selection();
        if (ids.size() != 1)
            return 0;
        const DownloadState state = engine.snapshot(ids.first()).state;
        return state == DownloadState::Failed || state == DownloadState::Paused ? ids.first() : 0;
    };
    connect(menu, &QMenu::aboutToShow, action, [action, pick] { action->setEnabled(pick() != 0); });
    connect(action, &QAction::triggered, menu, [menu, &engine, pick] {
        const DownloadId id = pick();
        if (id == 0)
            return;
        auto *dialog = new ChangeLinkDialog(engine.snapshot(id).url, menu->parentWidget());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, &engine, [&engine, dialog, id] {
            if (!engine.contains(id) || !dialog->url().isValid())
                return;
            const bool failed = engine.snapshot(id).state == DownloadState::Failed;
            engine.setUrl(id, dialog->url());
            if (failed)
                engine.resume(id); // a failed one was waiting for exactly this
        });
        dialog->open();
    });
    return action;
}

} // namespace ferry
