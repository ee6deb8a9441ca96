// See EditDownloadsDialog.h.
#include "ui/EditDownloadsDialog.h"

#include "core/DownloadEngine.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxSpeedLimitKiB = 1000 * 1000 * 1000; // as the Add dialog: the spin box is an int

template<typename T, typename F>
std::optional<T> common(const QList<DownloadRequest> &requests, F get)
{
    if (requests.isEmpty())
        return std::nullopt;
    const T first = get(requests.constFirst());
    for (const DownloadRequest &r : requests)
        if (get(r) != first)
            return std::nullopt;
    return first;
}
} // namespace

QString EditDownloadsDialog::severalValues()
{
    return tr("(several values)");
}

EditDownloadsDialog::EditDownloadsDialog(const QList<DownloadRequest> &requests, const QList<DownloadSnapshot> &snapshots,
                                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"editDownloadsDialog"_s);
    const int count = int(requests.size());
    if (count == 1 && !snapshots.isEmpty()) {
        const DownloadSnapshot &s = snapshots.constFirst();
        setWindowTitle(tr("Edit “%1”").arg(s.fileName.isEmpty() ? s.url.fileName() : s.fileName));
    } else {
        setWindowTitle(tr("Edit %n Download(s)", nullptr, count));
    }

    m_folderBefore = common<QString>(requests, [](const DownloadRequest &r) { return QDir::cleanPath(r.directory); })
                         .value_or(QString());
    m_folder = new QLineEdit(m_folderBefore, this);
    m_folder->setObjectName(u"folder"_s);
    m_folder->setMinimumWidth(360);
    if (m_folderBefore.isEmpty())
        m_folder->setPlaceholderText(severalValues());
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(u"browse"_s);
    connect(browse, &QPushButton::clicked, this, &EditDownloadsDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    // "(several values)" is the spin box's lowest value, below what can be
    // chosen: any edit leaves it, and leaving it alone changes nothing.
    const std::optional<qint64> speed = common<qint64>(requests, [](const DownloadRequest &r) { return r.speedLimit; });
    m_speedBefore = speed ? int(std::min<qint64>(*speed / 1024, kMaxSpeedLimitKiB)) : -1;
    m_speedLimit = new QSpinBox(this);
    m_speedLimit->setObjectName(u"speedLimit"_s);
    m_speedLimit->setRange(speed ? 0 : -1, kMaxSpeedLimitKiB);
    m_speedLimit->setSingleStep(100);
    m_speedLimit->setSuffix(tr(" KiB/s"));
    m_speedLimit->setSpecialValueText(speed ? tr("Unlimited") : severalValues());
    m_speedLimit->setValue(m_speedBefore);
    m_speedLimit->setToolTip(tr("0: no limit of its own (the global limit still applies)"));

    const std::optional<int> connections = common<int>(requests, [](const DownloadRequest &r) { return r.connections; });
    m_connectionsBefore = connections.value_or(0);
    m_connections = new QSpinBox(this);
    m_connections->setObjectName(u"connections"_s);
    m_connections->setRange(connections ? 1 : 0, 16);
    if (!connections)
        m_connections->setSpecialValueText(severalValues());
    m_connections->setValue(m_connectionsBefore);

    // One download only: a checksum belongs to one file. A completed one has
    // nothing left to verify.
    m_checksumEditable = count == 1 && !snapshots.isEmpty() && snapshots.constFirst().state != DownloadState::Completed;
    m_checksumBefore = count == 1 ? requests.constFirst().checksum.toString() : QString();
    m_checksum = new QLineEdit(m_checksumBefore, this);
    m_checksum->setObjectName(u"checksum"_s);
    m_checksum->setEnabled(m_checksumEditable);
    if (count != 1)
        m_checksum->setPlaceholderText(tr("For one download at a time"));
    else if (!m_checksumEditable)
        m_checksum->setPlaceholderText(tr("Completed: nothing left to verify"));
    else
        m_checksum->setPlaceholderText(tr("Optional, e.g. sha256=… (md5, sha1, sha256, sha512)"));

    auto *form = new QFormLayout;
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Speed limit (each):"), m_speedLimit);
    form->addRow(tr("Connections per download:"), m_connections);
    form->addRow(tr("Checksum:"), m_checksum);

    const bool running = std::any_of(snapshots.cbegin(), snapshots.cend(), [](const DownloadSnapshot &s) {
        return s.state == DownloadState::Downloading;
    });
    auto *note = new QLabel(this);
    note->setObjectName(u"note"_s);
    note->setWordWrap(true);
    note->setText(running ? tr("A new folder moves the files there; a running download pauses for the move and "
                               "then goes on. Connections apply from a download's next start.")
                          : tr("A new folder moves the files there. Connections apply from a download's next start."));

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(u"color: #b00020;"_s);
    m_problem->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_folder, &QLineEdit::textChanged, this, &EditDownloadsDialog::revalidate);
    connect(m_checksum, &QLineEdit::textChanged, this, &EditDownloadsDialog::revalidate);
    revalidate();
}

void EditDownloadsDialog::browse()
{
    const QString start = m_folder->text().trimmed().isEmpty() ? QDir::homePath() : m_folder->text().trimmed();
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Move to Folder"), start);
    if (!chosen.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(chosen));
}

void EditDownloadsDialog::revalidate()
{
    QString problem;
    const QString folder = m_folder->text().trimmed();
    if (!folder.isEmpty() && !QDir::isAbsolutePath(folder))
        problem = tr("The folder must be a full path, such as /home/you/Downloads.");
    else if (folder.isEmpty() && !m_folderBefore.isEmpty())
        problem = tr("Choose a folder.");
    const QString checksum = m_checksum->text().trimmed();
    QString reason;
    if (problem.isEmpty() && m_checksumEditable && !checksum.isEmpty() && !ChecksumSpec::parse(checksum, &reason))
        problem = reason;
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

DownloadEdits EditDownloadsDialog::edits() const
{
    DownloadEdits edits;
    const QString folder = QDir::cleanPath(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    if (!m_folder->text().trimmed().isEmpty() && folder != m_folderBefore)
        edits.directory = folder;
    if (m_speedLimit->value() != m_speedBefore && m_speedLimit->value() >= 0)
        edits.speedLimit = qint64(m_speedLimit->value()) * 1024;
    if (m_connections->value() != m_connectionsBefore && m_connections->value() >= 1)
        edits.connections = m_connections->value();
    if (m_checksumEditable && m_checksum->text().trimmed() != m_checksumBefore) {
        const QString text = m_checksum->text().trimmed();
        edits.checksum = text.isEmpty() ? ChecksumSpec() : ChecksumSpec::parse(text).value_or(ChecksumSpec());
    }
    return edits;
}

QList<DownloadId> EditDownloadsDialog::apply(DownloadEngine &engine, const QList<DownloadId> &ids,
                                             const DownloadEdits &edits)
{
    QList<DownloadId> moving;
    for (DownloadId id : ids) {
        if (!engine.contains(id))
            continue;
        if (edits.speedLimit)
            engine.setSpeedLimit(id, *edits.speedLimit);
        if (edits.connections)
            engine.setConnections(id, *edits.connections);
        if (edits.checksum && ids.size() == 1)
            engine.setChecksum(id, *edits.checksum);
        if (edits.directory && QDir::cleanPath(engine.request(id).directory) != *edits.directory) {
            moving.append(id);
            engine.setDirectory(id, *edits.directory);
        }
    }
    return moving;
}

} // namespace ferry
