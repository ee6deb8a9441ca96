// The control file: see ControlFile.h and docs/file-formats.md. Reading is
// paranoid on purpose: a control file that claims bytes the .part file does
// not hold would produce a corrupt download without anyone noticing, so any
// doubt means "start again", with a reason the user can read.
#include "core/ControlFile.h"
#include "core/DirectorySync.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>

#include <cmath>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr QLatin1StringView kFormat("ferry-control");
constexpr int kVersion = 1;
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024; // far above any real control file
constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53: JSON numbers are doubles elsewhere

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QString fieldError(QLatin1StringView field)
{
    return QCoreApplication::translate("ControlFile", "The control file's field \"%1\" is missing or has the wrong type.")
        .arg(field);
}

std::optional<qint64> integerValue(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxExactInteger)
        return std::nullopt;
    return v.toInteger(static_cast<qint64>(d));
}

// A header value kept as text: Latin-1 and no control characters, so it can
// go back into a request header unchanged.
std::optional<QByteArray> headerValue(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString();
    for (const QChar c : s) {
        if (c.unicode() > 0xff || c.unicode() < 0x20 || c.unicode() == 0x7f)
            return std::nullopt;
    }
    return s.toLatin1();
}

std::optional<QUrl> urlValue(const QJsonValue &v, bool allowEmpty)
{
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString();
    if (s.isEmpty())
        return allowEmpty ? std::optional<QUrl>(QUrl()) : std::nullopt;
    const QUrl url(s, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return std::nullopt;
    return url;
}

bool isPlainFileName(const QString &name)
{
    return !name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/') && !name.contains(QChar(0));
}

} // namespace

namespace ControlFile {

QString pathForPart(const QString &partPath)
{
    return partPath + u".ferry"_s;
}

QStringList namesIn(const QString &directory)
{
    static constexpr char kSuffix[] = ".part.ferry";
    constexpr size_t kSuffixLength = sizeof(kSuffix) - 1;
    QStringList names;
    DIR *dir = ::opendir(QFile::encodeName(directory).constData());
    if (!dir)
        return names;
    while (const dirent *entry = ::readdir(dir)) {
        const size_t length = std::strlen(entry->d_name);
        if (length <= kSuffixLength || std::memcmp(entry->d_name + length - kSuffixLength, kSuffix, kSuffixLength) != 0)
            continue;
        if (entry->d_type != DT_REG && entry->d_type != DT_UNKNOWN)
            continue; // DT_UNKNOWN: the file system does not say; ControlFile::read finds out
        names << QFile::decodeName(entry->d_name);
    }
    ::closedir(dir);
    names.sort();
    return names;
}

QByteArray toJson(const ControlData &data)
{
    QJsonArray finished;
    for (const ByteSpan &s : data.finished)
        finished.append(QJsonArray{s.begin, s.end});
    const QJsonObject root{
        {u"format"_s, kFormat},
        {u"version"_s, kVersion},
        {u"url"_s, data.url.toString(QUrl::FullyEncoded)},
        {u"finalUrl"_s, data.finalUrl.isEmpty() ? QString() : data.finalUrl.toString(QUrl::FullyEncoded)},
        {u"fileName"_s, data.fileName},
        {u"totalBytes"_s, data.totalBytes},
        {u"resumable"_s, data.resumable},
        {u"etag"_s, QString::fromLatin1(data.etag)},
        {u"lastModified"_s, QString::fromLatin1(data.lastModified)},
        {u"finished"_s, finished},
        {u"checksum"_s, data.checksum.toString()},
        {u"updated"_s, data.updated.isValid() ? data.updated.toUTC().toString(Qt::ISODateWithMs) : QString()},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<ControlData> fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, QCoreApplication::translate("ControlFile", "The control file is damaged or incomplete (%1 at byte %2).")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        setError(error, QCoreApplication::translate("ControlFile", "This is not a Ferry control file."));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (root.value(u"format"_s).toString() != kFormat) {
        setError(error, QCoreApplication::translate("ControlFile", "This is not a Ferry control file."));
        return std::nullopt;
    }
    const std::optional<qint64> version = integerValue(root.value(u"version"_s));
    if (!version) {
        setError(error, fieldError("version"_L1));
        return std::nullopt;
    }
    if (*version != kVersion) {
        setError(error, QCoreApplication::translate("ControlFile",
                                                    "The control file has format version %1; this Ferry reads version %2.")
                            .arg(*version)
                            .arg(kVersion));
        return std::nullopt;
    }

    ControlData data;
    const std::optional<QUrl> url = urlValue(root.value(u"url"_s), false);
    if (!url) {
        setError(error, QCoreApplication::translate("ControlFile", "The control file has no valid download address."));
        return std::nullopt;
    }
    data.url = *url;
    const std::optional<QUrl> finalUrl = urlValue(root.value(u"finalUrl"_s), true);
    if (!finalUrl) {
        setError(error, fieldError("finalUrl"_L1));
        return std::nullopt;
    }
    data.finalUrl = *finalUrl;

    const QJsonValue fileName = root.value(u"fileName"_s);
    if (!fileName.isString() || !isPlainFileName(fileName.toString())) {
        setError(error, fieldError("fileName"_L1));
        return std::nullopt;
    }
    data.fileName = fileName.toString();

    const std::optional<qint64> total = integerValue(root.value(u"totalBytes"_s));
    if (!total || *total < -1) {
        setError(error, fieldError("totalBytes"_L1));
        return std::nullopt;
    }
    data.totalBytes = *total;
    const QJsonValue resumable = root.value(u"resumable"_s);
    if (!resumable.isBool()) {
        setError(error, fieldError("resumable"_L1));
        return std::nullopt;
    }
    data.resumable = resumable.toBool();
    if (data.resumable && data.totalBytes < 0) {
        setError(error, QCoreApplication::translate("ControlFile",
                                                    "The control file describes a resumable download without a size."));
        return std::nullopt;
    }

    const std::optional<QByteArray> etag = headerValue(root.value(u"etag"_s));
    if (!etag) {
        setError(error, fieldError("etag"_L1));
        return std::nullopt;
    }
    data.etag = *etag;
    const std::optional<QByteArray> lastModified = headerValue(root.value(u"lastModified"_s));
    if (!lastModified) {
        setError(error, fieldError("lastModified"_L1));
        return std::nullopt;
    }
    data.lastModified = *lastModified;

    const QJsonValue finished = root.value(u"finished"_s);
    if (!finished.isArray()) {
        setError(error, fieldError("finished"_L1));
        return std::nullopt;
    }
    qint64 previousEnd = 0;
    for (const QJsonValue &item : finished.toArray()) {
        const QJsonArray pair = item.toArray();
        const std::optional<qint64> begin = item.isArray() && pair.size() == 2 ? integerValue(pair.at(0)) : std::nullopt;
        const std::optional<qint64> end = begin ? integerValue(pair.at(1)) : std::nullopt;
        if (!begin || !end) {
            setError(error, fieldError("finished"_L1));
            return std::nullopt;
        }
        if (*begin < previousEnd || *begin >= *end || data.totalBytes < 0 || *end > data.totalBytes) {
            setError(error, QCoreApplication::translate("ControlFile",
                "The control file's finished ranges overlap, are out of order or lie outside the file."));
            return std::nullopt;
        }
        data.finished.append({*begin, *end});
        previousEnd = *end;
    }

    const QJsonValue checksum = root.value(u"checksum"_s);
    if (!checksum.isString()) {
        setError(error, fieldError("checksum"_L1));
        return std::nullopt;
    }
    if (!checksum.toString().isEmpty()) {
        QString reason;
        const std::optional<ChecksumSpec> spec = ChecksumSpec::parse(checksum.toString(), &reason);
        if (!spec) {
            setError(error, QCoreApplication::translate("ControlFile", "The control file's checksum is not valid: %1")
                                .arg(reason));
            return std::nullopt;
        }
        data.checksum = *spec;
    }

    const QJsonValue updated = root.value(u"updated"_s);
    if (!updated.isString()) {
        setError(error, fieldError("updated"_L1));
        return std::nullopt;
    }
    if (!updated.toString().isEmpty()) {
        data.updated = QDateTime::fromString(updated.toString(), Qt::ISODateWithMs);
        if (!data.updated.isValid()) {
            setError(error, fieldError("updated"_L1));
            return std::nullopt;
        }
        data.updated = data.updated.toUTC();
    }
    return data;
}

bool write(const QString &path, const ControlData &data, QString *error)
{
    QSaveFile file(path);
    // It names the URL and the validators of what may be a private file: the owner's only (0600).
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        setError(error, file.errorString());
        return false;
    }
    const QByteArray json = toJson(data);
    if (file.write(json) != json.size()) {
        setError(error, file.errorString());
        file.cancelWriting();
        return false;
    }
    // commit() fsyncs the temporary file and renames it over the old one.
    if (!file.commit()) {
        setError(error, file.errorString());
        return false;
    }
    // The rename itself lives in the directory; without this a power cut can bring back the old file.
    syncDirectoryOf(path);
    return true;
}

bool remove(const QString &path, QString *error)
{
    QFile file(path);
    if (file.exists() && !file.remove()) {
        setError(error, file.errorString());
        return false;
    }
    syncDirectoryOf(path); // the unlink is durable before anything that relies on it
    return true;
}

std::optional<ControlData> read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxFileBytes) {
        setError(error, QCoreApplication::translate("ControlFile", "The control file is too large to be genuine."));
        return std::nullopt;
    }
    const QByteArray json = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        setError(error, file.errorString());
        return std::nullopt;
    }
    return fromJson(json, error);
}

} // namespace ControlFile

} // namespace ferry
