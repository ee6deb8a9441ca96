// The no_proxy list: which hosts are reached directly, as curl reads it. Pure.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

namespace ferry {

class NoProxyList
{
public:
    NoProxyList() = default;
    // Entries separated by commas and/or blanks:
    //   *                   every host
    //   example.com         example.com and every name below it (a leading dot changes nothing, as in curl)
    //   192.168.0.0/16      an address block (IPv4 or IPv6), or one address
    //   example.com:8080    only that port (Go's rule; curl has no ports here)
    // Names compare case-insensitively, a trailing dot ignored. An address is
    // matched only by address entries, a name only by name entries.
    explicit NoProxyList(QStringView spec);

    bool isEmpty() const { return m_entries.isEmpty() && !m_all; }
    bool matches(const QUrl &url) const;

private:
    struct Entry {
        QString name;               // lower case, no leading or trailing dot; empty for an address
        QPair<QHostAddress, int> subnet{QHostAddress(), -1};
        int port = -1;              // -1 = any
    };
    QList<Entry> m_entries;
    bool m_all = false;
};

} // namespace ferry
