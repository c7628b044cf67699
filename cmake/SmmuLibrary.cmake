# smmu_library(<name> EXPORT_NAME <n> OUTPUT_NAME <file> SOURCES ... PUBLIC_INCLUDE_DIRS ...
#              [PRIVATE_INCLUDE_DIRS ...] [LINK_STATIC ...] [LINK_SHARED ...])
#
# One library of the package built twice from the same objects:
#   <name>         static  lib<file>.a    smmuv3::<n>_static   (what the project's tools and
#                                                               tests link)
#   <name>_shared  shared  lib<file>.so.1 smmuv3::<n>          (SONAME lib<file>.so.MAJOR)
# C objects are compiled with -fvisibility=hidden: the shared library exports only what the
# public headers declare (they wrap their declarations in #pragma GCC visibility push(default)).
# C++ (the SystemC module) keeps the default visibility: its classes derive from SystemC's, whose
# headers carry no visibility, and template instantiations (tlm_extension<T>::ID) must stay one
# object across libraries; everything it defines is in namespace smmuv3 (checked by
# cmake/CheckExports.cmake).
# LINK_STATIC / LINK_SHARED are the libraries each variant links publicly (the static variant
# links the other static libraries, the shared one the other shared libraries).
# PUBLIC_INCLUDE_DIRS are build-tree directories; installed, the include directory is
# ${CMAKE_INSTALL_INCLUDEDIR} only (install(FILES) of the headers is SmmuInstall.cmake's).
function(smmu_library name)
  cmake_parse_arguments(A "" "EXPORT_NAME;OUTPUT_NAME"
                        "SOURCES;PUBLIC_INCLUDE_DIRS;PRIVATE_INCLUDE_DIRS;LINK_STATIC;LINK_SHARED"
                        ${ARGN})
  set(build_includes)
  foreach(dir ${A_PUBLIC_INCLUDE_DIRS})
    list(APPEND build_includes $<BUILD_INTERFACE:${dir}>)
  endforeach()

  add_library(${name}_obj OBJECT ${A_SOURCES})
  set_target_properties(${name}_obj PROPERTIES POSITION_INDEPENDENT_CODE ON
                        C_VISIBILITY_PRESET hidden)
  target_include_directories(${name}_obj PUBLIC ${build_includes}
                             PRIVATE ${A_PRIVATE_INCLUDE_DIRS})
  # Usage requirements (include directories, C++ standard) of what the objects use.
  target_link_libraries(${name}_obj PUBLIC ${A_LINK_STATIC})
  smmu_warnings(${name}_obj)

  add_library(${name} STATIC $<TARGET_OBJECTS:${name}_obj>)
  add_library(${name}_shared SHARED $<TARGET_OBJECTS:${name}_obj>)
  foreach(t ${name} ${name}_shared)
    target_include_directories(${t} PUBLIC ${build_includes}
                               $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    set_target_properties(${t} PROPERTIES OUTPUT_NAME ${A_OUTPUT_NAME})
  endforeach()
  target_link_libraries(${name} PUBLIC ${A_LINK_STATIC})
  target_link_libraries(${name}_shared PUBLIC ${A_LINK_SHARED})
  set_target_properties(${name} PROPERTIES EXPORT_NAME ${A_EXPORT_NAME}_static)
  set_target_properties(${name}_shared PROPERTIES EXPORT_NAME ${A_EXPORT_NAME}
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
    # The package's libraries find each other where they are installed together.
    INSTALL_RPATH "$ORIGIN")
  if(NOT SMMU_SANITIZE)
    # Every symbol the shared library uses comes from a library it links.
    target_link_options(${name}_shared PRIVATE -Wl,--no-undefined)
  endif()
  add_library(smmuv3::${A_EXPORT_NAME} ALIAS ${name}_shared)
  add_library(smmuv3::${A_EXPORT_NAME}_static ALIAS ${name})
endfunction()
