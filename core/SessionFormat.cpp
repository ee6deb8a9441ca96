// The session.json format (docs/file-formats.md): download records to JSON
// and back, with a reader that names the first bad field of a record so one
// bad record is skipped and reported rather than costing the whole list.
#include "core/SessionFormat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr QLatin1StringView kFormat("ferry-session");
constexpr int kVersion = 1;
constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

struct ConflictName {
    ConflictPolicy policy;
    QLatin1StringView key;
};
constexpr ConflictName kConflicts[] = {
    {ConflictPolicy::Rename, QLatin1StringView("rename")},
    {ConflictPolicy::Overwrite, QLatin1StringView("overwrite")},
    {ConflictPolicy::Skip, QLatin1StringView("skip")},
};

struct ProxyModeName {
    ProxyMode mode;
    QLatin1StringView key;
};
constexpr ProxyModeName kProxyModes[] = {
    {ProxyMode::System, QLatin1StringView("system")},
    {ProxyMode::None, QLatin1StringView("none")},
    {ProxyMode::Manual, QLatin1StringView("manual")},
};

const char *proxyModeKey(ProxyMode mode)
{
    for (const ProxyModeName &m : kProxyModes) {
        if (m.mode == mode)
            return m.key.data();
    }
    return "system";
}

QString dateText(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString urlText(const QUrl &url)
{
    return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
}

// A field at its default is left out of the file: a history of 10,000
// downloads is mostly defaults, and the file's size is what loading it costs
// (issue #10, W1). The reader takes a missing field as its default.
void putString(QJsonObject &json, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        json.insert(key, value);
}

void putBoolean(QJsonObject &json, QLatin1StringView key, bool value, bool fallback)
{
    if (value != fallback)
        json.insert(key, value);
}

QJsonObject requestToJson(const DownloadRequest &r)
{
    QJsonObject json{
        {u"url"_s, urlText(r.url)},
        {u"directory"_s, r.directory},
        {u"connections"_s, r.connections},
    };
    putString(json, "fileName"_L1, r.fileName);
    if (!r.mirrors.isEmpty()) {
        QJsonArray mirrors;
        for (const QUrl &m : r.mirrors)
            mirrors.append(urlText(m));
        json.insert("mirrors"_L1, mirrors);
    }
    if (r.speedLimit != 0)
        json.insert("speedLimit"_L1, r.speedLimit);
    putString(json, "checksum"_L1, r.checksum.toString());
    if (!r.headers.isEmpty()) {
        QJsonArray headers;
        for (const auto &h : r.headers)
            headers.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
        json.insert("headers"_L1, headers);
    }
    for (const ConflictName &c : kConflicts) {
        if (c.policy == r.conflict && c.policy != kConflicts[0].policy)
            json.insert("conflict"_L1, c.key);
    }
    // What the download was added with on the network side (issue #9), so
    // a resume after a restart sends the same: the file is the owner's only.
    if (r.proxy.mode != ProxyMode::System || !r.proxy.url.isEmpty() || !r.proxy.noProxy.isEmpty()) {
        json.insert("proxy"_L1, QJsonObject{{u"mode"_s, QLatin1StringView(proxyModeKey(r.proxy.mode))},
                                            {u"url"_s, r.proxy.url}, {u"noProxy"_s, r.proxy.noProxy}});
    }
    // A login typed into the window's 401 dialog is the keyring's to keep (if
    // the user asked), never the session's: it loads back as no login.
    if (!r.transientLogin) {
        putString(json, "user"_L1, r.user);
        putString(json, "password"_L1, r.password);
    }
    putBoolean(json, "useNetrc"_L1, r.useNetrc, true);
    putString(json, "netrcFile"_L1, r.netrcFile);
    putString(json, "cookies"_L1, QString::fromLatin1(r.cookies));
    putString(json, "referer"_L1, QString::fromLatin1(r.referer));
    putString(json, "userAgent"_L1, QString::fromLatin1(r.userAgent));
    putBoolean(json, "continueFromOtherUrl"_L1, r.continueFromOtherUrl, false);
    putString(json, "gid"_L1, r.gid);
    return json;
}

QJsonObject snapshotToJson(const DownloadSnapshot &s)
{
    QJsonObject json{
        {u"id"_s, static_cast<qint64>(s.id)},
        {u"url"_s, urlText(s.url)},
        {u"finalUrl"_s, urlText(s.finalUrl)},
        {u"fileName"_s, s.fileName},
        {u"filePath"_s, s.filePath},
        {u"state"_s, QLatin1StringView(stateKey(s.state))},
        {u"wanted"_s, s.wanted},
        {u"totalBytes"_s, s.totalBytes},
        {u"receivedBytes"_s, s.receivedBytes},
        {u"resumable"_s, s.resumable},
        {u"added"_s, dateText(s.added)},
    };
    if (s.errorKind != ErrorKind::None)
        json.insert("errorKind"_L1, QLatin1StringView(errorKindKey(s.errorKind)));
    putString(json, "errorMessage"_L1, s.errorMessage);
    putString(json, "finished"_L1, dateText(s.finished));
    return json;
}

QUrl urlFrom(const QString &text)
{
    return text.isEmpty() ? QUrl() : QUrl(text);
}

// Reads typed fields from one JSON object and remembers the first problem,
// so the parser reads straight through and reports one clear reason.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString where, QString *error)
        : m_object(object), m_where(std::move(where)), m_error(error)
    {
    }

    bool ok() const { return !m_failed; }

    QString string(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isString()) {
            fail(key);
            return {};
        }
        return v.toString();
    }

    bool boolean(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isBool()) {
            fail(key);
            return false;
        }
        return v.toBool();
    }

    qint64 integer(QLatin1StringView key, qint64 min, qint64 max)
    {
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxExactInteger) {
            fail(key);
            return 0;
        }
        const qint64 n = v.toInteger(static_cast<qint64>(d));
        if (n < min || n > max) {
            fail(key);
            return 0;
        }
        return n;
    }

    QDateTime date(QLatin1StringView key)
    {
        const QString s = string(key);
        if (s.isEmpty())
            return {};
        const QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!dt.isValid()) {
            fail(key);
            return {};
        }
        return dt.toUTC();
    }

    // Fields left out at their default (and those added after version 1
    // first shipped): missing = the default, wrong type = a bad record.
    QString optionalString(QLatin1StringView key, QLatin1StringView fallback = {})
    {
        return m_object.contains(key) ? string(key) : QString(fallback);
    }

    qint64 optionalInteger(QLatin1StringView key, qint64 min, qint64 max, qint64 fallback)
    {
        return m_object.contains(key) ? integer(key, min, max) : fallback;
    }

    QDateTime optionalDate(QLatin1StringView key)
    {
        return m_object.contains(key) ? date(key) : QDateTime();
    }

    QJsonArray optionalArray(QLatin1StringView key)
    {
        return m_object.contains(key) ? array(key) : QJsonArray();
    }

    bool optionalBoolean(QLatin1StringView key, bool fallback)
    {
        return m_object.contains(key) ? boolean(key) : fallback;
    }

    QJsonObject optionalObject(QLatin1StringView key)
    {
        if (!m_object.contains(key))
            return {};
        const QJsonValue v = m_object.value(key);
        if (!v.isObject())
            fail(key);
        return v.toObject();
    }

    QJsonArray array(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isArray()) {
            fail(key);
            return {};
        }
        return v.toArray();
    }

    void fail(QLatin1StringView key)
    {
        failWith(QCoreApplication::translate("SessionStore", "%1: the field \"%2\" is missing or not valid.")
                     .arg(m_where, key));
    }

    void failWith(const QString &message)
    {
        if (m_failed)
            return;
        m_failed = true;
        if (m_error)
            *m_error = message;
    }

private:
    QJsonObject m_object;
    QString m_where;
    QString *m_error;
    bool m_failed = false;
};

std::optional<DownloadRecord> recordFromJson(const QJsonValue &value, int index, QString *error)
{
    const QString where = QCoreApplication::translate("SessionStore", "download %1").arg(index + 1);
    if (!value.isObject() || !value.toObject().value(u"request"_s).isObject()
        || !value.toObject().value(u"snapshot"_s).isObject()) {
        if (error)
            *error = QCoreApplication::translate("SessionStore", "%1 is not a download record.").arg(where);
        return std::nullopt;
    }
    DownloadRecord record;

    FieldReader req(value.toObject().value(u"request"_s).toObject(), where, error);
    DownloadRequest &r = record.request;
    const QString requestUrl = req.string("url"_L1);
    r.url = urlFrom(requestUrl);
    r.directory = req.string("directory"_L1);
    r.fileName = req.optionalString("fileName"_L1);
    const QJsonArray mirrors = req.optionalArray("mirrors"_L1);
    for (const QJsonValue &m : mirrors) {
        if (!m.isString()) {
            req.fail("mirrors"_L1);
            break;
        }
        r.mirrors.append(urlFrom(m.toString()));
    }
    r.connections = static_cast<int>(req.integer("connections"_L1, 0, 1024));
    r.speedLimit = req.optionalInteger("speedLimit"_L1, 0, std::numeric_limits<qint64>::max(), 0);
    const QString checksum = req.optionalString("checksum"_L1);
    if (req.ok() && !checksum.isEmpty()) {
        const std::optional<ChecksumSpec> spec = ChecksumSpec::parse(checksum);
        if (spec)
            r.checksum = *spec;
        else
            req.fail("checksum"_L1);
    }
    const QJsonArray headers = req.optionalArray("headers"_L1);
    for (const QJsonValue &h : headers) {
        const QJsonArray pair = h.toArray();
        if (!h.isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString()) {
            req.fail("headers"_L1);
            break;
        }
        r.headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    const QString conflict = req.optionalString("conflict"_L1, kConflicts[0].key);
    bool conflictKnown = false;
    for (const ConflictName &c : kConflicts) {
        if (conflict == c.key) {
            r.conflict = c.policy;
            conflictKnown = true;
        }
    }
    if (req.ok() && !conflictKnown)
        req.fail("conflict"_L1);
    const QJsonObject proxy = req.optionalObject("proxy"_L1);
    if (!proxy.isEmpty()) {
        FieldReader p(proxy, where, error);
        const QString mode = p.string("mode"_L1);
        bool modeKnown = false;
        for (const ProxyModeName &m : kProxyModes) {
            if (mode == m.key) {
                r.proxy.mode = m.mode;
                modeKnown = true;
            }
        }
        r.proxy.url = p.string("url"_L1);
        r.proxy.noProxy = p.string("noProxy"_L1);
        if (!p.ok() || !modeKnown)
            req.fail("proxy"_L1);
    }
    r.user = req.optionalString("user"_L1);
    r.password = req.optionalString("password"_L1);
    r.useNetrc = req.optionalBoolean("useNetrc"_L1, true);
    r.netrcFile = req.optionalString("netrcFile"_L1);
    r.cookies = req.optionalString("cookies"_L1).toLatin1();
    r.referer = req.optionalString("referer"_L1).toLatin1();
    r.userAgent = req.optionalString("userAgent"_L1).toLatin1();
    r.continueFromOtherUrl = req.optionalBoolean("continueFromOtherUrl"_L1, false);
    r.gid = req.optionalString("gid"_L1);
    if (!req.ok())
        return std::nullopt;

    FieldReader snap(value.toObject().value(u"snapshot"_s).toObject(), where, error);
    DownloadSnapshot &s = record.snapshot;
    s.id = static_cast<DownloadId>(snap.integer("id"_L1, 0, std::numeric_limits<qint64>::max()));
    // The links are mostly one and the same: parse it once and share it
    // (QUrl is implicitly shared), which a long history feels at start-up.
    const QString snapshotUrl = snap.string("url"_L1);
    s.url = snapshotUrl == requestUrl ? r.url : urlFrom(snapshotUrl);
    const QString finalUrl = snap.string("finalUrl"_L1);
    s.finalUrl = finalUrl == snapshotUrl ? s.url : urlFrom(finalUrl);
    s.fileName = snap.string("fileName"_L1);
    s.filePath = snap.string("filePath"_L1);
    const QString state = snap.string("state"_L1);
    s.state = stateFromKey(state, DownloadState::Queued);
    if (snap.ok() && state != QLatin1StringView(stateKey(s.state)))
        snap.fail("state"_L1);
    s.wanted = snap.boolean("wanted"_L1);
    const QString kind = snap.optionalString("errorKind"_L1, QLatin1StringView(errorKindKey(ErrorKind::None)));
    s.errorKind = errorKindFromKey(kind);
    if (snap.ok() && kind != QLatin1StringView(errorKindKey(s.errorKind)))
        snap.fail("errorKind"_L1);
    s.errorMessage = snap.optionalString("errorMessage"_L1);
    s.totalBytes = snap.integer("totalBytes"_L1, -1, std::numeric_limits<qint64>::max());
    s.receivedBytes = snap.integer("receivedBytes"_L1, 0, std::numeric_limits<qint64>::max());
    s.resumable = snap.boolean("resumable"_L1);
    s.added = snap.date("added"_L1);
    s.finished = snap.optionalDate("finished"_L1);
    if (!snap.ok())
        return std::nullopt;
    return record;
}

} // namespace

QByteArray sessionToJson(const QList<DownloadRecord> &records)
{
    QJsonArray downloads;
    for (const DownloadRecord &r : records)
        downloads.append(QJsonObject{{u"request"_s, requestToJson(r.request)}, {u"snapshot"_s, snapshotToJson(r.snapshot)}});
    const QJsonObject root{{u"format"_s, kFormat}, {u"version"_s, kVersion}, {u"downloads"_s, downloads}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<QList<DownloadRecord>> sessionFromJson(const QByteArray &json, QString *error, QStringList *skipped)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QCoreApplication::translate("SessionStore", "the file is damaged or incomplete (%1 at byte %2)")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(u"format"_s).toString() != kFormat) {
        if (error)
            *error = QCoreApplication::translate("SessionStore", "this is not a Ferry session file");
        return std::nullopt;
    }
    const QJsonValue version = root.value(u"version"_s);
    if (!version.isDouble() || version.toDouble() != kVersion) {
        if (error)
            *error = QCoreApplication::translate("SessionStore", "the file has format version %1; this Ferry reads version %2")
                         .arg(version.toVariant().toString())
                         .arg(kVersion);
        return std::nullopt;
    }
    const QJsonValue downloads = root.value(u"downloads"_s);
    if (!downloads.isArray()) {
        if (error)
            *error = QCoreApplication::translate("SessionStore", "the list of downloads is missing");
        return std::nullopt;
    }
    QList<DownloadRecord> records;
    const QJsonArray array = downloads.toArray();
    records.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        // One bad record (a hand edit, a bit flip, a field a newer Ferry wrote
        // wrongly) costs that record, not the whole history.
        QString reason;
        std::optional<DownloadRecord> record = recordFromJson(array.at(i), static_cast<int>(i), &reason);
        if (record)
            records.append(std::move(*record));
        else if (skipped)
            skipped->append(reason);
    }
    return records;
}

} // namespace ferry
