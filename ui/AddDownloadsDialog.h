// "Add downloads": several URLs at once, where they go and under which name,
// how many connections, a checksum, a speed limit, whether they start paused,
// and an "Advanced" part with what `ferry get` takes on its command line
// (extra headers, Referer, User-Agent, a login; docs/network.md). Lines that
// are not http(s) URLs are listed and never added; a bad checksum or header
// line says so and keeps Add disabled.
#pragma once

#include "core/DownloadRequest.h"
#include "ui/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QWidget;

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
    // What is wrong with the other fields (checksum, headers), one line each; empty when all is well.
    QStringList fieldProblems() const;
    // One request per valid URL with every choice made here. The file name
    // applies when there is one URL only.
    QList<DownloadRequest> requests() const;

    void accept() override; // refuses while nothing valid is entered or a field is wrong

private:
    void revalidate();
    void browse();
    QWidget *makeAdvanced();

    QPlainTextEdit *m_urls = nullptr;
    QLabel *m_problems = nullptr;
    QLineEdit *m_fileName = nullptr;
    QLineEdit *m_folder = nullptr;
    AppSettings m_settings; // a folder left as it was: each file goes to its category's (folderFor)
    QSpinBox *m_connections = nullptr;
    QLineEdit *m_checksum = nullptr;
    QSpinBox *m_speedLimit = nullptr;
    QCheckBox *m_startPaused = nullptr;
    QPushButton *m_advancedButton = nullptr;
    QWidget *m_advanced = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QLineEdit *m_referer = nullptr;
    QLineEdit *m_userAgent = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ferry
