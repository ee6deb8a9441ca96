// core/ControlFileIndex: after the first scan of a folder, its answers come
// from inotify reports, and they must always be what a fresh scan
// (ControlFile::namesIn) reads there — whatever this process or another one
// did in between: files created, written the way QSaveFile writes them,
// renamed in and out, removed, a directory or a symlink with a control
// file's name, the folder removed and made again at the same path, the
// folder renamed away and another put in its place.
#include "core/ControlFile.h"
#include "core/ControlFileIndex.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using ferry::ControlFileIndex;
namespace ControlFile = ferry::ControlFile;

namespace {

bool touch(const QString &path, const QByteArray &data = "{}")
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestControlFileIndex final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }

    // The index and a fresh scan agree, and the index watches the folder.
    void expect(ControlFileIndex &index, const QStringList &names)
    {
        QCOMPARE(ControlFile::namesIn(m_dir->path()), names);
        QCOMPARE(index.namesIn(m_dir->path()), names);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() { m_dir.reset(); }

    void followsChanges()
    {
        ControlFileIndex index;
        QVERIFY(touch(path(u"old.bin.part.ferry"_s)));
        QVERIFY(touch(path(u"old.bin"_s)));
        expect(index, {u"old.bin.part.ferry"_s});
        QCOMPARE(index.watchedFolders(), 1); // inotify is there: the rest is answered from its reports

        QVERIFY(touch(path(u"b.iso.part.ferry"_s)));               // created
        QVERIFY(touch(path(u"b.iso.part"_s)));                     // not a control file
        QVERIFY(touch(path(u".part.ferry"_s)));                    // nothing before the suffix
        QVERIFY(QDir(m_dir->path()).mkdir(u"dir.part.ferry"_s));   // a directory
        QVERIFY(QFile::link(path(u"old.bin"_s), path(u"link.part.ferry"_s))); // a symlink
        {
            QSaveFile save(path(u"saved.part.ferry"_s)); // as ControlFile::write does it
            QVERIFY(save.open(QIODevice::WriteOnly));
            save.write("{}");
            QVERIFY(save.commit());
        }
        expect(index, {u"b.iso.part.ferry"_s, u"old.bin.part.ferry"_s, u"saved.part.ferry"_s});

        QVERIFY(QFile::remove(path(u"old.bin.part.ferry"_s)));                           // removed
        QVERIFY(QFile::rename(path(u"b.iso.part.ferry"_s), path(u"b.iso.part.ferry.bak"_s))); // renamed away
        QVERIFY(QFile::rename(path(u"b.iso.part"_s), path(u"c.part.ferry"_s)));          // renamed in
        QTemporaryDir elsewhere;
        QVERIFY(touch(elsewhere.filePath(u"moved.part.ferry"_s)));
        QVERIFY(QFile::rename(elsewhere.filePath(u"moved.part.ferry"_s), path(u"moved.part.ferry"_s))); // moved in
        expect(index, {u"c.part.ferry"_s, u"moved.part.ferry"_s, u"saved.part.ferry"_s});

        // Another process writes one.
        QCOMPARE(QProcess::execute(u"touch"_s, {path(u"other.part.ferry"_s)}), 0);
        expect(index, {u"c.part.ferry"_s, u"moved.part.ferry"_s, u"other.part.ferry"_s, u"saved.part.ferry"_s});
    }

    void folderReplaced()
    {
        ControlFileIndex index;
        const QString folder = path(u"downloads"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(touch(folder + u"/a.part.ferry"_s));
        QCOMPARE(index.namesIn(folder), QStringList{u"a.part.ferry"_s});

        // Removed and made again at the same path.
        QVERIFY(QDir(folder).removeRecursively());
        QCOMPARE(index.namesIn(folder), QStringList());
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(touch(folder + u"/b.part.ferry"_s));
        QCOMPARE(index.namesIn(folder), QStringList{u"b.part.ferry"_s});

        // Renamed away, another folder put in its place.
        QVERIFY(QDir().rename(folder, path(u"gone"_s)));
        QVERIFY(QDir().mkpath(path(u"other"_s)));
        QVERIFY(touch(path(u"other/c.part.ferry"_s)));
        QVERIFY(QDir().rename(path(u"other"_s), folder));
        QCOMPARE(index.namesIn(folder), QStringList{u"c.part.ferry"_s});
        QVERIFY(touch(path(u"gone/d.part.ferry"_s))); // the old folder's news are not this one's
        QCOMPARE(index.namesIn(folder), QStringList{u"c.part.ferry"_s});
        QCOMPARE(index.namesIn(path(u"gone"_s)), (QStringList{u"b.part.ferry"_s, u"d.part.ferry"_s}));
    }

    // The same folder by another path (a symlink) shares the watch and the answers.
    void sameFolderTwoPaths()
    {
        ControlFileIndex index;
        QVERIFY(QDir().mkpath(path(u"real"_s)));
        QVERIFY(QFile::link(path(u"real"_s), path(u"alias"_s)));
        QVERIFY(touch(path(u"real/a.part.ferry"_s)));
        QCOMPARE(index.namesIn(path(u"real"_s)), QStringList{u"a.part.ferry"_s});
        QCOMPARE(index.namesIn(path(u"alias"_s)), QStringList{u"a.part.ferry"_s});
        QCOMPARE(index.watchedFolders(), 1);
        QVERIFY(touch(path(u"alias/b.part.ferry"_s)));
        QCOMPARE(index.namesIn(path(u"real"_s)), (QStringList{u"a.part.ferry"_s, u"b.part.ferry"_s}));
        QCOMPARE(index.namesIn(path(u"alias"_s)), (QStringList{u"a.part.ferry"_s, u"b.part.ferry"_s}));
    }

    void missingFolder()
    {
        ControlFileIndex index;
        QCOMPARE(index.namesIn(path(u"nowhere"_s)), QStringList());
        QCOMPARE(index.watchedFolders(), 0);
    }

    // At most kMaxFolders are watched; a dropped one is scanned again when asked.
    void boundedWatches()
    {
        ControlFileIndex index;
        for (int i = 0; i <= ControlFileIndex::kMaxFolders; ++i) {
            const QString folder = path(u"f%1"_s.arg(i));
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(touch(folder + u"/x.part.ferry"_s));
            QCOMPARE(index.namesIn(folder), QStringList{u"x.part.ferry"_s});
        }
        QCOMPARE(index.watchedFolders(), ControlFileIndex::kMaxFolders);
        QVERIFY(touch(path(u"f0/y.part.ferry"_s))); // f0 was dropped: nobody reports this
        QCOMPARE(index.namesIn(path(u"f0"_s)), (QStringList{u"x.part.ferry"_s, u"y.part.ferry"_s}));
        QCOMPARE(index.watchedFolders(), ControlFileIndex::kMaxFolders);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestControlFileIndex)
#include "tst_controlfileindex.moc"
