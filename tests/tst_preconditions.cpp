// Conditional requests against CONFORMANCE.md "validators and preconditions":
// the RFC 9110 §13.2.2 evaluation order, strong and weak comparison, lists,
// malformed values, the three date formats, If-Range, and the ETag format.
#include "core/HttpDate.h"
#include "server/Preconditions.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace ferry;

namespace {

// Last-Modified of the entity in every row: Sun, 06 Nov 1994 08:49:37 GMT.
const QByteArray Modified = "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
const QByteArray ModifiedRfc850 = "Sunday, 06-Nov-94 08:49:37 GMT"_ba;
const QByteArray ModifiedAsctime = "Sun Nov  6 08:49:37 1994"_ba;
const QByteArray Earlier = "Sun, 06 Nov 1994 08:49:36 GMT"_ba;
const QByteArray Later = "Sun, 06 Nov 1994 08:49:38 GMT"_ba;
const QByteArray Tag = "\"1a-3e8-5f\""_ba;

EntityInfo entity(bool withDate = true)
{
    EntityInfo e;
    e.etag = Tag;
    if (withDate)
        e.lastModified = QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc());
    return e;
}

// `fields` as "Name: value" lines separated by '\n'.
HttpRequest request(const QByteArray &method, const QByteArray &fields)
{
    HttpRequest r;
    r.method = method;
    r.path = "/files/a"_ba;
    r.target = r.path;
    for (const QByteArray &line : fields.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return r;
}

} // namespace

class TestPreconditions final : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void ifRange_data();
    void ifRange();
    void strongETag_data();
    void strongETag();
};

void TestPreconditions::evaluate_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<bool>("entityHasDate");
    QTest::addColumn<int>("expected"); // Precondition as int

    const int proceed = int(Precondition::Proceed);
    const int notModified = int(Precondition::NotModified);
    const int failed = int(Precondition::Failed);
    const QByteArray get = "GET"_ba;

    const auto add = [](const char *name, const QByteArray &method, const QByteArray &fields,
                        bool hasDate, int expected) {
        QTest::newRow(name) << method << fields << hasDate << expected;
    };
    add("no conditions", get, QByteArray(), true, proceed);

    // If-Match: strong comparison, "*" matches, a weak or different tag fails.
    add("If-Match same", get, "If-Match: " + Tag, true, proceed);
    add("If-Match different", get, "If-Match: \"other\""_ba, true, failed);
    add("If-Match star", get, "If-Match: *"_ba, true, proceed);
    add("If-Match weak same", get, "If-Match: W/" + Tag, true, failed);
    add("If-Match list with it", get, "If-Match: \"a\", " + Tag, true, proceed);
    add("If-Match list without it", get, "If-Match: \"a\", \"b\""_ba, true, failed);
    add("If-Match over two lines", get, "If-Match: \"a\"\nIf-Match: " + Tag, true, proceed);
    add("If-Match unquoted", get, "If-Match: 1a-3e8-5f"_ba, true, failed);
    add("If-Match empty list", get, "If-Match: ,"_ba, true, failed);
    add("If-Match on HEAD", "HEAD"_ba, "If-Match: \"other\""_ba, true, failed);

    // If-Unmodified-Since, only without If-Match.
    add("IUS earlier than Last-Modified", get, "If-Unmodified-Since: " + Earlier, true, failed);
    add("IUS equal", get, "If-Unmodified-Since: " + Modified, true, proceed);
    add("IUS later", get, "If-Unmodified-Since: " + Later, true, proceed);
    add("IUS invalid date ignored", get, "If-Unmodified-Since: soon"_ba, true, proceed);
    add("IUS ignored with If-Match", get, "If-Match: " + Tag + "\nIf-Unmodified-Since: " + Earlier, true, proceed);
    add("IUS without Last-Modified", get, "If-Unmodified-Since: " + Earlier, false, proceed);

    // If-None-Match: weak comparison, lists with spaces and tabs, malformed ignored.
    add("INM same", get, "If-None-Match: " + Tag, true, notModified);
    add("INM weak same", get, "If-None-Match: W/" + Tag, true, notModified);
    add("INM different", get, "If-None-Match: \"other\""_ba, true, proceed);
    add("INM star", get, "If-None-Match: *"_ba, true, notModified);
    add("INM list with spaces", get, "If-None-Match: \"a\" ,  " + Tag + " , \"b\"", true, notModified);
    add("INM list with tabs", get, "If-None-Match: \"a\",\t" + Tag, true, notModified);
    add("INM list, no spaces", get, "If-None-Match: \"a\"," + Tag, true, notModified);
    add("INM list without it", get, "If-None-Match: \"a\", W/\"b\""_ba, true, proceed);
    add("INM over two lines", get, "If-None-Match: \"a\"\nIf-None-Match: " + Tag, true, notModified);
    add("INM malformed comma", get, "If-None-Match: ,"_ba, true, proceed);
    add("INM malformed unquoted", get, "If-None-Match: 1a-3e8-5f"_ba, true, proceed);
    add("INM malformed list", get, "If-None-Match: " + Tag + ", garbage", true, proceed);
    add("INM unterminated quote", get, "If-None-Match: \"1a-3e8-5f"_ba, true, proceed);
    add("INM on HEAD", "HEAD"_ba, "If-None-Match: " + Tag, true, notModified);
    add("INM on other methods is 412", "DELETE"_ba, "If-None-Match: " + Tag, true, failed);
    add("INM tag prefix is not a match", get, "If-None-Match: \"1a-3e8\""_ba, true, proceed);

    // If-Modified-Since, only without If-None-Match and for GET/HEAD.
    add("IMS equal", get, "If-Modified-Since: " + Modified, true, notModified);
    add("IMS later", get, "If-Modified-Since: " + Later, true, notModified);
    add("IMS earlier", get, "If-Modified-Since: " + Earlier, true, proceed);
    add("IMS RFC 850", get, "If-Modified-Since: " + ModifiedRfc850, true, notModified);
    add("IMS asctime", get, "If-Modified-Since: " + ModifiedAsctime, true, notModified);
    add("IMS invalid ignored", get, "If-Modified-Since: yesterday"_ba, true, proceed);
    add("IMS with trailing junk ignored", get, "If-Modified-Since: " + Later + "; length=3", true, proceed);
    add("IMS twice ignored", get, "If-Modified-Since: " + Later + "\nIf-Modified-Since: " + Later, true, proceed);
    add("IMS on HEAD", "HEAD"_ba, "If-Modified-Since: " + Later, true, notModified);
    add("IMS ignored for other methods", "POST"_ba, "If-Modified-Since: " + Later, true, proceed);
    add("IMS without Last-Modified", get, "If-Modified-Since: " + Later, false, proceed);
    add("IMS ignored with INM that does not match", get, "If-None-Match: \"other\"\nIf-Modified-Since: " + Later, true, proceed);
    add("IMS ignored with malformed INM", get, "If-None-Match: ,\nIf-Modified-Since: " + Later, true, proceed);
    add("INM match wins over an old IMS", get, "If-None-Match: " + Tag + "\nIf-Modified-Since: " + Earlier, true, notModified);

    // The order between the groups.
    add("If-Match fails before INM matches", get, "If-Match: \"other\"\nIf-None-Match: " + Tag, true, failed);
    add("IUS fails before INM matches", get, "If-Unmodified-Since: " + Earlier + "\nIf-None-Match: " + Tag, true, failed);
    add("IUS fails before IMS", get, "If-Unmodified-Since: " + Earlier + "\nIf-Modified-Since: " + Later, true, failed);
    add("If-Match passes, then INM matches", get, "If-Match: " + Tag + "\nIf-None-Match: " + Tag, true, notModified);
}

void TestPreconditions::evaluate()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, fields);
    QFETCH(bool, entityHasDate);
    QFETCH(int, expected);
    QCOMPARE(int(evaluatePreconditions(request(method, fields), entity(entityHasDate))), expected);
}

void TestPreconditions::ifRange_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<bool>("entityHasDate");
    QTest::addColumn<bool>("allowed");

    const auto add = [](const char *name, const QByteArray &fields, bool hasDate, bool allowed) {
        QTest::newRow(name) << fields << hasDate << allowed;
    };
    add("no If-Range", "Range: bytes=0-1"_ba, true, true);
    add("same strong tag", "If-Range: " + Tag, true, true);
    add("different tag", "If-Range: \"other\""_ba, true, false);
    add("weak tag, same opaque", "If-Range: W/" + Tag, true, false);
    add("malformed tag", "If-Range: \"1a-3e8-5f"_ba, true, false);
    add("two tags", "If-Range: \"a\", " + Tag, true, false);
    add("date equal", "If-Range: " + Modified, true, true);
    add("date equal, RFC 850", "If-Range: " + ModifiedRfc850, true, true);
    add("date equal, asctime", "If-Range: " + ModifiedAsctime, true, true);
    add("date earlier", "If-Range: " + Earlier, true, false);
    add("date later", "If-Range: " + Later, true, false);
    add("invalid date", "If-Range: yesterday"_ba, true, false);
    add("date, no Last-Modified", "If-Range: " + Modified, false, false);
    add("tag, no Last-Modified", "If-Range: " + Tag, false, true);
    add("two If-Range lines", "If-Range: " + Tag + "\nIf-Range: " + Tag, true, false);
}

void TestPreconditions::ifRange()
{
    QFETCH(QByteArray, fields);
    QFETCH(bool, entityHasDate);
    QFETCH(bool, allowed);
    QCOMPARE(rangeAllowedByIfRange(request("GET"_ba, fields), entity(entityHasDate)), allowed);
}

void TestPreconditions::strongETag_data()
{
    QTest::addColumn<quint64>("inode");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("mtimeNs");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("hex fields") << quint64(0x1a2b) << qint64(1000) << qint64(1'700'000'000'123'456'789)
                                << "\"1a2b-3e8-17979cfe3d85cd15\""_ba;
    QTest::addRow("zeros") << quint64(0) << qint64(0) << qint64(0) << "\"0-0-0\""_ba;
    QTest::addRow("large inode") << quint64(0xffffffffffffffffULL) << qint64(1) << qint64(1)
                                 << "\"ffffffffffffffff-1-1\""_ba;
}

void TestPreconditions::strongETag()
{
    QFETCH(quint64, inode);
    QFETCH(qint64, size);
    QFETCH(qint64, mtimeNs);
    QFETCH(QByteArray, expected);
    const QByteArray tag = makeStrongETag(inode, size, mtimeNs);
    QCOMPARE(tag, expected);

    // A touch within the same second is a different representation.
    QVERIFY(makeStrongETag(inode, size, mtimeNs + 1) != tag);
    // The tag is usable as a strong validator by this very module.
    EntityInfo e;
    e.etag = tag;
    HttpRequest r = request("GET"_ba, QByteArray("If-None-Match: " + tag));
    QCOMPARE(evaluatePreconditions(r, e), Precondition::NotModified);
    r = request("GET"_ba, QByteArray("If-Range: " + tag));
    QVERIFY(rangeAllowedByIfRange(r, e));
}

QTEST_APPLESS_MAIN(TestPreconditions)
#include "tst_preconditions.moc"
