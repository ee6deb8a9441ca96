// Choosing a download's file name: from the URL, made safe for the local file
// system, and made unique in the target directory (DESIGN "Names").
#pragma once

#include <QString>
#include <QUrl>
#include <functional>

namespace ferry {

// The last non-empty path segment, percent-decoded once as UTF-8; else the
// host; else "download". The query and fragment are never used.
QString fileNameFromUrl(const QUrl &url);

// The longest name a download may get, in bytes of UTF-8: NAME_MAX (255)
// less ".part.ferry", so its partial file and control file fit as well.
inline constexpr qsizetype MaxDownloadNameBytes = 255 - 11;

// Makes a name from the network safe to create in a directory: '/', '\\', NUL
// and control characters become '_', leading dots and spaces and trailing dots
// and spaces go, "." and ".." are refused, and the name is capped at
// MaxDownloadNameBytes of UTF-8 keeping its extension and whole characters.
// Never empty: falls back to "download".
QString sanitizeFileName(const QString &name);

// `name` when isTaken(name) is false, else "stem (1).ext", "stem (2).ext"…
// Double extensions such as ".tar.gz" stay together ("a (1).tar.gz").
QString uniqueFileName(const QString &name, const std::function<bool(const QString &)> &isTaken);

// The extension uniqueFileName keeps together, with its dot(s): ".tar.gz",
// ".txt", or empty. Exposed for tests and for the UI's rename dialog.
QString fileNameExtension(const QString &name);

} // namespace ferry
