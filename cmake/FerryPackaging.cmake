# Install rules (GNUInstallDirs) and the Debian package (`cpack -G DEB`).
# What goes where and why is in docs/packaging.md; tests/tst_install.cpp and
# tests/tst_package.cpp check the result.
include(GNUInstallDirs)

# Directories the install creates are 0755 whatever the umask (lintian checks it).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS ferry RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/resources/io.github.ferry.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/io.github.ferry.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/ferry.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME io.github.ferry.svg)
# The PNGs are committed (scripts/make-icons renders them from the SVG), so
# building needs no SVG renderer.
foreach(size 16 22 24 32 48 64 128 256)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/hicolor/${size}x${size}/apps/io.github.ferry.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

# Debian's documentation directory: the machine-readable copyright file and a
# Debian-format changelog compressed as policy wants it (gzip -9n: no name or
# time stamp, so the package is reproducible).
set(ferry_changelog_gz ${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog.gz)
add_custom_command(OUTPUT ${ferry_changelog_gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/packaging
    COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/packaging/changelog > ${ferry_changelog_gz}
    DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog
    VERBATIM)
add_custom_target(ferry_changelog ALL DEPENDS ${ferry_changelog_gz})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${ferry_changelog_gz}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/ferry) # DOCDIR would be doc/Ferry, after the project

# --- cpack -G DEB ----------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ferry)
set(CPACK_PACKAGE_VENDOR "The Ferry developers")
set(CPACK_PACKAGE_CONTACT "The Ferry developers <ferry@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/ferry/ferry")
set(CPACK_PACKAGE_INSTALL_DIRECTORY ferry)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # ferry_VERSION_ARCH.deb, as dpkg names it
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Dependencies come from dpkg-shlibdeps on the stripped binary, never a hand-written list.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The synopsis, then the long description (CPack indents it; "." is an empty line).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "download manager with a LAN share server")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "\
Ferry downloads files over HTTP and HTTPS with several connections per file,
pauses and resumes them, caps the speed, verifies checksums, and finds every
unfinished download resumable at the next start, even after a crash.
.
It also shares folders on the local network: peers open a web page or use
curl, wget or aria2c, with resume and live progress. The same engine runs
headless as 'ferry get' and 'ferry serve'.")
include(CPack)
