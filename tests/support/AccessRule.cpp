// See AccessRule.h. Digest: HA1 = MD5(user:realm:password), HA2 =
// MD5(method:uri), response = MD5(HA1:nonce:nc:cnonce:qop:HA2) (RFC 7616
// §3.4.1), and the uri parameter must be the request target.
#include "tests/support/AccessRule.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace ferry::test {

namespace {

QByteArray md5Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
}

// name=value and name="quoted" parameters of a Digest credential.
QHash<QByteArray, QByteArray> digestParameters(QByteArrayView text)
{
    QHash<QByteArray, QByteArray> result;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == ','))
            ++i;
        const qsizetype eq = text.indexOf('=', i);
        if (eq < 0)
            break;
        const QByteArray name = text.sliced(i, eq - i).trimmed().toByteArray().toLower();
        i = eq + 1;
        QByteArray value;
        if (i < text.size() && text[i] == '"') {
            ++i;
            while (i < text.size() && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < text.size())
                    ++i;
                value.append(text[i++]);
            }
            ++i;
        } else {
            while (i < text.size() && text[i] != ',')
                value.append(text[i++]);
            value = value.trimmed();
        }
        result.insert(name, value);
    }
    return result;
}

bool hasCookie(const QByteArray &header, const QByteArray &wanted)
{
    for (const QByteArray &part : header.split(';')) {
        if (part.trimmed() == wanted)
            return true;
    }
    return false;
}

} // namespace

AccessVerdict checkAccess(const AccessRule &rule, const QByteArray &method, const QByteArray &target,
                          const QByteArray &authorization, const QByteArray &cookie, QSet<QByteArray> *nonces)
{
    AccessVerdict verdict;
    if (!rule.setCookie.isEmpty())
        verdict.headers.append("Set-Cookie: "_ba + rule.setCookie);

    bool loggedIn = rule.login == AccessRule::Login::None;
    if (rule.login == AccessRule::Login::Basic) {
        loggedIn = authorization == "Basic "_ba + QByteArray(rule.user + ':' + rule.password).toBase64();
    } else if (rule.login == AccessRule::Login::Digest && authorization.startsWith("Digest ")) {
        const auto p = digestParameters(QByteArrayView(authorization).sliced(7));
        const QByteArray ha1 = md5Hex(rule.user + ':' + rule.realm + ':' + rule.password);
        const QByteArray ha2 = md5Hex(method + ':' + p.value("uri"));
        const QByteArray expected = md5Hex(ha1 + ':' + p.value("nonce") + ':' + p.value("nc") + ':' + p.value("cnonce")
                                           + ':' + p.value("qop") + ':' + ha2);
        loggedIn = p.value("username") == rule.user && p.value("realm") == rule.realm && p.value("qop") == "auth"
            && p.value("uri") == target && nonces->contains(p.value("nonce")) && p.value("response") == expected;
    }
    if (!loggedIn) {
        verdict.status = 401;
        if (rule.login == AccessRule::Login::Basic) {
            verdict.headers.append("WWW-Authenticate: Basic realm=\""_ba + rule.realm + '"');
        } else {
            QByteArray nonce = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
            nonces->insert(nonce);
            verdict.headers.append("WWW-Authenticate: Digest realm=\""_ba + rule.realm + "\", qop=\"auth\", nonce=\"" + nonce
                                   + "\", opaque=\"ferry-opaque\", algorithm=MD5");
        }
        return verdict;
    }
    if (!rule.requiredCookie.isEmpty() && !hasCookie(cookie, rule.requiredCookie))
        verdict.status = 403;
    return verdict;
}

} // namespace ferry::test
