// See DetailsPanel.h.
#include "ui/DetailsPanel.h"

#include "core/DownloadEngine.h"
#include "ui/DownloadListModel.h"
#include "ui/SegmentBar.h"
#include "ui/SpeedGraph.h"

#include <QAbstractItemView>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QMainWindow>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kRefreshMs = 1000;

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}
} // namespace

DetailsPanel::DetailsPanel(DownloadEngine &engine, const DownloadListModel &model, DownloadHistory &history,
                           QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_model(model)
    , m_history(history)
{
    setObjectName(u"detailsPanel"_s);
    m_pages = new QStackedWidget(this);
    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_pages->addWidget(m_empty);

    auto *page = new QWidget(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_url = addField("detailsUrl");
    m_finalUrl = addField("detailsFinalUrl");
    m_file = addField("detailsFile");
    m_size = addField("detailsSize");
    m_etag = addField("detailsEtag");
    m_lastModified = addField("detailsLastModified");
    m_connections = addField("detailsConnections");
    m_bar = new SegmentBar(this);
    m_form->addRow(new QLabel(this), m_bar);
    m_graph = new SpeedGraph(this);
    m_form->addRow(new QLabel(this), m_graph);
    m_logTitle = new QLabel(this);
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(u"detailsLog"_s);
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setMaximumBlockCount(DownloadHistory::kMaxLogLines);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(m_form);
    layout->addWidget(m_logTitle);
    layout->addWidget(m_log, 1);
    m_pages->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);

    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &DetailsPanel::refresh);
    connect(&m_engine, &DownloadEngine::details, this, &DetailsPanel::showDetails);
    connect(&m_history, &DownloadHistory::logged, this,
            [this](DownloadId id, const DownloadHistory::LogLine &line) {
                if (id == m_id)
                    appendLog(line);
            });
    connect(&m_history, &DownloadHistory::sampled, this, [this] {
        if (m_id != 0 && isVisible())
            m_graph->setSamples(m_history.speeds(m_id));
    });
    connect(&m_engine, &DownloadEngine::removed, this, [this](DownloadId id) {
        if (id == m_id)
            setDownload(0);
    });
    retranslate();
    setDownload(0);
}

QDockWidget *DetailsPanel::addDockTo(QMainWindow *window, DownloadEngine &engine, const DownloadListModel &model)
{
    auto *dock = new QDockWidget(tr("Details"), window);
    dock->setObjectName(u"detailsDock"_s);
    dock->setWidget(new DetailsPanel(engine, model, *new DownloadHistory(engine, dock), dock));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide(); // until asked for (or the saved state says it was open)
    return dock;
}

void DetailsPanel::followSelection(const QAbstractItemView &view)
{
    QItemSelectionModel *selection = view.selectionModel();
    connect(selection, &QItemSelectionModel::selectionChanged, this, [this, selection] {
        QModelIndex shown = selection->currentIndex();
        if (!shown.isValid() || !selection->isRowSelected(shown.row(), shown.parent()))
            shown = selection->selectedRows().value(0);
        setDownload(shown.isValid() ? shown.data(DownloadListModel::IdRole).value<DownloadId>() : 0);
    });
}

QLabel *DetailsPanel::addField(const char *objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(QLatin1StringView(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setMinimumWidth(40);
    m_form->addRow(new QLabel(this), label); // its text: retranslate()
    return label;
}

void DetailsPanel::retranslate()
{
    m_empty->setText(tr("Select a download to see its details."));
    const QList<QPair<QWidget *, QString>> labels {
        {m_url, tr("URL:")},
        {m_finalUrl, tr("Final URL:")},
        {m_file, tr("File:")},
        {m_size, tr("Size:")},
        {m_etag, tr("ETag:")},
        {m_lastModified, tr("Last modified:")},
        {m_connections, tr("Connections:")},
        {m_bar, tr("Segments:")},
        {m_graph, tr("Speed:")},
    };
    for (const auto &[field, text] : labels)
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(field)))
            label->setText(text);
    m_logTitle->setText(tr("Log (while Ferry runs):"));
    if (m_id != 0) {
        refresh();
        showDetails(m_details);
    }
}

void DetailsPanel::setDownload(DownloadId id)
{
    const bool changed = id != m_id;
    m_id = id;
    m_pages->setCurrentIndex(id == 0 ? 0 : 1);
    if (id == 0) {
        m_timer.stop();
        return;
    }
    if (changed) {
        m_details = {};
        m_details.id = id;
        m_bar->setSegments(-1, {}, {});
        m_graph->setSamples(m_history.speeds(id));
        showLog();
    }
    refresh();
    if (isVisible())
        m_timer.start();
}

void DetailsPanel::refresh()
{
    const int row = m_model.rowOf(m_id);
    if (row < 0)
        return;
    const DownloadSnapshot &s = m_model.snapshotAt(row);
    m_url->setText(s.url.toDisplayString());
    const bool moved = s.finalUrl.isValid() && s.finalUrl != s.url;
    m_finalUrl->setText(moved ? s.finalUrl.toDisplayString() : tr("the same"));
    m_file->setText(orDash(QDir::toNativeSeparators(s.filePath)));
    const QLocale locale;
    m_size->setText(s.totalBytes >= 0 ? tr("%1 (%2 bytes)")
                                            .arg(DownloadListModel::formatSize(s.totalBytes),
                                                 locale.toString(s.totalBytes))
                                      : tr("not known yet"));
    if (isVisible())
        m_engine.requestDetails(m_id); // answered by showDetails()
}

void DetailsPanel::showDetails(const DownloadDetails &d)
{
    if (d.id != m_id || m_id == 0)
        return;
    m_details = d;
    m_etag->setText(orDash(QString::fromLatin1(d.etag)));
    m_lastModified->setText(orDash(QString::fromLatin1(d.lastModified)));
    int receiving = 0;
    int waiting = 0;
    for (const ConnectionDetails &c : d.connections) {
        receiving += c.receiving ? 1 : 0;
        waiting += c.waitingToRetry ? 1 : 0;
    }
    QString connections = d.running ? tr("%n connection(s) receiving", nullptr, receiving) : tr("none (not running)");
    if (waiting > 0)
        connections += tr(", %n waiting to retry", nullptr, waiting);
    if (d.running && !d.resumable)
        connections += tr("; the server cannot resume: one connection");
    if (d.restarts > 0)
        connections += tr("; restarted from zero %n time(s)", nullptr, d.restarts);
    m_connections->setText(connections);
    m_bar->setSegments(d.totalBytes, d.finished, d.connections);
}

void DetailsPanel::showLog()
{
    m_log->clear();
    for (const DownloadHistory::LogLine &line : m_history.log(m_id))
        appendLog(line);
}

void DetailsPanel::appendLog(const DownloadHistory::LogLine &line)
{
    m_log->appendPlainText(line.at.time().toString(u"HH:mm:ss") + u"  "_s + line.text);
}

void DetailsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DetailsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_id != 0) {
        m_graph->setSamples(m_history.speeds(m_id));
        refresh();
        m_timer.start();
    }
}

void DetailsPanel::hideEvent(QHideEvent *event)
{
    m_timer.stop(); // nothing asked of the engine while nobody looks
    QWidget::hideEvent(event);
}

} // namespace ferry
