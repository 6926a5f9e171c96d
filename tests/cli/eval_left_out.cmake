# eval_left_out.cmake - `duckling-cli eval` counts and names a patient whose
# melanoma has no score: a 3-patient demo (one melanoma patient) with the
# melanoma's image deleted must report the patient under melanoma_not_scored,
# list it in left_out with the missing image's status, and keep
# patients + skipped = patients_total.
#   cmake -DCLI=duckling-cli -DDIR=work-dir -P eval_left_out.cmake
file(REMOVE_RECURSE ${DIR})
execute_process(COMMAND ${CLI} demo --out ${DIR} --patients 3 --seed 5 --size 128 RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "duckling-cli demo failed (${rc})")
endif()
file(STRINGS ${DIR}/train.csv rows)
set(melanoma "")
set(patient "")
foreach(r ${rows})
  if(r MATCHES "^(ISIC_[0-9]+),(IP_[0-9]+),.*,malignant,1,")
    set(melanoma ${CMAKE_MATCH_1})
    set(patient ${CMAKE_MATCH_2})
  endif()
endforeach()
if(melanoma STREQUAL "")
  message(FATAL_ERROR "the demo has no melanoma row:\n${rows}")
endif()
file(REMOVE ${DIR}/train/${melanoma}.jpg)
execute_process(COMMAND ${CLI} eval --csv ${DIR}/train.csv --images ${DIR}/train --json --bootstrap 10
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "eval exit status ${rc}\n${out}\n${err}")
endif()
foreach(want "\"patients\":0," "\"patients_total\":3," "\"melanoma_not_scored\":1," "\"no_melanoma\":2,"
             "\"left_out\":\\[{\"lesions\":[0-9]+,\"melanomas\":1,\"melanomas_scored\":0,\"patient_id\":\"${patient}\",\"reason\":\"melanoma_not_scored\",\"scored\":[0-9]+,\"unscored_status\":{\"image_missing\":1}}\\]")
  if(NOT out MATCHES "${want}")
    message(FATAL_ERROR "eval --json does not match ${want} (melanoma ${melanoma} of ${patient} removed):\n${out}")
  endif()
endforeach()
