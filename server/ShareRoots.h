// The share server's sandbox (DESIGN.md "Sandbox"): the shared folders, each
// under a unique name, and the one place where a URL path becomes a file
// system path. Every file the server lists or serves goes through resolve()
// or isListable(); nothing outside a shared root can come out of either.
#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>

namespace ferry {

class ShareRoots
{
    Q_DECLARE_TR_FUNCTIONS(ShareRoots)

public:
    struct Resolved {
        enum class Status { Ok, BadRequest, NotFound, Forbidden };
        Status status = Status::NotFound;
        QString absolutePath; // canonical (symlinks resolved); empty for the top level
        QString rootName;     // empty for the top level
        QString relativePath; // inside the root as requested, "Music/a.flac"; "" for the root itself
        bool isDirectory = false;
        bool isTopLevel = false; // the virtual list of roots
    };

    // `directory` must exist and be a readable folder. It is shared under its
    // folder name, made unique with " (2)", " (3)"…; the same folder twice is refused.
    bool addRoot(const QString &directory, QString *error);
    QStringList rootNames() const;
    // The canonical folder behind a root name; empty when there is none.
    QString rootPath(const QString &rootName) const;

    // Dotfiles (any name starting with '.') are neither listed nor served unless shown.
    void setShowHidden(bool show) { m_showHidden = show; }
    bool showHidden() const { return m_showHidden; }

    // `encodedPath` is the raw path after "/files/", e.g. "Music/%E4%B8%AD.mp3",
    // empty for the list of roots. Decoded exactly once; malformed escapes, NUL,
    // backslashes, control characters and invalid or overlong UTF-8 → BadRequest;
    // ".." above the list of roots → BadRequest; dotfiles (unless shown) and
    // missing files → NotFound; a target outside its root after resolving
    // symlinks, or anything but a readable regular file or folder → Forbidden.
    Resolved resolve(QByteArrayView encodedPath) const;

    // Opens a resolved regular file for reading so that what was checked is
    // what is read: walked from its root with openat(2) and O_NOFOLLOW on
    // every part (a part swapped for a symlink since resolve() fails), never
    // blocking (O_NONBLOCK: a FIFO swapped in is not waited on), and only a
    // regular file is kept. The descriptor (close-on-exec) is the caller's;
    // -1 with `*status` saying why (NotFound or Forbidden) otherwise.
    int openFile(const Resolved &file, Resolved::Status *status) const;

    // Whether a directory entry may appear in a listing: exactly when its URL
    // would resolve (not hidden, not a symlink leading out of its root, not
    // dangling, a regular file or folder, a name that can be written in a URL).
    // With nested roots the innermost root containing the entry's folder is
    // assumed; listEntries() knows the root and is exact.
    bool isListable(const QFileInfo &entry) const;
    // The listable entries of a resolved folder (not the top level), folders
    // first, then by name.
    QFileInfoList listEntries(const Resolved &directory) const;

private:
    struct Root {
        QString name;
        QString canonicalPath;
    };

    // Checks the file system object `candidate` against `root`; fills
    // `canonical` and `isDirectory` on Ok.
    Resolved::Status checkTarget(const Root &root, const QString &candidate, QString &canonical,
                                 bool &isDirectory) const;
    const Root *rootContaining(const QString &canonicalPath) const;
    bool isListableIn(const Root &root, const QFileInfo &entry) const;

    QList<Root> m_roots;
    bool m_showHidden = false;
};

} // namespace ferry
