// "Edit…" (KGet's and FDM's Properties) for one or many selected downloads:
// the folder, the speed limit, the connections and, for one download, the
// checksum. A field whose value differs across the selection shows
// "(several values)" and changes nothing unless the user edits it; a field
// left as it was changes nothing either. What changed is applied by apply():
// the limit at once, the connections from each download's next start, the
// folder by moving the files (DownloadEngine::setDirectory).
#pragma once

#include "core/ChecksumSpec.h"
#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"

#include <QDialog>
#include <QList>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ferry {

class DownloadEngine;

struct DownloadEdits {
    std::optional<QString> directory;
    std::optional<qint64> speedLimit; // bytes/s, 0 = unlimited
    std::optional<int> connections;
    std::optional<ChecksumSpec> checksum; // empty = none
    bool isEmpty() const { return !directory && !speedLimit && !connections && !checksum; }
};

class EditDownloadsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditDownloadsDialog)

public:
    // `requests` and `snapshots`: the selected downloads, in the same order.
    EditDownloadsDialog(const QList<DownloadRequest> &requests, const QList<DownloadSnapshot> &snapshots,
                        QWidget *parent = nullptr);

    DownloadEdits edits() const;
    static QString severalValues();

    // Hands the edits to the engine for each of `ids`. Returns the downloads
    // whose folder is to change: their answers come as directoryChanged().
    static QList<DownloadId> apply(DownloadEngine &engine, const QList<DownloadId> &ids, const DownloadEdits &edits);

private:
    void browse();
    void revalidate();

    QLineEdit *m_folder = nullptr;
    QSpinBox *m_speedLimit = nullptr;
    QSpinBox *m_connections = nullptr;
    QLineEdit *m_checksum = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_folderBefore;     // empty when the selection's folders differ
    int m_speedBefore = -1;     // KiB/s, -1 = several values
    int m_connectionsBefore = 0; // 0 = several values
    QString m_checksumBefore;
    bool m_checksumEditable = false;
};

} // namespace ferry
