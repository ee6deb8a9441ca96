// Moving a download's files to another folder, all or nothing: each file is
// placed at its new name first — a hard link on the same file system, else a
// copy to a temporary name in the target folder, fsync'ed and renamed into
// place without replacing anything (renameat2 RENAME_NOREPLACE) — and only
// when every file is in place are the old names removed. On any failure the
// files placed so far are removed again, so the originals stay complete and
// nothing half-copied is left in the target. A name that exists in the target
// folder is never overwritten. Plain blocking file I/O: run it on a thread
// pool, never on the GUI thread. Memory: one 1 MiB buffer.
#pragma once

#include <QList>
#include <QString>

namespace ferry {

struct FileMoveStep {
    QString from;
    QString to;
};

// Returns an empty string when every file was moved, else one translated
// sentence saying what failed (nothing was moved then). `forceCopy`: the
// copy path even on one file system (for tests).
QString moveFiles(const QList<FileMoveStep> &steps, bool forceCopy = false);

} // namespace ferry
