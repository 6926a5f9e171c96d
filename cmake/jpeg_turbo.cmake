# libjpeg-turbo 2.1.5 (Debian bookworm's 1:2.1.5-2), for decoding large JPEGs at
# 1/2, 1/4 or 1/8 scale in the DCT domain (src/core/image/jpeg_scaled.*):
# natively Debian's libjpeg62-turbo-dev, for wasm the same version's source
# package built by scripts/setup into the cache (JPEG_WASM_PREFIX: libjpeg.a +
# headers, no SIMD). The fuzz build compiles that source package itself with the
# fuzzer's coverage and sanitizers, so libFuzzer sees into libjpeg too.
# Target: duck_jpeg. DUCK_CACHE comes from cmake/deps.cmake.
set(DUCK_JPEG_TURBO_VERSION 2.1.5)
add_library(duck_jpeg INTERFACE)
if(EMSCRIPTEN)
  set(JPEG_WASM_PREFIX "${DUCK_CACHE}/libjpeg-turbo-wasm-${DUCK_JPEG_TURBO_VERSION}" CACHE PATH
      "libjpeg-turbo built for wasm (scripts/setup)")
  if(NOT EXISTS "${JPEG_WASM_PREFIX}/.complete")
    message(FATAL_ERROR "libjpeg-turbo for wasm not found in JPEG_WASM_PREFIX=${JPEG_WASM_PREFIX}: run scripts/setup")
  endif()
  target_include_directories(duck_jpeg SYSTEM INTERFACE ${JPEG_WASM_PREFIX}/include)
  target_link_libraries(duck_jpeg INTERFACE ${JPEG_WASM_PREFIX}/lib/libjpeg.a)
  set(_jconfig ${JPEG_WASM_PREFIX}/include/jconfig.h)
elseif(DUCK_FUZZ)
  include(ExternalProject)
  set(_src "${DUCK_CACHE}/src/libjpeg-turbo-${DUCK_JPEG_TURBO_VERSION}")
  if(NOT EXISTS "${_src}/jdapistd.c")
    message(FATAL_ERROR "libjpeg-turbo source not found in ${_src}: run scripts/setup")
  endif()
  set(_out ${CMAKE_BINARY_DIR}/libjpeg-turbo)
  ExternalProject_Add(libjpeg_turbo_fuzz
    SOURCE_DIR ${_src}
    BINARY_DIR ${_out}
    CMAKE_ARGS -G Ninja -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER} -DCMAKE_BUILD_TYPE=RelWithDebInfo
      "-DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
      -DENABLE_SHARED=OFF -DENABLE_STATIC=ON -DWITH_SIMD=OFF -DWITH_TURBOJPEG=OFF -DWITH_ARITH_ENC=OFF
    BUILD_COMMAND ${CMAKE_COMMAND} --build ${_out} --target jpeg-static
    BUILD_BYPRODUCTS ${_out}/libjpeg.a
    INSTALL_COMMAND "")
  add_dependencies(duck_jpeg libjpeg_turbo_fuzz)
  target_include_directories(duck_jpeg SYSTEM INTERFACE ${_out} ${_src})
  target_link_libraries(duck_jpeg INTERFACE ${_out}/libjpeg.a)
  set(_jconfig "")  # generated at build time; the source folder's name carries the pinned version
else()
  find_package(JPEG REQUIRED)  # Debian's libjpeg62-turbo-dev (scripts/setup installs it)
  target_link_libraries(duck_jpeg INTERFACE JPEG::JPEG)
  find_file(_jconfig jconfig.h PATHS ${JPEG_INCLUDE_DIRS} PATH_SUFFIXES ${CMAKE_LIBRARY_ARCHITECTURE} NO_CACHE)
endif()
# The same libjpeg-turbo natively and in wasm, so the CLI and the browser decode
# the same pixels (and score the same): refuse any other version.
if(NOT DUCK_FUZZ)
  if(NOT _jconfig OR NOT EXISTS "${_jconfig}")
    message(FATAL_ERROR "jconfig.h of libjpeg-turbo not found: run scripts/setup")
  endif()
  file(STRINGS "${_jconfig}" _jver REGEX "#define LIBJPEG_TURBO_VERSION ")
  if(NOT _jver MATCHES " ${DUCK_JPEG_TURBO_VERSION}$")
    message(FATAL_ERROR "libjpeg-turbo ${DUCK_JPEG_TURBO_VERSION} expected, ${_jconfig} says '${_jver}': run scripts/setup")
  endif()
endif()
