// The Sharing panel of the window: sharing on or off, the port, the shared
// folders, the link (with its access token) to give to other devices and a
// "New link" that replaces the token, a link to one file that expires, the
// peers fetching files now with their progress, and the access log.
//
// It knows nothing of the share server (ferry_ui never links server/): it asks
// with startRequested()/stopRequested() and is told what happened through its
// slots, with plain values. app/SharingBridge does the wiring. Port, folders
// and on/off are kept in QSettings (SharingPreferences).
#pragma once

#include "ui/PeerTransferRow.h"
#include "ui/SharingPreferences.h"

#include <QList>
#include <QUrl>
#include <QWidget>

class QDockWidget;
class QMainWindow;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace ferry {

class SharingActivity;

class SharingPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharingPanel)

public:
    enum class State { Stopped, Starting, Running, Failed };
    Q_ENUM(State)

    enum PeerColumn { PeerColumn, FileColumn, ProgressColumn, SpeedColumn, StatusColumn, PeerColumnCount };

    // Starts from the saved preferences.
    explicit SharingPanel(QWidget *parent = nullptr);
    ~SharingPanel() override;
    // The panel in a dock under the list of `window`, hidden until opened; it
    // takes a third of the window's height whenever it would open taller.
    static QDockWidget *addDockTo(QMainWindow *window);

    State state() const { return m_state; }
    QUrl link() const { return m_link; }
    QString statusText() const;
    SharingPreferences preferences() const { return m_prefs; }
    QList<PeerTransferRow> peers() const { return m_peers; }
    QStringList logLines() const;

    // Folder and port edits; saved at once; false when nothing changed. Folders
    // may change while sharing runs: the server restarts with the new list.
    // The port cannot (the link peers hold would break).
    bool addFolder(const QString &path);
    bool removeFolder(const QString &path);
    void setPort(quint16 port);
    void setResumeAtStart(bool resume);
    void setShowDownloads(bool show);

    // What "Link to a file…" asks for once the user picked a file: a signed
    // link to `localPath` valid for `seconds`. Ignored unless sharing runs.
    void requestFileLink(const QString &localPath, qint64 seconds);
    // The lifetime chosen for file links (24 h unless changed).
    qint64 fileLinkSeconds() const;
    QString fileLinkText() const;

public Q_SLOTS:
    // What the on/off button does. start() asks only when there is a folder to share.
    void start();
    void stop();

    // Answers from whoever runs the server.
    void setRunning(bool running, const QUrl &link = {});
    void setFailed(const QString &message);
    void setPeers(const QList<ferry::PeerTransferRow> &rows);
    void appendLogLine(const QString &line);
    // The answer to fileLinkRequested: shown, and copied to the clipboard.
    // An invalid URL with a message: the file cannot be linked.
    void setFileLink(const QUrl &link, const QString &problem = {});

Q_SIGNALS:
    void startRequested(quint16 port, const QStringList &folders);
    void stopRequested();
    // "New link": a new access token; the old link, every browser session
    // and every live connection opened with it stop working.
    void newLinkRequested();
    void fileLinkRequested(const QString &localPath, qint64 seconds);
    void stateChanged(ferry::SharingPanel::State state);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setState(State state, const QString &message = {});
    void updateControls();
    void savePreferences();
    void restartIfRunning();
    void browseFolder();
    void removeSelectedFolders();
    void copyLink();
    void chooseFileForLink();
    void openLink();
    void toggle();

    SharingPreferences m_prefs;
    State m_state = State::Stopped;
    QString m_failure;
    QUrl m_link;
    QList<PeerTransferRow> m_peers;

    QPushButton *m_toggle = nullptr;
    QLabel *m_status = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_linkEdit = nullptr;
    QCheckBox *m_resumeAtStart = nullptr;
    QCheckBox *m_showDownloads = nullptr;
    bool m_restarting = false; // folders changed while running: the stop on the way is not the user's
    QPushButton *m_copy = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_newLink = nullptr;
    QPushButton *m_fileLink = nullptr;
    QComboBox *m_linkLifetime = nullptr;
    QLineEdit *m_fileLinkEdit = nullptr;
    QListWidget *m_folders = nullptr;
    QPushButton *m_addFolder = nullptr;
    QPushButton *m_removeFolder = nullptr;
    QLabel *m_portLabel = nullptr;
    QLabel *m_linkLabel = nullptr;
    QLabel *m_foldersLabel = nullptr;
    QString m_fileLinkProblem; // why the last file link could not be made, as the bridge said
    SharingActivity *m_activity = nullptr; // peers and the access log
};

} // namespace ferry
