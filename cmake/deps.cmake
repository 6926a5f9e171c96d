# Header-only dependencies from Debian packages (nlohmann-json3-dev, libstb-dev,
# doctest-dev). Never put /usr/include itself on an Emscripten include path: glibc
# headers would shadow the wasm sysroot. Instead each library's folder is linked
# into the build tree and only that folder is added.
set(DUCK_DEPS_INC ${CMAKE_BINARY_DIR}/deps-include)
file(MAKE_DIRECTORY ${DUCK_DEPS_INC})
foreach(d nlohmann stb doctest)
  if(NOT EXISTS /usr/include/${d})
    message(FATAL_ERROR "/usr/include/${d} is missing: run scripts/setup (apt-get install nlohmann-json3-dev libstb-dev doctest-dev)")
  endif()
  if(NOT EXISTS ${DUCK_DEPS_INC}/${d})
    file(CREATE_LINK /usr/include/${d} ${DUCK_DEPS_INC}/${d} SYMBOLIC)
  endif()
endforeach()
add_library(duck_deps INTERFACE)
target_include_directories(duck_deps SYSTEM INTERFACE ${DUCK_DEPS_INC})
# nlohmann/json without exceptions: parse errors are checked with is_discarded().
target_compile_definitions(duck_deps INTERFACE JSON_NOEXCEPTION=1)
