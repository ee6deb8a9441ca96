// Making a rename or an unlink durable: after it, the folder that holds the
// name must be fsync'ed too, or a crash may bring the old name back.
#pragma once

#include <QString>

namespace ferry {

// fsyncs the folder that holds `path` (a file in it, or `folder + "/."` for the
// folder itself). Best effort: a folder that cannot be opened is left as it is.
void syncDirectoryOf(const QString &path);

} // namespace ferry
