// A live share server for tests: an in-process ShareService listening on
// 127.0.0.1 port 0 over a temporary tree with the files every test needs
// (known bytes, an empty file, a Chinese name, a folder, dotfiles, a symlink
// pointing outside, and a secret outside the shared root).
#pragma once

#include "server/ShareService.h"
#include "server/ShareSettings.h"
#include "tests/support/RawHttpClient.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace ferry::test {

class LiveShare final
{
    Q_DISABLE_COPY_MOVE(LiveShare)

public:
    static constexpr auto Token = "test-token_0123456789abcdef";
    static constexpr auto SecretMarker = "OUTSIDE-SECRET-7f3a9c";

    LiveShare();
    ~LiveShare();

    // Builds the tree (once) and starts the server; `adjust` may change the
    // settings first (timeouts, no-auth…). False with QTest-visible messages on failure.
    bool start(const std::function<void(ShareSettings &)> &adjust = {});
    void stop();

    quint16 port() const { return m_port; }
    QString rootPath() const;    // the shared folder, named "share"
    QString outsidePath() const; // next to it, never shared
    ShareService &service() { return *m_service; }
    const ShareSettings &settings() const { return m_settings; }

    // The 1000-byte file's contents: byte i is (i * 7 + 3) mod 256.
    static QByteArray knownBytes();

    // A request head with Host and (unless `withToken` is false) the bearer token.
    QByteArray requestHead(const QByteArray &method, const QByteArray &target,
                           const QList<QByteArray> &extraHeaders = {}, bool withToken = true) const;
    RawResponse get(const QByteArray &target, const QList<QByteArray> &extraHeaders = {}, bool withToken = true);
    RawResponse head(const QByteArray &target, const QList<QByteArray> &extraHeaders = {}, bool withToken = true);

private:
    bool makeTree();

    QTemporaryDir m_dir;
    bool m_treeMade = false;
    std::unique_ptr<ShareService> m_service;
    ShareSettings m_settings;
    quint16 m_port = 0;
};

} // namespace ferry::test
