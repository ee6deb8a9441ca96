// See DownloadListModel.h.
#include "ui/DownloadListModel.h"

#include "core/DataSize.h"
#include "core/DownloadEngine.h"
#include "ui/StateIcons.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QLocale>
#include <QPromise>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
} // namespace

DownloadListModel::DownloadListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

DownloadListModel::~DownloadListModel() = default;

void DownloadListModel::setEngine(DownloadEngine *engine)
{
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    if (engine) {
        m_rows = engine->snapshots();
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowOf.insert(m_rows.at(row).id, row);
    }
    endResetModel();
    if (!engine)
        return;
    connect(engine, &DownloadEngine::added, this, &DownloadListModel::addDownload);
    connect(engine, &DownloadEngine::bulkAddStarted, this, [this] { m_inBulk = true; });
    connect(engine, &DownloadEngine::bulkAddFinished, this, &DownloadListModel::flushBulk);
    connect(engine, &DownloadEngine::stateChanged, this, &DownloadListModel::updateDownload);
    connect(engine, &DownloadEngine::removed, this, &DownloadListModel::removeDownload);
    connect(engine, &DownloadEngine::progress, this, &DownloadListModel::applyProgress);
    // Once per burst: a move of 1,000 selected rows is 1,000 moveTo() calls.
    connect(engine, &DownloadEngine::orderChanged, this, [this] {
        if (std::exchange(m_orderPending, true))
            return;
        QTimer::singleShot(0, this, [this] {
            m_orderPending = false;
            followEngineOrder();
        });
    });
    connect(engine, &QObject::destroyed, this, [this] { m_engine = nullptr; });
}

int DownloadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DownloadListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DownloadListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DownloadSnapshot &s = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(s, column);
    case Qt::ToolTipRole:
        if (column == StatusColumn && s.state == DownloadState::Failed && !s.errorMessage.isEmpty())
            return s.errorText();
        if (column == StatusColumn && m_missing.contains(s.id))
            return tr("%1 was moved or deleted. Double-click to download it again.").arg(s.filePath);
        if (column == NameColumn)
            return s.filePath.isEmpty() ? s.url.toDisplayString() : s.filePath + u'\n' + s.url.toDisplayString();
        if (column == AddedColumn && s.added.isValid())
            return QLocale().toString(s.added.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        return stateIcon(s.state, m_missing.contains(s.id));
    case Qt::TextAlignmentRole:
        if (column == SizeColumn || column == SpeedColumn || column == EtaColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case IdRole:
        return QVariant::fromValue(s.id);
    case SortRole:
        return sortData(s, column);
    case ProgressRole:
        if (s.state == DownloadState::Completed)
            return 100;
        if (s.totalBytes <= 0)
            return -1;
        return int(std::clamp<qint64>(s.receivedBytes * 100 / s.totalBytes, 0, 100));
    case UrlRole:
        return s.url;
    case StateRole:
        return int(s.state);
    default:
        return {};
    }
}

QVariant DownloadListModel::displayData(const DownloadSnapshot &s, int column) const
{
    switch (column) {
    case NameColumn:
        if (!s.fileName.isEmpty())
            return s.fileName;
        return s.url.fileName().isEmpty() ? s.url.toDisplayString() : s.url.fileName();
    case SizeColumn:
        if (s.totalBytes >= 0)
            return formatSize(s.totalBytes);
        return s.receivedBytes > 0 ? formatSize(s.receivedBytes) : QString();
    case ProgressColumn: {
        if (s.state == DownloadState::Completed)
            return QString(QLocale().toString(100) + QLocale().percent());
        if (s.totalBytes <= 0)
            return s.receivedBytes > 0 ? formatSize(s.receivedBytes) : QString();
        const double percent = std::floor(1000.0 * double(s.receivedBytes) / double(s.totalBytes)) / 10.0;
        return QString(QLocale().toString(std::min(percent, 100.0), 'f', 1) + QLocale().percent());
    }
    case SpeedColumn:
        return s.state == DownloadState::Downloading ? formatSpeed(s.bytesPerSecond) : QString();
    case EtaColumn:
        return s.state == DownloadState::Downloading && s.etaSeconds >= 0 ? formatEta(s.etaSeconds) : QString();
    case StatusColumn: {
        const auto retried = m_retried.constFind(s.id);
        if (s.state == DownloadState::Failed && s.retryAt.isValid())
            return tr("Retrying at %1: %2")
                .arg(QLocale().toString(s.retryAt.toLocalTime().time(), QLocale::ShortFormat), s.errorText());
        if (s.state == DownloadState::Failed && !s.errorMessage.isEmpty())
            return retried != m_retried.cend() ? tr("Failed again: %1").arg(s.errorText()) : s.errorText();
        if (s.moving)
            return tr("Moving to another folder…");
        if (s.state == DownloadState::Completed && m_missing.contains(s.id))
            return tr("File missing");
        if (retried != m_retried.cend() && *retried) {
            if (s.state == DownloadState::Queued)
                return tr("Queued to retry");
            if (s.state == DownloadState::Downloading)
                return tr("Retrying");
        }
        return stateName(s.state);
    }
    case AddedColumn: {
        if (!s.added.isValid())
            return QString();
        // Today's downloads by the time alone: the column stays narrow and readable.
        const QDateTime local = s.added.toLocalTime();
        if (local.date() == QDate::currentDate())
            return QLocale().toString(local.time(), QLocale::ShortFormat);
        return QLocale().toString(local.date(), QLocale::ShortFormat);
    }
    default:
        return {};
    }
}

QVariant DownloadListModel::sortData(const DownloadSnapshot &s, int column) const
{
    switch (column) {
    case NameColumn: return displayData(s, column).toString().toLower();
    case SizeColumn: return s.totalBytes;
    case ProgressColumn: return s.totalBytes > 0 ? double(s.receivedBytes) / double(s.totalBytes) : -1.0;
    case SpeedColumn: return s.state == DownloadState::Downloading ? s.bytesPerSecond : 0.0;
    case EtaColumn: return s.state == DownloadState::Downloading && s.etaSeconds >= 0 ? s.etaSeconds : kDay * 365;
    case StatusColumn: return int(s.state);
    case AddedColumn: return s.added;
    default: return {};
    }
}

QVariant DownloadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case ProgressColumn: return tr("Progress");
    case SpeedColumn: return tr("Speed");
    case EtaColumn: return tr("Time left");
    case StatusColumn: return tr("Status");
    case AddedColumn: return tr("Added");
    default: return {};
    }
}

double DownloadListModel::totalBytesPerSecond() const
{
    double total = 0;
    for (const DownloadSnapshot &s : m_rows)
        if (s.state == DownloadState::Downloading)
            total += s.bytesPerSecond;
    return total;
}

QString DownloadListModel::formatSize(qint64 bytes)
{
    return formatDataSize(bytes);
}

QString DownloadListModel::formatSpeed(double bytesPerSecond)
{
    return formatDataRate(bytesPerSecond);
}

QString DownloadListModel::formatEta(qint64 seconds)
{
    if (seconds < kMinute)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < kHour)
        return tr("%1 min %2 s").arg(seconds / kMinute).arg(seconds % kMinute);
    if (seconds < kDay)
        return tr("%1 h %2 min").arg(seconds / kHour).arg(seconds % kHour / kMinute);
    return tr("%1 d %2 h").arg(seconds / kDay).arg(seconds % kDay / kHour);
}

void DownloadListModel::followEngineOrder()
{
    if (!m_engine)
        return;
    QList<DownloadId> order;
    order.reserve(m_rows.size());
    for (const DownloadSnapshot &s : m_engine->snapshots()) {
        if (!m_rowOf.contains(s.id))
            return; // mid-change: the next signal settles it
        order.append(s.id);
    }
    if (order.size() != m_rows.size())
        return;
    bool same = true;
    for (qsizetype i = 0; i < order.size() && same; ++i)
        same = order.at(i) == m_rows.at(i).id;
    if (same)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<DownloadSnapshot> rows;
    rows.reserve(m_rows.size());
    QHash<DownloadId, int> rowOf;
    for (DownloadId id : order) {
        rowOf.insert(id, int(rows.size()));
        rows.append(m_rows.at(m_rowOf.value(id)));
    }
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(index.isValid() ? this->index(rowOf.value(m_rows.at(index.row()).id), index.column()) : index);
    m_rows = std::move(rows);
    m_rowOf = std::move(rowOf);
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void DownloadListModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void DownloadListModel::refreshMissing()
{
    if (m_missingCheckRunning) {
        m_missingCheckAgain = true;
        return;
    }
    QList<DownloadId> ids;
    QStringList paths;
    for (const DownloadSnapshot &s : std::as_const(m_rows)) {
        if (s.state == DownloadState::Completed && !s.filePath.isEmpty()) {
            ids.append(s.id);
            paths.append(s.filePath);
        }
    }
    m_missingCheckRunning = true;
    // The job holds only the promise; the watcher, a child of the model, dies with it.
    auto promise = std::make_shared<QPromise<QSet<DownloadId>>>();
    auto *watcher = new QFutureWatcher<QSet<DownloadId>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, ids] {
        watcher->deleteLater();
        m_missingCheckRunning = false;
        applyMissing(ids, watcher->future().resultCount() > 0 ? watcher->result() : QSet<DownloadId>());
        if (std::exchange(m_missingCheckAgain, false))
            refreshMissing();
        else
            Q_EMIT missingRefreshed();
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, ids, paths] {
        QSet<DownloadId> gone;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (!QFileInfo::exists(paths.at(i)))
                gone.insert(ids.at(i));
        }
        promise->addResult(gone);
        promise->finish();
    });
}

bool DownloadListModel::checkMissing(DownloadId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    const DownloadSnapshot &s = m_rows.at(row);
    setMissing(id, s.state == DownloadState::Completed && !s.filePath.isEmpty() && !QFileInfo::exists(s.filePath));
    return m_missing.contains(id);
}

// Rows that were removed, or are no longer completed, while the check ran are left alone.
void DownloadListModel::applyMissing(const QList<DownloadId> &checked, const QSet<DownloadId> &gone)
{
    for (const DownloadId id : checked) {
        const int row = rowOf(id);
        if (row >= 0 && m_rows.at(row).state == DownloadState::Completed)
            setMissing(id, gone.contains(id));
    }
}

void DownloadListModel::setMissing(DownloadId id, bool missing)
{
    if (missing == m_missing.contains(id))
        return;
    if (missing)
        m_missing.insert(id);
    else
        m_missing.remove(id);
    emitRowChanged(rowOf(id));
}

void DownloadListModel::markRetrying(DownloadId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_retried.insert(id, true);
    emitRowChanged(row);
}

void DownloadListModel::flushBulk()
{
    m_inBulk = false;
    if (m_bulk.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(m_bulk.size()) - 1);
    for (DownloadSnapshot &snapshot : m_bulk) {
        m_rowOf.insert(snapshot.id, int(m_rows.size()));
        m_rows.append(std::move(snapshot));
    }
    m_bulk.clear();
    endInsertRows();
}

void DownloadListModel::addDownload(const DownloadSnapshot &snapshot)
{
    if (m_inBulk) {
        m_bulk.append(snapshot); // ids are new: restoreMany() inserts, it never updates
        return;
    }
    if (m_rowOf.contains(snapshot.id)) {
        updateDownload(snapshot);
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(snapshot);
    m_rowOf.insert(snapshot.id, row);
    endInsertRows();
}

void DownloadListModel::updateDownload(const DownloadSnapshot &snapshot)
{
    const int row = rowOf(snapshot.id);
    if (row < 0)
        return;
    m_rows[row] = snapshot;
    if (snapshot.isFinal())
        if (auto it = m_retried.find(snapshot.id); it != m_retried.end())
            *it = false; // the retry is over; a new failure says "again"
    emitRowChanged(row);
}

void DownloadListModel::removeDownload(DownloadId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowOf.remove(id);
    m_retried.remove(id);
    m_missing.remove(id);
    for (int r = row; r < m_rows.size(); ++r)
        m_rowOf[m_rows.at(r).id] = r;
    endRemoveRows();
}

void DownloadListModel::applyProgress(const QList<DownloadSnapshot> &changed)
{
    QList<int> rows;
    rows.reserve(changed.size());
    for (const DownloadSnapshot &snapshot : changed) {
        const int row = rowOf(snapshot.id);
        if (row < 0)
            continue; // removed while the batch was on its way
        m_rows[row] = snapshot;
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    // Past half the table, one signal costs the view less than many.
    if (rows.size() * 2 > m_rows.size()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    for (int row : std::as_const(rows))
        emitRowChanged(row);
}

void DownloadListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_retried.clear();
    m_missing.clear();
    endResetModel();
}

void DownloadListModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace ferry
