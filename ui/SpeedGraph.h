// The speed of one download over the last minutes (DownloadHistory's
// samples, one a second), drawn as a filled line with its peak written on it.
#pragma once

#include <QList>
#include <QWidget>

namespace ferry {

class SpeedGraph final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeedGraph)

public:
    explicit SpeedGraph(QWidget *parent = nullptr);

    void setSamples(const QList<double> &bytesPerSecond);
    const QList<double> &samples() const { return m_samples; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_samples;
};

} // namespace ferry
