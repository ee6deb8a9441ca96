// See LoginDialog.h.
#include "ui/LoginDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

LoginDialog::LoginDialog(const QString &host, const QString &user, bool refused, bool canSave, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
{
    setObjectName(u"loginDialog"_s);
    setWindowTitle(tr("Log In to %1").arg(host));
    auto *text = new QLabel(refused ? tr("%1 refused the user name or password. Try again:").arg(host)
                                    : tr("%1 asks for a user name and password:").arg(host),
                            this);
    text->setObjectName(u"loginText"_s);
    text->setWordWrap(true);
    m_user = new QLineEdit(user, this);
    m_user->setObjectName(u"loginUser"_s);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"loginPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_save = new QCheckBox(tr("Save in the desktop's keyring"), this);
    m_save->setObjectName(u"loginSave"_s);
    m_save->setEnabled(canSave);
    if (!canSave)
        m_save->setToolTip(tr("No keyring answers on this desktop: the login is kept while Ferry runs."));

    auto *form = new QFormLayout;
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_save);
    auto *note = new QLabel(tr("Other downloads from %1 use this login while Ferry runs.").arg(host), this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Log In"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    (user.isEmpty() ? m_user : m_password)->setFocus();
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_password->text();
}

bool LoginDialog::saveInKeyring() const
{
    return m_save->isEnabled() && m_save->isChecked();
}

} // namespace ferry
