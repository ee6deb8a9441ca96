// TLS errors end a download at once (CONFORMANCE "Client": TLS errors fail
// at once with the reason, NeedsUser, no retries): a real QSslServer on
// loopback with a self-signed certificate the test makes with openssl. The
// failure names the TLS problem, nothing is written, and the server saw
// exactly one handshake — a retry would not make the certificate trusted.
#include "core/DownloadEngine.h"
#include "tests/support/EngineFixture.h"

#include <QDir>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ferry;
using namespace ferry::test;

class TestEngineTls final : public QObject, private EngineFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend (libqopensslbackend)");
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        QVERIFY2(!openssl.isEmpty(), "openssl is missing: run scripts/test, which installs it");
        QVERIFY(m_keys.isValid());
        QProcess make;
        make.setProcessChannelMode(QProcess::MergedChannels);
        make.start(openssl, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                             u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                             u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, m_keys.filePath(u"key.pem"_s), u"-out"_s,
                             m_keys.filePath(u"cert.pem"_s)});
        QVERIFY(make.waitForFinished(30000));
        QVERIFY2(make.exitCode() == 0, make.readAll().constData());

        QFile certFile(m_keys.filePath(u"cert.pem"_s));
        QFile keyFile(m_keys.filePath(u"key.pem"_s));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
        QVERIFY(!config.localCertificate().isNull() && !config.privateKey().isNull());
        m_server.setSslConfiguration(config);
        connect(&m_server, &QSslServer::startedEncryptionHandshake, this, [this] { ++m_handshakes; });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    void init()
    {
        setUpEngine();
        m_handshakes = 0;
    }

    void cleanup() { tearDownEngine(); }

    void selfSignedCertificateFailsAtOnce()
    {
        const QUrl url(u"https://127.0.0.1:%1/file.bin"_s.arg(m_server.serverPort()));
        const DownloadId id = add(url, 4, u"file.bin"_s);
        QVERIFY2(waitEnd(id), qPrintable(describe(m_engine->snapshot(id))));
        const DownloadSnapshot s = m_engine->snapshot(id);
        verifyFailed(id, ErrorKind::NeedsUser);
        QVERIFY2(s.errorMessage.contains(u"TLS"_s) && s.errorMessage.contains(u"self-signed"_s, Qt::CaseInsensitive),
                 qPrintable(u"the failure should name the TLS problem: "_s + s.errorMessage));
        QCOMPARE(m_handshakes, 1);
        QVERIFY2(dirEntries().isEmpty() || dirEntries() == QStringList{u"file.bin.part"_s},
                 qPrintable(dirEntries().join(u", "_s)));
    }

private:
    QTemporaryDir m_keys;
    QSslServer m_server;
    int m_handshakes = 0;
};

QTEST_GUILESS_MAIN(TestEngineTls)
#include "tst_engine_tls.moc"
