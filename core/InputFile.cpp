// Parsing aria2-style input files: see InputFile.h.
#include "core/InputFile.h"

#include <QCoreApplication>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(InputFile)
};

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

// out= names a file below dir=, never a place elsewhere: a list fetched from
// the web must not write ~/.bashrc through "out=../../.bashrc".
QString checkOut(const QString &out)
{
    if (out.startsWith(u'/'))
        return Text::tr("out= must be a file name relative to the folder, not an absolute path");
    if (out.endsWith(u'/'))
        return Text::tr("out= must name a file, not a folder");
    const QStringList parts = out.split(u'/');
    for (const QString &part : parts) {
        if (part == u"..")
            return Text::tr("out= must not leave the folder (no \"..\")");
    }
    return {};
}

} // namespace

InputFileResult parseInputFile(QByteArrayView data)
{
    InputFileResult result;
    if (data.startsWith("\xEF\xBB\xBF"))
        data = data.sliced(3);
    InputEntry *current = nullptr;
    int lineNumber = 0;
    auto error = [&result, &lineNumber](const QString &message) { result.errors.append({lineNumber, message}); };

    qsizetype at = 0;
    while (at < data.size()) {
        ++lineNumber;
        qsizetype end = data.indexOf('\n', at);
        if (end < 0)
            end = data.size();
        QByteArrayView raw = data.sliced(at, end - at);
        at = end + 1;
        if (raw.endsWith('\r'))
            raw.chop(1);
        if (raw.contains('\0')) {
            error(Text::tr("contains a NUL byte: is this a text file?"));
            continue;
        }
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString line = decoder(raw);
        if (decoder.hasError()) {
            error(Text::tr("is not UTF-8 text"));
            continue;
        }
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;

        if (!isBlank(line.front())) {
            // A URL line; aria2 puts mirrors of the same file on it, separated by tabs.
            InputEntry entry;
            entry.line = lineNumber;
            qsizetype wordEnd = 0;
            while (wordEnd < trimmed.size() && !isBlank(trimmed.at(wordEnd)))
                ++wordEnd;
            entry.url = trimmed.first(wordEnd);
            for (qsizetype i = wordEnd; i < trimmed.size();) {
                if (isBlank(trimmed.at(i))) {
                    ++i;
                    continue;
                }
                qsizetype end = i;
                while (end < trimmed.size() && !isBlank(trimmed.at(end)))
                    ++end;
                entry.mirrors.append(trimmed.sliced(i, end - i));
                i = end;
            }
            result.entries.append(entry);
            current = &result.entries.last();
            continue;
        }

        const qsizetype eq = trimmed.indexOf(u'=');
        if (!current) {
            error(Text::tr("an indented option before the first URL (options go on the lines below their URL)"));
            continue;
        }
        if (eq <= 0) {
            error(Text::tr("an indented line must be name=value, e.g. out=file.iso"));
            continue;
        }
        const QString name = trimmed.first(eq).trimmed();
        const QString value = trimmed.sliced(eq + 1).trimmed();
        if (value.isEmpty()) {
            error(Text::tr("%1= has no value").arg(name));
            continue;
        }
        auto setOnce = [&error, &name, &value](QString &field) {
            if (!field.isEmpty())
                error(Text::tr("%1= is given twice for the same URL").arg(name));
            else
                field = value;
        };
        if (name == u"out") {
            const QString problem = checkOut(value);
            if (!problem.isEmpty())
                error(problem);
            else
                setOnce(current->out);
        } else if (name == u"dir") {
            setOnce(current->dir);
        } else if (name == u"checksum") {
            if (current->checksum.isEmpty())
                current->checksumLine = lineNumber;
            setOnce(current->checksum);
        } else if (name == u"header") {
            current->headers.append({lineNumber, value});
        } else {
            error(Text::tr("unknown option \"%1\" (Ferry reads out, dir, checksum and header)").arg(name));
        }
    }
    return result;
}

} // namespace ferry
