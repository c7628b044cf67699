# The project's warning set (docs/style: -Wall -Wextra -Wpedantic -Wconversion -Wshadow).
function(smmu_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    $<$<COMPILE_LANGUAGE:C>:-Wconversion -Wstrict-prototypes>)
  if(SMMU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
