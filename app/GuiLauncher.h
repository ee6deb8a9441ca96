// The window mode of `ferry`: one instance per user, the session restored,
// URLs from the command line added.
#pragma once

namespace ferry {
int runGui(int argc, char **argv);
}
