// Loads the user's language for Ferry's own strings and for Qt's.
#pragma once

class QCoreApplication;

namespace ferry {
void installTranslations(QCoreApplication &app);
}
