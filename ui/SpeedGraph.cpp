// See SpeedGraph.h.
#include "ui/SpeedGraph.h"

#include "ui/DownloadHistory.h"
#include "ui/DownloadListModel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ferry {

SpeedGraph::SpeedGraph(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("speedGraph"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMinimumHeight(60);
}

void SpeedGraph::setSamples(const QList<double> &bytesPerSecond)
{
    m_samples = bytesPerSecond;
    update();
}

QSize SpeedGraph::sizeHint() const
{
    return {400, 90};
}

void SpeedGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QRectF area = QRectF(rect()).adjusted(1, 1, -1, -1);
    p.fillRect(area, pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(area);

    const double peak = m_samples.isEmpty() ? 0 : *std::max_element(m_samples.cbegin(), m_samples.cend());
    const QString caption = tr("Last %n minute(s)", nullptr, DownloadHistory::kSpeedSamples / 60);
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignBottom, caption);
    if (peak <= 0) {
        p.drawText(area, Qt::AlignCenter, tr("No transfer yet"));
        return;
    }
    // The newest sample at the right edge; the graph fills in from the right.
    const double step = area.width() / (DownloadHistory::kSpeedSamples - 1);
    const double scale = (area.height() - 4) / peak;
    const qsizetype n = m_samples.size();
    QPainterPath line;
    for (qsizetype i = 0; i < n; ++i) {
        const QPointF point(area.right() - double(n - 1 - i) * step, area.bottom() - m_samples.at(i) * scale);
        if (i == 0)
            line.moveTo(point);
        else
            line.lineTo(point);
    }
    QPainterPath fill = line;
    fill.lineTo(area.right(), area.bottom());
    fill.lineTo(area.right() - double(n - 1) * step, area.bottom());
    fill.closeSubpath();
    QColor under = pal.color(QPalette::Highlight);
    under.setAlphaF(0.25f);
    p.fillPath(fill, under);
    p.setPen(QPen(pal.color(QPalette::Highlight), 1.5));
    p.drawPath(line);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop,
               tr("Peak %1").arg(DownloadListModel::formatSpeed(peak)));
}

} // namespace ferry
