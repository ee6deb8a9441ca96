// See UrlIntake.h.
#include "ui/UrlIntake.h"

#include "core/DownloadEngine.h"
#include "core/FileNames.h"
#include "ui/AppSettings.h"
#include "ui/DownloadFilterModel.h"
#include "ui/DownloadListModel.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
constexpr int kMaxNamesShown = 5;
constexpr int kMaxInvalidShown = 3;
} // namespace

UrlIntake::UrlIntake(DownloadEngine &engine, const DownloadListModel &model, const DownloadFilterModel &filter,
                     QWidget *window)
    : QObject(window)
    , m_engine(engine)
    , m_model(model)
    , m_filter(filter)
    , m_window(window)
{
}

QList<DownloadRequest> UrlIntake::requestsFor(const QList<QUrl> &urls, const AppSettings &settings) const
{
    QList<DownloadRequest> requests;
    requests.reserve(urls.size());
    for (const QUrl &url : urls) {
        DownloadRequest request;
        request.url = url;
        request.directory = settings.folderFor(url.fileName()); // the category's folder, if it has one
        request.connections = settings.connections;
        requests.append(request);
    }
    return requests;
}

QString UrlIntake::describeAdded(int added, const QStringList &invalid, int asked)
{
    QString message;
    if (added > 0)
        message = tr("Added %n download(s).", nullptr, added);
    if (!invalid.isEmpty()) {
        QStringList shown = invalid.mid(0, kMaxInvalidShown);
        if (invalid.size() > kMaxInvalidShown)
            shown.append(u"…"_s);
        const QString skipped = tr("Skipped %n line(s) that are not http or https URLs: %1", nullptr, int(invalid.size()))
                                    .arg(shown.join(u", "_s));
        message = message.isEmpty() ? skipped : message + u' ' + skipped;
    }
    if (message.isEmpty() && asked == 0)
        message = tr("No URLs to add.");
    return message;
}

UrlIntake::Found UrlIntake::examine(const DownloadRequest &request, const QHash<QUrl, DownloadId> &listed) const
{
    Found found;
    found.request = request;
    found.existingId = listed.value(request.url.adjusted(QUrl::StripTrailingSlash), 0);
    // The name the URL gives; a server may still name it otherwise (Content-Disposition).
    const QString name = sanitizeFileName(request.fileName.isEmpty() ? fileNameFromUrl(request.url) : request.fileName);
    const QString path = QDir(request.directory).filePath(name);
    if (!request.directory.isEmpty() && QFileInfo(path).isFile())
        found.existingFile = path;
    return found;
}

int UrlIntake::add(const QList<DownloadRequest> &requests, bool start, const AppSettings &settings)
{
    QHash<QUrl, DownloadId> listed;
    const QSet<DownloadId> &removed = m_filter.hiddenIds();
    for (const DownloadSnapshot &s : m_model.snapshots())
        if (!removed.contains(s.id))
            listed.insert(s.url.adjusted(QUrl::StripTrailingSlash), s.id);

    int added = 0;
    QList<Found> duplicates;
    for (const DownloadRequest &request : requests) {
        const Found found = examine(request, listed);
        if (found.existingId == 0 && found.existingFile.isEmpty()) {
            m_engine.add(request, start);
            ++added;
        } else {
            duplicates.append(found);
        }
    }
    if (!duplicates.isEmpty()) {
        const auto choice = Duplicate(settings.duplicates);
        if (choice == Duplicate::Ask)
            ask(duplicates, start);
        else
            resolve(duplicates, choice, start);
    }
    return added;
}

void UrlIntake::resolve(const QList<Found> &duplicates, Duplicate choice, bool start)
{
    switch (choice) {
    case Duplicate::Ask:
    case Duplicate::Skip:
        Q_EMIT message(tr("Skipped %n download(s) that exist already.", nullptr, int(duplicates.size())));
        return;
    case Duplicate::DownloadAgain:
        for (const Found &found : duplicates)
            m_engine.add(found.request, start); // the engine names it "NAME (1).ext"
        Q_EMIT message(tr("Added %n download(s).", nullptr, int(duplicates.size())));
        return;
    case Duplicate::OpenExisting: {
        QList<DownloadId> rows;
        int opened = 0;
        for (const Found &found : duplicates) {
            if (found.existingId != 0)
                rows.append(found.existingId);
            else if (opened++ < kMaxNamesShown)
                QDesktopServices::openUrl(QUrl::fromLocalFile(found.existingFile));
        }
        if (!rows.isEmpty())
            Q_EMIT showExisting(rows);
        return;
    }
    }
}

void UrlIntake::ask(const QList<Found> &duplicates, bool start)
{
    const int n = int(duplicates.size());
    QStringList names;
    for (const Found &found : duplicates.mid(0, kMaxNamesShown)) {
        const QString name = found.existingFile.isEmpty() ? found.request.url.toDisplayString()
                                                          : QDir::toNativeSeparators(found.existingFile);
        names.append(found.existingId != 0 ? tr("%1 (in the list)").arg(name) : tr("%1 (on disk)").arg(name));
    }
    if (n > kMaxNamesShown)
        names.append(tr("…and %n more", nullptr, n - kMaxNamesShown));

    auto *box = new QMessageBox(QMessageBox::Question, tr("Already Downloaded"),
                                tr("%n download(s) exist already.", nullptr, n), QMessageBox::NoButton, m_window);
    box->setObjectName(u"duplicateQuestion"_s);
    box->setInformativeText(names.join(u'\n'));
    QPushButton *again = box->addButton(tr("Download Again"), QMessageBox::AcceptRole);
    again->setObjectName(u"downloadAgain"_s);
    QPushButton *open = box->addButton(tr("Open Existing"), QMessageBox::ActionRole);
    open->setObjectName(u"openExisting"_s);
    QPushButton *skip = box->addButton(tr("Skip"), QMessageBox::RejectRole);
    skip->setObjectName(u"skip"_s);
    box->setDefaultButton(skip);
    box->setEscapeButton(skip);
    box->setCheckBox(new QCheckBox(tr("Do this every time"), box));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, again, open, duplicates, start] {
        const QAbstractButton *clicked = box->clickedButton();
        const Duplicate choice = clicked == again ? Duplicate::DownloadAgain
            : clicked == open                     ? Duplicate::OpenExisting
                                                  : Duplicate::Skip;
        if (box->checkBox()->isChecked() && clicked)
            Q_EMIT duplicateChoiceRemembered(choice);
        resolve(duplicates, choice, start);
    });
    box->open();
}

} // namespace ferry
