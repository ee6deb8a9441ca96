// See SegmentBar.h.
#include "ui/SegmentBar.h"

#include "ui/DownloadListModel.h"

#include <QPainter>
#include <QPalette>

namespace ferry {

namespace {
constexpr int kFileRowHeight = 14;
constexpr int kConnectionRowHeight = 6;
constexpr int kGap = 2;
} // namespace

SegmentBar::SegmentBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("segmentBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SegmentBar::setSegments(qint64 total, const QList<ByteSpan> &finished, const QList<ConnectionDetails> &connections)
{
    m_total = total;
    m_finished = finished;
    m_connections = connections;
    qint64 done = 0;
    for (const ByteSpan &span : finished)
        done += span.length();
    setToolTip(total > 0 ? tr("%1 of %2 on disk, %n connection(s) working", nullptr, int(connections.size()))
                               .arg(DownloadListModel::formatSize(done), DownloadListModel::formatSize(total))
                         : tr("The size is not known yet"));
    updateGeometry();
    update();
}

QColor SegmentBar::finishedColor() const
{
    return palette().color(QPalette::Highlight);
}

QSize SegmentBar::sizeHint() const
{
    return {400, minimumSizeHint().height()};
}

QSize SegmentBar::minimumSizeHint() const
{
    // One row for the file, one thin row per connection.
    const int rows = int(m_connections.size());
    return {100, kFileRowHeight + 2 + rows * (kConnectionRowHeight + kGap)};
}

int SegmentBar::xOf(qint64 offset, int width) const
{
    return m_total > 0 ? int(double(offset) / double(m_total) * width) : 0;
}

void SegmentBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    const int w = width() - 2;
    const QRect file(1, 1, w, kFileRowHeight);
    p.fillRect(file, pal.color(QPalette::Base));
    if (m_total > 0) {
        for (const ByteSpan &span : std::as_const(m_finished)) {
            const int x0 = xOf(span.begin, w);
            const int x1 = std::max(xOf(span.end, w), x0 + 1); // a sliver still shows
            p.fillRect(QRect(file.left() + x0, file.top(), x1 - x0, file.height()), finishedColor());
        }
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(file.adjusted(-1, -1, 0, 0));

    // Each connection's range, light, and what it has received of it, dark.
    int y = file.bottom() + 1 + kGap;
    QColor range = pal.color(QPalette::Highlight);
    range.setAlphaF(0.3f);
    for (const ConnectionDetails &c : std::as_const(m_connections)) {
        if (m_total > 0 && c.span.end > c.span.begin) {
            const int x0 = xOf(c.span.begin, w);
            const int x1 = std::max(xOf(std::min(c.span.end, m_total), w), x0 + 1);
            const int xp = xOf(std::clamp(c.pos, c.span.begin, std::min(c.span.end, m_total)), w);
            p.fillRect(QRect(1 + x0, y, x1 - x0, kConnectionRowHeight), range);
            p.fillRect(QRect(1 + x0, y, xp - x0, kConnectionRowHeight),
                       c.waitingToRetry ? pal.color(QPalette::Mid) : pal.color(QPalette::Highlight).darker(130));
        }
        y += kConnectionRowHeight + kGap;
    }
}

} // namespace ferry
