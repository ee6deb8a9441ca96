// What the Sharing panel remembers between runs: whether sharing was on (and
// whether to share again at the next start), the port, the shared folders and
// whether peers see this machine's downloads. A small value type kept in QSettings next to
// the share token that `ferry serve` also uses.
#pragma once

#include <QStringList>
#include <QtGlobal>

class QSettings;

namespace ferry {

struct SharingPreferences {
    static constexpr quint16 DefaultPort = 8686;

    bool enabled = false;   // sharing was on when the window last closed
    bool resumeAtStart = false; // the user asked to share again when Ferry starts
    bool showDownloads = false; // the peer page lists this machine's downloads (names, URLs, errors)
    quint16 port = DefaultPort; // 0 picks a free port
    QStringList folders;    // absolute paths, no duplicates

    static SharingPreferences load(const QSettings &settings);
    static SharingPreferences load();
    void save(QSettings &settings) const;
    void save() const;

    bool operator==(const SharingPreferences &) const = default;
};

} // namespace ferry
