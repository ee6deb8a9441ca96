// libFuzzer entry point over the share server's pure HTTP functions:
// parseHttpRequest, evaluateRange, parseHttpDate and ShareRoots::resolve.
// The first input byte picks the function (and, for ranges, the file size);
// the rest is the input. Any broken invariant (HttpInvariants.h) aborts, so
// the fuzzer records it as a crash. Built only with clang and -DFERRY_FUZZ=ON;
// see docs/testing.md.
#include "tests/fuzz/HttpInvariants.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 RangeSizes[] = {0, 1, 2, 1000, 65536, 5'000'000'000, std::numeric_limits<qint64>::max()};

// A small shared tree with a secret beside it and a symlink leading to it,
// made once per fuzzing process.
const ferry::ShareRoots &sandbox()
{
    static QTemporaryDir tmp;
    static const ferry::ShareRoots roots = [] {
        const QString base = QFileInfo(tmp.path()).canonicalFilePath();
        QDir().mkpath(base + u"/share/Music"_s);
        QDir().mkpath(base + u"/share/.hiddendir"_s);
        QDir().mkpath(base + u"/outside"_s);
        for (const QString &name : {u"/share/Music/a.flac"_s, u"/share/Music/中文.mp3"_s, u"/share/.hidden"_s,
                                    u"/share/.hiddendir/x"_s, u"/outside/secret.txt"_s}) {
            QFile f(base + name);
            if (f.open(QIODevice::WriteOnly))
                f.write("x");
        }
        QFile::link(base + u"/outside"_s, base + u"/share/link-out"_s);
        QFile::link(u"Music/a.flac"_s, base + u"/share/link-in"_s);
        QFile::link(u".."_s, base + u"/share/link-up"_s);
        ferry::ShareRoots r;
        r.addRoot(base + u"/share"_s, nullptr);
        return r;
    }();
    return roots;
}

void require(const QByteArray &broken, const char *what)
{
    if (broken.isEmpty())
        return;
    std::fprintf(stderr, "invariant broken in %s: %s\n", what, broken.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t selector = data[0];
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (selector % 5) {
    case 0:
    case 1:
        require(ferry::fuzz::checkParse(input), "parseHttpRequest");
        break;
    case 2:
        require(ferry::fuzz::checkRange(input, RangeSizes[(selector / 5) % std::size(RangeSizes)]), "evaluateRange");
        break;
    case 3:
        require(ferry::fuzz::checkDate(input), "parseHttpDate");
        break;
    case 4: {
        ferry::ShareRoots roots = sandbox();
        roots.setShowHidden(selector & 0x80);
        require(ferry::fuzz::checkResolve(roots, input), "ShareRoots::resolve");
        break;
    }
    }
    return 0;
}
