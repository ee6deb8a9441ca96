// See QueueControls.h.
#include "ui/QueueControls.h"

#include "core/DownloadEngine.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadView.h"
#include "ui/PendingRemovals.h"

#include <QComboBox>
#include <QSet>

#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

QueueControls::QueueControls(DownloadEngine &engine, DownloadFilterModel &filter, PendingRemovals &removals,
                             DownloadView &view, QWidget *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_filter(filter)
    , m_removals(removals)
    , m_view(view)
{
    using F = DownloadFilterModel::StateFilter;
    m_stateBox = new QComboBox(parent);
    m_stateBox->setObjectName(u"stateFilter"_s);
    m_stateBox->setToolTip(tr("Show only the downloads in this state"));
    const std::pair<F, QString> choices[] = {{F::All, tr("All")},           {F::Active, tr("Active")},
                                              {F::Queued, tr("Queued")},     {F::Paused, tr("Paused")},
                                              {F::Completed, tr("Completed")}, {F::Failed, tr("Failed")}};
    for (const auto &[state, text] : choices)
        m_stateBox->addItem(text, int(state));
    connect(m_stateBox, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setStateFilter(F(m_stateBox->currentData().toInt()));
        Q_EMIT stateFilterChanged();
    });
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
