# Header-only dependencies: nlohmann-json3-dev and doctest-dev from Debian's
# packages in /usr/include; stb from the Debian source package that
# scripts/setup unpacks into the cache (STB_DIR: trixie's libstb with
# stb_image 2.30, because bookworm's stb_image 2.27 has undefined behaviour on
# corrupt JPEGs). Never put /usr/include itself on an Emscripten include path:
# glibc headers would shadow the wasm sysroot. Instead each library's folder is
# linked into the build tree and only that folder is added.
# DUCK_CACHE: -D / preset ($env{DUCK_CACHE}), else the environment, else ~/.cache/duckling.
if(NOT DUCK_CACHE)
  if(NOT "$ENV{DUCK_CACHE}" STREQUAL "")
    set(DUCK_CACHE "$ENV{DUCK_CACHE}")
  else()
    set(DUCK_CACHE "$ENV{HOME}/.cache/duckling")
  endif()
  set(DUCK_CACHE "${DUCK_CACHE}" CACHE PATH "Duckling's cache of Debian sources and SDL2-for-wasm (scripts/setup)" FORCE)
endif()
# The version pinned in scripts/setup (-DSTB_DIR=... to use another tree).
if(NOT STB_DIR)
  set(STB_DIR "${DUCK_CACHE}/src/libstb-0.0~git20241109.5c20573+ds")
endif()
if(NOT EXISTS "${STB_DIR}/stb_image.h")
  message(FATAL_ERROR "stb not found in STB_DIR=${STB_DIR}: run scripts/setup")
endif()

set(DUCK_DEPS_INC ${CMAKE_BINARY_DIR}/deps-include)
file(MAKE_DIRECTORY ${DUCK_DEPS_INC})
foreach(d nlohmann stb doctest)
  if(d STREQUAL "stb")
    set(_target ${STB_DIR})
  else()
    set(_target /usr/include/${d})
  endif()
  if(NOT EXISTS ${_target})
    message(FATAL_ERROR "${_target} is missing: run scripts/setup")
  endif()
  # Re-point a link left by an older configure (stb once came from /usr/include).
  if(IS_SYMLINK ${DUCK_DEPS_INC}/${d})
    file(READ_SYMLINK ${DUCK_DEPS_INC}/${d} _old)
    if(NOT _old STREQUAL _target)
      file(REMOVE ${DUCK_DEPS_INC}/${d})
    endif()
  endif()
  if(NOT EXISTS ${DUCK_DEPS_INC}/${d})
    file(CREATE_LINK ${_target} ${DUCK_DEPS_INC}/${d} SYMBOLIC)
  endif()
endforeach()
add_library(duck_deps INTERFACE)
target_include_directories(duck_deps SYSTEM INTERFACE ${DUCK_DEPS_INC})
# The stb pin on every compile line: the unpacked headers keep the tarball's
# (old) mtimes, so without this a build tree made with another stb would keep
# its objects; a new pin changes the flags and everything using stb rebuilds.
target_compile_definitions(duck_deps INTERFACE DUCK_STB_PIN=20241109)
# nlohmann/json without exceptions: parse errors are checked with is_discarded().
target_compile_definitions(duck_deps INTERFACE JSON_NOEXCEPTION=1)
