// One window per user: a second `ferry URL...` hands its lines to the first
// over QLocalServer and exits. The client side blocks (it runs before any
// window exists), so it runs in a child process here — `ferry` itself would —
// or on a plain thread, while the first instance keeps its event loop.
#include "ui/SingleInstance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

QString uniqueName()
{
    return u"ferry-test-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

// Runs SingleInstance::sendToRunning on its own thread, as a second process would.
class Sender final : public QThread
{
public:
    Sender(QString name, QStringList lines)
        : m_name(std::move(name))
        , m_lines(std::move(lines))
    {
    }
    bool result() const { return m_result.load(); }

protected:
    void run() override
    {
        SingleInstance client(m_name);
        m_result = client.sendToRunning(m_lines, 5000);
    }

private:
    QString m_name;
    QStringList m_lines;
    std::atomic<bool> m_result {false};
};

// A Unix socket file with nobody listening on it, as a crashed instance leaves.
bool makeStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_un addr {};
    addr.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    if (native.size() >= qsizetype(sizeof(addr.sun_path))) {
        ::close(fd);
        return false;
    }
    std::memcpy(addr.sun_path, native.constData(), size_t(native.size()));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0;
    ::close(fd); // bound but never listening, and now closed: the file stays behind
    return ok;
}

QString socketPath(const QString &name)
{
    // What QLocalServer uses for a bare name on Unix.
    QLocalServer probe;
    probe.listen(name);
    const QString path = probe.fullServerName();
    probe.close();
    return path;
}

} // namespace

class TestSingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondInstanceHandsOverLines_data();
    void secondInstanceHandsOverLines();
    void nobodyRunningMeansNoHandOver();
    void secondListenerIsRefused();
    void staleSocketIsRemoved();
    void oversizedMessageIsDropped();
};

void TestSingleInstance::secondInstanceHandsOverLines_data()
{
    QTest::addColumn<QStringList>("sent");
    QTest::addColumn<QStringList>("received");

    QTest::addRow("one URL") << QStringList {u"http://example.test/a.iso"_s} << QStringList {u"http://example.test/a.iso"_s};
    QTest::addRow("several URLs") << QStringList {u"http://a.test/1"_s, u"https://b.test/2"_s, u"http://c.test/3"_s}
                                  << QStringList {u"http://a.test/1"_s, u"https://b.test/2"_s, u"http://c.test/3"_s};
    QTest::addRow("bare ferry: show yourself") << QStringList {} << QStringList {};
    QTest::addRow("blank lines and spaces dropped") << QStringList {u"  http://a.test/x  "_s, QString(), u" "_s}
                                                    << QStringList {u"http://a.test/x"_s};
    QTest::addRow("non-ASCII survives") << QStringList {u"http://例え.test/文件.txt"_s}
                                        << QStringList {u"http://例え.test/文件.txt"_s};
}

void TestSingleInstance::secondInstanceHandsOverLines()
{
    QFETCH(QStringList, sent);
    QFETCH(QStringList, received);

    const QString name = uniqueName();
    SingleInstance first(name);
    QVERIFY(first.listen());
    QVERIFY(first.isListening());
    QSignalSpy spy(&first, &SingleInstance::messageReceived);

    Sender second(name, sent);
    second.start();
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 10000);
    QVERIFY(second.wait(10000));
    QVERIFY(second.result());
    QCOMPARE(spy.at(0).at(0).toStringList(), received);
}

void TestSingleInstance::nobodyRunningMeansNoHandOver()
{
    SingleInstance client(uniqueName());
    QVERIFY(!client.sendToRunning({u"http://example.test/a"_s}, 300));
}

void TestSingleInstance::secondListenerIsRefused()
{
    const QString name = uniqueName();
    SingleInstance first(name);
    QVERIFY(first.listen());
    QSignalSpy probed(&first, &SingleInstance::messageReceived);

    // The second listen probes the socket; the probe is answered by `first`'s
    // server only when its event loop runs, so run it on a thread.
    std::atomic<int> secondResult {-1};
    QThread *thread = QThread::create([&] {
        SingleInstance second(name);
        secondResult = second.listen() ? 1 : 0;
    });
    thread->start();
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 10000);
    delete thread;
    QCOMPARE(secondResult.load(), 0);
    // The probe is not a hand-over: the first window is not raised for it.
    QTest::qWait(100);
    QCOMPARE(probed.size(), 0);
    // The first one still works.
    QVERIFY(first.isListening());
    QSignalSpy spy(&first, &SingleInstance::messageReceived);
    Sender sender(name, {u"http://example.test/still"_s});
    sender.start();
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 10000);
    QVERIFY(sender.wait(10000));
}

void TestSingleInstance::staleSocketIsRemoved()
{
    const QString name = uniqueName();
    const QString path = socketPath(name);
    QVERIFY(!path.isEmpty());
    QVERIFY2(makeStaleSocket(path), qPrintable(path));
    QVERIFY(QFile::exists(path));

    // A plain QLocalServer cannot take the name: the file is in the way.
    {
        QLocalServer plain;
        QVERIFY(!plain.listen(name));
        QCOMPARE(plain.serverError(), QAbstractSocket::AddressInUseError);
    }

    SingleInstance instance(name);
    QVERIFY(instance.listen());
    QSignalSpy spy(&instance, &SingleInstance::messageReceived);
    Sender sender(name, {u"http://example.test/after-crash"_s});
    sender.start();
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 10000);
    QVERIFY(sender.wait(10000));
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList {u"http://example.test/after-crash"_s});
}

void TestSingleInstance::oversizedMessageIsDropped()
{
    const QString name = uniqueName();
    SingleInstance instance(name);
    QVERIFY(instance.listen());
    QSignalSpy spy(&instance, &SingleInstance::messageReceived);

    // More than a MiB is not from another ferry: it is dropped, never handed on.
    QLocalSocket socket;
    socket.connectToServer(name);
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray junk(3 << 20, 'x');
    socket.write(junk);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QLocalSocket::UnconnectedState || socket.bytesToWrite() == 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QLocalSocket::UnconnectedState, 10000);
    QTest::qWait(100);
    QCOMPARE(spy.size(), 0);

    // The instance still takes a proper message afterwards.
    Sender sender(name, {u"http://example.test/ok"_s});
    sender.start();
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 10000);
    QVERIFY(sender.wait(10000));
}

QTEST_MAIN(TestSingleInstance)
#include "tst_ui_singleinstance.moc"
