// HostLimits: what each host served at once when it refused one more, with a
// fake clock so the probe interval takes no real time. The engine's use of it
// is tested against a server with a cap in tst_engine_misbehaving (hostMemory).
#include "core/HostLimits.h"

#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using ferry::HostLimits;

class TestHostLimits final : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 0;
    HostLimits::Clock clock()
    {
        return [this] { return m_now; };
    }
    const QUrl m_a{u"http://mirror.example:8080/a.iso"_s};

private Q_SLOTS:
    void init() { m_now = 1000; }

    void keyIsSchemeHostAndPort()
    {
        QCOMPARE(HostLimits::keyOf(QUrl(u"HTTP://Mirror.Example/x"_s)), u"http://mirror.example:80"_s);
        QCOMPARE(HostLimits::keyOf(QUrl(u"https://mirror.example/x"_s)), u"https://mirror.example:443"_s);
        QCOMPARE(HostLimits::keyOf(QUrl(u"https://mirror.example:443/y?z"_s)), u"https://mirror.example:443"_s);
        QVERIFY(HostLimits::keyOf(QUrl(u"http://mirror.example:81/"_s)) != HostLimits::keyOf(QUrl(u"http://mirror.example/"_s)));
    }

    void unknownHostGetsWhatIsAsked()
    {
        HostLimits hosts(60000, clock());
        QCOMPARE(hosts.connectionsFor(m_a, 8), 8);
        QVERIFY(!hosts.known(m_a));
        QVERIFY(!hosts.atLimit(m_a));
    }

    void refusalRemembersWhatDelivered()
    {
        HostLimits hosts(60000, clock());
        HostLimits::Slot one = hosts.deliver(m_a);
        HostLimits::Slot two = hosts.deliver(m_a);
        QCOMPARE(hosts.delivering(m_a), 2);
        QCOMPARE(hosts.refused(m_a), 2);
        QVERIFY(hosts.atLimit(m_a));
        QCOMPARE(hosts.known(m_a)->connections, 2);
        QCOMPARE(hosts.known(m_a)->sinceMs, 1000);
        one.reset();
        two.reset();
        QCOMPARE(hosts.delivering(m_a), 0);
        QVERIFY(!hosts.atLimit(m_a));
        // Later downloads from the host start with two, whatever they ask.
        QCOMPARE(hosts.connectionsFor(m_a, 8), 2);
        QCOMPARE(hosts.connectionsFor(m_a, 1), 1);
        // Another port, another scheme: another host.
        QCOMPARE(hosts.connectionsFor(QUrl(u"http://mirror.example:8081/a.iso"_s), 8), 8);
        QCOMPARE(hosts.connectionsFor(QUrl(u"https://mirror.example:8080/a.iso"_s), 8), 8);
    }

    void refusalWithNothingDeliveringIsNoCap()
    {
        HostLimits hosts(60000, clock());
        QCOMPARE(hosts.refused(m_a), 0); // a server that is down, not a cap
        QVERIFY(!hosts.known(m_a));
        QCOMPARE(hosts.connectionsFor(m_a, 8), 8);
    }

    void otherDownloadsSlotsCount()
    {
        HostLimits hosts(60000, clock());
        std::vector<HostLimits::Slot> held;
        for (int i = 0; i < 3; ++i)
            held.push_back(hosts.deliver(m_a));
        QCOMPARE(hosts.refused(m_a), 3);
        // Another download holds three: a new one gets the one it cannot do without.
        QCOMPARE(hosts.connectionsFor(m_a, 8), 1);
        held.pop_back();
        QCOMPARE(hosts.connectionsFor(m_a, 8), 1);
        // A download that holds one itself (its probe) counts it as its own.
        QCOMPARE(hosts.connectionsFor(m_a, 8, 1), 2);
        held.clear();
        QCOMPARE(hosts.connectionsFor(m_a, 8), 3);
    }

    void probesOneMoreAfterTheInterval()
    {
        HostLimits hosts(60000, clock());
        {
            HostLimits::Slot one = hosts.deliver(m_a);
            HostLimits::Slot two = hosts.deliver(m_a);
            hosts.refused(m_a);
        }
        m_now += 59999;
        QCOMPARE(hosts.connectionsFor(m_a, 8), 2);
        m_now += 1;
        QCOMPARE(hosts.connectionsFor(m_a, 8), 3);
        QCOMPARE(hosts.connectionsFor(m_a, 8), 3); // until the probe's outcome is known
        QCOMPARE(hosts.connectionsFor(m_a, 2), 2);
        // A running download taking back what others let go asks no probe.
        QCOMPARE(hosts.connectionsFor(m_a, 8, 0, false), 2);
    }

    void probeServedRaisesTheNumber()
    {
        HostLimits hosts(60000, clock());
        {
            HostLimits::Slot one = hosts.deliver(m_a);
            HostLimits::Slot two = hosts.deliver(m_a);
            hosts.refused(m_a);
        }
        m_now += 60000;
        std::vector<HostLimits::Slot> held;
        for (int i = 0; i < 3; ++i)
            held.push_back(hosts.deliver(m_a));
        QCOMPARE(hosts.known(m_a)->connections, 3);
        QCOMPARE(hosts.known(m_a)->sinceMs, m_now);
        held.clear();
        QCOMPARE(hosts.connectionsFor(m_a, 8), 3); // the next probe waits another interval
        m_now += 60000;
        QCOMPARE(hosts.connectionsFor(m_a, 8), 4);
    }

    void probeRefusedWaitsAnotherInterval()
    {
        HostLimits hosts(60000, clock());
        {
            HostLimits::Slot one = hosts.deliver(m_a);
            HostLimits::Slot two = hosts.deliver(m_a);
            hosts.refused(m_a);
        }
        m_now += 60000;
        {
            HostLimits::Slot one = hosts.deliver(m_a);
            HostLimits::Slot two = hosts.deliver(m_a);
            QCOMPARE(hosts.refused(m_a), 2); // the third was refused again
        }
        QCOMPARE(hosts.connectionsFor(m_a, 8), 2);
        m_now += 60000;
        QCOMPARE(hosts.connectionsFor(m_a, 8), 3);
    }

    void aLowerCapReplacesTheOld()
    {
        HostLimits hosts(60000, clock());
        {
            std::vector<HostLimits::Slot> held;
            for (int i = 0; i < 4; ++i)
                held.push_back(hosts.deliver(m_a));
            hosts.refused(m_a);
        }
        HostLimits::Slot one = hosts.deliver(m_a);
        QCOMPARE(hosts.refused(m_a), 1);
        QCOMPARE(hosts.known(m_a)->connections, 1);
    }

    void slotsMoveAndOutliveTheirOwner()
    {
        HostLimits::Slot kept;
        {
            auto hosts = std::make_unique<HostLimits>(60000, clock());
            HostLimits::Slot slot = hosts->deliver(m_a);
            kept = std::move(slot);
            QVERIFY(!slot);
            QCOMPARE(hosts->delivering(m_a), 1);
            kept = hosts->deliver(m_a); // the one it held is given back
            QCOMPARE(hosts->delivering(m_a), 1);
        }
        kept.reset(); // the HostLimits is gone: nothing to tell, nothing to crash
        QVERIFY(!kept);
    }

    void remembersABoundedNumberOfHosts()
    {
        HostLimits hosts(60000, clock());
        const auto url = [](int i) { return QUrl(u"http://host%1.example/"_s.arg(i)); };
        for (int i = 0; i < HostLimits::kMaxHosts + 10; ++i) {
            ++m_now;
            HostLimits::Slot slot = hosts.deliver(url(i));
            QCOMPARE(hosts.refused(url(i)), 1);
        }
        int remembered = 0;
        for (int i = 0; i < HostLimits::kMaxHosts + 10; ++i)
            remembered += hosts.known(url(i)) ? 1 : 0;
        QCOMPARE(remembered, HostLimits::kMaxHosts);
        QVERIFY(!hosts.known(url(0))); // the oldest went first
        QVERIFY(hosts.known(url(HostLimits::kMaxHosts + 9)));
    }

    void sharedBetweenThreads()
    {
        HostLimits hosts(60000, clock());
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&hosts, this] {
                for (int i = 0; i < 20000; ++i) {
                    HostLimits::Slot slot = hosts.deliver(m_a);
                    if (i % 7 == 0)
                        hosts.refused(m_a);
                    hosts.connectionsFor(m_a, 8);
                }
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(60000));
        QCOMPARE(hosts.delivering(m_a), 0);
        QVERIFY(hosts.known(m_a)->connections >= 1 && hosts.known(m_a)->connections <= 4);
    }
};

QTEST_GUILESS_MAIN(TestHostLimits)
#include "tst_hostlimits.moc"
