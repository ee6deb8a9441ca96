// DownloadEngine: a download's links. setUrl is the window's "Change link"
// (and the RPC's changeUri); the mirrors are the further links of the same
// file, and when the current link fails in a way another server could mend
// (not found, forbidden, a server error or the network after the retries, a
// host that does not resolve) the download moves on to the next one through
// that same path: the data is kept when the next link serves the same file
// (its length and validators, checked by the download as for any changed
// link), else it starts again from zero. Only the last link's failure is the
// download's.
#include "core/DownloadEngine.h"

#include "core/Download.h"

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

bool anotherLinkMayHelp(FailureCause cause)
{
    switch (cause) {
    case FailureCause::Network:
    case FailureCause::HostNotFound:
    case FailureCause::NotFound:
    case FailureCause::HttpStatus: // 403, 5xx after the retries, …
    case FailureCause::TooManyRedirects:
        return true;
    case FailureCause::None:
    case FailureCause::Other:
    case FailureCause::LoginRequired: // the window asks for a login: the user's to answer
    case FailureCause::NoSpace:
    case FailureCause::FileError:
    case FailureCause::Checksum:
    case FailureCause::BadUrl:
        return false;
    }
    return false;
}

} // namespace

bool DownloadEngine::isUsableLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty()
        && url.userInfo().isEmpty();
}

QList<QUrl> DownloadEngine::usableMirrors(const QList<QUrl> &mirrors)
{
    QList<QUrl> usable;
    for (const QUrl &url : mirrors)
        if (isUsableLink(url))
            usable.append(url);
    return usable;
}

void DownloadEngine::setUrl(DownloadId id, const QUrl &url)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !url.isValid())
        return;
    it->request.url = url;
    it->request.continueFromOtherUrl = true; // keep the data when the new link has the same file
    it->snapshot.url = url;
    if (it->download)
        QMetaObject::invokeMethod(it->download, [d = it->download, url] { d->setUrl(url); }, Qt::QueuedConnection);
    Q_EMIT stateChanged(it->snapshot);
}

void DownloadEngine::setMirrors(DownloadId id, const QList<QUrl> &mirrors)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    const QList<QUrl> usable = usableMirrors(mirrors);
    if (usable == it->request.mirrors)
        return;
    it->request.mirrors = usable;
    Q_EMIT orderChanged(); // the request changed: worth saving
}

// Called with the failed snapshot before anyone hears of the failure: with a
// further link left, the download is queued again on it instead.
bool DownloadEngine::moveToNextLink(DownloadId id, Entry &entry)
{
    if (entry.request.mirrors.isEmpty() || !anotherLinkMayHelp(entry.snapshot.cause) || !entry.snapshot.wanted)
        return false;
    const QUrl failed = entry.request.url;
    const QUrl next = entry.request.mirrors.takeFirst();
    Q_EMIT logMessage(id, tr("The link %1 failed (%2); trying the next one: %3")
                              .arg(failed.toDisplayString(QUrl::RemoveUserInfo), entry.snapshot.errorText(),
                                   next.toDisplayString(QUrl::RemoveUserInfo)));
    releaseDownload(entry);
    // Queued, not Failed, from here on: nobody is told of a failure.
    entry.snapshot.state = DownloadState::Queued;
    entry.snapshot.errorKind = ErrorKind::None;
    entry.snapshot.errorMessage.clear();
    entry.snapshot.error = {};
    entry.snapshot.cause = FailureCause::None;
    setUrl(id, next); // "Change link"
    resume(id);
    Q_EMIT orderChanged(); // the request changed: worth saving
    return true;
}

} // namespace ferry
