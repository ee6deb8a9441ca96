// See AddDownloadsDialog.h.
#include "ui/AddDownloadsDialog.h"

#include "ui/UrlList.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxShownInvalid = 5;
} // namespace

AddDownloadsDialog::AddDownloadsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add Downloads"));
    setObjectName(u"addDownloadsDialog"_s);

    m_urls = new QPlainTextEdit(this);
    m_urls->setObjectName(u"urls"_s);
    m_urls->setPlaceholderText(tr("One URL per line (http or https)"));
    m_urls->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_problems = new QLabel(this);
    m_problems->setObjectName(u"problems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setStyleSheet(u"color: #b00020;"_s);
    m_problems->hide();

    m_folder = new QLineEdit(settings.downloadFolder, this);
    m_folder->setObjectName(u"folder"_s);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &AddDownloadsDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_connections = new QSpinBox(this);
    m_connections->setObjectName(u"connections"_s);
    m_connections->setRange(1, 16);
    m_connections->setValue(settings.connections);

    m_startNow = new QCheckBox(tr("Start now (untick to add them paused)"), this);
    m_startNow->setObjectName(u"startNow"_s);
    m_startNow->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Save to:"), folderRow);
    form->addRow(tr("Connections per download:"), m_connections);
    form->addRow(QString(), m_startNow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddDownloadsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddDownloadsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("URLs:"), this));
    layout->addWidget(m_urls, 1);
    layout->addWidget(m_problems);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(560, 360);

    connect(m_urls, &QPlainTextEdit::textChanged, this, &AddDownloadsDialog::revalidate);
    connect(m_folder, &QLineEdit::textChanged, this, &AddDownloadsDialog::revalidate);

    // The usual way in: copy a link in the browser, click Add.
    if (const QMimeData *mime = QGuiApplication::clipboard()->mimeData(); mime && containsUrls(*mime)) {
        QStringList lines;
        for (const QUrl &url : parseUrlList(*mime).urls)
            lines.append(url.toString(QUrl::FullyEncoded));
        m_urls->setPlainText(lines.join(u'\n'));
    }
    revalidate();
}

void AddDownloadsDialog::setUrlsText(const QString &text)
{
    m_urls->setPlainText(text);
}

QString AddDownloadsDialog::urlsText() const
{
    return m_urls->toPlainText();
}

void AddDownloadsDialog::setFolder(const QString &folder)
{
    m_folder->setText(folder);
}

QString AddDownloadsDialog::folder() const
{
    return m_folder->text().trimmed();
}

void AddDownloadsDialog::setConnections(int connections)
{
    m_connections->setValue(connections);
}

int AddDownloadsDialog::connections() const
{
    return m_connections->value();
}

void AddDownloadsDialog::setStartNow(bool start)
{
    m_startNow->setChecked(start);
}

bool AddDownloadsDialog::startNow() const
{
    return m_startNow->isChecked();
}

QList<QUrl> AddDownloadsDialog::validUrls() const
{
    return parseUrlList(m_urls->toPlainText()).urls;
}

QStringList AddDownloadsDialog::invalidLines() const
{
    return parseUrlList(m_urls->toPlainText()).invalid;
}

QList<DownloadRequest> AddDownloadsDialog::requests() const
{
    QList<DownloadRequest> list;
    for (const QUrl &url : validUrls()) {
        DownloadRequest request;
        request.url = url;
        request.directory = folder();
        request.connections = connections();
        list.append(request);
    }
    return list;
}

void AddDownloadsDialog::accept()
{
    if (validUrls().isEmpty() || folder().isEmpty())
        return;
    QDialog::accept();
}

void AddDownloadsDialog::revalidate()
{
    const UrlList list = parseUrlList(m_urls->toPlainText());
    if (list.invalid.isEmpty()) {
        m_problems->hide();
    } else {
        QStringList shown = list.invalid.mid(0, kMaxShownInvalid);
        if (list.invalid.size() > kMaxShownInvalid)
            shown.append(tr("…and %n more", nullptr, int(list.invalid.size() - kMaxShownInvalid)));
        m_problems->setText(tr("These lines are not http or https URLs and will not be added:", nullptr,
                               int(list.invalid.size()))
                            + u'\n' + shown.join(u'\n'));
        m_problems->show();
    }
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!list.urls.isEmpty() && !folder().isEmpty());
    ok->setText(list.urls.size() > 1 ? tr("Add %n Downloads", nullptr, int(list.urls.size())) : tr("Add"));
}

void AddDownloadsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save Downloads To"), folder());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

} // namespace ferry
