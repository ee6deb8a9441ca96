#include "core/Connection.h"

#include <QNetworkReply>

#include <algorithm>
#include <limits>

namespace ferry {

Connection::Connection(int index, int stallTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_index(index)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Connection::retryDue);
    m_stallTimer.setSingleShot(true);
    m_stallTimer.setInterval(stallTimeoutMs);
    connect(&m_stallTimer, &QTimer::timeout, this, &Connection::stalled);
    m_throttleTimer.setSingleShot(true);
    connect(&m_throttleTimer, &QTimer::timeout, this, &Connection::dataArrived);
}

Connection::~Connection()
{
    abort();
}

void Connection::attach(QNetworkReply *reply, qint64 readBufferBytes)
{
    m_reply = reply;
    headersSeen = false;
    accepted = false;
    redirecting = false;
    redirectBody = 0;
    hostSlot.reset();
    reply->setReadBufferSize(readBufferBytes);
    connect(reply, &QNetworkReply::metaDataChanged, this, &Connection::headersArrived);
    connect(reply, &QNetworkReply::readyRead, this, &Connection::dataArrived);
    connect(reply, &QNetworkReply::downloadProgress, this, [this] { m_stallTimer.start(); });
    connect(reply, &QNetworkReply::finished, this, &Connection::replyFinished);
    m_stallTimer.start();
}

void Connection::setReadBufferSize(qint64 bytes)
{
    if (m_reply)
        m_reply->setReadBufferSize(bytes);
}

ResponseFacts Connection::responseFacts() const
{
    ResponseFacts response;
    if (!m_reply)
        return response;
    response.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.contentRange = m_reply->rawHeader("Content-Range");
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    response.contentLength = length.isValid() ? length.toLongLong() : -1;
    response.etag = m_reply->rawHeader("ETag");
    response.lastModified = m_reply->rawHeader("Last-Modified");
    response.retryAfter = m_reply->rawHeader("Retry-After");
    response.reasonPhrase = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    return response;
}

void Connection::abort()
{
    m_stallTimer.stop();
    m_throttleTimer.stop();
    m_retryTimer.stop();
    if (QNetworkReply *reply = std::exchange(m_reply, nullptr)) {
        disconnect(reply, nullptr, this, nullptr);
        // A finished reply, and one Qt is going to fail by itself (an error
        // status: its error arrives as a posted event after the headers), must
        // not be aborted: Qt would report a second error and print
        // "QNetworkReplyImplPrivate::error: Internal problem" on stderr.
        // Deleting it is enough; its destructor aborts the request.
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool qtFailsIt = reply->error() != QNetworkReply::NoError || status >= 400;
        if (!reply->isFinished() && !qtFailsIt)
            reply->abort();
        reply->deleteLater();
    }
    accepted = false;
    redirecting = false;
    hostSlot.reset();
}

void Connection::retryIn(qint64 ms)
{
    headersSeen = false;
    accepted = false;
    hostSlot.reset();
    m_retryTimer.start(int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max())));
}

void Connection::pauseReading(qint64 ms)
{
    m_throttleTimer.start(int(std::clamp<qint64>(ms, 5, 1000)));
}

} // namespace ferry
