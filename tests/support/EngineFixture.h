// What the engine suites share: an engine with fast retries and short
// timers, a temporary download folder, waiting for a download to end, and
// the only two ways a download may end (byte-exact, or a clear failure with
// no final file and no error page on disk). A test class inherits it
// privately beside QObject and calls setUpEngine()/tearDownEngine() from its
// init()/cleanup() slots.
#pragma once

#include "core/DownloadEngine.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace ferry::test {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;
constexpr int kEndTimeoutMs = 40000; // "it eventually ends": generous on a loaded 2-core machine

QString describe(const DownloadSnapshot &snapshot); // one line for failure messages

class EngineFixture
{
public:
    EngineFixture() = default;
    ~EngineFixture();
    Q_DISABLE_COPY_MOVE(EngineFixture)

    static EngineOptions fastOptions();

protected:
    void setUpEngine(const EngineOptions &options = fastOptions()); // a fresh folder and engine
    void tearDownEngine();
    void makeEngine(const EngineOptions &options); // replaces the engine, keeps the folder
    void stopEngine();                             // shutdown() and wait, then destroy

    DownloadId add(const QUrl &url, int connections = 4, const QString &fileName = QString());
    bool waitEnd(DownloadId id, int timeoutMs = kEndTimeoutMs);
    QStringList dirEntries() const;

    // Completed, byte-exact, the .part and the control file gone.
    void verifyExact(DownloadId id, const QByteArray &expected);
    // Failed with a message (naming messageHint when given), of `kind` unless
    // None, no final file, nothing of an error page on disk.
    void verifyFailed(DownloadId id, ErrorKind kind, const QString &messageHint = QString());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DownloadEngine> m_engine;
};

} // namespace ferry::test
