// See NetworkControl.h.
#include "ui/NetworkControl.h"

#include "core/DownloadEngine.h"
#include "ui/Keyring.h"
#include "ui/LoginDialog.h"

#include <QWidget>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
// A saved login is "user\npassword" under "login:<scheme>://<host>:<port>".
constexpr QChar kSeparator = u'\n';
QString loginKey(const QString &host)
{
    return u"login:"_s + host;
}
} // namespace

NetworkControl::NetworkControl(DownloadEngine &engine, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_engine(engine)
    , m_dialogParent(dialogParent)
    , m_keyring(new Keyring(this))
    , m_settings(NetworkSettings::load())
{
    m_engine.setDefaultProxy(m_settings.toProxySetting());
    loadProxyPassword();
    connect(&m_engine, &DownloadEngine::added, this, &NetworkControl::onAdded);
    connect(&m_engine, &DownloadEngine::stateChanged, this, &NetworkControl::onStateChanged);
}

NetworkControl::~NetworkControl() = default;

void NetworkControl::apply(const NetworkSettings &settings)
{
    if (settings.isManual() && !settings.user.isEmpty() && settings.password != m_settings.password) {
        m_keyring->write(settings.passwordKey(), settings.password, [this](const QString &error) {
            if (!error.isEmpty())
                Q_EMIT notice(tr("The proxy password is kept only while Ferry runs: the keyring refused it (%1).")
                                  .arg(error));
        });
    }
    m_settings = settings;
    m_settings.save();
    m_engine.setDefaultProxy(m_settings.toProxySetting());
}

QList<LoginDialog *> NetworkControl::openDialogs() const
{
    QList<LoginDialog *> out;
    for (const auto &dialog : m_dialogs)
        if (dialog)
            out.append(dialog);
    return out;
}

QString NetworkControl::hostKey(const QUrl &url)
{
    return u"%1://%2:%3"_s.arg(url.scheme().toLower(), url.host().toLower())
        .arg(url.port(url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80));
}

QString NetworkControl::hostLabel(const QUrl &url)
{
    return url.port() < 0 ? url.host() : u"%1:%2"_s.arg(url.host()).arg(url.port());
}

void NetworkControl::onAdded(const DownloadSnapshot &snapshot)
{
    // A host that took a login once gets it with every new download, before its 401.
    const auto it = m_logins.constFind(hostKey(snapshot.url));
    if (it != m_logins.cend() && m_engine.request(snapshot.id).user.isEmpty())
        m_engine.setLogin(snapshot.id, it->user, it->password, true);
}

void NetworkControl::onStateChanged(const DownloadSnapshot &snapshot)
{
    if (snapshot.state != DownloadState::Failed || snapshot.cause != FailureCause::LoginRequired)
        return;
    const QString host = hostKey(snapshot.url);
    const DownloadRequest request = m_engine.request(snapshot.id);
    const auto known = m_logins.constFind(host);
    if (known != m_logins.cend() && (known->user != request.user || known->password != request.password)) {
        answer(snapshot.id, *known); // another download got the host's login meanwhile
        return;
    }
    if (known != m_logins.cend())
        m_logins.remove(host); // the host refused what it took before: ask afresh
    if (m_dialogs.value(host) || m_waiting.contains(host)) {
        m_waiting[host].append(snapshot.id);
        return;
    }
    if (!m_keyringTried.contains(host) && m_keyring->available())
        askKeyring(host, snapshot.id);
    else
        ask(host, snapshot.id);
}

void NetworkControl::answer(DownloadId id, const Login &login)
{
    m_engine.setLogin(id, login.user, login.password, true);
    m_engine.resume(id);
}

void NetworkControl::askKeyring(const QString &host, DownloadId id)
{
    m_keyringTried.insert(host);
    m_waiting[host].append(id);
    m_keyring->read(loginKey(host), [this, host](const std::optional<QString> &value, const QString &) {
        const QList<DownloadId> waiting = m_waiting.take(host);
        if (waiting.isEmpty())
            return;
        const qsizetype cut = value ? value->indexOf(kSeparator) : -1;
        if (cut <= 0) {
            ask(host, waiting.first());
            m_waiting[host].append(waiting.mid(1));
            return;
        }
        const Login login{value->left(cut), value->mid(cut + 1)};
        m_logins.insert(host, login);
        for (DownloadId id : waiting)
            answer(id, login);
    });
}

void NetworkControl::ask(const QString &host, DownloadId id)
{
    const DownloadSnapshot snapshot = m_engine.snapshot(id);
    const DownloadRequest request = m_engine.request(id);
    auto *dialog = new LoginDialog(hostLabel(snapshot.url), request.user, !request.user.isEmpty(),
                                   m_keyring->available(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProperty("host", host);
    m_dialogs.insert(host, dialog);
    m_waiting[host].prepend(id);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) { onDialogFinished(dialog, result); });
    dialog->open();
}

void NetworkControl::onDialogFinished(LoginDialog *dialog, int result)
{
    const QString host = dialog->property("host").toString();
    m_dialogs.remove(host);
    const QList<DownloadId> waiting = m_waiting.take(host);
    if (result != QDialog::Accepted || dialog->user().isEmpty())
        return; // they stay failed, with the server's message; Resume asks again
    const Login login{dialog->user(), dialog->password()};
    m_logins.insert(host, login);
    if (dialog->saveInKeyring()) {
        m_keyring->write(loginKey(host), login.user + kSeparator + login.password, [this, label = dialog->host()](
                                                                                      const QString &error) {
            Q_EMIT notice(error.isEmpty()
                              ? tr("The login for %1 is saved in the keyring.").arg(label)
                              : tr("The login for %1 is kept only while Ferry runs: the keyring refused it (%2).")
                                    .arg(label, error));
        });
    }
    for (DownloadId id : waiting)
        if (m_engine.contains(id))
            answer(id, login);
}

void NetworkControl::loadProxyPassword()
{
    if (!m_settings.isManual() || m_settings.user.isEmpty())
        return;
    const QString key = m_settings.passwordKey();
    m_keyring->read(key, [this, key](const std::optional<QString> &value, const QString &error) {
        if (m_settings.passwordKey() != key || !m_settings.password.isEmpty())
            return; // changed meanwhile
        if (!value) {
            Q_EMIT notice(error.isEmpty() ? tr("No proxy password in the keyring: give it in Settings → Network.")
                                          : tr("The keyring did not give the proxy password (%1).").arg(error));
            return;
        }
        m_settings.password = *value;
        m_engine.setDefaultProxy(m_settings.toProxySetting());
    });
}

} // namespace ferry
