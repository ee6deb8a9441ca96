// cookies.txt parsing and writing: see CookiesTxt.h. Tolerant as curl is of
// what exporters vary (CRLF, case of TRUE/FALSE, a missing value, leading
// blanks), strict about what would make a cookie go to the wrong place (the
// domain, the flags, the expiry must parse or the line is skipped).
#include "core/CookiesTxt.h"

#include <QCoreApplication>
#include <QFile>

#include <optional>

namespace ferry {

namespace {

constexpr QByteArrayView kHttpOnlyPrefix = "#HttpOnly_";

std::optional<bool> parseFlag(QByteArrayView field)
{
    if (field.compare("TRUE", Qt::CaseInsensitive) == 0)
        return true;
    if (field.compare("FALSE", Qt::CaseInsensitive) == 0)
        return false;
    return std::nullopt;
}

} // namespace

CookiesTxt parseCookiesTxt(QByteArrayView text, const QDateTime &now)
{
    CookiesTxt result;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        while (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t'))
            line = line.sliced(1);
        if (line.isEmpty())
            continue;

        bool httpOnly = false;
        if (line.startsWith(kHttpOnlyPrefix)) {
            httpOnly = true;
            line = line.sliced(kHttpOnlyPrefix.size());
        } else if (line.front() == '#') {
            continue;
        }

        // Six tabs at most split the line; the value is everything after the sixth.
        QList<QByteArrayView> fields;
        qsizetype pos = 0;
        while (fields.size() < 6) {
            const qsizetype tab = line.indexOf('\t', pos);
            if (tab < 0)
                break;
            fields.append(line.sliced(pos, tab - pos));
            pos = tab + 1;
        }
        fields.append(line.sliced(pos));
        if (fields.size() == 6)
            fields.append(QByteArrayView()); // curl: a cookie with a blank value

        bool ok = fields.size() == 7;
        const auto subdomains = ok ? parseFlag(fields[1]) : std::nullopt;
        const auto secure = ok ? parseFlag(fields[3]) : std::nullopt;
        const qint64 expiry = ok ? fields[4].toLongLong(&ok) : 0;
        QByteArray domain = ok ? fields[0].toByteArray() : QByteArray();
        while (domain.startsWith('.'))
            domain.remove(0, 1);
        if (!ok || !subdomains || !secure || expiry < 0 || domain.isEmpty() || fields[5].isEmpty()
            || domain.contains(' ')) {
            ++result.skippedLines;
            continue;
        }

        QNetworkCookie cookie(fields[5].toByteArray(), fields[6].toByteArray());
        cookie.setDomain(QString::fromUtf8(*subdomains ? '.' + domain : domain));
        cookie.setPath(fields[2].isEmpty() ? QStringLiteral("/") : QString::fromUtf8(fields[2]));
        cookie.setSecure(*secure);
        cookie.setHttpOnly(httpOnly);
        if (expiry > 0) {
            const QDateTime expires = QDateTime::fromSecsSinceEpoch(expiry, Qt::UTC);
            if (expires <= now) {
                ++result.expiredCookies;
                continue;
            }
            cookie.setExpirationDate(expires);
        }
        result.cookies.append(cookie);
    }
    return result;
}

QByteArray formatCookiesTxt(const QList<QNetworkCookie> &cookies)
{
    QByteArray out = "# Netscape HTTP Cookie File\n"
                     "# Written by Ferry; the same format curl, wget and aria2 read.\n\n";
    for (const QNetworkCookie &cookie : cookies) {
        const QString domain = cookie.domain();
        // A line break or tab inside a field would start another cookie when read back.
        const auto unsafe = [](const QByteArray &field) {
            return field.contains('\n') || field.contains('\r') || field.contains('\t');
        };
        if (domain.isEmpty() || unsafe(domain.toUtf8()) || unsafe(cookie.path().toUtf8()) || cookie.name().isEmpty()
            || unsafe(cookie.name()) || unsafe(cookie.value()))
            continue;
        const bool subdomains = domain.startsWith(u'.');
        if (cookie.isHttpOnly())
            out += kHttpOnlyPrefix.toByteArray();
        out += domain.toUtf8() + '\t' + (subdomains ? "TRUE" : "FALSE") + '\t'
            + (cookie.path().isEmpty() ? QByteArray("/") : cookie.path().toUtf8()) + '\t'
            + (cookie.isSecure() ? "TRUE" : "FALSE") + '\t'
            + QByteArray::number(cookie.isSessionCookie() ? 0 : cookie.expirationDate().toSecsSinceEpoch()) + '\t'
            + cookie.name() + '\t' + cookie.value() + '\n';
    }
    return out;
}

bool loadCookiesTxtFile(const QString &path, CookiesTxt *result, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("ferry::CookiesTxt", "cannot read the cookies file %1: %2")
                     .arg(path, file.errorString());
        return false;
    }
    const QByteArray text = file.read(kMaxCookiesTxtBytes + 1);
    if (text.size() > kMaxCookiesTxtBytes) {
        *error = QCoreApplication::translate("ferry::CookiesTxt", "the cookies file %1 is larger than %2 MiB")
                     .arg(path)
                     .arg(kMaxCookiesTxtBytes / (1024 * 1024));
        return false;
    }
    *result = parseCookiesTxt(text, QDateTime::currentDateTimeUtc());
    return true;
}

} // namespace ferry
