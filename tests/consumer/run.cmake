# The consumer test (ctest package.consumer.*): another project builds and runs against smmuv3.
#   cmake -DMODE=installed|subdir -DSMMU_SOURCE_DIR=<src> -DSMMU_BUILD_DIR=<build> -DWORK=<dir>
#         -DGENERATOR=<gen> -DCC=<c compiler> -DCXX=<c++ compiler> -DLIBDIR=<lib dir name>
#         [-DFLAGS=<extra compile and link flags, ';' as ','>] [-DBUILD_TYPE=<type>] -P run.cmake
# MODE installed: install the build tree into WORK/prefix; configure tests/consumer with
#   find_package(smmuv3 CONFIG REQUIRED COMPONENTS core tlm drv) against it, build, run its
#   programs (ctest); compile the C program with `pkg-config --cflags --libs smmuv3 smmuv3-drv`
#   and run it.
# MODE subdir: configure tests/consumer with add_subdirectory(<src>), build, run.
cmake_minimum_required(VERSION 3.25)
string(REPLACE "," ";" FLAGS "${FLAGS}")
string(REPLACE ";" " " FLAGS_TEXT "${FLAGS}")
if(NOT BUILD_TYPE)
  set(BUILD_TYPE RelWithDebInfo)
endif()

function(run)
  message(STATUS "$ ${ARGN}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(consumer ${SMMU_SOURCE_DIR}/tests/consumer)
set(common -G ${GENERATOR} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_C_COMPILER=${CC}
    -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_C_FLAGS=${FLAGS_TEXT}" "-DCMAKE_CXX_FLAGS=${FLAGS_TEXT}"
    "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS_TEXT}" "-DCMAKE_SHARED_LINKER_FLAGS=${FLAGS_TEXT}")

if(MODE STREQUAL "installed")
  set(prefix ${WORK}/prefix)
  run(${CMAKE_COMMAND} --install ${SMMU_BUILD_DIR} --prefix ${prefix})
  run(${CMAKE_COMMAND} -S ${consumer} -B ${WORK}/cmake ${common} -DCMAKE_PREFIX_PATH=${prefix})
  run(${CMAKE_COMMAND} --build ${WORK}/cmake)
  run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK}/cmake --output-on-failure)

  # pkg-config, as a Makefile or a shell would use it
  find_program(PKG_CONFIG pkg-config REQUIRED)
  set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs smmuv3 smmuv3-drv
                  OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags --libs smmuv3 smmuv3-drv failed")
  endif()
  separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
  run(${CC} -std=c11 -Wall -Wextra -Werror ${FLAGS} ${consumer}/embed_drv.c ${pc_flags}
      -o ${WORK}/embed_drv_pkgconfig)
  # A program linked with -L/-l finds the shared libraries through the loader's path.
  set(ENV{LD_LIBRARY_PATH} ${prefix}/${LIBDIR})
  run(${WORK}/embed_drv_pkgconfig)
elseif(MODE STREQUAL "subdir")
  run(${CMAKE_COMMAND} -S ${consumer} -B ${WORK}/subdir ${common}
      -DSMMUV3_SOURCE_DIR=${SMMU_SOURCE_DIR})
  run(${CMAKE_COMMAND} --build ${WORK}/subdir)
  run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK}/subdir --output-on-failure)
else()
  message(FATAL_ERROR "MODE must be installed or subdir")
endif()
