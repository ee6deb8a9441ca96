// The window's side of the network: applies Settings → Network to the
// engine (its default proxy, the password from the keyring), and answers a
// download's 401 — with a login remembered for that host while Ferry runs,
// then one saved in the keyring, then by asking (LoginDialog). Logins typed
// here never reach the session file (DownloadRequest::transientLogin).
#pragma once

#include "core/DownloadSnapshot.h"
#include "ui/NetworkSettings.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class QWidget;

namespace ferry {

class DownloadEngine;
class Keyring;
class LoginDialog;

class NetworkControl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkControl)

public:
    // dialogParent: where login dialogs open (the main window).
    NetworkControl(DownloadEngine &engine, QWidget *dialogParent);
    ~NetworkControl() override;

    const NetworkSettings &settings() const { return m_settings; }
    // Saves the settings (the password to the keyring) and gives the engine its proxy.
    void apply(const NetworkSettings &settings);

    // The open login dialogs (for tests and for raising them).
    QList<LoginDialog *> openDialogs() const;

Q_SIGNALS:
    void notice(const QString &message); // one line for the status bar

private:
    struct Login {
        QString user;
        QString password;
    };
    static QString hostKey(const QUrl &url);
    static QString hostLabel(const QUrl &url);

    void onAdded(const DownloadSnapshot &snapshot);
    void onStateChanged(const DownloadSnapshot &snapshot);
    void answer(DownloadId id, const Login &login);
    void askKeyring(const QString &host, DownloadId id);
    void ask(const QString &host, DownloadId id);
    void onDialogFinished(LoginDialog *dialog, int result);
    void loadProxyPassword();

    DownloadEngine &m_engine;
    QWidget *m_dialogParent;
    Keyring *m_keyring;
    NetworkSettings m_settings;
    QHash<QString, Login> m_logins;               // host → the login that host accepted or was given
    QSet<QString> m_keyringTried;                 // hosts whose keyring entry was looked up already
    QHash<QString, QList<DownloadId>> m_waiting;  // host → downloads waiting for its dialog or keyring
    QHash<QString, QPointer<LoginDialog>> m_dialogs;
};

} // namespace ferry
