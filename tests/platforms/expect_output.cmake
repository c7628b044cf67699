# Run CMD (a ;-list) and pass only if it exits 0 and its standard output is exactly the
# contents of the file EXPECT_FILE.
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit ${rc}\n${out}${err}")
endif()
file(READ ${EXPECT_FILE} want)
if(NOT out STREQUAL want)
  file(WRITE ${OUT_FILE} "${out}")
  message(FATAL_ERROR "the output differs from ${EXPECT_FILE} (got: ${OUT_FILE}):\n${out}")
endif()
