// See Aria2Options.h. Values arrive as strings (aria2's clients send every
// option as a string) but numbers and, for `header`, arrays are accepted too.
#include "rpc/Aria2Options.h"

#include <QDir>
#include <QJsonArray>

#include <limits>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return {};
}

QString badValue(const QString &name)
{
    // aria2's wording, so clients that show it read the same.
    return u"We encountered a problem while processing the option '--%1'."_s.arg(name);
}

std::optional<int> parseInt(const QString &value, int min, int max)
{
    bool ok = false;
    const int n = value.trimmed().toInt(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

std::optional<bool> parseBool(const QString &value)
{
    if (value == u"true")
        return true;
    if (value == u"false")
        return false;
    return std::nullopt;
}

// aria2 checksums are "sha-256=hex"; Ferry's are "sha256=hex".
std::optional<ChecksumSpec> parseChecksum(const QString &value)
{
    QString spec = value.trimmed();
    const qsizetype eq = spec.indexOf(u'=');
    if (eq <= 0)
        return std::nullopt;
    QString algorithm = spec.left(eq).toLower();
    algorithm.remove(u'-');
    return ChecksumSpec::parse(QString(algorithm + spec.mid(eq)));
}

bool validHeader(const QString &line)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0 || line.contains(u'\r') || line.contains(u'\n'))
        return false;
    const QString name = line.left(colon).trimmed();
    return !name.isEmpty() && !name.contains(u' ');
}

void addHeader(DownloadRequest &request, const QString &name, const QString &value)
{
    request.headers.append({name.toUtf8(), value.toUtf8()});
}

} // namespace

QJsonObject Aria2GlobalOptions::toJson() const
{
    QJsonObject o{
        {u"dir"_s, dir},
        {u"split"_s, QString::number(split)},
        {u"max-connection-per-server"_s, QString::number(maxConnectionPerServer)},
        {u"max-concurrent-downloads"_s, QString::number(maxConcurrentDownloads)},
        {u"max-overall-download-limit"_s, QString::number(maxOverallDownloadLimit)},
        {u"max-download-limit"_s, QString::number(maxDownloadLimit)},
        {u"continue"_s, u"true"_s},
        {u"allow-overwrite"_s, u"false"_s},
        {u"auto-file-renaming"_s, u"true"_s},
        {u"pause"_s, u"false"_s},
    };
    proxy.insertInto(o);
    return o;
}

namespace aria2 {

std::optional<qint64> parseSize(const QString &input)
{
    QString value = input.trimmed();
    qint64 factor = 1;
    if (value.endsWith(u'K', Qt::CaseInsensitive))
        factor = 1024;
    else if (value.endsWith(u'M', Qt::CaseInsensitive))
        factor = 1024 * 1024;
    if (factor != 1)
        value.chop(1);
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < 0 || n > std::numeric_limits<qint64>::max() / factor)
        return std::nullopt;
    return n * factor;
}

std::optional<Aria2AddOptions> addOptions(const QJsonObject &options, const Aria2GlobalOptions &globals,
                                          QString *error)
{
    Aria2AddOptions add;
    DownloadRequest &r = add.request;
    r.directory = globals.dir;
    r.speedLimit = globals.maxDownloadLimit;
    int split = globals.split;
    int perServer = globals.maxConnectionPerServer;
    QString user;
    QString password;
    Aria2Proxy proxy = globals.proxy;
    const auto failWith = [error](const QString &name) {
        if (error)
            *error = badValue(name);
        return std::nullopt;
    };

    for (auto it = options.constBegin(); it != options.constEnd(); ++it) {
        const QString name = it.key();
        const QString value = text(it.value());
        if (name == u"dir") {
            if (value.isEmpty())
                return failWith(name);
            r.directory = QDir::cleanPath(value);
        } else if (name == u"out") {
            // One file name: aria2 allows sub-folders here, Ferry keeps
            // everything inside `dir`.
            if (value.isEmpty() || value.contains(u'/') || value == u"." || value == u".." || value.contains(QChar(0)))
                return failWith(name);
            r.fileName = value;
        } else if (name == u"split") {
            const auto n = parseInt(value, 1, 16);
            if (!n)
                return failWith(name);
            split = *n;
        } else if (name == u"max-connection-per-server") {
            const auto n = parseInt(value, 1, 16);
            if (!n)
                return failWith(name);
            perServer = *n;
        } else if (name == u"header") {
            const QJsonArray lines = it.value().isArray() ? it.value().toArray() : QJsonArray{it.value()};
            for (const QJsonValue &line : lines) {
                const QString header = text(line);
                if (!validHeader(header))
                    return failWith(name);
                const qsizetype colon = header.indexOf(u':');
                addHeader(r, header.left(colon).trimmed(), header.mid(colon + 1).trimmed());
            }
        } else if (name == u"referer") {
            if (value.contains(u'\r') || value.contains(u'\n'))
                return failWith(name);
            if (value != u"*") // aria2's "*" means "the URI itself"; Ferry's engine sends no Referer then
                addHeader(r, u"Referer"_s, value);
        } else if (name == u"user-agent") {
            if (value.contains(u'\r') || value.contains(u'\n'))
                return failWith(name);
            addHeader(r, u"User-Agent"_s, value);
        } else if (name == u"http-user" || name == u"http-passwd") {
            if (value.contains(u'\r') || value.contains(u'\n'))
                return failWith(name);
            (name == u"http-user" ? user : password) = value;
        } else if (aria2::isProxyOption(name)) {
            if (!aria2::setProxyOption(&proxy, name, value))
                return failWith(name);
        } else if (name == u"checksum") {
            const auto spec = parseChecksum(value);
            if (!spec)
                return failWith(name);
            r.checksum = *spec;
        } else if (name == u"max-download-limit") {
            const auto n = parseSize(value);
            if (!n)
                return failWith(name);
            r.speedLimit = *n;
        } else if (name == u"pause") {
            const auto b = parseBool(value);
            if (!b)
                return failWith(name);
            add.paused = *b;
        } else if (name == u"allow-overwrite") {
            const auto b = parseBool(value);
            if (!b)
                return failWith(name);
            r.conflict = *b ? ConflictPolicy::Overwrite : ConflictPolicy::Rename;
        } else if (name == u"continue") {
            if (!parseBool(value))
                return failWith(name); // Ferry always continues what it finds
        } else if (name == u"gid") {
            add.gid = value;
        }
        // Everything else is ignored, as aria2 ignores options it cannot take here.
    }
    r.connections = std::min(split, perServer);
    if (proxy != Aria2Proxy())
        r.proxy = proxy.setting(); // else System: the *_proxy variables, or the window's Settings → Network
    if (!user.isEmpty()) {
        // Sent at once as Basic, as aria2 does; the URL itself stays free of it.
        addHeader(r, u"Authorization"_s,
                  u"Basic "_s + QString::fromLatin1(QString(user + u':' + password).toUtf8().toBase64()));
    }
    return add;
}

bool changeGlobal(const QJsonObject &options, Aria2GlobalOptions *globals, QString *error)
{
    Aria2GlobalOptions next = *globals;
    for (auto it = options.constBegin(); it != options.constEnd(); ++it) {
        const QString name = it.key();
        const QString value = text(it.value());
        bool ok = true;
        if (name == u"dir") {
            ok = !value.isEmpty();
            next.dir = QDir::cleanPath(value);
        } else if (name == u"split" || name == u"max-connection-per-server") {
            const auto n = parseInt(value, 1, 16);
            ok = n.has_value();
            (name == u"split" ? next.split : next.maxConnectionPerServer) = n.value_or(1);
        } else if (name == u"max-concurrent-downloads") {
            const auto n = parseInt(value, 1, 1000);
            ok = n.has_value();
            next.maxConcurrentDownloads = n.value_or(1);
        } else if (name == u"max-overall-download-limit" || name == u"max-download-limit") {
            const auto n = parseSize(value);
            ok = n.has_value();
            (name == u"max-download-limit" ? next.maxDownloadLimit : next.maxOverallDownloadLimit) = n.value_or(0);
        } else if (aria2::isProxyOption(name)) {
            if (next.proxyInSettings) {
                // The window's downloads follow Settings → Network; answering OK
                // here would mislead the client.
                if (error)
                    *error = u"Ferry's window takes its proxy from Settings → Network: change '%1' there "
                              "(addUri and changeOption still take a download's own all-proxy)."_s.arg(name);
                return false;
            }
            ok = aria2::setProxyOption(&next.proxy, name, value);
        }
        if (!ok) {
            if (error)
                *error = badValue(name);
            return false;
        }
    }
    *globals = next;
    return true;
}

QJsonObject downloadOptions(const DownloadRequest &request, const Aria2GlobalOptions &globals)
{
    QJsonObject o{
        {u"dir"_s, request.directory},
        {u"split"_s, QString::number(request.connections)},
        {u"max-connection-per-server"_s, QString::number(std::max(request.connections, globals.maxConnectionPerServer))},
        {u"max-download-limit"_s, QString::number(request.speedLimit)},
        {u"allow-overwrite"_s, request.conflict == ConflictPolicy::Overwrite ? u"true"_s : u"false"_s},
        {u"continue"_s, u"true"_s},
    };
    if (!request.fileName.isEmpty())
        o.insert(u"out"_s, request.fileName);
    if (!request.checksum.isEmpty())
        o.insert(u"checksum"_s, request.checksum.toString());
    aria2::proxyOf(request.proxy).insertInto(o);
    QJsonArray headers;
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
            continue; // a secret
        headers.append(QString::fromUtf8(name + ": " + value));
    }
    if (!headers.isEmpty())
        o.insert(u"header"_s, headers);
    return o;
}

} // namespace aria2
} // namespace ferry
