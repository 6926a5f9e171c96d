# index_shards.cmake - `index` sharded three ways (three processes at once) and
# merged, and `index --jobs 2`, both byte-identical to the one-process index;
# merges of a wrong set of shards refused with exit 1 and their reason.
#   cmake -DCLI=duckling-cli -DCSV=rows.csv -DFEWER=fewer.csv -DIMAGES=DIR -DWORK=DIR -P index_shards.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(run expect_rc out_var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${expect_rc}")
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "${cmd}\nexit ${rc}, expected ${expect_rc}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: '${text}' does not match '${regex}'")
  endif()
endfunction()

function(expect_same a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${a} and ${b} differ")
  endif()
endfunction()

# One process, one thread: the reference. 22 real images, one row without a
# file, one file that is not a JPEG.
run(0 out ${CLI} index --csv ${CSV} --images ${IMAGES} --out ${WORK}/whole.bin --json)
expect_match("${out}" "\"entries\":24," "one-process index")
expect_match("${out}" "\"failures\":{\"decode_error\":1,\"no_image\":1,\"unusable\":0}" "one-process failures")
expect_match("${out}" "\"indexed\":22," "one-process indexed")
expect_match("${out}" "\"shard\":{\"count\":1,\"index\":0}" "one-process shard")

run(0 out ${CLI} index --csv ${CSV} --images ${IMAGES} --out ${WORK}/jobs2.bin --jobs 2 --json)
expect_match("${out}" "\"jobs\":2," "--jobs 2")
expect_same(${WORK}/whole.bin ${WORK}/jobs2.bin)

# Three shard processes at once (execute_process starts its COMMANDs together;
# each writes its own JSON file, none reads the pipe between them).
set(shard_cmds "")
foreach(i 0 1 2)
  list(APPEND shard_cmds COMMAND sh -c "'${CLI}' index --csv '${CSV}' --images '${IMAGES}' --out '${WORK}/s${i}.bin' --shard ${i}/3 --json > '${WORK}/s${i}.json'")
endforeach()
execute_process(${shard_cmds} RESULTS_VARIABLE rcs ERROR_VARIABLE err)
if(NOT rcs STREQUAL "0;0;0")
  message(FATAL_ERROR "shard processes exited ${rcs}\n${err}")
endif()
file(READ ${WORK}/s2.json out)
# Rows 2, 5, ..., 23: 8 of 24.
expect_match("${out}" "\"entries\":8,.*\"rows\":24,.*\"shard\":{\"count\":3,\"index\":2}" "shard 2/3")

run(0 out ${CLI} index-merge --out ${WORK}/merged.bin --json ${WORK}/s2.bin ${WORK}/s0.bin ${WORK}/s1.bin)
expect_match("${out}" "\"entries\":24,.*\"indexed\":22,.*\"shards\":3" "merge")
expect_same(${WORK}/whole.bin ${WORK}/merged.bin)

# Wrong sets of shards.
run(1 out ${CLI} index-merge --out ${WORK}/bad.bin ${WORK}/s0.bin ${WORK}/s2.bin)
expect_match("${out}" "\"error\":\"index-merge: shard 1/3 is missing" "missing shard")
run(1 out ${CLI} index-merge --out ${WORK}/bad.bin ${WORK}/s0.bin ${WORK}/s1.bin ${WORK}/s1.bin ${WORK}/s2.bin)
expect_match("${out}" "\"error\":\"index-merge: shard 1/3 given twice" "repeated shard")
run(1 out ${CLI} index-merge --out ${WORK}/bad.bin ${WORK}/s0.bin ${WORK}/whole.bin)
expect_match("${out}" "shards of different splits" "mixed splits")
run(0 out ${CLI} index --csv ${FEWER} --images ${IMAGES} --out ${WORK}/f1.bin --shard 1/3)
run(1 out ${CLI} index-merge --out ${WORK}/bad.bin ${WORK}/s0.bin ${WORK}/f1.bin ${WORK}/s2.bin)
expect_match("${out}" "belong to different datasets" "other dataset")
if(EXISTS ${WORK}/bad.bin)
  message(FATAL_ERROR "a refused merge left ${WORK}/bad.bin behind")
endif()
