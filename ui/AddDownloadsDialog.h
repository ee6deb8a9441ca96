// "Add downloads": several URLs at once, where they go, how many connections,
// and whether they start now. Lines that are not http(s) URLs are listed and
// never added.
#pragma once

#include "core/DownloadRequest.h"
#include "ui/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace ferry {

class AddDownloadsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddDownloadsDialog)

public:
    explicit AddDownloadsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    void setUrlsText(const QString &text);
    QString urlsText() const;
    void setFolder(const QString &folder);
    QString folder() const;
    void setConnections(int connections);
    int connections() const;
    void setStartNow(bool start);
    bool startNow() const;

    QList<QUrl> validUrls() const;
    QStringList invalidLines() const;
    // One request per valid URL, with the folder and connections chosen here.
    QList<DownloadRequest> requests() const;

    void accept() override; // refuses while nothing valid is entered

private:
    void revalidate();
    void browse();

    QPlainTextEdit *m_urls = nullptr;
    QLabel *m_problems = nullptr;
    QLineEdit *m_folder = nullptr;
    QSpinBox *m_connections = nullptr;
    QCheckBox *m_startNow = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ferry
