// gl.h - the one place that knows which GL header each target uses:
// WebGL2 (GLES 3.0) in the browser, desktop GL through SDL natively.
#pragma once
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#endif
