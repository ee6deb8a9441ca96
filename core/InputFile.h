// A list of downloads in aria2's input-file format (`ferry get -i FILE`):
// one URL per line, each optionally followed by indented `name=value` lines
// that apply to it; `#` starts a comment line; blank lines are ignored.
//
//     http://example.com/a.iso
//       dir=/srv/iso
//       out=debian.iso
//     # a comment
//     http://example.com/b.bin
//
// A pure function of bytes (STYLE "parsers are pure"): what the entries mean
// (checksums, headers, where files go) is checked by the caller, which knows
// the line of every value. See docs/engine.md "Lists of downloads".
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace ferry {

struct InputEntry {
    int line = 0;          // of the URL, counting from 1
    QString url;           // as written (Ferry does not guess schemes)
    QString out;           // out=: the file name, relative to dir; empty = from the server
    QString dir;           // dir=: the folder; empty = the command line's
    QString checksum;      // checksum=: "sha256=HEX" or aria2's "sha-256=HEX"
    int checksumLine = 0;
    QList<QPair<int, QString>> headers; // header=: (line, "Name: value"), repeatable
    QStringList mirrors;   // further URLs on the URL's line, as written (aria2's mirrors of one file)
};

struct InputFileError {
    int line = 0;
    QString message; // translated
};

struct InputFileResult {
    QList<InputEntry> entries;
    QList<InputFileError> errors; // every bad line; a caller with errors should download nothing
};

InputFileResult parseInputFile(QByteArrayView data);

} // namespace ferry
