# Find SystemC: through its CMake package when the user has one (an Accellera build installs
# SystemCLanguageConfig.cmake), else through pkg-config (Debian's libsystemc-dev ships only
# systemc.pc / tlm.pc). Defines the target SystemC::systemc and SMMU_HAVE_SYSTEMC.
find_package(SystemCLanguage CONFIG QUIET)
if(SystemCLanguage_FOUND)
  set(SMMU_HAVE_SYSTEMC ON)
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(SYSTEMC QUIET IMPORTED_TARGET systemc)
  endif()
  if(SYSTEMC_FOUND)
    add_library(SystemC::systemc INTERFACE IMPORTED)
    target_link_libraries(SystemC::systemc INTERFACE PkgConfig::SYSTEMC)
    set(SMMU_HAVE_SYSTEMC ON)
  else()
    set(SMMU_HAVE_SYSTEMC OFF)
  endif()
endif()
