// parseHttpRequest(): strict RFC 9112 framing for the share server. Anything
// ambiguous (the stuff of request smuggling) is refused with 400 and a closed
// connection rather than guessed at; see CONFORMANCE.md "framing".
#include "server/HttpRequestParser.h"

#include "core/HttpText.h"
using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr qsizetype MaxRequestLine = 8 * 1024;  // bytes before CRLF; longer → 414
constexpr qsizetype MaxHead = 16 * 1024;        // request line to blank line inclusive → 431
constexpr int MaxHeaderLines = 100;             // field lines → 431
constexpr int MaxLeadingEmptyLines = 8;         // RFC 9112 §2.2 asks for at least one

using Status = ParseResult::Status;

ParseResult failure(int status)
{
    ParseResult r;
    r.status = Status::Error;
    r.errorStatus = status;
    r.closeConnection = true;
    return r;
}

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

bool isControl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

bool isDigits(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// The members of a comma-separated field value, trimmed, empty ones dropped
// (RFC 9110 §5.6.1: recipients accept empty list elements).
QList<QByteArrayView> listMembers(const QList<QByteArray> &lines)
{
    QList<QByteArrayView> members;
    for (const QByteArray &line : lines) {
        QByteArrayView rest(line);
        while (true) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView member = trimOws(comma < 0 ? rest : rest.first(comma));
            if (!member.isEmpty())
                members.append(member);
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
        }
    }
    return members;
}

// uri-host [ ":" port ] (RFC 9110 §7.2), checked by character class only: the
// server does not route by host, it just refuses what could never be one.
bool isPlausibleHost(QByteArrayView host)
{
    for (char c : host) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            continue;
        if (QByteArrayView("-._~!$&'()*+,;=:[]%").contains(c))
            continue;
        return false;
    }
    return true;
}

// The line content between `from` and the LF at `lf`, without its CR.
QByteArrayView lineAt(QByteArrayView buffer, qsizetype from, qsizetype lf)
{
    QByteArrayView line = buffer.sliced(from, lf - from);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

// "method SP request-target SP HTTP-version" with single spaces; 0 when fine.
int parseRequestLine(QByteArrayView line, HttpRequest &request)
{
    for (char c : line) {
        if (isControl(c)) // bare CR, NUL, tabs and the like
            return 400;
    }
    const qsizetype sp1 = line.indexOf(' ');
    if (sp1 <= 0)
        return 400;
    const qsizetype sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 == sp1 + 1 || line.lastIndexOf(' ') != sp2)
        return 400;

    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);

    // HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3).
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.'
        || !isDigits(version.sliced(5, 1)) || !isDigits(version.sliced(7, 1)))
        return 400;
    if (version[5] != '1')
        return 505;
    if (!isToken(method))
        return 400;
    if (target.contains('#'))
        return 400;

    QByteArrayView pathAndQuery;
    if (target.startsWith('/')) {
        pathAndQuery = target;
    } else if (target.size() > 7 && target.first(7).compare("http://", Qt::CaseInsensitive) == 0) {
        // absolute-form (RFC 9112 §3.2.2): the authority replaces Host, the
        // path is what we serve. Only plain http; userinfo is never accepted.
        const QByteArrayView rest = target.sliced(7);
        qsizetype authorityEnd = 0;
        while (authorityEnd < rest.size() && rest[authorityEnd] != '/' && rest[authorityEnd] != '?')
            ++authorityEnd;
        const QByteArrayView authority = rest.first(authorityEnd);
        if (authority.isEmpty() || authority.contains('@') || !isPlausibleHost(authority))
            return 400;
        pathAndQuery = rest.sliced(authorityEnd);
    } else {
        return 400; // "*" (asterisk-form), authority-form, other schemes, garbage
    }

    request.method = method.toByteArray();
    request.target = target.toByteArray();
    request.versionMinor = version[7] - '0';
    const qsizetype question = pathAndQuery.indexOf('?');
    const QByteArrayView path = question < 0 ? pathAndQuery : pathAndQuery.first(question);
    request.path = path.isEmpty() ? "/"_ba : path.toByteArray();
    request.query = question < 0 ? QByteArray() : pathAndQuery.sliced(question + 1).toByteArray();
    return 0;
}

// "name: value" (RFC 9112 §5); 0 when fine.
int parseFieldLine(QByteArrayView line, HttpRequest &request)
{
    if (isOws(line.front())) // obs-fold, or whitespace before the first field
        return 400;
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return 400;
    const QByteArrayView name = line.first(colon);
    if (!isToken(name)) // also "Host : x"
        return 400;
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    for (char c : value) {
        if (isControl(c) && c != '\t') // bare CR, NUL, DEL…
            return 400;
    }
    request.headers.append({name.toByteArray().toLower(), value.toByteArray()});
    return 0;
}

// What the whole head says about framing and Host; 0 when the request can be served.
int checkSemantics(const HttpRequest &request)
{
    const QList<QByteArray> hosts = request.headerValues("host");
    if (hosts.size() > 1 || (request.versionMinor >= 1 && hosts.isEmpty()))
        return 400;
    if (!hosts.isEmpty() && !isPlausibleHost(hosts.front()))
        return 400;

    const QList<QByteArray> transferEncodings = request.headerValues("transfer-encoding");
    const QList<QByteArray> contentLengths = request.headerValues("content-length");
    if (!transferEncodings.isEmpty() && !contentLengths.isEmpty())
        return 400;

    if (!transferEncodings.isEmpty()) {
        if (request.versionMinor == 0) // RFC 9112 §6.1: faulty framing in HTTP/1.0
            return 400;
        const QList<QByteArrayView> codings = listMembers(transferEncodings);
        if (codings.isEmpty() || codings.back().compare("chunked", Qt::CaseInsensitive) != 0)
            return 400;
        for (QByteArrayView coding : codings) {
            bool known = false;
            for (QByteArrayView k : {"chunked", "gzip", "x-gzip", "deflate", "compress", "x-compress"})
                known = known || coding.compare(k, Qt::CaseInsensitive) == 0;
            if (!known)
                return 501;
        }
        return 413; // a body of unknown length: never read
    }

    if (!contentLengths.isEmpty()) {
        // Several equal values are tolerated (RFC 9112 §6.3); anything else is
        // ambiguous. Values are compared without leading zeros, so any number
        // of digits is handled without overflow.
        QByteArrayView agreed;
        bool first = true;
        for (const QByteArray &line : contentLengths) {
            QByteArrayView rest(line);
            while (true) {
                const qsizetype comma = rest.indexOf(',');
                QByteArrayView member = trimOws(comma < 0 ? rest : rest.first(comma));
                if (!isDigits(member)) // "+5", "0x05", "", "-1"
                    return 400;
                while (member.size() > 1 && member.front() == '0')
                    member = member.sliced(1);
                if (!first && member != agreed)
                    return 400;
                agreed = member;
                first = false;
                if (comma < 0)
                    break;
                rest = rest.sliced(comma + 1);
            }
        }
        if (agreed != "0")
            return 413;
    }
    return 0;
}

} // namespace

ParseResult parseHttpRequest(QByteArrayView buffer)
{
    const qsizetype size = buffer.size();

    // RFC 9112 §2.2: ignore empty lines received before the request line.
    qsizetype start = 0;
    for (int emptyLines = 0;; ++emptyLines) {
        qsizetype next = -1;
        if (start < size && buffer[start] == '\n')
            next = start + 1;
        else if (start + 1 < size && buffer[start] == '\r' && buffer[start + 1] == '\n')
            next = start + 2;
        else if (start + 1 == size && buffer[start] == '\r')
            return {}; // the LF may still come
        if (next < 0)
            break;
        if (emptyLines == MaxLeadingEmptyLines)
            return failure(400);
        start = next;
    }
    if (start == size)
        return {};

    const qsizetype requestLineEnd = buffer.indexOf('\n', start);
    if (requestLineEnd < 0) {
        // Up to MaxRequestLine bytes plus a CR may precede the LF.
        return size - start > MaxRequestLine + 1 ? failure(414) : ParseResult();
    }
    const QByteArrayView requestLine = lineAt(buffer, start, requestLineEnd);
    if (requestLine.size() > MaxRequestLine)
        return failure(414);

    ParseResult result;
    HttpRequest &request = result.request;
    if (const int status = parseRequestLine(requestLine, request))
        return failure(status);

    qsizetype lineStart = requestLineEnd + 1;
    int fieldLines = 0;
    while (true) {
        const qsizetype lf = buffer.indexOf('\n', lineStart);
        if (lf < 0)
            return size - start > MaxHead ? failure(431) : ParseResult();
        if (lf + 1 - start > MaxHead)
            return failure(431);
        const QByteArrayView line = lineAt(buffer, lineStart, lf);
        lineStart = lf + 1;
        if (line.isEmpty())
            break;
        if (++fieldLines > MaxHeaderLines)
            return failure(431);
        if (const int status = parseFieldLine(line, request))
            return failure(status);
    }

    if (const int status = checkSemantics(request))
        return failure(status);

    result.status = Status::Complete;
    result.consumed = lineStart;
    result.closeConnection = !request.keepAlive();
    return result;
}

} // namespace ferry
