# Shared by scripts/run, scripts/test and bench/: installs what a fresh Debian 12
# machine lacks and builds Ferry. Source it; do not run it.

FERRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FERRY_BUILD="${FERRY_BUILD:-$FERRY_ROOT/build}"

# Debian packages needed to build, and the extra tools the tests drive for real.
FERRY_BUILD_PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-websockets-dev qt6-tools-dev
    qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
    qtkeychain-qt6-dev)  # the desktop's keyring for saved logins (ui/Keyring)
# lintian, desktop-file-utils, appstream, dpkg-dev (dpkg-shlibdeps) and file (CPack's
# ELF check) build and check the .deb (tst_install, tst_package; docs/packaging.md).
# squid, dante-server (danted) and apache2-utils (htpasswd) are the real proxies and
# password files of the network tests (docs/network.md). nodejs and npm run the npm
# aria2 client against ferry daemon (tst_rpc_daemon, docs/rpc.md).
FERRY_TEST_PACKAGES=(nginx-light curl wget aria2 chromium xvfb xauth python3
    lintian desktop-file-utils appstream dpkg-dev file squid dante-server apache2-utils
    dunst dbus  # dunst: a real notification server on a private bus (tst_ui_notifications)
    openssl     # makes tst_engine_tls's self-signed certificate
    gnome-keyring  # a real Secret Service on a private bus (tst_ui_network: saved logins)
    xclip       # another X client that copies links (tst_ui_clipboard)
    nodejs)
# Debian's nodejs has no npm of its own (the npm package brings it); a nodejs that
# already carries npm (e.g. NodeSource's) conflicts with that package, so ask for it
# only when the command is missing.
command -v npm >/dev/null 2>&1 || FERRY_TEST_PACKAGES+=(npm)
# fonts-wqy-zenhei: a CJK font, so the Chinese window and its screenshots show text, not boxes.
FERRY_TEST_PACKAGES+=(fonts-wqy-zenhei)

ferry_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the named Debian packages that are not installed yet (apt-get as root,
# through sudo otherwise). Does nothing, and needs no network, when all are there.
ferry_ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    ferry_log "Installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configures (Release) and builds into $FERRY_BUILD; the executable is $FERRY_BUILD/bin/ferry.
ferry_build() {
    ferry_log "Building in $FERRY_BUILD"
    cmake -S "$FERRY_ROOT" -B "$FERRY_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    cmake --build "$FERRY_BUILD" --parallel "$(nproc)"
}
