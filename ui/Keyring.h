// The desktop's keyring (Secret Service: GNOME Keyring, KWallet…) through
// QtKeychain, for the logins and the proxy password the user asked Ferry to
// save. Never a plain-text fallback: where no keyring answers, available()
// turns false and nothing is saved. Every call is asynchronous.
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace ferry {

class Keyring final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Keyring)

public:
    explicit Keyring(QObject *parent = nullptr);

    // Until a call has found no keyring at all.
    bool available() const { return m_available; }

    // value: the secret, or nullopt when there is none (or no keyring); error
    // is empty unless the keyring failed (not for "no such entry").
    using ReadDone = std::function<void(const std::optional<QString> &value, const QString &error)>;
    void read(const QString &key, ReadDone done);
    using WriteDone = std::function<void(const QString &error)>; // empty = saved
    void write(const QString &key, const QString &value, WriteDone done = {});
    void remove(const QString &key);

private:
    bool m_available = true;
};

} // namespace ferry
