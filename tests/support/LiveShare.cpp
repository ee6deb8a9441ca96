#include "tests/support/LiveShare.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace ferry::test {

namespace {
bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}
} // namespace

LiveShare::LiveShare() = default;

LiveShare::~LiveShare()
{
    stop();
}

QString LiveShare::rootPath() const
{
    return m_dir.filePath(u"share"_s);
}

QString LiveShare::outsidePath() const
{
    return m_dir.filePath(u"outside"_s);
}

QByteArray LiveShare::knownBytes()
{
    QByteArray data(1000, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char((i * 7 + 3) % 256);
    return data;
}

bool LiveShare::makeTree()
{
    if (m_treeMade)
        return true;
    if (!m_dir.isValid())
        return false;
    const QDir base(m_dir.path());
    const QString root = rootPath();
    const QString outside = outsidePath();
    bool ok = base.mkpath(u"share/sub/deeper"_s) && base.mkpath(u"share/.hiddendir"_s) && base.mkpath(u"outside"_s)
        && base.mkpath(u"share/dir with space"_s);
    const QByteArray secret = QByteArray(SecretMarker) + '\n';
    ok = ok && writeFile(root + u"/data.bin"_s, knownBytes());
    ok = ok && writeFile(root + u"/empty.bin"_s, {});
    ok = ok && writeFile(root + u"/中文 名字.txt"_s, "zhong wen\n"_ba);
    ok = ok && writeFile(root + u"/sub/inner.txt"_s, "inner file\n"_ba);
    ok = ok && writeFile(root + u"/sub/deeper/deep.txt"_s, "deep\n"_ba);
    ok = ok && writeFile(root + u"/dir with space/a&b <c>.txt"_s, "amp\n"_ba);
    ok = ok && writeFile(root + u"/.hidden"_s, "hidden " + secret);
    ok = ok && writeFile(root + u"/.hiddendir/x.txt"_s, "hidden dir " + secret);
    ok = ok && writeFile(outside + u"/secret.txt"_s, secret);
    ok = ok && writeFile(outside + u"/passwd"_s, secret);
    ok = ok && writeFile(m_dir.filePath(u"secret.txt"_s), secret);
    // Symlinks inside the root that lead out of it: never followed.
    ok = ok && QFile::link(outside, root + u"/link-out"_s);
    ok = ok && QFile::link(outside + u"/secret.txt"_s, root + u"/secret-link.txt"_s);
    // A symlink that stays inside the root: fine to follow.
    ok = ok && QFile::link(root + u"/data.bin"_s, root + u"/data-link.bin"_s);
    m_treeMade = ok;
    return ok;
}

bool LiveShare::start(const std::function<void(ShareSettings &)> &adjust)
{
    stop();
    if (!makeTree()) {
        qWarning("LiveShare: cannot build the test tree");
        return false;
    }
    m_settings = ShareSettings();
    m_settings.port = 0;
    m_settings.bindAddress = QHostAddress(QHostAddress::LocalHost);
    m_settings.roots = {rootPath()};
    m_settings.token = QByteArray(Token);
    if (adjust)
        adjust(m_settings);
    m_service = std::make_unique<ShareService>();
    QSignalSpy started(m_service.get(), &ShareService::started);
    QSignalSpy failed(m_service.get(), &ShareService::failed);
    m_service->start(m_settings);
    if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 10'000)) {
        qWarning("LiveShare: the server neither started nor failed");
        return false;
    }
    if (!failed.isEmpty()) {
        qWarning("LiveShare: start failed: %s", qPrintable(failed.first().first().toString()));
        return false;
    }
    m_port = quint16(started.first().first().toUrl().port());
    return m_port != 0;
}

void LiveShare::stop()
{
    m_service.reset();
    m_port = 0;
}

QByteArray LiveShare::requestHead(const QByteArray &method, const QByteArray &target,
                                  const QList<QByteArray> &extraHeaders, bool withToken) const
{
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:"_ba + QByteArray::number(m_port)
        + "\r\n"_ba;
    if (withToken)
        head += "Authorization: Bearer "_ba + QByteArray(Token) + "\r\n"_ba;
    for (const QByteArray &h : extraHeaders)
        head += h + "\r\n"_ba;
    return head + "\r\n"_ba;
}

RawResponse LiveShare::get(const QByteArray &target, const QList<QByteArray> &extraHeaders, bool withToken)
{
    return fetchRaw(m_port, requestHead("GET"_ba, target, extraHeaders, withToken));
}

RawResponse LiveShare::head(const QByteArray &target, const QList<QByteArray> &extraHeaders, bool withToken)
{
    return fetchRaw(m_port, requestHead("HEAD"_ba, target, extraHeaders, withToken), true);
}

} // namespace ferry::test
