// An HTTP/1.1 file server for tests that misbehaves on purpose: it drops
// connections, stalls, lies in Content-Range, ignores Range or If-Range,
// changes the file between requests, answers error pages, redirects in
// circles… and records every request it got and every body byte it sent, so
// a test can check both what the client asked and what it ended up with.
//
// Threading: the server runs on its own QThread, so it keeps answering while
// the test's thread blocks (QProcess::waitForFinished, a busy engine, a
// QTRY_ loop). Every public function is thread-safe and may be called from the
// test's thread at any time, also between two requests of a running download.
// The served files live in memory: tests use files of a few MiB at most.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QUrl>

#include <limits>
#include <memory>

class QObject;
class QThread;

namespace ferry::test {

struct AccessRule;

class MisbehavingServer final
{
    Q_DISABLE_COPY_MOVE(MisbehavingServer)

public:
    // How the server answers requests for one path. The misbehaviours (the
    // fields under "misbehaviours") apply only to the requests for that path
    // numbered [skipRequests, skipRequests + misbehaveRequests) since the
    // behaviour was set (counting from 0; misbehaveRequests < 0 = all of them
    // from skipRequests on). Outside that window the server is honest.
    struct Behaviour {
        int skipRequests = 0;
        int misbehaveRequests = -1;

        // Misbehaviours.
        int errorStatus = 0;              // e.g. 404, 403, 410, 500, 503: an HTML error page
        int retryAfterSeconds = -1;       // with errorStatus: a Retry-After header (>= 0)
        bool ignoreRange = false;         // always 200 with the full body, no Accept-Ranges
        bool ignoreIfRange = false;       // serve the range even when If-Range does not match
        bool fullOnIfRange = false;       // a 200 with the full body to every request carrying If-Range
        bool omitEtagOn206 = false;       // 206 answers without the ETag header
        bool noContentLength = false;     // 200 answers without Content-Length, body ends at close
        qint64 contentRangeStartShift = 0; // Content-Range claims start + shift (the body is still the asked bytes)
        qint64 contentRangeTotalShift = 0; // Content-Range claims total + shift
        bool shiftBody = false;           // with contentRangeStartShift: also send the bytes the header claims
                                          // (a server that answers a different range than asked, honestly labelled)
        qint64 dropAfterBytes = -1;       // close the connection after this many body bytes
        qint64 stallAfterBytes = -1;      // after this many body bytes send nothing more, keep the connection open

        // Properties of the server, for every request.
        bool sendEtag = true;
        bool sendLastModified = true;
        QByteArray contentDisposition;    // the whole header value, empty = none
        qint64 bytesPerSecond = 0;        // per connection, 0 = unlimited
        int changeAfterRequests = -1;     // request number N (counting from 0) first sees changedData
        QByteArray changedData;           // the new content (new ETag, new Last-Modified)
    };

    struct Request {
        QByteArray method;
        QByteArray path;                  // the request target without the query
        QByteArray target;                // as sent
        QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
        int status = 0;                   // what the server answered
        qint64 bodyBytesSent = 0;         // body bytes written for this request
        qint64 receivedAtMs = 0;          // when the request arrived, ms since the server was made
        qint64 lastBodyByteAtMs = -1;     // when its last body byte was written so far, -1 = none yet
        int connection = 0;               // which TCP connection carried it: 1, 2, … in the order accepted

        bool hasHeader(QByteArrayView name) const;
        QByteArray header(QByteArrayView name) const; // first value, empty when missing
        qint64 rangeStart() const;        // from "Range: bytes=N-…", -1 without a Range
    };

    MisbehavingServer();
    ~MisbehavingServer();

    // Listens on 127.0.0.1, port 0 (or the given one). False when it cannot.
    bool listen(quint16 port = 0);
    void close();                     // stops listening and drops every connection
    quint16 port() const;
    QUrl url(QByteArrayView path) const; // http://127.0.0.1:<port><path>

    // Files, by request path (e.g. "/file.bin"). Replacing a file gives it a new
    // ETag and Last-Modified, as a changed file on a real server would have.
    void setFile(const QByteArray &path, const QByteArray &data);
    void removeFile(const QByteArray &path);
    QByteArray fileData(const QByteArray &path) const;
    QByteArray etag(const QByteArray &path) const;         // with the quotes
    QByteArray lastModified(const QByteArray &path) const; // IMF-fixdate

    // Replaces the behaviour of a path and restarts its request count.
    void setBehaviour(const QByteArray &path, const Behaviour &behaviour);
    // A script: request i (counting from setSequence) is answered with
    // sequence[i], the last one repeats. The window fields count requests the
    // same way. E.g. {drop after 1 MiB, 410 Gone} = "the link expired mid-way".
    void setSequence(const QByteArray &path, const QList<Behaviour> &sequence);

    // A redirect from path to location (an absolute path or a URL). Its body
    // is a short HTML page, or with bodyBytes >= 0 that many bytes (with
    // Content-Length), or with kEndlessBody an endless one (no length, never
    // ends: a hostile server).
    static constexpr qint64 kEndlessBody = std::numeric_limits<qint64>::max();
    void setRedirect(const QByteArray &path, const QByteArray &location, int status = 302, qint64 bodyBytes = -1);

    // A login, a cookie to require or to set for a path (also a redirect's).
    void setAccessRule(const QByteArray &path, const AccessRule &rule);

    // Like nginx's limit_conn: at most `perAddress` connections from one
    // address busy with a request at once; a request on another one is
    // answered `status` (503, or 429) and its connection closed. 0 = no limit.
    void setConnectionLimit(int perAddress, int status = 503);

    // The kernel send buffer of connections accepted from now on (SO_SNDBUF;
    // 0 = the kernel's, which grows to megabytes on loopback). Small, the
    // bytes the server counts as sent are close to the bytes the client took.
    void setSendBufferSize(int bytes);

    // Closes the connections that are stalled on purpose (as a stalled server
    // that finally gives up would).
    void dropStalledConnections();

    QList<Request> requests() const;
    QList<Request> requests(QByteArrayView path) const;
    int requestCount(QByteArrayView path) const;
    qint64 totalBodyBytesSent() const;     // over all requests since the last clearLog()
    qint64 bodyBytesSent(QByteArrayView path) const;
    int openConnections() const;
    void clearLog();

    // Deterministic pseudo-random bytes (same size and seed → same bytes).
    static QByteArray makeData(qint64 size, quint32 seed);

    struct Shared; // the state both threads see, behind a mutex

private:
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<QThread> m_thread;
    QObject *m_worker = nullptr; // the listening socket, owned by m_thread
    quint16 m_port = 0;
};

} // namespace ferry::test
