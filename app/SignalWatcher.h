// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so
// `ferry get` and `ferry serve` can stop cleanly on Ctrl+C.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace ferry {

class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr); // watches SIGINT and SIGTERM
    ~SignalWatcher() override;

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ferry
