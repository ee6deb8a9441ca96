// "Change link…" for a failed or paused download (an expired link, another
// mirror): asks for the new URL and hands it to DownloadEngine::setUrl, which
// keeps the data when the new link's server has the same file and otherwise
// starts again and says why in the download's log (docs/engine.md, "A new
// link for a partial file"). A failed download is retried at once.
#pragma once

#include "core/DownloadState.h"

#include <QDialog>
#include <QUrl>
#include <functional>

class QAction;
class QDialogButtonBox;
class QLineEdit;
class QMenu;

namespace ferry {

class DownloadEngine;

class ChangeLinkDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeLinkDialog)

public:
    ChangeLinkDialog(const QUrl &current, QWidget *parent = nullptr);

    QUrl url() const; // valid http(s) or empty
    void setUrlText(const QString &text);

    // Adds "Change link…" to `menu`, enabled when `selection` is one failed or
    // paused download; the dialog opens without blocking the window.
    static QAction *addTo(QMenu *menu, DownloadEngine &engine, std::function<QList<DownloadId>()> selection);

private:
    void updateOk();

    QLineEdit *m_edit = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ferry
