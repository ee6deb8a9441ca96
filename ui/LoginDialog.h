// The window's answer to a server's 401: asks for a user name and password
// for one host, says when the last one was refused, and offers to keep the
// login in the desktop's keyring. Non-modal (open()): the window and the
// other downloads go on while it waits.
#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace ferry {

class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    // host: as the user knows it ("files.example.org" or "example.org:8443").
    // refused: the login sent last time was refused. canSave: a keyring answers.
    LoginDialog(const QString &host, const QString &user, bool refused, bool canSave, QWidget *parent = nullptr);

    QString host() const { return m_host; }
    QString user() const;
    QString password() const;
    bool saveInKeyring() const;

private:
    QString m_host;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_save = nullptr;
};

} // namespace ferry
