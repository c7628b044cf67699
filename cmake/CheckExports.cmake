# What a shared library of the package exports (ctest package.exports.*):
#   cmake -DLIB=<lib.so> -DMODE=c|cxx [-DHEADER=<public header>] [-DPREFIX=<prefix>]
#         [-DINTERNAL=<symbol,...> -DSTATIC=<lib.a>] -P CheckExports.cmake
# MODE c:   every exported symbol starts with PREFIX; every function HEADER declares is
#           exported; none of INTERNAL is, while the static library STATIC defines each of them
#           (so that the check is about symbols that exist).
# MODE cxx: every exported symbol is the module's (namespace smmuv3) or an instantiation of
#           SystemC / standard library templates and inline functions; none of INTERNAL is.
cmake_minimum_required(VERSION 3.25)
# Lists are given comma-separated (a ctest argument cannot hold a ";").
string(REPLACE "," ";" INTERNAL "${INTERNAL}")
find_program(NM nm REQUIRED)
if(MODE STREQUAL "cxx")
  execute_process(COMMAND ${NM} -D --defined-only -C ${LIB} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
else()
  execute_process(COMMAND ${NM} -D --defined-only ${LIB} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm ${LIB} failed")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(names)
foreach(line IN LISTS lines)
  # "<address> <type> <name>"; the name may contain spaces when demangled.
  if(line MATCHES "^[0-9a-fA-F]+ [A-Za-z] (.*)$")
    list(APPEND names "${CMAKE_MATCH_1}")
  endif()
endforeach()
list(LENGTH names n)
if(n EQUAL 0)
  message(FATAL_ERROR "${LIB} exports nothing")
endif()

set(bad)
foreach(name IN LISTS names)
  if(name MATCHES "^(_init|_fini|_edata|_end|__bss_start)$")
    continue() # defined by the linker
  endif()
  # Added by the sanitizers (SMMU_SANITIZE): ASan's ODR indicators, and the placement
  # new/delete it emits out of line without optimisation
  if(name MATCHES "^__odr_asan[._]" OR name MATCHES "^operator (new|delete)\\(.*void\\*\\)$")
    continue()
  endif()
  if(MODE STREQUAL "c")
    if(NOT name MATCHES "^${PREFIX}")
      list(APPEND bad "${name}")
    endif()
  elseif(NOT name MATCHES "smmuv3::"
         # an instantiation, maybe with its return type first ("void std::vector<...>::...")
         AND NOT name MATCHES "^((typeinfo|typeinfo name|vtable|VTT|construction vtable|guard variable) for |(non-virtual |virtual )?thunk to |[^(]* )?(sc_core|sc_dt|tlm|tlm_utils|std|__gnu_cxx)::"
         # ... returning a reference to an array, emitted out of line without optimisation
         # ("char const (&std::forward<char const (&) [13]>(...)) [13]")
         AND NOT name MATCHES "^[^(]*\\(&(sc_core|sc_dt|tlm|tlm_utils|std|__gnu_cxx)::")
    list(APPEND bad "${name}")
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n  " text)
  message(FATAL_ERROR "${LIB} exports symbols outside its public API:\n  ${text}")
endif()

if(STATIC)
  execute_process(COMMAND ${NM} --defined-only ${STATIC} OUTPUT_VARIABLE static_out)
endif()
foreach(sym IN LISTS INTERNAL)
  if(sym IN_LIST names)
    message(FATAL_ERROR "${LIB} exports the internal symbol ${sym}")
  endif()
  if(STATIC AND NOT static_out MATCHES " T ${sym}\n")
    message(FATAL_ERROR "${STATIC} does not define ${sym}: choose another internal symbol")
  endif()
endforeach()

if(HEADER)
  # Declarations start a line: "<type> [*]smmu_name(" (static inline helpers have more words).
  file(STRINGS ${HEADER} decls REGEX "^(const )?[a-z_0-9]+ \\*?${PREFIX}[a-z0-9_]*\\(")
  set(missing)
  set(count 0)
  foreach(d IN LISTS decls)
    string(REGEX MATCH "${PREFIX}[a-z0-9_]*\\(" f "${d}")
    string(REPLACE "(" "" f "${f}")
    math(EXPR count "${count} + 1")
    if(NOT f IN_LIST names)
      list(APPEND missing ${f})
    endif()
  endforeach()
  if(count EQUAL 0)
    message(FATAL_ERROR "no function declarations found in ${HEADER}")
  endif()
  if(missing)
    message(FATAL_ERROR "${LIB} does not export what ${HEADER} declares: ${missing}")
  endif()
  message(STATUS "${count} functions of ${HEADER} exported")
endif()
message(STATUS "${LIB}: ${n} symbols, all public")
