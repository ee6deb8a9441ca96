// The two servers of the share-server suites (tst_shareserver_paths,
// tst_shareserver_access), started the same way for both: one that wants the
// token and signs links with kLinkSecret, and one open (--no-auth), so that
// the sandbox alone must stop a hostile path.
#pragma once

#include "server/ShareSettings.h"
#include "tests/support/LiveShare.h"

#include <QByteArray>

namespace ferry::test {

inline const QByteArray kLinkSecret = QByteArray(32, 'k');

inline bool startShareServerPair(LiveShare &withToken, LiveShare &open)
{
    return withToken.start([](ferry::ShareSettings &s) { s.linkSecret = kLinkSecret; })
        && open.start([](ferry::ShareSettings &s) { s.requireToken = false; });
}

} // namespace ferry::test
