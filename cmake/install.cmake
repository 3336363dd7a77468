# Installs the headers, an exported target tlsflags::tlsflags with a package
# config and version file (architecture-independent, same major version),
# and a pkg-config file.

include(CMakePackageConfigHelpers)

set(TLSFLAGS_CMAKE_DIR "${CMAKE_INSTALL_DATADIR}/cmake/tlsflags")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/tlsflags"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS tlsflags EXPORT tlsflags-targets)
install(EXPORT tlsflags-targets
        NAMESPACE tlsflags::
        DESTINATION "${TLSFLAGS_CMAKE_DIR}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/tlsflags-config.cmake.in"
  "${PROJECT_BINARY_DIR}/tlsflags-config.cmake"
  INSTALL_DESTINATION "${TLSFLAGS_CMAKE_DIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/tlsflags-config-version.cmake"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES
  "${PROJECT_BINARY_DIR}/tlsflags-config.cmake"
  "${PROJECT_BINARY_DIR}/tlsflags-config-version.cmake"
  DESTINATION "${TLSFLAGS_CMAKE_DIR}")

configure_file("${PROJECT_SOURCE_DIR}/cmake/tlsflags.pc.in"
               "${PROJECT_BINARY_DIR}/tlsflags.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/tlsflags.pc"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")

# Users of the build tree (no install step) find the same target.
export(EXPORT tlsflags-targets
       NAMESPACE tlsflags::
       FILE "${PROJECT_BINARY_DIR}/tlsflags-targets.cmake")
