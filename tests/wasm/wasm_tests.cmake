# wasm_tests.cmake - the tests of what ships: the web build's own code under node.
# The web preset (DUCK_WASM_TESTS=ON) builds two small programs into
# build/web/wasm-tests/; the native preset (DUCK_WASM_TESTS=ON) registers them as
# CTest tests wasm/<name> in the main run, so scripts/test runs them beside the
# native tests (it builds the web preset first). Only these programs are built
# for wasm, not the whole unit test suite.
#
# Test sources compiled into duckling_wasm_tests, one CTest test each:
#   tests/wasm/test_*.cpp   comparisons that exist only where wasm SIMD exists
#   the unit tests below    known answers (tests/unit/image/), run through the wasm SIMD paths
set(DUCK_WASM_UNIT_TESTS lab_kernels resample jpeg_simd_identical jpeg_scaled)
file(GLOB DUCK_WASM_ONLY_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.cpp)

if(EMSCRIPTEN AND DUCK_WASM_TESTS)
  set(_srcs ${CMAKE_CURRENT_LIST_DIR}/../unit/test_main.cpp ${DUCK_WASM_ONLY_TESTS})
  foreach(n ${DUCK_WASM_UNIT_TESTS})
    list(APPEND _srcs ${CMAKE_CURRENT_LIST_DIR}/../unit/image/test_${n}.cpp)
  endforeach()
  add_executable(duckling_wasm_tests ${_srcs})
  target_link_libraries(duckling_wasm_tests PRIVATE duckling_core doctest::doctest)
  target_include_directories(duckling_wasm_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit)
  duck_warnings(duckling_wasm_tests)
  target_compile_definitions(duckling_wasm_tests PRIVATE DOCTEST_CONFIG_COLORS_NONE
    DUCK_SHARED_DIR="${DUCK_SHARED_DIR}" DUCK_SOURCE_DIR="${CMAKE_SOURCE_DIR}" DUCK_BINARY_DIR="${CMAKE_BINARY_DIR}")
  # NODERAWFS: the tests read the real ISIC files from disk under node.
  target_link_options(duckling_wasm_tests PRIVATE -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=1)
  # The demo writer as a program, for the native-vs-wasm byte comparison.
  add_executable(duckling-demo-wasm ${CMAKE_CURRENT_LIST_DIR}/demo_main.cpp)
  target_link_libraries(duckling-demo-wasm PRIVATE duckling_core)
  duck_warnings(duckling-demo-wasm)
  target_link_options(duckling-demo-wasm PRIVATE -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=1)
  set_target_properties(duckling_wasm_tests duckling-demo-wasm PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/wasm-tests)
endif()

if(NOT EMSCRIPTEN AND DUCK_WASM_TESTS)
  set(DUCK_WEB_DIR ${CMAKE_SOURCE_DIR}/build/web CACHE PATH "The web preset's build folder (its wasm test programs)")
  find_program(NODE_EXE node REQUIRED)
  set(_node ${NODE_EXE} --no-experimental-fetch)
  set(_bin ${DUCK_WEB_DIR}/wasm-tests/duckling_wasm_tests.js)
  set(_names ${DUCK_WASM_UNIT_TESTS})
  foreach(f ${DUCK_WASM_ONLY_TESTS})
    get_filename_component(n ${f} NAME_WE)
    string(REGEX REPLACE "^test_" "" n ${n})
    list(APPEND _names ${n})
  endforeach()
  foreach(n ${_names})
    # One source file's test cases (doctest -sf); a filter that matches no test
    # case fails instead of passing empty.
    add_test(NAME wasm/${n} COMMAND ${_node} ${_bin} -sf=*/test_${n}.cpp)
    set_tests_properties(wasm/${n} PROPERTIES LABELS wasm TIMEOUT 240 FAIL_REGULAR_EXPRESSION "test cases: *0 [|]")
  endforeach()
  # The demo dataset: the same bytes from duckling-cli (g++) and from wasm.
  add_test(NAME wasm/demo_bytes COMMAND ${_node} ${CMAKE_CURRENT_LIST_DIR}/demo_same_bytes.js
    $<TARGET_FILE:duckling-cli> ${DUCK_WEB_DIR}/wasm-tests/duckling-demo-wasm.js ${CMAKE_BINARY_DIR}/wasm_demo_bytes)
  set_tests_properties(wasm/demo_bytes PROPERTIES LABELS wasm TIMEOUT 240)
  # The worker's decode API (duckling-worker.wasm, what the Web Workers run) under
  # node on real JPEG and DICOM files; then the queue + Web Workers in headless
  # Chromium (playwright-core from tests/e2e).
  add_test(NAME wasm/worker_node COMMAND ${_node} ${CMAKE_SOURCE_DIR}/tests/worker/worker_node_test.js
    ${DUCK_WEB_DIR}/duckling-worker.js ${DUCK_SHARED_DIR})
  set_tests_properties(wasm/worker_node PROPERTIES LABELS wasm TIMEOUT 240)
  if(DUCK_E2E)
    add_test(NAME wasm/worker_queue COMMAND ${NODE_EXE} ${CMAKE_SOURCE_DIR}/tests/worker/run_queue_test.js
      ${DUCK_WEB_DIR} ${DUCK_SHARED_DIR})
    set_tests_properties(wasm/worker_queue PROPERTIES LABELS "wasm;e2e" RUN_SERIAL TRUE TIMEOUT 240)
  endif()
endif()
