// What peers do while sharing runs, under the Sharing panel's link: the
// files being fetched now with their progress (or a line saying nobody
// fetches anything) and the access log, one line per request. Plain values
// in; SharingPanel owns it.
#pragma once

#include "ui/PeerTransferRow.h"

#include <QList>
#include <QTabWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;

namespace ferry {

class SharingActivity final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharingActivity)

public:
    explicit SharingActivity(QWidget *parent = nullptr);

    void setPeers(const QList<PeerTransferRow> &rows);
    void appendLogLine(const QString &line);
    QStringList logLines() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QList<PeerTransferRow> m_rows;
    QStackedWidget *m_peerPages = nullptr;
    QTableWidget *m_peerTable = nullptr;
    QLabel *m_noPeers = nullptr;
    QPlainTextEdit *m_log = nullptr;
};

} // namespace ferry
