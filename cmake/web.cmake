# Link settings of the web build (included from src/platform for target `duckling`).
# Output is duckling.js + duckling.wasm; the page is our own index.html (no
# emscripten HTML shell: its minifier crashes in Debian's emcc 3.1.6 anyway).
set_target_properties(duckling PROPERTIES SUFFIX ".js")
target_compile_options(duckling PRIVATE -fno-exceptions)
target_link_options(duckling PRIVATE
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=2GB
  -sTOTAL_STACK=1MB
  -sDISABLE_EXCEPTION_CATCHING=1
  -sDYNAMIC_EXECUTION=0          # no eval/new Function: the page's CSP forbids them
  -sENVIRONMENT=web
  -sEXIT_RUNTIME=0
  -sFILESYSTEM=0
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free,_duck_state_json,_duck_request_redraw,_duck_wake,_duck_fetch_done
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,ccall)
