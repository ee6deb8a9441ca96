// See AddDownloadsDialog.h.
#include "ui/AddDownloadsDialog.h"

#include "core/HeaderLine.h"
#include "ui/UrlList.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
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

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxShownInvalid = 5;
constexpr int kMaxSpeedLimitKiB = 1000 * 1000 * 1000; // as Settings: the spin box is an int

QStringList headerLines(const QString &text)
{
    QStringList lines;
    for (const QString &line : text.split(u'\n'))
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    return lines;
}
} // namespace

AddDownloadsDialog::AddDownloadsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
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

    m_fileName = new QLineEdit(this);
    m_fileName->setObjectName(u"fileName"_s);
    m_folder = new QLineEdit(settings.downloadFolder, this);
    m_folder->setObjectName(u"folder"_s);
    if (std::any_of(settings.categoryFolders.cbegin(), settings.categoryFolders.cend(),
                    [](const QString &f) { return !f.isEmpty(); }))
        m_folder->setToolTip(tr("Left as it is, each file goes to the folder Settings gives its category"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &AddDownloadsDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_connections = new QSpinBox(this);
    m_connections->setObjectName(u"connections"_s);
    m_connections->setRange(1, 16);
    m_connections->setValue(settings.connections);

    m_checksum = new QLineEdit(this);
    m_checksum->setObjectName(u"checksum"_s);
    m_checksum->setPlaceholderText(tr("Optional, e.g. sha256=… (md5, sha1, sha256, sha512)"));

    m_speedLimit = new QSpinBox(this);
    m_speedLimit->setObjectName(u"speedLimit"_s);
    m_speedLimit->setRange(0, kMaxSpeedLimitKiB);
    m_speedLimit->setSingleStep(100);
    m_speedLimit->setSuffix(tr(" KiB/s"));
    m_speedLimit->setSpecialValueText(tr("Unlimited"));

    m_startPaused = new QCheckBox(tr("Add paused (start them later)"), this);
    m_startPaused->setObjectName(u"startPaused"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("File name:"), m_fileName);
    form->addRow(tr("Save to:"), folderRow);
    form->addRow(tr("Connections per download:"), m_connections);
    form->addRow(tr("Checksum:"), m_checksum);
    form->addRow(tr("Speed limit (each):"), m_speedLimit);
    form->addRow(QString(), m_startPaused);

    m_advancedButton = new QPushButton(tr("Advanced"), this);
    m_advancedButton->setObjectName(u"advancedButton"_s);
    m_advancedButton->setCheckable(true);
    m_advanced = makeAdvanced();
    m_advanced->hide();
    connect(m_advancedButton, &QPushButton::toggled, m_advanced, &QWidget::setVisible);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    m_buttons->addButton(m_advancedButton, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddDownloadsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddDownloadsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("URLs:"), this));
    layout->addWidget(m_urls, 1);
    layout->addWidget(m_problems);
    layout->addLayout(form);
    layout->addWidget(m_advanced);
    layout->addWidget(m_buttons);
    resize(600, 420);

    connect(m_urls, &QPlainTextEdit::textChanged, this, &AddDownloadsDialog::revalidate);
    connect(m_folder, &QLineEdit::textChanged, this, &AddDownloadsDialog::revalidate);
    connect(m_checksum, &QLineEdit::textChanged, this, &AddDownloadsDialog::revalidate);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &AddDownloadsDialog::revalidate);

    // The usual way in: copy a link in the browser, click Add.
    if (const QMimeData *mime = QGuiApplication::clipboard()->mimeData(); mime && containsUrls(*mime)) {
        QStringList lines;
        for (const QUrl &url : parseUrlList(*mime).urls)
            lines.append(url.toString(QUrl::FullyEncoded));
        m_urls->setPlainText(lines.join(u'\n'));
    }
    revalidate();
}

// What `ferry get` takes as --header, --referer, --user-agent and --user.
QWidget *AddDownloadsDialog::makeAdvanced()
{
    auto *box = new QWidget(this);
    box->setObjectName(u"advanced"_s);
    m_headers = new QPlainTextEdit(box);
    m_headers->setObjectName(u"headers"_s);
    m_headers->setPlaceholderText(tr("Name: value, one per line"));
    m_headers->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 4 + 12);
    m_referer = new QLineEdit(box);
    m_referer->setObjectName(u"referer"_s);
    m_userAgent = new QLineEdit(box);
    m_userAgent->setObjectName(u"userAgent"_s);
    m_userAgent->setPlaceholderText(tr("Ferry's own"));
    m_user = new QLineEdit(box);
    m_user->setObjectName(u"user"_s);
    m_user->setPlaceholderText(tr("From the URL or ~/.netrc when empty"));
    m_password = new QLineEdit(box);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Extra headers:"), m_headers);
    form->addRow(tr("Referer:"), m_referer);
    form->addRow(tr("User agent:"), m_userAgent);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    return box;
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
    m_startPaused->setChecked(!start);
}

bool AddDownloadsDialog::startNow() const
{
    return !m_startPaused->isChecked();
}

QList<QUrl> AddDownloadsDialog::validUrls() const
{
    return parseUrlList(m_urls->toPlainText()).urls;
}

QStringList AddDownloadsDialog::invalidLines() const
{
    return parseUrlList(m_urls->toPlainText()).invalid;
}

QStringList AddDownloadsDialog::fieldProblems() const
{
    QStringList problems;
    if (const QString text = m_checksum->text().trimmed(); !text.isEmpty()) {
        QString error;
        if (!ChecksumSpec::parse(text, &error))
            problems.append(tr("Checksum: %1").arg(error));
    }
    for (const QString &line : headerLines(m_headers->toPlainText()))
        if (!parseHeaderLine(line))
            problems.append(tr("A header must look like 'Name: value': %1").arg(line));
    return problems;
}

QList<DownloadRequest> AddDownloadsDialog::requests() const
{
    const QList<QUrl> urls = validUrls();
    DownloadRequest base;
    base.directory = folder();
    base.connections = connections();
    base.speedLimit = qint64(m_speedLimit->value()) * 1024;
    if (const auto spec = ChecksumSpec::parse(m_checksum->text().trimmed()))
        base.checksum = *spec;
    for (const QString &line : headerLines(m_headers->toPlainText()))
        if (const auto header = parseHeaderLine(line))
            base.headers.append(*header);
    base.referer = m_referer->text().trimmed().toUtf8();
    base.userAgent = m_userAgent->text().trimmed().toUtf8();
    base.user = m_user->text();
    base.password = m_password->text();
    QList<DownloadRequest> list;
    for (const QUrl &url : urls) {
        DownloadRequest request = base;
        request.url = url;
        if (urls.size() == 1)
            request.fileName = m_fileName->text().trimmed();
        if (QDir::cleanPath(base.directory) == QDir::cleanPath(m_settings.downloadFolder)) // not chosen here
            request.directory = m_settings.folderFor(request.fileName.isEmpty() ? url.fileName() : request.fileName);
        takeUrlCredentials(&request); // user:password@ leaves the URL unless a login was typed
        list.append(request);
    }
    return list;
}

void AddDownloadsDialog::accept()
{
    if (validUrls().isEmpty() || folder().isEmpty() || !fieldProblems().isEmpty())
        return;
    QDialog::accept();
}

void AddDownloadsDialog::revalidate()
{
    const UrlList list = parseUrlList(m_urls->toPlainText());
    QStringList problems;
    if (!list.invalid.isEmpty()) {
        QStringList shown = list.invalid.mid(0, kMaxShownInvalid);
        if (list.invalid.size() > kMaxShownInvalid)
            shown.append(tr("…and %n more", nullptr, int(list.invalid.size() - kMaxShownInvalid)));
        problems.append(tr("These lines are not http or https URLs and will not be added:", nullptr,
                           int(list.invalid.size()))
                        + u'\n' + shown.join(u'\n'));
    }
    const QStringList fields = fieldProblems();
    problems += fields;
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    // A name is for one file: with several URLs each keeps the server's.
    m_fileName->setEnabled(list.urls.size() <= 1);
    m_fileName->setPlaceholderText(list.urls.size() > 1 ? tr("Each file keeps its own name")
                                                         : tr("From the server when empty"));
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!list.urls.isEmpty() && !folder().isEmpty() && fields.isEmpty());
    ok->setText(list.urls.size() > 1 ? tr("Add %n Downloads", nullptr, int(list.urls.size())) : tr("Add"));
}

void AddDownloadsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save Downloads To"), folder());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

} // namespace ferry
