// An expected checksum ("sha256=HEX") and the streaming verification of a file.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QMetaType>
#include <QString>
#include <atomic>
#include <optional>

class QThreadPool;

namespace ferry {

struct ChecksumSpec {
    QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256;
    QByteArray expectedHex; // lower-case hex; empty = no checksum

    bool isEmpty() const { return expectedHex.isEmpty(); }

    // "md5=…", "sha1=…", "sha256=…", "sha512=…" (the algorithm name is
    // case-insensitive, the digest must have the algorithm's length).
    // Returns nullopt and sets *error (translated) when the text is not valid.
    static std::optional<ChecksumSpec> parse(QStringView text, QString *error = nullptr);
    QString toString() const; // "sha256=…"
    QString algorithmName() const; // "sha256"
};

// Hashes a file in bounded chunks (never the whole file in memory). Blocking:
// call it from a task on checksumThreadPool(), never from the GUI or a
// network thread. Returns the lower-case hex digest, or an empty array and
// *error on a read failure — or as soon as *cancel is true (checked between
// 1 MiB chunks, so a pause or quit stops a hash of any size at once).
QByteArray hashFile(const QString &path, QCryptographicHash::Algorithm algorithm, QString *error = nullptr,
                    const std::atomic_bool *cancel = nullptr);

// The pool checksums run on: their own, so that hashing a large file never
// takes the QThreadPool::globalInstance() threads that checkpoints (fdatasync,
// control files) of other downloads need.
QThreadPool *checksumThreadPool();

} // namespace ferry

Q_DECLARE_METATYPE(ferry::ChecksumSpec)
