// See SharingActivity.h.
#include "ui/SharingActivity.h"

#include "ui/DownloadListModel.h"
#include "ui/ProgressBarDelegate.h"
#include "ui/SharingPanel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBlock>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxLogLines = 2000; // the log file keeps everything; the window only the recent past

QString percentText(const PeerTransferRow &row)
{
    if (row.totalBytes <= 0)
        return row.finished ? QString(QLocale().toString(100) + QLocale().percent()) : QString();
    const double percent = std::min(100.0, 100.0 * double(row.sentBytes) / double(row.totalBytes));
    return QString(QLocale().toString(percent, 'f', 0) + QLocale().percent());
}

int percentValue(const PeerTransferRow &row)
{
    if (row.totalBytes <= 0)
        return row.finished ? 100 : -1;
    return int(std::clamp<qint64>(row.sentBytes * 100 / row.totalBytes, 0, 100));
}

QTableWidgetItem *itemAt(QTableWidget *table, int row, int column)
{
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        table->setItem(row, column, item);
    }
    return item;
}
} // namespace

SharingActivity::SharingActivity(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(u"sharingTabs"_s);
    m_peerTable = new QTableWidget(0, SharingPanel::PeerColumnCount, this);
    m_peerTable->setObjectName(u"peers"_s);
    m_peerTable->verticalHeader()->hide();
    m_peerTable->setShowGrid(false);
    m_peerTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_peerTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peerTable->setWordWrap(false);
    m_peerTable->setTextElideMode(Qt::ElideMiddle);
    m_peerTable->setItemDelegateForColumn(SharingPanel::ProgressColumn, new ProgressBarDelegate(m_peerTable));
    QHeaderView *header = m_peerTable->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(SharingPanel::FileColumn, QHeaderView::Stretch);
    header->resizeSection(SharingPanel::PeerColumn, 130);
    header->resizeSection(SharingPanel::ProgressColumn, 130);
    header->resizeSection(SharingPanel::SpeedColumn, 90);
    header->resizeSection(SharingPanel::StatusColumn, 90);
    m_noPeers = new QLabel(this);
    m_noPeers->setObjectName(u"noPeers"_s);
    m_noPeers->setAlignment(Qt::AlignCenter);
    m_noPeers->setEnabled(false);
    m_peerPages = new QStackedWidget(this);
    m_peerPages->addWidget(m_noPeers);
    m_peerPages->addWidget(m_peerTable);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(u"accessLog"_s);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kMaxLogLines);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    addTab(m_peerPages, QString());
    addTab(m_log, QString());
    retranslate();
}

void SharingActivity::retranslate()
{
    m_peerTable->setHorizontalHeaderLabels({tr("Peer"), tr("File"), tr("Progress"), tr("Speed"), tr("Status")});
    m_noPeers->setText(tr("No peer is fetching anything right now."));
    m_log->setPlaceholderText(tr("Every request peers make is listed here."));
    setTabText(1, tr("Access Log"));
    setPeers(m_rows); // the status texts and the first tab's count
}

void SharingActivity::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QTabWidget::changeEvent(event);
}

void SharingActivity::setPeers(const QList<PeerTransferRow> &rows)
{
    using P = SharingPanel;
    m_rows = rows;
    m_peerTable->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const PeerTransferRow &row = rows.at(r);
        itemAt(m_peerTable, r, P::PeerColumn)->setText(row.peer);
        itemAt(m_peerTable, r, P::PeerColumn)->setData(Qt::UserRole, QVariant::fromValue(row.id));
        QTableWidgetItem *file = itemAt(m_peerTable, r, P::FileColumn);
        file->setText(row.path);
        file->setToolTip(row.path);
        QTableWidgetItem *progress = itemAt(m_peerTable, r, P::ProgressColumn);
        progress->setText(percentText(row));
        progress->setData(DownloadListModel::ProgressRole, percentValue(row));
        progress->setToolTip(tr("%1 of %2").arg(DownloadListModel::formatSize(row.sentBytes),
                                                 DownloadListModel::formatSize(row.totalBytes)));
        QTableWidgetItem *speed = itemAt(m_peerTable, r, P::SpeedColumn);
        speed->setText(row.finished ? QString() : DownloadListModel::formatSpeed(row.bytesPerSecond));
        speed->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QString status;
        if (!row.finished)
            status = tr("Sending");
        else if (row.totalBytes > 0 && row.sentBytes < row.totalBytes)
            status = tr("Stopped");
        else
            status = tr("Done");
        itemAt(m_peerTable, r, P::StatusColumn)->setText(status);
    }
    m_peerPages->setCurrentIndex(rows.isEmpty() ? 0 : 1);
    const auto active = std::count_if(rows.cbegin(), rows.cend(), [](const PeerTransferRow &r) { return !r.finished; });
    setTabText(0, active > 0 ? tr("Peers (%1)").arg(active) : tr("Peers"));
}

void SharingActivity::appendLogLine(const QString &line)
{
    m_log->appendPlainText(line);
}

QStringList SharingActivity::logLines() const
{
    QStringList lines;
    for (QTextBlock block = m_log->document()->firstBlock(); block.isValid(); block = block.next())
        if (!block.text().isEmpty())
            lines.append(block.text());
    return lines;
}

} // namespace ferry
