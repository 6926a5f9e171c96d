# cli_tests.cmake - duckling-cli contract tests on small fixtures (tests/data)
# and the real ISIC files: exit statuses and JSON fields of each subcommand.
set(DUCK_CLI_EXPECT ${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake)
set(DUCK_FIX ${CMAKE_SOURCE_DIR}/tests/data)

# File-name matching fixture for `check --images`: empty files whose names mix
# extensions, case and a subfolder (contents are never read). Made at configure
# time in the build tree, so no image-like files live in the repository.
set(DUCK_CHECK_IMAGES ${CMAKE_BINARY_DIR}/fixtures/check_images)
foreach(f ISIC_0000001.jpg ISIC_0000002.JPG ISIC_0000005.Jpg sub/isic_0000003.jpeg sub/ISIC_0000004.dcm sub/ISIC_0000006.jpg)
  file(WRITE ${DUCK_CHECK_IMAGES}/${f} "")
endforeach()

# duck_cli_test(NAME status "regex-or-empty" arg...)
function(duck_cli_test name status match)
  list(JOIN ARGN "|" args)
  set(defs -DCMD=$<TARGET_FILE:duckling-cli>|${args} -DEXPECT=${status})
  if(NOT match STREQUAL "")
    list(APPEND defs "-DMATCH=${match}")
  endif()
  add_test(NAME cli/${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${DUCK_CLI_EXPECT})
endfunction()

duck_cli_test(check-clean-with-images 0 "6 lesion\\(s\\), 2 patient\\(s\\): 0 error\\(s\\), 0 warning\\(s\\)"
              check --csv ${DUCK_FIX}/check_clean.csv --images ${DUCK_CHECK_IMAGES})
duck_cli_test(check-warnings-only 0 "check_warnings.csv:2: warning \\[few_lesions\\]"
              check --csv ${DUCK_FIX}/check_warnings.csv)
duck_cli_test(check-errors 1 "check_errors.csv:3: error \\[bad_age\\].*check_errors.csv:7: error \\[csv_columns\\]"
              check --csv ${DUCK_FIX}/check_errors.csv)
duck_cli_test(check-errors-json 1 "\"errors\":5,"
              check --csv ${DUCK_FIX}/check_errors.csv --json)
# Invalid UTF-8 in the CSV comes out as U+FFFD in valid JSON, never an abort.
duck_cli_test(check-bad-utf8-json 1 "^{.*\"errors\":[1-9][0-9]*,.*\"kind\":\"bad_age\".*\"warnings\":[0-9]+}"
              check --csv ${DUCK_FIX}/check_bad_utf8.csv --json)
duck_cli_test(check-images-missing 1 "check_clean.csv:3: error \\[image_missing\\]"
              check --csv ${DUCK_FIX}/check_clean.csv --images ${DUCK_CHECK_IMAGES}/sub)
duck_cli_test(check-unreadable-csv 2 "" check --csv ${DUCK_FIX}/no_such_file.csv)
duck_cli_test(check-unreadable-images 2 "" check --csv ${DUCK_FIX}/check_clean.csv --images ${DUCK_FIX}/no_such_dir)
duck_cli_test(check-no-csv 2 "" check)
duck_cli_test(stats-json 0 "\"patients\":{\"total\":2,\"with_melanoma\":1,\"without_melanoma\":1}"
              stats --csv ${DUCK_FIX}/check_clean.csv --json)
duck_cli_test(stats-table 0 "Patients +1 \\( 50%\\) +1 \\( 50%\\) +2" stats --csv ${DUCK_FIX}/check_clean.csv)
duck_cli_test(stats-unreadable 2 "" stats --csv ${DUCK_FIX}/no_such_file.csv)
if(EXISTS ${DUCK_SHARED_DIR}/data/isic2020/train.csv)
  set(isic ${DUCK_SHARED_DIR}/data/isic2020)
  duck_cli_test(stats-real-train 0 "\"patients\":{\"total\":2056,\"with_melanoma\":428,\"without_melanoma\":1628}"
                stats --csv ${isic}/train.csv --json)
  duck_cli_test(check-real-merged 0 "33126 lesion\\(s\\), 2056 patient\\(s\\): 0 error\\(s\\), 1 warning\\(s\\)"
                check --csv ${isic}/train.csv --csv ${isic}/ISIC_2020_Training_GroundTruth_v2.csv
                --csv ${isic}/ISIC_2020_Training_Duplicates.csv)
endif()
# ISIC 2024 (SLICE-3D): the 3 real rows of the public test metadata.
if(EXISTS ${DUCK_SHARED_DIR}/data/isic2024/test-metadata.csv)
  duck_cli_test(stats-isic2024-json 0
    "\"tbp\":{\"lesions_with_location\":3,\"lesions_with_measurements\":3,\"lesions_with_position\":3,\"locations\":{\"Left Leg - Upper\":1,\"Torso Back Top Third\":2}"
    stats --csv ${DUCK_SHARED_DIR}/data/isic2024/test-metadata.csv --json)
  duck_cli_test(stats-isic2024-table 0 "3 lesions with a named location, 3 with a 3D position.*Torso Back Top Third +2"
    stats --csv ${DUCK_SHARED_DIR}/data/isic2024/test-metadata.csv)
endif()
# Synthetic SLICE-3D rows from the CLI load and count as written.
add_test(NAME cli/demo-slice3d COMMAND duckling-cli demo-slice3d --out ${CMAKE_BINARY_DIR}/slice3d_synthetic.csv
  --patients 3 --lesions 40)
set_tests_properties(cli/demo-slice3d PROPERTIES FIXTURES_SETUP cli_slice3d PASS_REGULAR_EXPRESSION "\"synthetic\":true")
duck_cli_test(stats-slice3d-synthetic 0 "\"patients\":{\"total\":3.*\"lesions_with_position\":120"
  stats --csv ${CMAKE_BINARY_DIR}/slice3d_synthetic.csv --json)
set_tests_properties(cli/stats-slice3d-synthetic PROPERTIES FIXTURES_REQUIRED cli_slice3d)
# eval --predictions: a classifier's per-patient figures from the metadata alone.
# The B5 768 px out-of-fold file's figures were computed outside Duckling (top-1
# 0.58, top-3 0.83, AUC 0.87, MRR 0.72): each checked to two decimals.
set(_pred ${DUCK_SHARED_DIR}/data/other/predictions/aleixlopezpascual)
if(EXISTS ${_pred}/oof_768_ef5_01.csv AND EXISTS ${DUCK_SHARED_DIR}/data/isic2020/train.csv)
  duck_cli_test(eval-predictions-b5 0
    "32692 of 33126 lesions scored.*per-patient AUC +0\\.(86[5-9]|87[0-4]).*top-1 hit rate +0\\.(57[5-9]|58[0-4]).*top-3 hit rate +0\\.(82[5-9]|83[0-4]).*mean reciprocal rank +0\\.(71[5-9]|72[0-4])"
    eval --predictions ${_pred}/oof_768_ef5_01.csv --csv ${DUCK_SHARED_DIR}/data/isic2020/train.csv --bootstrap 200)
  duck_cli_test(eval-predictions-json 0 "\"column\":\"pred\".*\"matched\":32692.*\"unmatched\":0"
    eval --predictions ${_pred}/oof_768_ef5_01.csv --csv ${DUCK_SHARED_DIR}/data/isic2020/train.csv --json --bootstrap 0)
  duck_cli_test(eval-predictions-no-labels 0 "10982 of 10982 lesions scored; no labels.*no labels: "
    eval --predictions ${_pred}/submission_768_ef5_01.csv --csv ${DUCK_SHARED_DIR}/data/isic2020/test.csv)
  duck_cli_test(eval-predictions-bad-column 1 "no column named 'nope'"
    eval --predictions ${_pred}/oof_768_ef5_01.csv --csv ${DUCK_SHARED_DIR}/data/isic2020/train.csv --column nope --json)
endif()
duck_cli_test(eval-predictions-unreadable 2 "" eval --predictions ${DUCK_FIX}/no_such_file.csv --csv ${DUCK_FIX}/check_clean.csv)
if(EXISTS ${_pred}/oof_768_ef5_01.csv AND EXISTS ${DUCK_SHARED_DIR}/data/isic2020/train.csv)
  # --column picks another candidate: the out-of-fold file's label column ranks every melanoma first.
  duck_cli_test(eval-predictions-column 0 "oof_768_ef5_01.csv \\(target\\): 32692 of 33126 lesions scored.*top-1 hit rate +1\\.000"
    eval --predictions ${_pred}/oof_768_ef5_01.csv --csv ${DUCK_SHARED_DIR}/data/isic2020/train.csv --column target --bootstrap 0)
endif()

# eval: a patient whose melanoma has no score is counted and listed, with the reason.
add_test(NAME cli/eval-left-out COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:duckling-cli>
  -DDIR=${CMAKE_BINARY_DIR}/cli_eval_left_out -P ${CMAKE_CURRENT_LIST_DIR}/eval_left_out.cmake)
