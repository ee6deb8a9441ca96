// See QueueControls.h.
#include "ui/QueueControls.h"

#include "core/DownloadEngine.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadListModel.h"
#include "ui/DownloadView.h"
#include "ui/FileKind.h"
#include "ui/PendingRemovals.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSet>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kCountRefreshMs = 1000;
constexpr int kAllCategories = -1; // the category box's data for "every category"
constexpr std::array kCategories{FileKind::Video, FileKind::Music, FileKind::Archive,
                                 FileKind::Document, FileKind::Program, FileKind::Other};

} // namespace

QueueControls::QueueControls(DownloadEngine &engine, DownloadListModel &model, DownloadFilterModel &filter,
                             PendingRemovals &removals, DownloadView &view, QWidget *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_model(model)
    , m_filter(filter)
    , m_removals(removals)
    , m_view(view)
{
    m_stateBox = new QComboBox(parent);
    m_stateBox->setObjectName(u"stateFilter"_s);
    m_categoryBox = new QComboBox(parent);
    m_categoryBox->setObjectName(u"categoryFilter"_s);
    m_categoryBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_categoryBox->addItem(QString(), kAllCategories);
    for (FileKind kind : kCategories)
        m_categoryBox->addItem(QString(), int(kind));
    retranslate();
    connect(m_stateBox, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setStateFilter(DownloadFilterModel::StateFilter(m_stateBox->currentData().toInt()));
        Q_EMIT filtersChanged();
    });
    connect(m_categoryBox, &QComboBox::currentIndexChanged, this, [this] {
        const int kind = m_categoryBox->currentData().toInt();
        m_filter.setCategoryFilter(kind == kAllCategories ? std::nullopt : std::optional(FileKind(kind)));
        Q_EMIT filtersChanged();
    });

    // A row of its own above the table: in the toolbar the filter box was the
    // first thing to drop into the overflow menu of a narrow window.
    m_filterBox = new QLineEdit(parent);
    m_filterBox->setObjectName(u"filter"_s);
    m_filterBox->setPlaceholderText(tr("Filter by name or URL"));
    m_filterBox->setClearButtonEnabled(true);
    m_filterBox->setMaximumWidth(320);
    m_filterBox->setMinimumWidth(120);
    connect(m_filterBox, &QLineEdit::textChanged, &m_filter, &DownloadFilterModel::setFilterText);
    connect(m_filterBox, &QLineEdit::textChanged, this, &QueueControls::filtersChanged);
    m_row = new QHBoxLayout;
    m_row->setContentsMargins(4, 4, 4, 0);
    m_row->addStretch(1);
    m_row->addWidget(m_stateBox, 0);
    m_row->addWidget(m_categoryBox, 0);
    m_row->addWidget(m_filterBox, 1);

    // A name is learned once per download and rows come and go: the counts
    // follow within a second, never once per progress batch.
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(kCountRefreshMs);
    connect(&m_countTimer, &QTimer::timeout, this, &QueueControls::updateCategoryCounts);
    const auto countSoon = [this] {
        if (!m_countTimer.isActive())
            m_countTimer.start();
    };
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, countSoon);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, countSoon);
    connect(&m_model, &QAbstractItemModel::modelReset, this, countSoon);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, countSoon);
    connect(&m_removals, &PendingRemovals::changed, this, countSoon);
}

void QueueControls::fillStates()
{
    using F = DownloadFilterModel::StateFilter;
    m_stateBox->setToolTip(tr("Show only the downloads in this state"));
    const std::pair<F, QString> choices[] = {{F::All, tr("All")},           {F::Active, tr("Active")},
                                              {F::Queued, tr("Queued")},     {F::Paused, tr("Paused")},
                                              {F::Completed, tr("Completed")}, {F::Failed, tr("Failed")}};
    for (const auto &[state, text] : choices) {
        const int at = m_stateBox->findData(int(state));
        if (at >= 0)
            m_stateBox->setItemText(at, text);
        else
            m_stateBox->addItem(text, int(state));
    }
}

void QueueControls::retranslate()
{
    fillStates();
    m_categoryBox->setToolTip(tr("Show only the downloads of this kind, by the file's extension"));
    if (m_filterBox)
        m_filterBox->setPlaceholderText(tr("Filter by name or URL"));
    updateCategoryCounts();
}

void QueueControls::updateCategoryCounts()
{
    std::array<int, kCategories.size()> counts{};
    int all = 0;
    const QSet<DownloadId> &hidden = m_filter.hiddenIds();
    for (const DownloadSnapshot &s : m_model.snapshots()) {
        if (!hidden.isEmpty() && hidden.contains(s.id))
            continue;
        ++counts[size_t(DownloadFilterModel::categoryOf(s))];
        ++all;
    }
    //: A category of downloads in the filter box and how many downloads it has, e.g. "Video (3)"
    const QString format = tr("%1 (%2)");
    // Only a text that changed is set: each one set re-lays out the filter row.
    const auto set = [this](int index, const QString &text) {
        if (m_categoryBox->itemText(index) != text)
            m_categoryBox->setItemText(index, text);
    };
    set(0, format.arg(tr("All types")).arg(all));
    for (size_t i = 0; i < kCategories.size(); ++i)
        set(int(i) + 1, format.arg(fileKindName(kCategories[i])).arg(counts[size_t(kCategories[i])]));
}

void QueueControls::showAll()
{
    m_filterBox->clear();
    m_stateBox->setCurrentIndex(0);
    m_categoryBox->setCurrentIndex(0);
}

void QueueControls::move(QueueMove move, const QList<DownloadId> &selected)
{
    QList<DownloadId> order; // the engine's: the list model follows it a moment later
    for (const DownloadSnapshot &s : m_engine.snapshots())
        order.append(s.id);
    for (const auto &[id, to] : planQueueMoves(order, QSet<DownloadId>(selected.cbegin(), selected.cend()), move))
        m_engine.moveTo(id, to);
    m_view.showQueueOrder();
}

void QueueControls::clearCompleted()
{
    QList<DownloadId> ids;
    for (const DownloadSnapshot &s : m_engine.snapshots())
        if (s.state == DownloadState::Completed && !m_filter.hiddenIds().contains(s.id))
            ids.append(s.id);
    if (!ids.isEmpty())
        m_removals.add(ids, false); // the files stay; undoable for a few seconds
}

} // namespace ferry
