// See EngineFixture.h.
#include "tests/support/EngineFixture.h"

#include "tests/support/LocalFiles.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace ferry::test {

QString describe(const DownloadSnapshot &s)
{
    return u"state=%1 kind=%2 message='%3' received=%4 total=%5 file='%6'"_s
        .arg(QString::fromLatin1(stateKey(s.state)), QString::fromLatin1(errorKindKey(s.errorKind)), s.errorMessage)
        .arg(s.receivedBytes)
        .arg(s.totalBytes)
        .arg(s.filePath);
}

EngineFixture::~EngineFixture()
{
    tearDownEngine();
}

EngineOptions EngineFixture::fastOptions()
{
    EngineOptions o;
    o.maxRetries = 4;
    o.retryBaseMs = 50;
    o.retryMaxMs = 400;
    o.stallTimeoutMs = 1000;
    o.checkpointIntervalMs = 100;
    o.minSplitBytes = 256 * KiB;
    o.progressIntervalMs = 100;
    return o;
}

void EngineFixture::setUpEngine(const EngineOptions &options)
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    makeEngine(options);
}

void EngineFixture::tearDownEngine()
{
    stopEngine();
    m_dir.reset();
}

void EngineFixture::makeEngine(const EngineOptions &options)
{
    stopEngine();
    m_engine = std::make_unique<DownloadEngine>(options);
}

void EngineFixture::stopEngine()
{
    if (!m_engine)
        return;
    QSignalSpy done(m_engine.get(), &DownloadEngine::shutdownFinished);
    m_engine->shutdown();
    done.wait(10000);
    m_engine.reset();
}

DownloadId EngineFixture::add(const QUrl &url, int connections, const QString &fileName)
{
    DownloadRequest request;
    request.url = url;
    request.directory = m_dir->path();
    request.fileName = fileName;
    request.connections = connections;
    return m_engine->add(request);
}

bool EngineFixture::waitEnd(DownloadId id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_engine->snapshot(id).isFinal() && !deadline.hasExpired())
        QTest::qWait(20);
    return m_engine->snapshot(id).isFinal();
}

QStringList EngineFixture::dirEntries() const
{
    return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

void EngineFixture::verifyExact(DownloadId id, const QByteArray &expected)
{
    const DownloadSnapshot s = m_engine->snapshot(id);
    QVERIFY2(s.state == DownloadState::Completed, qPrintable(describe(s)));
    QCOMPARE(s.errorKind, ErrorKind::None);
    QVERIFY2(QFileInfo(s.filePath).absolutePath() == QFileInfo(m_dir->path()).absoluteFilePath(), qPrintable(s.filePath));
    const QByteArray got = readAll(s.filePath);
    QCOMPARE(got.size(), expected.size());
    QVERIFY2(got == expected, "the downloaded file differs from the served file");
    QVERIFY2(!QFile::exists(s.filePath + u".part"_s), "the .part file is left behind");
    QVERIFY2(!QFile::exists(s.filePath + u".part.ferry"_s), "the control file is left behind");
    QCOMPARE(s.receivedBytes, expected.size());
    QCOMPARE(s.totalBytes, expected.size());
}

void EngineFixture::verifyFailed(DownloadId id, ErrorKind kind, const QString &messageHint)
{
    const DownloadSnapshot s = m_engine->snapshot(id);
    QVERIFY2(s.state == DownloadState::Failed, qPrintable(describe(s)));
    if (kind != ErrorKind::None)
        QVERIFY2(s.errorKind == kind, qPrintable(describe(s)));
    QVERIFY2(!s.errorMessage.trimmed().isEmpty(), "a failure without a message");
    if (!messageHint.isEmpty())
        QVERIFY2(s.errorMessage.contains(messageHint, Qt::CaseInsensitive),
                 qPrintable(u"the message should name '%1': %2"_s.arg(messageHint, s.errorMessage)));
    if (!s.filePath.isEmpty())
        QVERIFY2(!QFile::exists(s.filePath), qPrintable(u"a failed download left its final file: "_s + s.filePath));
    const QStringList entries = dirEntries();
    for (const QString &name : entries) {
        QVERIFY2(name.endsWith(u".part"_s) || name.endsWith(u".part.ferry"_s),
                 qPrintable(u"unexpected file after a failure: "_s + name));
        if (name.endsWith(u".part"_s)) {
            const QByteArray part = readAll(m_dir->filePath(name));
            QVERIFY2(!part.contains("error page of the Ferry test server"), "an HTML error page was written into the .part file");
        }
    }
}

} // namespace ferry::test
