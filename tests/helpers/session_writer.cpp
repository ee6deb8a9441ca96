// A process for tst_sessionstore that crashes in the middle of a session
// write: it saves a list of N records, then lowers its own file size limit
// (RLIMIT_FSIZE) below the size of a list of 2N records and saves that one.
// The kernel kills it (SIGXFSZ) while the bytes go out — a real crash during
// a write, at a known point. The test checks what is left on disk.
//   session_writer PATH N
#include "core/SessionStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

QList<DownloadRecord> makeList(int count)
{
    QList<DownloadRecord> records;
    for (int i = 0; i < count; ++i) {
        DownloadRecord r;
        r.request.url = QUrl(u"https://example.com/pub/%1/file-%1.iso"_s.arg(i));
        r.request.directory = u"/home/user/Downloads"_s;
        r.snapshot.id = DownloadId(i + 1);
        r.snapshot.url = r.request.url;
        r.snapshot.fileName = u"file-%1.iso"_s.arg(i);
        r.snapshot.filePath = r.request.directory + u'/' + r.snapshot.fileName;
        r.snapshot.state = DownloadState::Completed;
        r.snapshot.totalBytes = r.snapshot.receivedBytes = 1 << 20;
        records.append(r);
    }
    return records;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    const int n = args.at(2).toInt();
    SessionStore store(args.at(1));
    QTextStream out(stdout);
    store.saveNow(makeList(n));
    const qint64 written = QFileInfo(args.at(1)).size();
    out << "wrote " << n << Qt::endl;
    const QList<DownloadRecord> longer = makeList(2 * n);
    const rlim_t limit = rlim_t(written + written / 2); // between the two lists' sizes
    const struct rlimit fsize {limit, limit};
    if (setrlimit(RLIMIT_FSIZE, &fsize) != 0)
        return 3;
    store.saveNow(longer); // killed in here
    out << "survived" << Qt::endl;
    return 4;
}
