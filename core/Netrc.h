// ~/.netrc: logins for hosts, as curl (-n) and wget read it. A pure parser of
// the file's bytes plus the lookup of the entry for a host; reading the file
// and deciding when to use it is the caller's job (docs/network.md).
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace ferry {

struct NetrcEntry {
    QString machine;          // the host name as written; empty for "default"
    bool isDefault = false;   // the "default" entry: any host
    QString login;
    QString password;
    bool hasLogin = false;
    bool hasPassword = false;
};

struct NetrcFile {
    bool ok = true;           // false: a syntax error; curl then uses no entry at all
    QString error;            // what was wrong, in English for the log (no secret in it)
    int errorLine = 0;        // 1-based
    QList<NetrcEntry> entries;
};

// The grammar, as curl 7.84+ and wget share it: tokens separated by blanks
// and newlines; "machine NAME", "default", "login NAME", "password SECRET",
// "account X" (ignored), "macdef NAME" whose body runs to the next empty line
// (skipped). A token may be a double-quoted string with \" \\ \n \r \t
// escapes (it must end on its line). A token starting with '#' makes the rest
// of the line a comment. Unknown words are skipped.
NetrcFile parseNetrc(QByteArrayView text);

// The entry for `host` (case-insensitive; a trailing dot ignored): the first
// "machine" entry for that host — when `login` is given, the first whose login
// is that user —, else the "default" entry, else nothing.
std::optional<NetrcEntry> findNetrcEntry(const NetrcFile &file, QStringView host, QStringView login = {});

} // namespace ferry
