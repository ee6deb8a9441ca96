// Helpers shared by the window suites (tst_ui_mainwindow, tst_ui_windowguards):
// engine options that fail and retry fast, the state of a row as the window
// shows it, actions and dialogs found by object name, and shutting the engine
// down the way the application does.
#pragma once

#include "core/DownloadEngine.h"
#include "ui/DownloadListModel.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include <optional>

namespace ferry::test {

inline constexpr int kWindowWaitMs = 20000; // "eventually": generous, never a timing goal

inline EngineOptions windowTestOptions()
{
    EngineOptions options;
    options.maxActive = 10;
    options.retryBaseMs = 50;
    options.retryMaxMs = 200;
    options.maxRetries = 1;
    options.checkpointIntervalMs = 100;
    return options;
}

// The state of one download as the window's model shows it.
inline std::optional<DownloadSnapshot> shown(const MainWindow &window, DownloadId id)
{
    const int row = window.model()->rowOf(id);
    if (row < 0)
        return std::nullopt;
    return window.model()->snapshotAt(row);
}

inline DownloadState stateOf(const MainWindow &window, DownloadId id)
{
    const auto s = shown(window, id);
    return s ? s->state : DownloadState::Queued;
}

// The id of the last download the engine added.
inline DownloadId lastId(const DownloadEngine &engine)
{
    const QList<DownloadSnapshot> all = engine.snapshots();
    return all.isEmpty() ? 0 : all.constLast().id;
}

inline QAction *action(const QWidget &window, const char *name)
{
    auto *a = window.findChild<QAction *>(QLatin1StringView(name));
    if (!a)
        qFatal("no action %s", name);
    return a;
}

// Points HOME, the XDG folders and QSettings of this test process into `home`,
// so nothing reaches the user's real settings or session, and makes
// `home`/Downloads the download folder. Returns false when it could not.
inline bool useTemporaryHome(const QString &home, const QString &applicationName)
{
    qputenv("HOME", QFile::encodeName(home));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home + u"/config"));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home + u"/data"));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FerryTest"));
    QCoreApplication::setApplicationName(applicationName);
    const QString downloads = home + u"/Downloads";
    if (!QDir().mkpath(downloads))
        return false;
    QSettings settings;
    settings.clear();
    settings.setValue(QStringLiteral("downloads/folder"), downloads);
    settings.sync();
    return settings.fileName().startsWith(home) || settings.fileName().contains(u"qttest");
}

// Stops the engine the way the application does before it is destroyed, so
// no checkpoint is still on its way back from the thread pool.
inline void shutDown(DownloadEngine &engine)
{
    QSignalSpy done(&engine, &DownloadEngine::shutdownFinished);
    engine.shutdown();
    if (!QTest::qWaitFor([&] { return !done.isEmpty(); }, kWindowWaitMs))
        qWarning("the engine did not finish shutting down");
}

struct ShutDownOnExit {
    DownloadEngine &engine;
    ~ShutDownOnExit() { shutDown(engine); }
};

template<typename T>
T *waitForChild(const QWidget &parent, const QString &name)
{
    T *found = nullptr;
    const bool appeared = QTest::qWaitFor([&] {
        found = parent.findChild<T *>(name);
        return found && found->isVisible();
    }, kWindowWaitMs);
    return appeared ? found : nullptr;
}

} // namespace ferry::test
