// A seeded, deterministic stand-in for the fuzzer that runs with every test
// run: about 200 000 pseudo-random and mutated-valid inputs through
// parseHttpRequest, evaluateRange, parseHttpDate and ShareRoots::resolve, each
// checked against the invariants of tests/fuzz/HttpInvariants.h. Each batch
// also counts its outcomes, so a generator that never reaches the interesting
// cases fails instead of passing vacuously.
#include "tests/fuzz/HttpInvariants.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <random>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

constexpr std::uint64_t Seed = 0x46657272792d3131ULL; // fixed: failures reproduce

// Bytes that matter to HTTP parsers, weighted into random inputs and mutations.
constexpr char InterestingBytes[] = "\r\n\t :,;=-/?#%\"*\\.0123456789abzAZ\x00\x01\x7f\x80\xc0\xff";
const QByteArray Interesting(InterestingBytes, sizeof(InterestingBytes) - 1);

class Generator
{
public:
    explicit Generator(std::uint64_t seed) : m_rng(seed) {}

    int below(int n) { return int(m_rng() % std::uint64_t(n)); }
    bool chance(int percent) { return below(100) < percent; }

    char byte()
    {
        if (chance(60))
            return Interesting[below(int(Interesting.size()))];
        return static_cast<char>(below(256));
    }

    QByteArray randomBytes(int maxLength)
    {
        QByteArray out;
        const int n = below(maxLength + 1);
        out.reserve(n);
        for (int i = 0; i < n; ++i)
            out.append(byte());
        return out;
    }

    template<typename T>
    const T &pick(const QList<T> &list) { return list[below(int(list.size()))]; }

    // Zero to three edits: flip, insert, delete, duplicate a slice, insert a
    // token. A quarter stay valid, so the deep paths are exercised too.
    QByteArray mutate(QByteArray s, const QList<QByteArray> &tokens)
    {
        const int edits = below(4);
        for (int e = 0; e < edits; ++e) {
            const int at = below(int(s.size()) + 1);
            switch (below(6)) {
            case 0:
                if (!s.isEmpty())
                    s[below(int(s.size()))] = byte();
                break;
            case 1:
                s.insert(at, byte());
                break;
            case 2:
                if (!s.isEmpty())
                    s.remove(below(int(s.size())), 1 + below(4));
                break;
            case 3:
                if (!s.isEmpty()) {
                    const int from = below(int(s.size()));
                    s.insert(at, s.mid(from, 1 + below(16)));
                }
                break;
            case 4:
            case 5:
                s.insert(at, pick(tokens));
                break;
            }
        }
        return s;
    }

private:
    std::mt19937_64 m_rng;
};

const QList<QByteArray> ValidRequests = {
    "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba,
    "GET /files/share/Music/a.flac HTTP/1.1\r\nHost: 127.0.0.1:8686\r\nRange: bytes=0-99\r\n"
    "If-Range: \"1-2-3\"\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n"_ba,
    "HEAD /api/files?path=share&token=abc HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba,
    "GET http://host:8686/files/x?y=z HTTP/1.1\r\nHost: host:8686\r\nContent-Length: 0\r\n\r\n"_ba,
    "\r\nGET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"_ba,
    "GET /a HTTP/1.1\nHost: x\nIf-None-Match: \"a\", W/\"b\"\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\n\n"_ba,
    "GET /p HTTP/1.1\r\nHost: x\r\n\r\nGET /q HTTP/1.1\r\nHost: x\r\n\r\n"_ba, // pipelined
};

const QList<QByteArray> RequestTokens = {
    "\r\n"_ba, "\n"_ba, "\r"_ba, " "_ba, "\t"_ba, ":"_ba, "Host: y\r\n"_ba, "Content-Length: 5\r\n"_ba,
    "Content-Length: 0\r\n"_ba, "Transfer-Encoding: chunked\r\n"_ba, "Connection: close\r\n"_ba,
    " HTTP/1.0"_ba, " HTTP/2.0"_ba, "http://"_ba, "%00"_ba, "%2e%2e/"_ba, "?"_ba, "#"_ba, "*"_ba,
    QByteArray(1, '\0'), "\r\n\r\n"_ba, " x\r\n"_ba, "GET "_ba, "+"_ba, "0x"_ba, ","_ba,
};

const QList<QByteArray> ValidRanges = {
    "bytes=0-0"_ba, "bytes=-500"_ba, "bytes=999-"_ba, "bytes=0-9, 20-29"_ba, "bytes=0-9,-10,100000-,10-19"_ba,
    "Bytes=0-4"_ba, "bytes=0-,1-,2-"_ba, "items=0-5"_ba, "bytes="_ba, "bytes=0-18446744073709551616"_ba,
};

const QList<QByteArray> RangeTokens = {
    "-"_ba, ","_ba, " "_ba, "="_ba, "0"_ba, "9"_ba, "18446744073709551616"_ba, "9223372036854775807"_ba,
    "bytes="_ba, "-0"_ba, ",,"_ba, "\t"_ba,
};

const QList<QByteArray> ValidDates = {
    "Sun, 06 Nov 1994 08:49:37 GMT"_ba, "Sunday, 06-Nov-94 08:49:37 GMT"_ba, "Sun Nov  6 08:49:37 1994"_ba,
    "Thu, 29 Feb 2024 23:59:60 GMT"_ba, "Sat, 01 Jan 0001 00:00:00 GMT"_ba, "Fri, 31 Dec 9999 23:59:59 GMT"_ba,
};

const QList<QByteArray> DateTokens = {
    " "_ba, ","_ba, "-"_ba, ":"_ba, "GMT"_ba, "Feb"_ba, "99"_ba, "00"_ba, "60"_ba, "Sunday"_ba, "9999"_ba,
};

const QList<QByteArray> ValidPaths = {
    ""_ba, "share"_ba, "share/Music/a.flac"_ba, "share/Music/%E4%B8%AD.mp3"_ba, "share/link-in"_ba,
    "share/link-out/secret.txt"_ba, "share/link-up/outside/secret.txt"_ba, "share/.hidden"_ba,
    "share/Music/../Music/a.flac"_ba,
};

const QList<QByteArray> PathTokens = {
    "/"_ba, ".."_ba, "../"_ba, "%2e"_ba, "%2E%2e/"_ba, "%2f"_ba, "%5c"_ba, "\\"_ba, "%00"_ba, "%c0%ae"_ba,
    "%"_ba, "%25"_ba, "."_ba, "link-out/"_ba, "link-up/"_ba, "outside/"_ba, "secret.txt"_ba, "share/"_ba,
    ".hidden"_ba, "//"_ba, "%e4%b8"_ba,
};

} // namespace

class TestParserRandom final : public QObject
{
    Q_OBJECT

private slots:
    void requests();
    void requestsNearTheLimits();
    void ranges();
    void dates();
    void paths();
};

void TestParserRandom::requests()
{
    Generator g(Seed);
    int complete = 0, incomplete = 0, errors = 0;
    for (int i = 0; i < 120'000; ++i) {
        const QByteArray input = i % 3 == 0 ? g.randomBytes(160) : g.mutate(g.pick(ValidRequests), RequestTokens);
        const QByteArray broken = fuzz::checkParse(input);
        if (!broken.isEmpty())
            QFAIL(qPrintable(QString::fromLatin1(broken) + u" on input (hex) "_s + QString::fromLatin1(input.toHex())));
        switch (parseHttpRequest(input).status) {
        case ParseResult::Status::Complete: ++complete; break;
        case ParseResult::Status::Incomplete: ++incomplete; break;
        case ParseResult::Status::Error: ++errors; break;
        }
    }
    qInfo("complete %d, incomplete %d, error %d", complete, incomplete, errors);
    QVERIFY(complete > 5'000);
    QVERIFY(incomplete > 5'000);
    QVERIFY(errors > 5'000);
}

void TestParserRandom::requestsNearTheLimits()
{
    Generator g(Seed + 1);
    const QList<QByteArray> bases = {
        "GET /" + QByteArray(8170, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + QByteArray(16330, 'b') + "\r\n\r\n",
        []() -> QByteArray {
            QByteArray h = "GET / HTTP/1.1\r\nHost: x\r\n"_ba;
            for (int i = 0; i < 99; ++i)
                h += "X-F: v\r\n";
            return h + "\r\n";
        }(),
    };
    int errors = 0;
    for (int i = 0; i < 3'000; ++i) {
        const QByteArray input = g.mutate(g.pick(bases), RequestTokens);
        const QByteArray broken = fuzz::checkParse(input);
        if (!broken.isEmpty())
            QFAIL(qPrintable(QString::fromLatin1(broken) + u" near the limits, input size "_s
                             + QString::number(input.size())));
        errors += parseHttpRequest(input).status == ParseResult::Status::Error;
    }
    QVERIFY(errors > 100);
}

void TestParserRandom::ranges()
{
    Generator g(Seed + 2);
    const QList<qint64> sizes = {0, 1, 2, 10, 1000, 65536, 5'000'000'000, std::numeric_limits<qint64>::max()};
    int partial = 0, full = 0, unsatisfiable = 0;
    for (int i = 0; i < 40'000; ++i) {
        const QByteArray header = i % 4 == 0 ? g.randomBytes(40) : g.mutate(g.pick(ValidRanges), RangeTokens);
        const qint64 size = g.pick(sizes);
        const QByteArray broken = fuzz::checkRange(header, size);
        if (!broken.isEmpty())
            QFAIL(qPrintable(QString::fromLatin1(broken) + u" on "_s + QString::fromLatin1(header.toHex())
                             + u" size "_s + QString::number(size)));
        switch (evaluateRange(header, size).kind) {
        case RangeDecision::Kind::Partial: ++partial; break;
        case RangeDecision::Kind::Full: ++full; break;
        case RangeDecision::Kind::Unsatisfiable: ++unsatisfiable; break;
        }
    }
    qInfo("partial %d, full %d, unsatisfiable %d", partial, full, unsatisfiable);
    QVERIFY(partial > 2'000);
    QVERIFY(full > 2'000);
    QVERIFY(unsatisfiable > 2'000);
}

void TestParserRandom::dates()
{
    Generator g(Seed + 3);
    int valid = 0;
    for (int i = 0; i < 20'000; ++i) {
        const QByteArray value = i % 4 == 0 ? g.randomBytes(32) : g.mutate(g.pick(ValidDates), DateTokens);
        const QByteArray broken = fuzz::checkDate(value);
        if (!broken.isEmpty())
            QFAIL(qPrintable(QString::fromLatin1(broken) + u" on "_s + QString::fromLatin1(value.toHex())));
        valid += parseHttpDate(value).has_value();
    }
    // And every second of a random walk through the calendar formats and parses back.
    for (int i = 0; i < 10'000; ++i) {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(qint64(g.below(2'000'000'000)) * 3 - 2'000'000'000,
                                                          QTimeZone::utc());
        const auto parsed = parseHttpDate(formatHttpDate(t));
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, t);
    }
    qInfo("valid %d of 20000 mutated dates", valid);
    QVERIFY(valid > 500);
}

void TestParserRandom::paths()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString base = QFileInfo(tmp.path()).canonicalFilePath();
    QVERIFY(QDir().mkpath(base + u"/share/Music"_s));
    QVERIFY(QDir().mkpath(base + u"/outside"_s));
    for (const QString &name : {u"/share/Music/a.flac"_s, u"/share/Music/中.mp3"_s, u"/share/.hidden"_s,
                                u"/outside/secret.txt"_s}) {
        QFile f(base + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    QVERIFY(QFile::link(base + u"/outside"_s, base + u"/share/link-out"_s));
    QVERIFY(QFile::link(u"Music/a.flac"_s, base + u"/share/link-in"_s));
    QVERIFY(QFile::link(u".."_s, base + u"/share/link-up"_s));
    ShareRoots roots;
    QString error;
    QVERIFY2(roots.addRoot(base + u"/share"_s, &error), qPrintable(error));

    Generator g(Seed + 4);
    int ok = 0, refused = 0;
    for (int i = 0; i < 20'000; ++i) {
        roots.setShowHidden(i % 2 == 1);
        const QByteArray path = i % 4 == 0 ? g.randomBytes(24) : g.mutate(g.pick(ValidPaths), PathTokens);
        const QByteArray broken = fuzz::checkResolve(roots, path);
        if (!broken.isEmpty())
            QFAIL(qPrintable(QString::fromLatin1(broken) + u" on "_s + QString::fromLatin1(path.toHex())));
        const ShareRoots::Resolved r = roots.resolve(path);
        if (r.status == ShareRoots::Resolved::Status::Ok && !r.isTopLevel)
            ++ok;
        else if (r.status != ShareRoots::Resolved::Status::Ok)
            ++refused;
        QVERIFY(!r.absolutePath.startsWith(base + u"/outside"_s));
    }
    qInfo("resolved %d, refused %d", ok, refused);
    QVERIFY(ok > 1'000);
    QVERIFY(refused > 1'000);
}

QTEST_APPLESS_MAIN(TestParserRandom)
#include "tst_parser_random.moc"
