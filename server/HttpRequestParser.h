// The share server's HTTP/1.x request-head parser: a pure function of the
// bytes received so far. HttpConnection calls it on its input buffer after
// every read and drops `consumed` bytes once a request is complete, so
// pipelined requests are parsed one after the other. Request bodies are never
// accepted (GET and HEAD only), so a request ends with its head.
#pragma once

#include "server/HttpRequest.h"

#include <QByteArrayView>

namespace ferry {

struct ParseResult {
    enum class Status { Incomplete, Complete, Error };
    Status status = Status::Incomplete;
    // Error: the status to answer with: 400, 414, 431, 413, 501 or 505.
    int errorStatus = 0;
    // Error: always true (the framing cannot be trusted any more).
    // Complete: true when the request asks not to be kept alive.
    bool closeConnection = false;
    HttpRequest request;  // Complete only
    qsizetype consumed = 0; // Complete only: bytes of the head, leading empty lines included
};

// Parses one request from the start of `buffer`. Incomplete means "read more";
// the limits (request line 8 KiB, head 16 KiB, 100 field lines) are enforced on
// incomplete input too, so a client can never make the caller buffer more.
ParseResult parseHttpRequest(QByteArrayView buffer);

} // namespace ferry
