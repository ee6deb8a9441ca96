#include "server/AccessLog.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ferry {

bool AccessLog::open(const QString &path, QString *error)
{
    close();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        if (error)
            *error = QCoreApplication::translate("AccessLog", "cannot write the access log %1: %2")
                         .arg(path, m_file.errorString());
        return false;
    }
    return true;
}

void AccessLog::close()
{
    if (m_file.isOpen())
        m_file.close();
}

QByteArray AccessLog::sanitise(QByteArrayView raw, qsizetype maxLength)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const bool truncated = raw.size() > maxLength;
    const QByteArrayView kept = truncated ? raw.first(maxLength) : raw;
    QByteArray out;
    out.reserve(kept.size() + 8);
    for (const char ch : kept) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
            out += ch;
        } else {
            out += "\\x";
            out += Hex[c >> 4];
            out += Hex[c & 0xf];
        }
    }
    if (truncated)
        out += "...";
    return out;
}

QByteArray AccessLog::maskToken(QByteArrayView requestLine)
{
    // The token in "?token=" opens every shared folder: it must not end up in
    // a log file or on the window's screen. Replaced wherever it stands in the
    // query, however it is spelt (the parser matches the name exactly too).
    QByteArray out = requestLine.toByteArray();
    const qsizetype query = out.indexOf('?');
    if (query < 0)
        return out;
    qsizetype at = query;
    while (at >= 0 && at < out.size()) {
        const qsizetype start = at + 1;
        if (QByteArrayView(out).sliced(start).startsWith("token=")) {
            const qsizetype valueStart = start + 6;
            qsizetype valueEnd = valueStart;
            while (valueEnd < out.size() && out[valueEnd] != '&' && out[valueEnd] != ' ' && out[valueEnd] != '#')
                ++valueEnd;
            out.replace(valueStart, valueEnd - valueStart, "***");
        }
        at = out.indexOf('&', start);
        const qsizetype space = out.indexOf(' ', start);
        if (space >= 0 && (at < 0 || space < at))
            break; // the query ended with the target
    }
    return out;
}

QString AccessLog::formatLine(const QString &peer, const QDateTime &when, QByteArrayView requestLine, int status,
                              qint64 bodyBytes, qint64 durationMs)
{
    return peer % u" ["_s % when.toUTC().toString(Qt::ISODateWithMs) % u"] \""_s
        % QString::fromLatin1(sanitise(maskToken(requestLine))) % u"\" "_s % QString::number(status) % u' '
        % QString::number(bodyBytes) % u' ' % QString::number(durationMs) % u"ms"_s;
}

void AccessLog::write(const QString &line)
{
    if (!m_file.isOpen())
        return;
    m_file.write(line.toUtf8());
    m_file.write("\n");
    m_file.flush();
}

} // namespace ferry
