# expect_exit.cmake - runs a command and checks its exit status (and optionally
# its output), for CLI contract tests that expect a non-zero status.
#   cmake -DCMD="prog|arg|arg" -DEXPECT=1 [-DMATCH=regex] [-DERR_MATCH=regex] -P expect_exit.cmake
# Arguments are separated by '|' because add_test would split a ';' list.
string(REPLACE "|" ";" cmd "${CMD}")
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "${EXPECT}")
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED MATCH AND NOT out MATCHES "${MATCH}")
  message(FATAL_ERROR "stdout does not match '${MATCH}':\n${out}\nstderr:\n${err}")
endif()
if(DEFINED ERR_MATCH AND NOT err MATCHES "${ERR_MATCH}")
  message(FATAL_ERROR "stderr does not match '${ERR_MATCH}':\nstdout:\n${out}\nstderr:\n${err}")
endif()
