// aria2's names for downloads: a GID of 16 lowercase hex digits per download,
// random (so a client cannot guess one) and unique, and the lookup aria2
// allows: any unique prefix names a download.
#pragma once

#include "core/DownloadState.h"

#include <QHash>
#include <QMap>
#include <QString>

#include <optional>

namespace ferry {

class GidMap
{
public:
    enum class Lookup { Found, NotFound, NotUnique, Invalid };
    struct Match {
        Lookup status = Lookup::NotFound;
        DownloadId id = 0;
    };

    // The GID of `id`, made on first use.
    QString gidFor(DownloadId id);
    std::optional<QString> existingGid(DownloadId id) const;
    // Pins a known GID (tests); false if it is malformed or taken.
    bool assign(DownloadId id, const QString &gid);
    void forget(DownloadId id);

    // Exact or unique-prefix lookup; at most 16 hex digits, case-insensitive.
    Match find(QStringView gidOrPrefix) const;

    static bool isValidGid(QStringView gid); // exactly 16 hex digits
    qsizetype size() const { return m_byId.size(); }

private:
    QHash<DownloadId, QString> m_byId;
    QMap<QString, DownloadId> m_byGid; // sorted: prefixes are a range
};

} // namespace ferry
