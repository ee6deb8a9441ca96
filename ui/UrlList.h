// Turns what the user pastes, drops or types into download URLs. Pure
// functions of text so the window, the add dialog and the single-instance
// hand-over all accept exactly the same input.
#pragma once

#include <QList>
#include <QStringList>
#include <QUrl>

class QMimeData;

namespace ferry {

struct UrlList {
    QList<QUrl> urls;     // http and https URLs, in input order, without duplicates
    QStringList invalid;  // lines that were not such URLs, trimmed, as typed
};

// One URL per line; blank lines and text/uri-list comments ("# …") are
// skipped, surrounding whitespace is ignored.
UrlList parseUrlList(QStringView text);

// text/uri-list first (browsers and file managers), else plain text.
UrlList parseUrlList(const QMimeData &mime);

// True when the clipboard or a drop carries something parseUrlList() would take.
bool containsUrls(const QMimeData &mime);

} // namespace ferry
