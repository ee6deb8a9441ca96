// What the user asked for when adding a download. A value type.
#pragma once

#include "core/ChecksumSpec.h"
#include "core/ProxySetting.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QUrl>

namespace ferry {

// What to do when the target file name already exists.
enum class ConflictPolicy {
    Rename,    // "name (1).ext"
    Overwrite,
    Skip,      // leave the existing file; the download completes at once
};

struct DownloadRequest {
    QUrl url;                 // the link in use
    // Further links to the same file (aria2's mirrors: addUri's further URIs,
    // `ferry get -i`'s tab-separated ones), in order, http(s) only. When `url`
    // fails in a way another server could mend, the engine moves on to the
    // first of them the way "Change link" does (the data is kept when it
    // serves the same file); the download fails when the last one has failed.
    QList<QUrl> mirrors;
    QString directory;        // where the file goes; empty = current directory
    QString fileName;         // fixed name (-O); empty = from the server or the URL
    int connections = 4;      // 1..16
    qint64 speedLimit = 0;    // bytes per second, 0 = unlimited
    ChecksumSpec checksum;    // empty = none
    QList<QPair<QByteArray, QByteArray>> headers; // extra request headers
    ConflictPolicy conflict = ConflictPolicy::Rename;

    // Network (docs/network.md). Kept with the download, so a resume after a
    // restart sends the same. Where the RPC's addUri options land:
    //   all-proxy → proxy {Manual, url}     http-user / http-passwd → user / password
    //   referer → referer   user-agent → userAgent   header → headers
    ProxySetting proxy;       // System (the *_proxy variables, else the desktop), None, or Manual
    QString user;             // login for a server's 401 (Basic or Digest), for the URL's own host only;
    QString password;         //   user:pass@ in the URL lands here (takeUrlCredentials), never in `url`
    bool transientLogin = false; // user/password came from the window's login dialog: sent while Ferry
                                 //   runs, never written to the session (the keyring keeps it, if asked)
    bool useNetrc = true;     // answer a 401 from ~/.netrc when user/password do not (wget, aria2)
    QString netrcFile;        // empty: $NETRC, else ~/.netrc
    QByteArray cookies;       // a Netscape cookies.txt (its contents, read when the download was added)
    QByteArray referer;       // the Referer header, empty = none
    QByteArray userAgent;     // empty = "Ferry/<version>"
    // A new link for a partial file (`ferry get -O FILE --continue URL`, the
    // window's "Change link…"): the .part of this name may come from another
    // URL. Its data is kept only when the server shows it is the same file.
    bool continueFromOtherUrl = false;
    // The aria2 RPC's name for this download (16 hex digits), kept in the
    // session so a client's GID still answers after a restart; empty = none yet.
    QString gid;
};

// Moves user:password@ out of request->url into user/password (unless those
// are set already), so the URL that is shown, logged and written to the
// control file carries no secret.
inline void takeUrlCredentials(DownloadRequest *request)
{
    if (request->url.userInfo().isEmpty())
        return;
    if (request->user.isEmpty()) {
        request->user = request->url.userName(QUrl::FullyDecoded);
        request->password = request->url.password(QUrl::FullyDecoded);
    }
    request->url.setUserInfo(QString());
}

} // namespace ferry

Q_DECLARE_METATYPE(ferry::DownloadRequest)
