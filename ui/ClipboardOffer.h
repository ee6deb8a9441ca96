// The bar above the download list that offers links copied in another
// program (ClipboardWatcher): "Download", "Add…" (the Add dialog with the
// links filled in, to choose a folder first) or dismiss. A bar, not a
// dialog: a copy never takes the keyboard away from what the user is doing.
// A newer offer replaces the one shown.
#pragma once

#include <QFrame>
#include <QList>
#include <QUrl>

class QLabel;
class QPushButton;
class QToolButton;

namespace ferry {

class ClipboardOffer final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClipboardOffer)

public:
    explicit ClipboardOffer(QWidget *parent = nullptr);

    void offer(const QList<QUrl> &urls);
    QList<QUrl> offered() const { return m_urls; }
    QString text() const;

Q_SIGNALS:
    void downloadRequested(const QList<QUrl> &urls);
    void reviewRequested(const QList<QUrl> &urls);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void answer(void (ClipboardOffer::*signal)(const QList<QUrl> &));

    QLabel *m_label = nullptr;
    QPushButton *m_download = nullptr;
    QPushButton *m_review = nullptr;
    QToolButton *m_dismiss = nullptr;
    QList<QUrl> m_urls;
};

} // namespace ferry
