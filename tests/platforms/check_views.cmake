# Run CMD (a ;-list: the demo with --timeline TIMELINE --vcd VCD) and pass only if it exits 0,
# TIMELINE is valid JSON (the Trace Event JSON Array Format) with the demo's tracks and events,
# and VCD declares the SMMU's signals and records value changes after time 0
# (docs/observability.md).
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit ${rc}\n${out}${err}")
endif()
file(READ ${TIMELINE} tl)
string(JSON n ERROR_VARIABLE jerr LENGTH "${tl}")
if(jerr)
  message(FATAL_ERROR "${TIMELINE} is not valid JSON: ${jerr}")
endif()
if(n LESS 500)
  message(FATAL_ERROR "${TIMELINE}: ${n} events, expected the demo's hundreds")
endif()
# The tracks, the device traffic of the three worlds (misses and hits), the nested walk of the
# Realm device (stage-2 fetches), commands with CMD_SYNC flow arrows in each bank, the Realm
# device's F_TRANSLATION record [IHI 0070 7.3.10], interrupts
set(expect
  "\"name\":\"process_name\",\"args\":{\"name\":\"top.smmu\"}"
  "\"name\":\"thread_name\",\"args\":{\"name\":\"walker\"}"
  "\"name\":\"thread_name\",\"args\":{\"name\":\"CMDQ Realm\"}"
  "\"ph\":\"X\"[^\n]*\"name\":\"R walk\",\"cat\":\"transaction\",\"args\":{\"sid\":\"0x[0-9a-f]+\""
  "\"ph\":\"X\"[^\n]*\"name\":\"W tcu_tlb\",\"cat\":\"transaction\""
  "\"ph\":\"X\"[^\n]*\"name\":\"S2 L[0-3]\",\"cat\":\"fetch\""
  "\"ph\":\"X\"[^\n]*\"name\":\"STE\",\"cat\":\"fetch\""
  "\"ph\":\"X\"[^\n]*\"name\":\"CMD_SYNC\",\"cat\":\"command\""
  "\"ph\":\"X\"[^\n]*\"name\":\"CMD_CFGI_ALL\",\"cat\":\"command\""
  "\"ph\":\"s\"[^\n]*\"name\":\"sync\",\"cat\":\"flow\""
  "\"ph\":\"f\"[^\n]*\"bp\":\"e\""
  "\"ph\":\"i\"[^\n]*\"name\":\"F_TRANSLATION\",\"cat\":\"event\",\"args\":{\"type\":\"0x10\",\"StreamID\":\"0x50\""
  "\"ph\":\"i\"[^\n]*\"name\":\"[a-z_]+_irq\",\"cat\":\"irq\"")
foreach(re IN LISTS expect)
  if(NOT tl MATCHES "${re}")
    message(FATAL_ERROR "${TIMELINE} has no event matching ${re}")
  endif()
endforeach()
file(READ ${VCD} v)
foreach(re "\\$timescale[ \n]+1 ps" "\\$scope module smmu \\$end" "\\$scope module realm \\$end"
           "\\$var wire +32 +[^ ]+ +cmdq_prod " "\\$var wire +32 +[^ ]+ +eventq_occupancy "
           "\\$var wire +32 +[^ ]+ +gerror_active " "\\$var wire +32 +[^ ]+ +outstanding_walks "
           "\\$var wire +1 +[^ ]+ +ns_eventq_irq " "\n#[1-9][0-9]*\n")
  if(NOT v MATCHES "${re}")
    message(FATAL_ERROR "${VCD} has nothing matching ${re}")
  endif()
endforeach()
