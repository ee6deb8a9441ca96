// aria2's option dictionaries (addUri, changeOption, changeGlobalOption) in
// Ferry's terms: which names are understood, how their string values parse,
// what a download starts with. Unknown names are ignored, as aria2 ignores
// them; a known name with a bad value is one clear error. Pure.
#pragma once

#include "core/DownloadRequest.h"
#include "rpc/Aria2Proxy.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ferry {

// The defaults every new download starts from (aria2's global options).
struct Aria2GlobalOptions {
    QString dir;                  // where downloads go
    int split = 4;                // Ferry's default connections
    int maxConnectionPerServer = 4;
    int maxConcurrentDownloads = 3;
    qint64 maxOverallDownloadLimit = 0; // bytes/s, 0 = none
    qint64 maxDownloadLimit = 0;        // per download, bytes/s
    // all-proxy, all-proxy-user, all-proxy-passwd, no-proxy: copied into each
    // download added afterwards, as aria2 does (`ferry daemon --all-proxy`).
    Aria2Proxy proxy;
    // The window's proxy is Settings → Network's: changeGlobalOption refuses
    // the proxy names there (a download's own all-proxy is still taken).
    bool proxyInSettings = false;
    QJsonObject toJson() const;         // every value a string
};

struct Aria2AddOptions {
    DownloadRequest request;
    bool paused = false;
    QString gid; // the client's own GID ("gid" option), empty = make one
};

namespace aria2 {

// "0", "512K", "2M" → bytes (K = 1024, M = 1024²), as aria2 reads sizes.
std::optional<qint64> parseSize(const QString &text);

// addUri's options on top of the globals. nullopt + *error for a bad value.
std::optional<Aria2AddOptions> addOptions(const QJsonObject &options, const Aria2GlobalOptions &globals,
                                          QString *error);
// changeGlobalOption: applies what it knows onto *globals; false + *error.
bool changeGlobal(const QJsonObject &options, Aria2GlobalOptions *globals, QString *error);
// getOption's answer for one download.
QJsonObject downloadOptions(const DownloadRequest &request, const Aria2GlobalOptions &globals);

} // namespace aria2
} // namespace ferry
