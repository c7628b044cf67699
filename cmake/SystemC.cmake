# Find SystemC: through its CMake package when the user has one (an Accellera build installs
# SystemCLanguageConfig.cmake), else through pkg-config (Debian's libsystemc-dev ships only
# systemc.pc / tlm.pc). Defines the target SystemC::systemc and SMMU_HAVE_SYSTEMC, and
# SMMU_SYSTEMC_PKGCONFIG (ON when found by pkg-config: smmuv3-tlm.pc then requires systemc).
# The installed package (smmuv3Config.cmake) finds SystemC with this same file.
if(TARGET SystemC::systemc)
  set(SMMU_HAVE_SYSTEMC ON)
  return()
endif()
set(SMMU_SYSTEMC_PKGCONFIG OFF)
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
    set(SMMU_SYSTEMC_PKGCONFIG ON)
  else()
    set(SMMU_HAVE_SYSTEMC OFF)
  endif()
endif()
