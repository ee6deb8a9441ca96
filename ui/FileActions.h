// What the window does with a download's file: open it, show it in the file
// manager (selected, through org.freedesktop.FileManager1.ShowItems, else the
// folder opens), and, when a completed file was moved or deleted, say so and
// offer to download it again instead of silently opening nothing.
#pragma once

#include "core/DownloadSnapshot.h"

#include <QList>
#include <QObject>

class QWidget;

namespace ferry {

class DownloadEngine;
class DownloadListModel;

class FileActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileActions)

public:
    FileActions(DownloadEngine &engine, DownloadListModel &model, QWidget *window);

    // Double-click: a completed file opens; a missing one asks to download it again.
    void open(const DownloadSnapshot &download);
    // Shows the files in their folders (at most a few folders at once).
    void showInFolder(const QList<DownloadSnapshot> &downloads);
    // Their URLs on the clipboard, one a line.
    static void copyUrls(const QList<DownloadSnapshot> &downloads);
    // For those whose file is missing: adds the same request again and drops
    // the old row; the new file takes the old name. The others are left alone.
    void downloadAgain(const QList<DownloadSnapshot> &downloads);

    QString folderOf(const DownloadSnapshot &download) const;

Q_SIGNALS:
    void message(const QString &text);

private:
    DownloadEngine &m_engine;
    DownloadListModel &m_model;
    QWidget *m_window;
};

} // namespace ferry
