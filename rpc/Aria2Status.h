// A download as aria2's RPC describes it (tellStatus, tellActive…): aria2's
// keys, every value a string, Ferry's states and failure causes mapped onto
// aria2's `status` words and `errorCode` numbers (aria2 manual, EXIT STATUS).
// Pure: snapshot and request in, JSON out.
#pragma once

#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace ferry {

struct Aria2Entry {
    QString gid;
    DownloadSnapshot snapshot;
    DownloadRequest request;
    bool removed = false; // kept as a result after aria2.remove
};

namespace aria2 {

// Every key Ferry fills, in the order aria2 documents them.
const QStringList &statusKeys();

// "active", "waiting", "paused", "error", "complete" or "removed".
QString statusWord(const DownloadSnapshot &snapshot, bool removed);
// aria2's exit-status number for a stopped download ("0" complete, "31" removed).
int errorCode(const DownloadSnapshot &snapshot, bool removed);
bool isStopped(const DownloadSnapshot &snapshot, bool removed); // tellStopped's list

// The status struct with only `keys` (all when empty).
QJsonObject status(const Aria2Entry &entry, const QStringList &keys = {});
QJsonArray files(const Aria2Entry &entry);
QJsonArray uris(const Aria2Entry &entry);

} // namespace aria2
} // namespace ferry
