// Download records for the session tests (tst_sessionformat, tst_sessionstore):
// record n sets every field, many at a non-default value and some at their
// default, and sameRecords names the first field that differs.
#pragma once

#include "core/DownloadRecord.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <utility>

namespace ferry::test {

using namespace Qt::StringLiterals;

inline DownloadRecord makeRecord(int n)
{
    DownloadRecord r;
    r.request.url = QUrl(u"https://example.com/files/%1/%E4%B8%AD.iso?x=1&y=%2"_s.arg(n).arg(n * 2));
    r.request.directory = u"/home/user/Downloads/sub %1"_s.arg(n);
    r.request.fileName = n % 2 ? u"fixed-%1.bin"_s.arg(n) : QString();
    r.request.connections = 1 + n % 16;
    r.request.speedLimit = n * 1000;
    if (n % 3 == 0)
        r.request.checksum = *ChecksumSpec::parse(u"md5=D41D8CD98F00B204E9800998ECF8427E"_s);
    r.request.headers = {{"Cookie"_ba, "a=b; c=d"_ba}, {"X-Bytes"_ba, "caf\xe9"_ba}};
    r.request.conflict = static_cast<ConflictPolicy>(n % 3);
    r.request.proxy = {static_cast<ProxyMode>(n % 3), n % 3 == 2 ? u"socks5h://u:p@127.0.0.1:1080"_s : QString(),
                       n % 3 == 2 ? u"localhost,.lan"_s : QString()};
    r.request.user = n % 2 ? u"user%1"_s.arg(n) : QString();
    r.request.password = n % 2 ? u"p\u00e4ss:%1"_s.arg(n) : QString();
    r.request.useNetrc = n % 4 != 1;
    r.request.netrcFile = n % 5 == 0 ? u"/home/user/.netrc-work"_s : QString();
    r.request.cookies = n % 2 ? "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tFALSE\t0\tsid\tabc\n"_ba : QByteArray();
    r.request.referer = n % 2 ? "https://example.com/page"_ba : QByteArray();
    r.request.userAgent = n % 3 ? "Mozilla/5.0 (X11)"_ba : QByteArray();
    r.request.continueFromOtherUrl = n % 7 == 3;
    if (n % 5 == 2)
        r.request.mirrors = {QUrl(u"https://m1.example/pub/%E4%B8%AD-%1.bin"_s.arg(n)), QUrl(u"http://m2.example:8080/f%1"_s.arg(n))};
    r.request.gid = n % 2 ? u"%1"_s.arg(qulonglong(0x2089b05e00000000ULL + n), 16, 16, QChar(u'0')) : QString();

    DownloadSnapshot &s = r.snapshot;
    s.id = DownloadId(1000 + n);
    s.url = r.request.url;
    s.finalUrl = n % 2 ? QUrl(u"https://cdn.example.net/%1"_s.arg(n)) : QUrl();
    s.fileName = u"\u4e2d %1.iso"_s.arg(n);
    s.filePath = u"/home/user/Downloads/\u4e2d %1.iso"_s.arg(n);
    s.state = static_cast<DownloadState>(n % 6);
    s.wanted = n % 2 == 0;
    s.errorKind = static_cast<ErrorKind>(n % 4);
    s.errorMessage = n % 4 ? u"The server answered 404 Not Found"_s : QString();
    s.totalBytes = n % 5 ? qint64(n) * 1'000'000'007LL : -1;
    s.receivedBytes = qint64(n) * 12345;
    s.resumable = n % 2 == 1;
    s.added = QDateTime(QDate(2024, 1, 1 + n % 28), QTime(10, 20, 30, n % 1000), Qt::UTC);
    s.finished = n % 2 ? s.added.addSecs(3600) : QDateTime();
    return r;
}

inline QList<DownloadRecord> makeList(int count, int offset = 0)
{
    QList<DownloadRecord> list;
    for (int i = 0; i < count; ++i)
        list.append(makeRecord(offset + i));
    return list;
}

// Compares field by field so a failure names the field.
inline bool sameRecords(const QList<DownloadRecord> &a, const QList<DownloadRecord> &b)
{
    if (a.size() != b.size()) {
        qWarning("size %lld != %lld", qlonglong(a.size()), qlonglong(b.size()));
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const DownloadRequest &p = a.at(i).request;
        const DownloadRequest &q = b.at(i).request;
        const DownloadSnapshot &s = a.at(i).snapshot;
        const DownloadSnapshot &t = b.at(i).snapshot;
        const std::pair<const char *, bool> checks[] = {
            {"request.url", p.url == q.url},
            {"request.directory", p.directory == q.directory},
            {"request.fileName", p.fileName == q.fileName},
            {"request.connections", p.connections == q.connections},
            {"request.speedLimit", p.speedLimit == q.speedLimit},
            {"request.checksum", p.checksum.algorithm == q.checksum.algorithm
                                     && p.checksum.expectedHex == q.checksum.expectedHex},
            {"request.headers", p.headers == q.headers},
            {"request.conflict", p.conflict == q.conflict},
            {"request.proxy", p.proxy == q.proxy},
            {"request.user", p.user == q.user},
            {"request.password", p.password == q.password},
            {"request.useNetrc", p.useNetrc == q.useNetrc},
            {"request.netrcFile", p.netrcFile == q.netrcFile},
            {"request.cookies", p.cookies == q.cookies},
            {"request.referer", p.referer == q.referer},
            {"request.userAgent", p.userAgent == q.userAgent},
            {"request.continueFromOtherUrl", p.continueFromOtherUrl == q.continueFromOtherUrl},
            {"request.gid", p.gid == q.gid},
            {"request.mirrors", p.mirrors == q.mirrors},
            {"id", s.id == t.id},
            {"url", s.url == t.url},
            {"finalUrl", s.finalUrl == t.finalUrl},
            {"fileName", s.fileName == t.fileName},
            {"filePath", s.filePath == t.filePath},
            {"state", s.state == t.state},
            {"wanted", s.wanted == t.wanted},
            {"errorKind", s.errorKind == t.errorKind},
            {"errorMessage", s.errorMessage == t.errorMessage},
            {"totalBytes", s.totalBytes == t.totalBytes},
            {"receivedBytes", s.receivedBytes == t.receivedBytes},
            {"resumable", s.resumable == t.resumable},
            {"added", s.added == t.added},
            {"finished", s.finished == t.finished},
        };
        for (const auto &[name, ok] : checks) {
            if (!ok) {
                qWarning("record %lld: %s differs", qlonglong(i), name);
                return false;
            }
        }
    }
    return true;
}

} // namespace ferry::test
