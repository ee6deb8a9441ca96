// no_proxy matching: see NoProxy.h. Entries are parsed once, when the list is
// made; matching a URL is then string and address comparisons only.
#include "core/NoProxy.h"

namespace ferry {

namespace {

QString normalizedName(QString name)
{
    name = name.toLower();
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    while (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

} // namespace

NoProxyList::NoProxyList(QStringView spec)
{
    QString current;
    const auto take = [this](QString word) {
        if (word.isEmpty())
            return;
        if (word == u"*") {
            m_all = true;
            return;
        }
        Entry entry;
        // A port: "host:port" or "[v6]:port"; a bare IPv6 address has several colons and none.
        if (word.startsWith(u'[')) {
            const qsizetype close = word.indexOf(u']');
            if (close < 0)
                return;
            const QString rest = word.mid(close + 1);
            if (rest.startsWith(u':')) {
                bool ok = false;
                entry.port = QStringView(rest).sliced(1).toInt(&ok);
                if (!ok || entry.port <= 0 || entry.port > 65535)
                    return;
            } else if (!rest.isEmpty()) {
                return;
            }
            word = word.mid(1, close - 1);
        } else if (word.count(u':') == 1) {
            const qsizetype colon = word.indexOf(u':');
            bool ok = false;
            entry.port = QStringView(word).sliced(colon + 1).toInt(&ok);
            if (!ok || entry.port <= 0 || entry.port > 65535)
                return;
            word.truncate(colon);
        }
        const auto subnet = QHostAddress::parseSubnet(word);
        QHostAddress address;
        if (subnet.second >= 0 && subnet.first.protocol() != QAbstractSocket::UnknownNetworkLayerProtocol
            && word.contains(u'/')) {
            entry.subnet = subnet;
        } else if (address.setAddress(word)) {
            entry.subnet = {address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        } else {
            entry.name = normalizedName(word);
            if (entry.name.isEmpty())
                return;
        }
        m_entries.append(entry);
    };
    for (QChar c : spec) {
        if (c == u',' || c.isSpace()) {
            take(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    take(current);
}

bool NoProxyList::matches(const QUrl &url) const
{
    if (m_all)
        return true;
    const QString host = normalizedName(url.host());
    if (host.isEmpty())
        return false;
    const int port = url.port(url.scheme() == u"https" ? 443 : 80);
    QHostAddress address;
    const bool isAddress = address.setAddress(host);
    for (const Entry &entry : m_entries) {
        if (entry.port >= 0 && entry.port != port)
            continue;
        if (isAddress) {
            if (entry.name.isEmpty() && address.isInSubnet(entry.subnet))
                return true;
        } else if (!entry.name.isEmpty()) {
            if (host == entry.name || (host.endsWith(entry.name) && host.at(host.size() - entry.name.size() - 1) == u'.'))
                return true;
        }
    }
    return false;
}

} // namespace ferry
