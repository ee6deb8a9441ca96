// The main window's dialogs and what they change: Add downloads, Settings
// (its Network page and the 401 logins through NetworkControl), Edit (and the
// one report of the files it moved), Change link and About. Kept apart so MainWindow stays the list, its actions and the
// window's own life (close, quit, drops).
#pragma once

#include "core/DownloadSnapshot.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

class QAction;

namespace ferry {

class DownloadEngine;
class MainWindow;
class NetworkControl;
class UrlIntake;
class WindowActions;

class WindowDialogs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowDialogs)

public:
    WindowDialogs(DownloadEngine &engine, MainWindow &window, UrlIntake &intake, WindowActions &actions);

    // The Add dialog, with `urls` filled in (links the clipboard offered).
    void addDownloads(const QList<QUrl> &urls = {});
    void openSettings();
    // Edit… for the selected downloads (ui/EditDownloadsDialog).
    void editSelected();
    // Enables what depends on the selection (Change link: one failed or paused download).
    void updateActions(const QList<DownloadSnapshot> &selected);

Q_SIGNALS:
    void notice(const QString &message); // one line for the status bar
    // `asked`: downloads that exist already; their question says what happens to them.
    void added(int added, const QStringList &invalid, int asked);

private:
    void onDirectoryChanged(DownloadId id, const QString &error);
    void finishMoveReport();

    DownloadEngine &m_engine;
    MainWindow &m_window;
    UrlIntake &m_intake;
    NetworkControl *m_network = nullptr; // Settings → Network, answers to 401s
    QAction *m_changeLink = nullptr;
    // The moves of the last Edit: one report when the last answer is in.
    QSet<DownloadId> m_moving;
    QStringList m_moveErrors;
    int m_moved = 0;
};

} // namespace ferry
