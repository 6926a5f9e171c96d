# check_module_deps_test.cmake - proves the build's core include check
# (cmake/check_module_deps.cmake) fails on a wrong include with a message that
# names the file, the include and the rule, and passes on a tree that keeps the rules.
#   cmake -DCHECK=<check_module_deps.cmake> -DWORK=<scratch dir> -P check_module_deps_test.cmake
cmake_minimum_required(VERSION 3.20)
set(edges "base:|data:base|model:base,data")
file(REMOVE_RECURSE "${WORK}")

function(write_tree root data_include)
  file(WRITE "${root}/base/result.h" "#pragma once\n#include <string>\n")
  file(WRITE "${root}/data/dataset.h" "#pragma once\n#include \"core/base/result.h\"\n")
  file(WRITE "${root}/data/x.cpp" "#include \"core/data/dataset.h\"\n${data_include}\n")
  file(WRITE "${root}/model/y.h" "#pragma once\n#include \"core/data/dataset.h\"\n#include \"core/base/result.h\"\n")
endfunction()

function(run_check root out_result out_text)
  execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${root} "-DEDGES=${edges}" -P ${CHECK}
                  RESULT_VARIABLE rv OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(${out_result} ${rv} PARENT_SCOPE)
  set(${out_text} "${o}${e}" PARENT_SCOPE)
endfunction()

function(expect_fail name data_include message)
  write_tree("${WORK}/${name}" "${data_include}")
  run_check("${WORK}/${name}" rv text)
  if(rv EQUAL 0)
    message(FATAL_ERROR "${name}: the check passed a tree with a wrong include (${data_include})")
  endif()
  string(FIND "${text}" "${message}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name}: expected the message\n  ${message}\ngot:\n${text}")
  endif()
endfunction()

# A tree that keeps the rules passes.
write_tree("${WORK}/good" "#include <vector>")
run_check("${WORK}/good" rv text)
if(NOT rv EQUAL 0)
  message(FATAL_ERROR "good tree: the check failed a tree that keeps the rules:\n${text}")
endif()

# data may not look up at model.
expect_fail(upward "#include \"core/model/y.h\""
  "src/core/data/x.cpp includes core/model/y.h: data may use base only")
# An include of the old flat layout is refused.
expect_fail(flat "#include \"core/dataset.h\""
  "src/core/data/x.cpp includes core/dataset.h: core includes are module-qualified")
# A module that does not exist.
expect_fail(unknown "#include \"core/nowhere/z.h\""
  "src/core/data/x.cpp includes core/nowhere/z.h: there is no core module 'nowhere'")
# The core stays pure.
expect_fail(ui "#include \"ui/panel.h\""
  "src/core/data/x.cpp includes ui/panel.h: the core stays pure")
# A file outside every module folder.
write_tree("${WORK}/loose" "")
file(WRITE "${WORK}/loose/loose.h" "#pragma once\n")
run_check("${WORK}/loose" rv text)
string(FIND "${text}" "src/core/loose.h: every core file lives in a module folder" at)
if(rv EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "loose: a core file outside the module folders was not refused:\n${text}")
endif()
message(STATUS "check_module_deps: wrong includes fail, a clean tree passes")
