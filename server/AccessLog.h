// One line per answered request (address, request line, status, body bytes,
// duration), appended to a file and handed to whoever shows it. Request lines
// come from hostile peers: control bytes and non-ASCII are escaped and long
// lines truncated before they reach a terminal or a log viewer.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QFile>
#include <QString>

namespace ferry {

class AccessLog final
{
public:
    AccessLog() = default;
    Q_DISABLE_COPY_MOVE(AccessLog)

    // Opens (appends to) `path`; false with a reason when it cannot be written.
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const { return m_file.isOpen(); }

    // `127.0.0.1 [2024-05-01T10:00:00.123Z] "GET /files/a HTTP/1.1" 206 1000 3ms`
    static QString formatLine(const QString &peer, const QDateTime &when, QByteArrayView requestLine, int status,
                              qint64 bodyBytes, qint64 durationMs);

    // The request line with the value of a "token=" query parameter replaced
    // by "***" (formatLine does it; the token must never reach a log).
    static QByteArray maskToken(QByteArrayView requestLine);

    // Printable ASCII only (others as \xHH), at most `maxLength` bytes of input, then "…".
    static QByteArray sanitise(QByteArrayView raw, qsizetype maxLength = 512);

    // Appends a line to the file, if one is open.
    void write(const QString &line);

private:
    QFile m_file;
};

} // namespace ferry
