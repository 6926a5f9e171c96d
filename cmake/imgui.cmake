# Dear ImGui 1.90.1 (Debian trixie source package imgui=1.90.1+ds-1, unpacked by
# scripts/setup into the cache) + its SDL2 platform backend, and SDL2 itself:
# natively Debian's libsdl2-dev, for wasm the cached static build (SDL2_DIR).
# The draw lists are rendered by the app (src/platform/gl_imgui_renderer.cpp), not
# by ImGui's OpenGL3 backend: that one queries GL state around every frame.
# DUCK_CACHE is set by cmake/deps.cmake (included first).
set(IMGUI_DIR "${DUCK_CACHE}/src/imgui-1.90.1+ds" CACHE PATH "Dear ImGui source tree (contains imgui.cpp)")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui not found in IMGUI_DIR=${IMGUI_DIR}: run scripts/setup")
endif()

if(EMSCRIPTEN)
  # Without SDL2_DIR emcmake finds the sysroot stub that maps to -sUSE_SDL=2 (a port download).
  set(SDL2_DIR "${DUCK_CACHE}/sdl2-wasm-2.26.5+dfsg/lib/cmake/SDL2" CACHE PATH "SDL2 for wasm (scripts/setup)")
  if(NOT EXISTS "${SDL2_DIR}/SDL2Config.cmake")
    message(FATAL_ERROR "SDL2 for wasm not found in SDL2_DIR=${SDL2_DIR}: run scripts/setup")
  endif()
endif()
find_package(SDL2 CONFIG REQUIRED)

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp
  ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_sdl2.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
if(EMSCRIPTEN)
  # WebGL2 == GLES 3.0: <GLES3/gl3.h> and "#version 300 es" (the backend defaults to ES2).
  target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_libraries(imgui PUBLIC SDL2::SDL2-static)
else()
  find_package(OpenGL REQUIRED)
  target_link_libraries(imgui PUBLIC SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
endif()
