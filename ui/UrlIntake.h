// Where new downloads enter the window: URLs from paste, drop, the command
// line or another `ferry`, and requests from the Add dialog. URLs get the
// settings' folder and connections. A download already in the list, or whose
// file is already on disk, is not added again silently as "NAME (1).ext": one
// question for all of them — download again, open the existing one, or skip —
// remembered when the user ticks "Do this every time".
#pragma once

#include "core/DownloadRequest.h"
#include "core/DownloadState.h"

#include <QHash>
#include <QList>
#include <QUrl>
#include <QObject>
#include <QStringList>

class QWidget;

namespace ferry {

class DownloadEngine;
class DownloadFilterModel;
class DownloadListModel;
struct AppSettings;

class UrlIntake final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlIntake)

public:
    // What to do with a download that exists already (AppSettings::duplicates).
    enum class Duplicate { Ask, DownloadAgain, OpenExisting, Skip };

    // Rows the filter hides as removed do not count as existing.
    UrlIntake(DownloadEngine &engine, const DownloadListModel &model, const DownloadFilterModel &filter,
              QWidget *window);

    // Adds the new ones at once and asks about the rest (dialogs are window-modal,
    // never blocking). Returns how many were added at once.
    int add(const QList<DownloadRequest> &requests, bool start, const AppSettings &settings);
    QList<DownloadRequest> requestsFor(const QList<QUrl> &urls, const AppSettings &settings) const;
    // The status line after adding: "Added 2 downloads." and the lines that were
    // no URLs; empty when the only news is the question about existing ones (`asked`).
    static QString describeAdded(int added, const QStringList &invalid, int asked);

Q_SIGNALS:
    // A line for the status bar ("Added 2 downloads.").
    void message(const QString &text);
    // The user chose to open existing downloads: select these rows.
    void showExisting(const QList<ferry::DownloadId> &ids);
    // The user ticked "Do this every time".
    void duplicateChoiceRemembered(ferry::UrlIntake::Duplicate choice);

private:
    struct Found {
        DownloadRequest request;
        DownloadId existingId = 0; // the row with the same URL, if any
        QString existingFile;      // the file on disk with the name it would get, if any
    };
    Found examine(const DownloadRequest &request, const QHash<QUrl, DownloadId> &listed) const;
    void resolve(const QList<Found> &duplicates, Duplicate choice, bool start);
    void ask(const QList<Found> &duplicates, bool start);

    DownloadEngine &m_engine;
    const DownloadListModel &m_model;
    const DownloadFilterModel &m_filter;
    QWidget *m_window;
};

} // namespace ferry
