// The bar in the Details panel that draws a download's file as a strip: the
// bytes on disk filled, and under them each connection's range with the part
// it has received so far — where the connections work and what is left.
#pragma once

#include "core/DownloadDetails.h"

#include <QWidget>

namespace ferry {

class SegmentBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentBar)

public:
    explicit SegmentBar(QWidget *parent = nullptr);

    // total < 0: the size is not known (the bar is drawn empty).
    void setSegments(qint64 total, const QList<ByteSpan> &finished, const QList<ConnectionDetails> &connections);
    qint64 total() const { return m_total; }
    const QList<ByteSpan> &finished() const { return m_finished; }
    const QList<ConnectionDetails> &connections() const { return m_connections; }
    // The colour of the bytes on disk (for the test that reads the pixels).
    QColor finishedColor() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int xOf(qint64 offset, int width) const;

    qint64 m_total = -1;
    QList<ByteSpan> m_finished;
    QList<ConnectionDetails> m_connections;
};

} // namespace ferry
