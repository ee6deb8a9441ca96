// The text of an action as a toolbar button shows it: without the keyboard
// accelerator, also in the form translations write it ("继续(&R)" → "继续",
// not "继续(R)"), and without the "…" that promises a dialog in menus.
#pragma once

#include <QString>

namespace ferry {

QString toolBarText(const QString &actionText);

} // namespace ferry
