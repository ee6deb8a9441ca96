// See GidMap.h.
#include "rpc/GidMap.h"

#include <QRandomGenerator>

namespace ferry {

namespace {
bool isHex(QStringView text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            return false;
    }
    return true;
}
} // namespace

bool GidMap::isValidGid(QStringView gid)
{
    return gid.size() == 16 && isHex(gid);
}

QString GidMap::gidFor(DownloadId id)
{
    if (const auto it = m_byId.constFind(id); it != m_byId.cend())
        return *it;
    QString gid;
    do {
        // aria2 never hands out 0; neither do we.
        const quint64 n = QRandomGenerator::system()->generate64();
        if (n == 0)
            continue;
        gid = QString::number(n, 16).rightJustified(16, u'0');
    } while (gid.isEmpty() || m_byGid.contains(gid));
    m_byId.insert(id, gid);
    m_byGid.insert(gid, id);
    return gid;
}

std::optional<QString> GidMap::existingGid(DownloadId id) const
{
    if (const auto it = m_byId.constFind(id); it != m_byId.cend())
        return *it;
    return std::nullopt;
}

bool GidMap::assign(DownloadId id, const QString &gid)
{
    const QString lower = gid.toLower();
    if (!isValidGid(lower) || lower == QLatin1StringView("0000000000000000") || m_byGid.contains(lower))
        return false;
    forget(id);
    m_byId.insert(id, lower);
    m_byGid.insert(lower, id);
    return true;
}

void GidMap::forget(DownloadId id)
{
    const auto it = m_byId.find(id);
    if (it == m_byId.end())
        return;
    m_byGid.remove(*it);
    m_byId.erase(it);
}

GidMap::Match GidMap::find(QStringView gidOrPrefix) const
{
    if (gidOrPrefix.isEmpty() || gidOrPrefix.size() > 16 || !isHex(gidOrPrefix))
        return {Lookup::Invalid, 0};
    const QString prefix = gidOrPrefix.toString().toLower();
    auto it = m_byGid.lowerBound(prefix);
    if (it == m_byGid.cend() || !it.key().startsWith(prefix))
        return {Lookup::NotFound, 0};
    const DownloadId id = it.value();
    if (it.key().size() != prefix.size()) {
        ++it;
        if (it != m_byGid.cend() && it.key().startsWith(prefix))
            return {Lookup::NotUnique, 0};
    }
    return {Lookup::Found, id};
}

} // namespace ferry
