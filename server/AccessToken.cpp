#include "server/AccessToken.h"

#include <QRandomGenerator>

#include <array>
#include <cstring>

namespace ferry {

namespace {
constexpr int TokenBytes = 16;
constexpr qsizetype MaxTokenLength = 256;
} // namespace

QByteArray AccessToken::generate()
{
    std::array<quint32, TokenBytes / 4> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    QByteArray raw(TokenBytes, Qt::Uninitialized);
    std::memcpy(raw.data(), words.data(), TokenBytes);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool AccessToken::matches(QByteArrayView candidate, QByteArrayView expected)
{
    if (expected.isEmpty())
        return false;
    // Walk the expected token whatever the candidate's length, folding every
    // difference into one accumulator: no early exit.
    unsigned diff = candidate.size() == expected.size() ? 0U : 1U;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const auto c = i < candidate.size() ? static_cast<unsigned char>(candidate[i]) : 0U;
        diff |= c ^ static_cast<unsigned char>(expected[i]);
    }
    return diff == 0;
}

bool AccessToken::isUsable(QByteArrayView token)
{
    if (token.isEmpty() || token.size() > MaxTokenLength)
        return false;
    for (const char c : token) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.' || c == '~';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace ferry
