// The one way Ferry writes sizes and speeds for people: binary units with IEC
// labels (1 KiB = 1024 bytes), as the speed limits are entered (settings in
// KiB/s, `--limit-rate 2M` = 2 MiB/s) and as the peer page shows them.
// docs/units.md has the decision; the window, `ferry get` and the page use it.
#pragma once

#include <QString>
#include <QtGlobal>

namespace ferry {

// "512 bytes", "4.9 KiB", "1.5 GiB" in the current locale's digits.
QString formatDataSize(qint64 bytes);
// "4.9 KiB/s".
QString formatDataRate(double bytesPerSecond);

} // namespace ferry
