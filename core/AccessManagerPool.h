// Keep-alive across downloads (issue 6, "many small files"): the
// QNetworkAccessManagers of one worker thread, lent to its downloads per host
// and network profile, so the next file from a host reuses the connection the
// last one left open instead of a new TCP (and TLS) handshake per file — what
// makes `wget -i` fast on a thousand small files.
//
// A manager carries what Qt keeps per manager: the proxy, the kept-alive
// connections and, on them, the logins Qt has answered (Qt resends a login on
// a connection that was given one, and caches it per host). So only downloads
// with the same profile (DownloadNetwork::profileKey: proxy, login, .netrc)
// share a manager; cookies and everything else per download go on each
// request instead (docs/engine.md, "Shared connections").
//
// Qt 6.4 opens at most 6 connections per host and manager (QHttp1Configuration
// arrived in 6.5), so a manager is lent for at most 6 connections at once; a
// 7th gets another manager. A lease is a shared_ptr: a manager lives while a
// download holds it, and the pool drops those nobody held for a minute.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QUrl;

namespace ferry {

class AccessManagerPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessManagerPool)

public:
    using Configure = std::function<void(QNetworkAccessManager *)>;

    // The pool of the calling thread: made on first use, deleted when the thread finishes.
    static AccessManagerPool *forCurrentThread();

    // A manager for one more connection to url's host, among those made for
    // `profile`; `configure` sets up a new one (proxy, login handlers).
    // Dropping the pointer gives the connection back.
    std::shared_ptr<QNetworkAccessManager> lease(const QUrl &url, const QString &profile, const Configure &configure);

private:
    AccessManagerPool() = default;
    ~AccessManagerPool() override;
    void sweep();

    struct Entry {
        std::shared_ptr<QNetworkAccessManager> manager;
        qint64 idleSinceMs = -1; // when the pool first saw it lent to nobody; -1 = lent
    };
    std::map<QString, std::vector<Entry>> m_byKey; // not QHash: values are move-only
    QElapsedTimer m_clock;
};

} // namespace ferry
