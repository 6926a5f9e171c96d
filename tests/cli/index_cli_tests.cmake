# index_cli_tests.cmake - duckling-cli index / index-merge: exit statuses, JSON,
# and that sharded and multi-threaded runs write the one-process file byte for
# byte. Input: the real ISIC 2020 images (../shared/data/isic2020/images) with
# their rows, plus a row without an image and one whose image is not a JPEG,
# assembled in the build tree at configure time (links, not copies).
set(_ix_src ${DUCK_SHARED_DIR}/data/isic2020)
set(_ix ${CMAKE_BINARY_DIR}/fixtures/index)
if(EXISTS ${_ix_src}/images.csv)
  file(MAKE_DIRECTORY ${_ix}/images)
  file(GLOB _ix_jpegs ${_ix_src}/images/*.jpg)
  foreach(j ${_ix_jpegs})
    get_filename_component(n ${j} NAME)
    file(CREATE_LINK ${j} ${_ix}/images/${n} SYMBOLIC)
  endforeach()
  file(WRITE ${_ix}/images/ISIC_9999998.jpg "not a JPEG: the index records a decode error\n")
  file(READ ${_ix_src}/images.csv _ix_csv)
  file(WRITE ${_ix}/rows.csv "${_ix_csv}ISIC_9999998,IP_9999998,0,,\r\nISIC_9999999,IP_9999998,0,,\r\n")
  # The same rows but one: another dataset, whose shards must not merge with these.
  string(REGEX REPLACE "\n[^\n]*\n$" "\n" _ix_fewer "${_ix_csv}")
  file(WRITE ${_ix}/fewer.csv "${_ix_fewer}")
endif()

duck_cli_test(index-no-args 2 "" index)
duck_cli_test(index-no-out 2 "" index --csv ${_ix}/rows.csv --images ${_ix}/images)
add_test(NAME cli/index-bad-jobs COMMAND ${CMAKE_COMMAND}
  "-DCMD=$<TARGET_FILE:duckling-cli>|index|--csv|${_ix}/rows.csv|--images|${_ix}/images|--out|${_ix}/x.bin|--jobs|0"
  -DEXPECT=2 "-DERR_MATCH=--jobs needs a whole number from 1 to 256, got '0'" -P ${DUCK_CLI_EXPECT})
add_test(NAME cli/index-bad-shard COMMAND ${CMAKE_COMMAND}
  "-DCMD=$<TARGET_FILE:duckling-cli>|index|--csv|${_ix}/rows.csv|--images|${_ix}/images|--out|${_ix}/x.bin|--shard|3/3"
  -DEXPECT=2 "-DERR_MATCH=--shard needs I/N with 0 <= I < N \\(e.g. 0/4\\), got '3/3'" -P ${DUCK_CLI_EXPECT})
duck_cli_test(index-missing-csv 1 "\"error\":\"cannot read CSV file"
              index --csv ${CMAKE_BINARY_DIR}/no_such.csv --images ${_ix}/images --out ${_ix}/x.bin)
duck_cli_test(index-missing-images 1 "\"error\":\"images folder"
              index --csv ${_ix}/rows.csv --images ${CMAKE_BINARY_DIR}/no_such_dir --out ${_ix}/x.bin)
duck_cli_test(index-unwritable-out 1 "\"error\":\"cannot write"
              index --csv ${_ix}/rows.csv --images ${_ix}/images --out ${CMAKE_BINARY_DIR}/no_such_dir/x.bin)
duck_cli_test(index-merge-no-shards 2 "" index-merge --out ${_ix}/x.bin)
duck_cli_test(index-merge-not-an-index 1 "\"error\":\"'[^']*rows.csv': lesion index: not a lesion index file \\(bad magic"
              index-merge --out ${_ix}/x.bin ${_ix}/rows.csv)
duck_cli_test(index-merge-missing-file 1 "\"error\":\"cannot read index file"
              index-merge --out ${_ix}/x.bin ${_ix}/no_such.bin)

# The whole run: one process, --jobs 2, three concurrent shards merged, and
# merges that must be refused (tests/cli/index_shards.cmake says what it checks).
add_test(NAME cli/index-shards-merge COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:duckling-cli>
  -DCSV=${_ix}/rows.csv -DFEWER=${_ix}/fewer.csv -DIMAGES=${_ix}/images -DWORK=${_ix}/run
  -P ${CMAKE_CURRENT_LIST_DIR}/index_shards.cmake)
set_tests_properties(cli/index-shards-merge PROPERTIES TIMEOUT 600)
