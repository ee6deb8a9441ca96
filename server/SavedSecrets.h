// The share token and the signed-link key, kept in QSettings (share/token,
// share/linkSecret) so that `ferry serve` and the window hand out the same
// links, and links stay valid across restarts. Created on first use.
#pragma once

#include <QByteArray>

namespace ferry {

QByteArray savedShareToken();
// A fresh token replaces the saved one ("New link"); returns it.
QByteArray renewShareToken();
QByteArray savedLinkSecret();

} // namespace ferry
