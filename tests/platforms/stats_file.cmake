# Run smmu_platform (PLAT) with --stats JSON, then --stats CSV (ARGS: the rest of the command
# line), each exiting 0 and saying where it wrote; then PYTHON CHECK JSON CSV must exit 0.
foreach(file ${JSON} ${CSV})
  file(REMOVE ${file})
  execute_process(COMMAND ${PLAT} ${ARGS} --stats ${file} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "Statistics written to ")
    message(FATAL_ERROR "--stats ${file}: exit ${rc}\n${out}${err}")
  endif()
endforeach()
execute_process(COMMAND ${PYTHON} ${CHECK} ${JSON} ${CSV} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${out}${err}")
endif()
