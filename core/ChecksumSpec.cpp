// Parsing "algorithm=HEX" checksums and hashing files in bounded chunks:
// see ChecksumSpec.h.
#include "core/ChecksumSpec.h"

#include <QCoreApplication>
#include <QFile>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

constexpr qint64 kChunkBytes = 1 << 20; // 1 MiB: large reads, bounded memory

struct Algorithm {
    QLatin1StringView name;
    QCryptographicHash::Algorithm algorithm;
};
constexpr Algorithm kAlgorithms[] = {
    {QLatin1StringView("md5"), QCryptographicHash::Md5},
    {QLatin1StringView("sha1"), QCryptographicHash::Sha1},
    {QLatin1StringView("sha256"), QCryptographicHash::Sha256},
    {QLatin1StringView("sha512"), QCryptographicHash::Sha512},
};

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

std::optional<ChecksumSpec> ChecksumSpec::parse(QStringView text, QString *error)
{
    const QStringView trimmedText = text.trimmed();
    const qsizetype eq = trimmedText.indexOf(u'=');
    if (eq < 0) {
        setError(error, QCoreApplication::translate("ChecksumSpec", "A checksum is written as algorithm=digest, for example sha256=<64 hex digits>."));
        return std::nullopt;
    }
    const QStringView name = trimmedText.first(eq).trimmed();
    const QStringView digest = trimmedText.sliced(eq + 1).trimmed();

    const Algorithm *found = nullptr;
    for (const Algorithm &a : kAlgorithms) {
        if (name.compare(a.name, Qt::CaseInsensitive) == 0)
            found = &a;
    }
    if (!found) {
        setError(error, QCoreApplication::translate("ChecksumSpec", "Unknown checksum algorithm \"%1\": use md5, sha1, sha256 or sha512.").arg(name));
        return std::nullopt;
    }
    const qsizetype expectedLength = 2 * QCryptographicHash::hashLength(found->algorithm);
    for (const QChar c : digest) {
        if (!isHexDigit(c)) {
            setError(error, QCoreApplication::translate("ChecksumSpec", "The %1 digest may contain only hexadecimal digits (0-9, a-f).").arg(found->name));
            return std::nullopt;
        }
    }
    if (digest.size() != expectedLength) {
        setError(error, QCoreApplication::translate("ChecksumSpec", "A %1 digest has %2 hexadecimal digits, not %3.")
                            .arg(found->name)
                            .arg(expectedLength)
                            .arg(digest.size()));
        return std::nullopt;
    }
    ChecksumSpec spec;
    spec.algorithm = found->algorithm;
    spec.expectedHex = digest.toLatin1().toLower();
    return spec;
}

QString ChecksumSpec::algorithmName() const
{
    for (const Algorithm &a : kAlgorithms) {
        if (a.algorithm == algorithm)
            return a.name;
    }
    return {};
}

QString ChecksumSpec::toString() const
{
    if (isEmpty())
        return {};
    return algorithmName() + u'=' + QString::fromLatin1(expectedHex);
}

QByteArray hashFile(const QString &path, QCryptographicHash::Algorithm algorithm, QString *error,
                    const std::atomic_bool *cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, file.errorString());
        return {};
    }
    QCryptographicHash hash(algorithm);
    QByteArray buffer(kChunkBytes, Qt::Uninitialized);
    for (;;) {
        if (cancel && cancel->load()) {
            setError(error, QCoreApplication::translate("ChecksumSpec", "The check was cancelled."));
            return {};
        }
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            setError(error, file.errorString());
            return {};
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
    }
    return hash.result().toHex();
}

QThreadPool *checksumThreadPool()
{
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setObjectName(u"ferry-checksums"_s);
        pool.setMaxThreadCount(2); // two files at once keep a disk busy; more only compete for it
        return true;
    }();
    Q_UNUSED(configured);
    return &pool;
}

} // namespace ferry
