// File name from a Content-Disposition header (RFC 6266 with RFC 8187 extended
// values), the first choice when naming a download.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace ferry {

// Prefers filename*= (UTF-8 or ISO-8859-1, percent-encoded) over filename=
// (token or quoted-string with backslash escapes). Parameters may come in any
// order, names are case-insensitive, the disposition type ("attachment",
// "inline") may be missing. Returns the raw name, not sanitised: callers pass
// it through sanitizeFileName(). Empty when there is no usable name.
QString fileNameFromContentDisposition(QByteArrayView value);

} // namespace ferry
