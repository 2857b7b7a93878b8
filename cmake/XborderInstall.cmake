# Installs headers, both libraries, the CLI, mappings/, the CMake package (xborder::xborder) and xborder.pc.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/xborder DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS xborder xborder_static EXPORT xborderTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS xborder_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY mappings/ DESTINATION ${CMAKE_INSTALL_DATADIR}/xborder/mappings PATTERN CMakeLists.txt EXCLUDE)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/xborder)
install(EXPORT xborderTargets NAMESPACE xborder:: DESTINATION ${config_dir})
configure_package_config_file(cmake/xborderConfig.cmake.in "${PROJECT_BINARY_DIR}/xborderConfig.cmake"
  INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/xborderConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/xborderConfig.cmake" "${PROJECT_BINARY_DIR}/xborderConfigVersion.cmake"
  DESTINATION ${config_dir})

configure_file(cmake/xborder.pc.in "${PROJECT_BINARY_DIR}/xborder.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/xborder.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
