// A download as aria2's RPC describes it (tellStatus, tellActive…): aria2's
// keys, every value a string, Ferry's states and failure causes mapped onto
// aria2's `status` words and `errorCode` numbers (aria2 manual, EXIT STATUS).
// Pure: snapshot and request in, JSON out.
#pragma once

#include "core/DownloadRequest.h"
#include "core/DownloadSnapshot.h"

#include <QByteArray>
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

// Which of statusKeys() a client asked for (all when `keys` is empty), as bits.
quint32 keyMask(const QStringList &keys);
// The status struct with only the keys in `mask`, appended as JSON text:
// the fast path for lists of thousands (see JsonText.h).
void appendStatus(QByteArray &out, const Aria2Entry &entry, quint32 mask);
// The same as a QJsonObject, for single answers and tests.
QJsonObject status(const Aria2Entry &entry, const QStringList &keys = {});
QJsonArray files(const Aria2Entry &entry);
QJsonArray uris(const Aria2Entry &entry);

} // namespace aria2
} // namespace ferry
