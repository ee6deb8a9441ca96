// ~/.netrc parsing: see Netrc.h. Lines are read one at a time so a quoted token
// cannot swallow the rest of the file, and a macdef body (an FTP macro, not a
// login) is skipped up to its empty line as ftp(1) defines it.
#include "core/Netrc.h"

#include <QByteArray>

namespace ferry {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

enum class Expect { Keyword, Machine, Login, Password, Skip, MacroName };

} // namespace

NetrcFile parseNetrc(QByteArrayView text)
{
    NetrcFile file;
    Expect expect = Expect::Keyword;
    bool inMacro = false;   // inside a macdef body: skip lines until an empty one
    bool haveEntry = false; // keywords before the first machine/default belong to none
    NetrcEntry entry;
    const auto flush = [&] {
        if (haveEntry)
            file.entries.append(entry);
        entry = NetrcEntry();
    };

    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;

        if (inMacro) {
            bool empty = true;
            for (char c : line)
                empty = empty && isBlank(c);
            if (empty)
                inMacro = false;
            continue;
        }

        qsizetype i = 0;
        while (i < line.size()) {
            while (i < line.size() && isBlank(line[i]))
                ++i;
            if (i >= line.size())
                break;
            if (line[i] == '#')
                break; // a comment to the end of the line
            QByteArray token;
            if (line[i] == '"') {
                ++i;
                bool closed = false;
                while (i < line.size()) {
                    char c = line[i++];
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < line.size()) {
                        c = line[i++];
                        c = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
                    }
                    token.append(c);
                }
                if (!closed) {
                    file.ok = false;
                    file.error = QStringLiteral("unterminated quoted string");
                    file.errorLine = lineNumber;
                    file.entries.clear();
                    return file;
                }
            } else {
                while (i < line.size() && !isBlank(line[i]))
                    token.append(line[i++]);
            }

            switch (expect) {
            case Expect::Keyword:
                if (token == "machine") {
                    flush();
                    haveEntry = true;
                    expect = Expect::Machine;
                } else if (token == "default") {
                    flush();
                    haveEntry = true;
                    entry.isDefault = true;
                } else if (token == "login") {
                    expect = Expect::Login;
                } else if (token == "password") {
                    expect = Expect::Password;
                } else if (token == "account") {
                    expect = Expect::Skip;
                } else if (token == "macdef") {
                    expect = Expect::MacroName;
                }
                break;
            case Expect::Machine:
                entry.machine = QString::fromUtf8(token);
                expect = Expect::Keyword;
                break;
            case Expect::Login:
                if (haveEntry) {
                    entry.login = QString::fromUtf8(token);
                    entry.hasLogin = true;
                }
                expect = Expect::Keyword;
                break;
            case Expect::Password:
                if (haveEntry) {
                    entry.password = QString::fromUtf8(token);
                    entry.hasPassword = true;
                }
                expect = Expect::Keyword;
                break;
            case Expect::Skip:
                expect = Expect::Keyword;
                break;
            case Expect::MacroName:
                // The body starts on the next line, whatever follows the name here.
                expect = Expect::Keyword;
                inMacro = true;
                i = line.size();
                break;
            }
        }
    }
    flush();
    return file;
}

std::optional<NetrcEntry> findNetrcEntry(const NetrcFile &file, QStringView host, QStringView login)
{
    if (!file.ok)
        return std::nullopt;
    if (host.endsWith(u'.'))
        host.chop(1);
    const auto sameHost = [host](QStringView machine) {
        if (machine.endsWith(u'.'))
            machine.chop(1);
        return !machine.isEmpty() && machine.compare(host, Qt::CaseInsensitive) == 0;
    };
    for (const NetrcEntry &entry : file.entries) {
        if (entry.isDefault || !sameHost(entry.machine))
            continue;
        if (login.isEmpty() || (entry.hasLogin && entry.login == login))
            return entry;
    }
    for (const NetrcEntry &entry : file.entries) {
        if (entry.isDefault && (login.isEmpty() || (entry.hasLogin && entry.login == login)))
            return entry;
    }
    return std::nullopt;
}

} // namespace ferry
