// SessionStore: session.json on disk (see SessionStore.h); the format itself
// is in SessionFormat.cpp.
#include "core/SessionStore.h"
#include "core/DirectorySync.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSaveFile>
#include <QStandardPaths>

#include <cerrno>
#include <cstdio>
#include <utility>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr int kDebounceMs = 1000;
constexpr qint64 kMaxFileBytes = 256 * 1024 * 1024;

enum class ReadStatus { Ok, Missing, Damaged };

ReadStatus readSessionFile(const QString &path, QList<DownloadRecord> *records, QString *error,
                           QStringList *skipped = nullptr)
{
    QFile file(path);
    if (!file.exists())
        return ReadStatus::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return ReadStatus::Damaged;
    }
    if (file.size() > kMaxFileBytes) {
        *error = QCoreApplication::translate("SessionStore", "the file is too large to be genuine");
        return ReadStatus::Damaged;
    }
    std::optional<QList<DownloadRecord>> parsed = sessionFromJson(file.readAll(), error, skipped);
    if (!parsed)
        return ReadStatus::Damaged;
    *records = std::move(*parsed);
    return ReadStatus::Ok;
}

// Replaces `to` by `from` in one step (rename(2) overwrites; QFile::rename does not).
bool replaceFile(const QString &from, const QString &to)
{
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

} // namespace

SessionStore::SessionStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SessionStore::startWrite);
    m_pool.setMaxThreadCount(1);
}

SessionStore::~SessionStore()
{
    m_debounce.stop();
    m_pool.waitForDone();
    if (m_pending) {
        QString error;
        writeFile(*m_pending, &error); // nobody is left to tell about a failure
    }
}

QString SessionStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/session.json"_s;
}

QString SessionStore::backupPath() const
{
    return m_path + u".bak"_s;
}

QString SessionStore::damagedPath() const
{
    return m_path + u".damaged"_s;
}

SessionStore::LoadResult SessionStore::load()
{
    QMutexLocker lock(&m_fileMutex);
    LoadResult result;
    QString mainError;
    QStringList skipped;
    const ReadStatus main = readSessionFile(m_path, &result.records, &mainError, &skipped);
    if (main == ReadStatus::Ok) {
        m_mainIsGood = true;
        if (!skipped.isEmpty()) {
            // The next save drops what could not be read: keep the file as it was, for a person to look at.
            QFile::remove(damagedPath());
            QFile::copy(m_path, damagedPath());
            result.warning = QCoreApplication::translate("SessionStore",
                "%n download(s) in the list %1 could not be read and were left out (%2). "
                "The file as it was is kept as %3.", nullptr, int(skipped.size()))
                                 .arg(QDir::toNativeSeparators(m_path), skipped.first(),
                                      QDir::toNativeSeparators(damagedPath()));
        }
        return result;
    }
    m_mainIsGood = false;

    QString backupError;
    const ReadStatus backup = readSessionFile(backupPath(), &result.records, &backupError, &skipped);
    const QString shownPath = QDir::toNativeSeparators(m_path);
    if (backup == ReadStatus::Ok) {
        if (main == ReadStatus::Damaged) {
            QFile::remove(damagedPath());
            QFile::rename(m_path, damagedPath());
            result.warning = QCoreApplication::translate("SessionStore",
                "The download list %1 could not be read (%2). The previous copy was restored; "
                "the most recent changes may be missing. The damaged file was kept as %3.")
                                 .arg(shownPath, mainError, QDir::toNativeSeparators(damagedPath()));
        } else {
            result.warning = QCoreApplication::translate("SessionStore",
                "The download list %1 was missing. The previous copy was restored; "
                "the most recent changes may be missing.")
                                 .arg(shownPath);
        }
        // Put the restored list back in place so the next write rotates a good file into the backup.
        QSaveFile restored(m_path);
        QFile backupFile(backupPath());
        if (restored.open(QIODevice::WriteOnly) && backupFile.open(QIODevice::ReadOnly)
            && restored.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            restored.write(backupFile.readAll());
            m_mainIsGood = restored.commit();
        }
        return result;
    }

    result.records.clear();
    if (main == ReadStatus::Missing && backup == ReadStatus::Missing)
        return result; // the first start

    const QString damaged = main == ReadStatus::Damaged ? m_path : backupPath();
    QFile::remove(damagedPath());
    QFile::rename(damaged, damagedPath());
    result.warning = QCoreApplication::translate("SessionStore",
        "The download list %1 could not be read (%2) and there is no usable previous copy. "
        "Ferry starts with an empty list; the damaged file was kept as %3.")
                         .arg(shownPath, main == ReadStatus::Damaged ? mainError : backupError,
                              QDir::toNativeSeparators(damagedPath()));
    return result;
}

void SessionStore::loadInBackground()
{
    m_pool.start([this] {
        LoadResult result = load();
        QMetaObject::invokeMethod(this, [this, result = std::move(result)] { Q_EMIT loaded(result); },
                                  Qt::QueuedConnection);
    });
}

void SessionStore::scheduleSave(const QList<DownloadRecord> &records)
{
    m_pending = records;
    if (!m_writing && !m_debounce.isActive() && !m_flushPending)
        m_debounce.start();
}

void SessionStore::flush(const QList<DownloadRecord> &records)
{
    m_debounce.stop();
    m_pending = records;
    m_flushPending = true;
    startWrite(); // or, while a write runs, right after it (onWriteDone)
}

void SessionStore::saveNow(const QList<DownloadRecord> &records)
{
    m_debounce.stop();
    m_pending.reset();
    m_pool.waitForDone();
    const bool supersedesFlush = std::exchange(m_flushPending, false); // its caller still hears back
    QString error;
    const bool ok = writeFile(records, &error);
    if (ok)
        Q_EMIT saved();
    else
        Q_EMIT saveFailed(error);
    if (supersedesFlush)
        Q_EMIT flushed(ok);
}

void SessionStore::startWrite()
{
    if (!m_pending || m_writing)
        return;
    m_writing = true;
    const bool isFlush = std::exchange(m_flushPending, false);
    QList<DownloadRecord> records = std::move(*m_pending);
    m_pending.reset();
    m_pool.start([this, isFlush, records = std::move(records)] {
        QString error;
        const bool ok = writeFile(records, &error);
        QMetaObject::invokeMethod(this, [this, ok, error, isFlush] { onWriteDone(ok, error, isFlush); },
                                  Qt::QueuedConnection);
    });
}

void SessionStore::onWriteDone(bool ok, const QString &message, bool wasFlush)
{
    m_writing = false;
    if (ok)
        Q_EMIT saved();
    else
        Q_EMIT saveFailed(message);
    if (wasFlush)
        Q_EMIT flushed(ok);
    if (m_pending && m_flushPending)
        startWrite();
    else if (m_pending && !m_debounce.isActive())
        m_debounce.start();
}

bool SessionStore::rotateToBackup(QString *error)
{
    if (!QFile::exists(m_path))
        return true;
    if (!m_mainIsGood) {
        // Not ours and not read yet: only a file that parses may replace the backup.
        QList<DownloadRecord> ignored;
        QString reason;
        if (readSessionFile(m_path, &ignored, &reason) != ReadStatus::Ok) {
            QFile::remove(damagedPath());
            QFile::rename(m_path, damagedPath());
            return true;
        }
    }
    // A hard link keeps the old contents under the backup name without copying;
    // QSaveFile then puts a new file (a new inode) in place of the main one.
    const QString temp = backupPath() + u".tmp"_s;
    QFile::remove(temp);
    const bool linked = ::link(QFile::encodeName(m_path).constData(), QFile::encodeName(temp).constData()) == 0;
    if ((!linked && !QFile::copy(m_path, temp)) || !replaceFile(temp, backupPath())) {
        QFile::remove(temp);
        if (error)
            *error = QCoreApplication::translate("SessionStore", "Could not keep a copy of %1 as %2.")
                         .arg(QDir::toNativeSeparators(m_path), QDir::toNativeSeparators(backupPath()));
        return false;
    }
    return true;
}

bool SessionStore::writeFile(const QList<DownloadRecord> &records, QString *error)
{
    const QByteArray json = sessionToJson(records);
    QMutexLocker lock(&m_fileMutex);
    const QString dir = QFileInfo(m_path).absolutePath();
    // A folder made here is the owner's only (0700); one that was there is left as the user made it.
    if (!QFileInfo::exists(dir) && QDir().mkpath(dir))
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!QDir().mkpath(dir)) {
        *error = QCoreApplication::translate("SessionStore", "Could not create the folder %1 for the download list.")
                     .arg(QDir::toNativeSeparators(dir));
        return false;
    }
    // A failed backup is not a reason to lose the new list; the write goes on.
    QString backupError;
    rotateToBackup(&backupError);

    // Logins, cookies and headers are in it: the owner's only (0600), set on
    // the temporary file before a byte is written.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(json) != json.size() || !file.commit()) {
        *error = QCoreApplication::translate("SessionStore", "Could not save the download list to %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), file.errorString());
        file.cancelWriting();
        return false;
    }
    m_mainIsGood = true;
    ++m_writeCount;
    syncDirectoryOf(m_path);
    return true;
}

} // namespace ferry
