# Where the real ISIC 2020 files are: ../shared beside the repository (CI and a
# normal checkout), or ../../shared for a checkout nested one folder deeper.
# Override with -DDUCK_SHARED_DIR=... They are read-only test and bench inputs,
# never copied into the repository. A checkout without them still builds the
# app; scripts/test refuses to run the tests and says why.
if(NOT DUCK_SHARED_DIR)
  get_filename_component(_duck_shared ${CMAKE_SOURCE_DIR}/../shared ABSOLUTE)
  if(NOT EXISTS ${_duck_shared}/data)
    get_filename_component(_duck_outer_shared ${CMAKE_SOURCE_DIR}/../../shared ABSOLUTE)
    if(EXISTS ${_duck_outer_shared}/data)
      set(_duck_shared ${_duck_outer_shared})
    endif()
  endif()
  set(DUCK_SHARED_DIR ${_duck_shared} CACHE PATH "Folder holding data/isic2020 (the real ISIC 2020 files)")
endif()
if(DUCK_TESTS AND NOT EXISTS ${DUCK_SHARED_DIR}/data/isic2020)
  message(WARNING "${DUCK_SHARED_DIR}/data/isic2020 not found: the tests that read the real ISIC 2020 "
                  "files will fail. Put the shared folder beside the repository or pass -DDUCK_SHARED_DIR=.")
endif()
