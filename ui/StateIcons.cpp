// See StateIcons.h.
#include "ui/StateIcons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <array>

namespace ferry {

namespace {
enum class Shape { Clock, Arrow, Bars, Circle, Tick, Cross, Exclamation };

QPixmap draw(Shape shape, const QColor &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QPen pen(color, std::max<qreal>(1.5, s / 8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const QRectF box(s * 0.12, s * 0.12, s * 0.76, s * 0.76);
    switch (shape) {
    case Shape::Clock:
        p.drawEllipse(box);
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s / 2, s * 0.26));
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s * 0.68, s * 0.58));
        break;
    case Shape::Arrow:
        p.drawLine(QPointF(s / 2, s * 0.12), QPointF(s / 2, s * 0.80));
        p.drawPolyline(QPolygonF({QPointF(s * 0.22, s * 0.54), QPointF(s / 2, s * 0.82), QPointF(s * 0.78, s * 0.54)}));
        break;
    case Shape::Bars:
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(s * 0.2, s * 0.15, s * 0.2, s * 0.7), s * 0.05, s * 0.05);
        p.drawRoundedRect(QRectF(s * 0.6, s * 0.15, s * 0.2, s * 0.7), s * 0.05, s * 0.05);
        break;
    case Shape::Circle:
        p.drawArc(box, 90 * 16, 270 * 16);
        p.drawPolyline(QPolygonF({QPointF(s * 0.5, s * 0.02), QPointF(s * 0.62, s * 0.12), QPointF(s * 0.5, s * 0.24)}));
        break;
    case Shape::Tick:
        p.drawPolyline(QPolygonF({QPointF(s * 0.16, s * 0.52), QPointF(s * 0.40, s * 0.76), QPointF(s * 0.84, s * 0.26)}));
        break;
    case Shape::Cross:
        p.drawLine(QPointF(s * 0.22, s * 0.22), QPointF(s * 0.78, s * 0.78));
        p.drawLine(QPointF(s * 0.78, s * 0.22), QPointF(s * 0.22, s * 0.78));
        break;
    case Shape::Exclamation:
        p.drawLine(QPointF(s / 2, s * 0.14), QPointF(s / 2, s * 0.60));
        p.setBrush(color);
        p.drawEllipse(QPointF(s / 2, s * 0.84), s * 0.04, s * 0.04);
        break;
    }
    return pixmap;
}

QIcon make(Shape shape, const QColor &color)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48})
        icon.addPixmap(draw(shape, color, size));
    return icon;
}
} // namespace

QIcon stateIcon(DownloadState state, bool fileMissing)
{
    // Made once, on the GUI thread where the table asks for them.
    static const std::array<QIcon, 7> icons {
        make(Shape::Clock, QColor(0x6b, 0x72, 0x80)),       // queued: grey
        make(Shape::Arrow, QColor(0x25, 0x63, 0xeb)),       // downloading: blue
        make(Shape::Bars, QColor(0xd9, 0x77, 0x06)),        // paused: amber
        make(Shape::Circle, QColor(0x7c, 0x3a, 0xed)),      // verifying: violet
        make(Shape::Tick, QColor(0x16, 0xa3, 0x4a)),        // completed: green
        make(Shape::Cross, QColor(0xdc, 0x26, 0x26)),       // failed: red
        make(Shape::Exclamation, QColor(0xdc, 0x26, 0x26)), // file missing: red
    };
    if (state == DownloadState::Completed && fileMissing)
        return icons[6];
    switch (state) {
    case DownloadState::Queued: return icons[0];
    case DownloadState::Downloading: return icons[1];
    case DownloadState::Paused: return icons[2];
    case DownloadState::Verifying: return icons[3];
    case DownloadState::Completed: return icons[4];
    case DownloadState::Failed: return icons[5];
    }
    return {};
}

} // namespace ferry
