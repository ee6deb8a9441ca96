// What `ferry get` was asked to download: the URLs on its command line and
// the lists given with -i (aria2's input-file format, core/InputFile), turned
// into engine requests. Decides what a list's lines mean — folders, names,
// checksums, headers — and what happens to a URL listed twice (downloaded
// once, with a note; docs/engine.md "Lists of downloads").
#pragma once

#include "core/DownloadRequest.h"
#include "core/HeaderLine.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ferry {

class DownloadPlan
{
public:
    struct Item {
        DownloadRequest request;
        QString typed;  // the URL as written, for messages
        QString origin; // "FILE:LINE" for a list's entry, empty for the command line
    };

    explicit DownloadPlan(const DownloadRequest &base);

    void addUrl(const QString &typed);
    // "-" reads standard input. Every problem in the file is added to errors().
    void addInputFile(const QString &path);

    const QList<Item> &items() const { return m_items; }
    const QStringList &errors() const { return m_errors; } // usage errors: download nothing
    const QStringList &notes() const { return m_notes; }   // e.g. duplicates, ignored mirrors

private:
    void add(Item item);

    DownloadRequest m_base;
    QList<Item> m_items;
    QStringList m_errors;
    QStringList m_notes;
    QHash<QString, qsizetype> m_byKey;    // URL + target → index in m_items
    QHash<QString, qsizetype> m_byTarget; // a fixed target path → index in m_items
};

} // namespace ferry
