// A download as seen from outside the engine: a value copied across threads.
#pragma once

#include "core/DownloadState.h"
#include "core/TranslatableText.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace ferry {

struct DownloadSnapshot {
    DownloadId id = 0;
    QUrl url;                 // as added
    QUrl finalUrl;            // after redirects
    QString fileName;         // final name (without .part)
    QString filePath;         // absolute final path
    DownloadState state = DownloadState::Queued;
    bool wanted = true;       // the user's intent: run (true) or stay stopped (false)
    ErrorKind errorKind = ErrorKind::None;
    QString errorMessage;     // human, in the language of the moment it failed (for the session, RPC, CLI)
    TranslatableText error;   // the same, translated when shown; empty for a download restored from the session
    FailureCause cause = FailureCause::None; // finer than errorKind; not saved
    qint64 totalBytes = -1;   // -1 while unknown
    qint64 receivedBytes = 0; // bytes safely in the .part file
    double bytesPerSecond = 0;
    qint64 etaSeconds = -1;   // -1 when unknown
    int connections = 0;      // connections receiving now
    bool resumable = false;   // the server answered a range request with 206
    QDateTime added;
    QDateTime finished;
    QDateTime retryAt;        // Failed, and an automatic retry is due then (invalid = none)
    bool moving = false;      // its files are being moved to another folder (setDirectory); not saved

    bool isActive() const { return state == DownloadState::Downloading || state == DownloadState::Verifying; }
    // The error in the language installed now (the stored text when nothing else is known).
    QString errorText() const { return error.isEmpty() ? errorMessage : error.toString(); }
    bool isFinal() const { return state == DownloadState::Completed || state == DownloadState::Failed; }
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::DownloadSnapshot)
