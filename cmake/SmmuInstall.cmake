# Install rules, the CMake package smmuv3 (components core, drv, tlm), the pkg-config files and
# CPack (.deb and .tar.gz). docs/using.md shows how each is used.
include(CMakePackageConfigHelpers)

set(SMMU_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/smmuv3)
set(SMMU_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# ---- headers ----
install(FILES core/include/smmuv3/smmuv3.h core/include/smmuv3/arch.h
              ${PROJECT_BINARY_DIR}/core/include/smmuv3/version.h
              platforms/driver/include/smmuv3/drv.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/smmuv3 COMPONENT dev)
if(TARGET smmuv3_tlm)
  install(DIRECTORY tlm_wrapper/include/smmuv3/tlm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/smmuv3
          COMPONENT dev)
endif()

# ---- libraries, one export set per component ----
function(smmu_install_component comp)
  install(TARGETS ${ARGN} EXPORT smmuv3-${comp}
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev)
  install(EXPORT smmuv3-${comp} NAMESPACE smmuv3:: FILE smmuv3-${comp}-targets.cmake
          DESTINATION ${SMMU_CMAKE_DIR} COMPONENT dev)
endfunction()
smmu_install_component(core smmuv3_core smmuv3_core_shared)
smmu_install_component(drv smmu_drv smmu_drv_shared)
set(SMMU_PC_FILES smmuv3 smmuv3-drv)
if(TARGET smmuv3_tlm)
  smmu_install_component(tlm smmuv3_tlm smmuv3_tlm_shared)
  # The package finds SystemC as the build did.
  install(FILES cmake/SystemC.cmake RENAME smmuv3-systemc.cmake DESTINATION ${SMMU_CMAKE_DIR}
          COMPONENT dev)
  list(APPEND SMMU_PC_FILES smmuv3-tlm)
endif()

# ---- the CMake package ----
configure_package_config_file(cmake/package/smmuv3Config.cmake.in
  ${PROJECT_BINARY_DIR}/package/smmuv3Config.cmake INSTALL_DESTINATION ${SMMU_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/smmuv3ConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/smmuv3Config.cmake
              ${PROJECT_BINARY_DIR}/package/smmuv3ConfigVersion.cmake
        DESTINATION ${SMMU_CMAKE_DIR} COMPONENT dev)

# ---- pkg-config: relocatable (prefix relative to the .pc file) ----
file(RELATIVE_PATH SMMU_PC_TO_PREFIX /${SMMU_PC_DIR} /)
string(REGEX REPLACE "/$" "" SMMU_PC_TO_PREFIX "${SMMU_PC_TO_PREFIX}")
if(SMMU_SYSTEMC_PKGCONFIG)
  set(SMMU_PC_SYSTEMC " systemc")
else()
  set(SMMU_PC_SYSTEMC "") # SystemC from its CMake package: give its flags yourself
endif()
foreach(pc ${SMMU_PC_FILES})
  configure_file(cmake/package/${pc}.pc.in ${PROJECT_BINARY_DIR}/package/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/package/${pc}.pc DESTINATION ${SMMU_PC_DIR} COMPONENT dev)
endforeach()

# ---- programs, documents, examples ----
foreach(exe smmu_platform smmu-decode smmu-explain)
  if(TARGET ${exe})
    install(TARGETS ${exe} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
  endif()
endforeach()
# The sweep tool (Python 3; matplotlib for its plot): next to smmu_platform, which it finds there
install(PROGRAMS tools/smmu-sweep DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT doc)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT doc)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT doc)

# ---- CPack: one .deb and one .tar.gz with everything (cpack in the build directory) ----
set(CPACK_PACKAGE_NAME smmuv3)
set(CPACK_PACKAGE_VENDOR "smmuv3 project")
set(CPACK_PACKAGE_CONTACT "smmuv3 maintainers <smmuv3@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Arm SMMUv3 model: C11 translation engine, SystemC/TLM-2.0 module, driver library, tools")
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The libraries' and programs' dependencies (libsystemc, libstdc++, libc) from dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Headers and the CMake package need SystemC's headers for the tlm component.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libsystemc-dev, pkg-config, cmake")
set(CPACK_STRIP_FILES OFF)
include(CPack)
