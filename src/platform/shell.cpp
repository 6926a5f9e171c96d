// shell.cpp - SDL2 window + GL context + Dear ImGui, and the render-on-demand
// frame: events, finished fetches and App::request_redraw() trigger frames;
// when nothing changes nothing is drawn (idle CPU ~0 natively and in the browser).
// The app's work (loading, the model, links) is the AppController's tick(), run
// once per iteration before rendering; texture uploads also happen in the
// frame, under their own budget.
#include "platform/shell.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "imgui.h"
#include "imgui_impl_sdl2.h"
#include "app/app_controller.h"
#include "app/image_loader.h"
#include "platform/gl.h"
#include "platform/gl_image_effects.h"
#include "platform/gl_imgui_renderer.h"
#include "platform/gl_textures.h"
#include "platform/platform.h"
#include "platform/ui_font.h"
#include "ui/ui.h"

namespace duck::platform {

namespace {
// Keep drawing this long after the last input so hover highlights, tooltips and
// double-click timing settle without any event arriving.
constexpr double kInputGraceSeconds = 0.35;
constexpr float kBaseFontPixels = 13.0f;  // ImGui's built-in font (until the TTF arrives)
constexpr float kTtfFontPixels = 15.0f;   // Liberation Sans at about the same x-height
// Texture uploads per rendered frame, as per loading turn (LoadingBudgets): a
// 256 px thumbnail with mipmaps takes about a millisecond with software WebGL.
constexpr double kUploadBudgetMs = LoadingBudgets{}.upload_ms;
// While the open patient's images are still arriving and nobody is interacting,
// frames are drawn at most this often, apart from the one answering an input
// (the input grace's extra frames too: the paced frames let hover and the like
// settle). With software WebGL (SwiftShader) a frame costs the GPU thread
// 100-150 ms of CPU whatever changed, and the page redrew for every result, so
// the frames took a whole core while the decoders, the page and the frames
// shared two: a patient of 55 lesions took about 2 s to fill. Results, uploads
// and scoring go on between frames (loading turns), so nothing waits for them.
// Natively frames are drawn by the GPU (cheap) and the loop would spin meanwhile: web only.
constexpr double kLoadingFrameSeconds = 0.25;
#if defined(__EMSCRIPTEN__)
constexpr bool kPaceLoadingFrames = true;
#else
constexpr bool kPaceLoadingFrames = false;
#endif

// The image loader's view of the GL texture cache (the app layer knows no GL/ImGui).
// Uploads wait here for the next loading turn or frame, each of which uploads
// within its own budget, so taking up results never waits for an upload and
// uploads never wait for a frame.
class GlSink final : public TextureSink {
public:
    explicit GlSink(TextureCache& cache) : cache_(cache) {}
    void upload(ImageRGBA image, const std::string& key) override {
        drop_pending(key);
        pending_.emplace_back(key, std::move(image));
    }
    void release(const std::string& key) override {
        drop_pending(key);
        cache_.release(cache_.find(key));
    }
    size_t flush(double budget_ms) override {
        const double end = now_seconds() + budget_ms / 1000.0;
        while (!pending_.empty()) {
            cache_.upload_rgba(pending_.front().second, pending_.front().first);
            pending_.pop_front();
            if (now_seconds() >= end) break;
        }
        return pending_.size();
    }
    size_t pending() const override { return pending_.size(); }
    void clear() { pending_.clear(); }

private:
    void drop_pending(const std::string& key) {
        for (auto it = pending_.begin(); it != pending_.end(); ++it)
            if (it->first == key) {
                pending_.erase(it);
                return;
            }
    }
    TextureCache& cache_;
    std::deque<std::pair<std::string, ImageRGBA>> pending_;
};
}  // namespace

struct Shell::Impl {
    App* app = nullptr;
    AppController* controller = nullptr;
    ShellOptions opts;
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    GlImGuiRenderer renderer;
    GlTextureCache textures;
    GlImageEffects effects;
    GlSink sink{textures};
    float font_dpr = 0.0f;
    double last_input = -1e9;
    double last_frame = -1e9;
    bool loading_busy = false;  // the last tick left loading work
    int frames = 0;

    bool handle_event(const SDL_Event& e);
    void update_fonts(float dpr);
    void render();
    void capture_if_requested(int w, int h, int dw, int dh);
};

Shell::Shell() : impl_(std::make_unique<Impl>()) {}
Shell::~Shell() { shutdown(); }
int Shell::frames_rendered() const { return impl_->frames; }

bool Shell::init(App& app, AppController& controller, const ShellOptions& opts) {
    auto& s = *impl_;
    s.app = &app;
    s.controller = &controller;
    s.opts = opts;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        log_error(std::string("SDL_Init failed: ") + SDL_GetError());
        return false;
    }
#if defined(__EMSCRIPTEN__)
    // WebGL2 == OpenGL ES 3.0.
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    s.window = SDL_CreateWindow("Duckling", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opts.width,
                                opts.height, flags);
    if (!s.window) {
        log_error(std::string("cannot create the window: ") + SDL_GetError());
        return false;
    }
    s.gl = SDL_GL_CreateContext(s.window);
    if (!s.gl) {
        log_error(std::string("cannot create an OpenGL context: ") + SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(s.window, s.gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // fixed layout; settings go through platform::storage_*
    // No ImGui keyboard navigation: the app owns the arrows, Enter and Space
    // (grid, viewer; see ui/shortcuts.cpp), and nav would also "press" whichever
    // button last had nav focus (Enter cancelled image loading via the status bar).
    // Tab still cycles through text fields.
    io.ConfigInputTextCursorBlink = false;  // blinking would need a frame every 0.5 s
    ImGui::StyleColorsDark();
    ImGui_ImplSDL2_InitForOpenGL(s.window, s.gl);
    if (!s.renderer.init()) return false;
    s.effects.init(s.renderer);
    set_clipboard_hook([](const std::string& t) { SDL_SetClipboardText(t.c_str()); });
    request_ui_font([&s] {
        s.font_dpr = 0.0f;  // rebuild the atlas with the TTF before the next frame
        s.app->request_redraw();
    });
    log_info(std::string("GL: ") + reinterpret_cast<const char*>(glGetString(GL_VERSION)));
    app.request_redraw();
    return true;
}

void Shell::Impl::update_fonts(float dpr) {
    if (dpr == font_dpr) return;
    font_dpr = dpr;
    // Rasterize the font at device resolution and scale it back to logical size:
    // crisp text at devicePixelRatio 2 instead of a magnified 1x atlas.
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    const std::vector<uint8_t>* ttf = ui_font_bytes();
    ImFont* font = nullptr;
    if (ttf) {
        cfg.FontDataOwnedByAtlas = false;  // ui_font.cpp keeps the bytes for later rebuilds
        cfg.OversampleH = 2;
        font = io.Fonts->AddFontFromMemoryTTF(const_cast<uint8_t*>(ttf->data()), int(ttf->size()),
                                              std::round(kTtfFontPixels * dpr), &cfg);
    }
    if (!font) {
        ImFontConfig def;
        def.SizePixels = std::round(kBaseFontPixels * dpr);
        io.Fonts->AddFontDefault(&def);
    }
    io.FontGlobalScale = 1.0f / dpr;
    renderer.rebuild_fonts();
}

bool Shell::Impl::handle_event(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) app->quit = true;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) app->quit = true;
    return true;
}

void Shell::Impl::render() {
    int w = 0, h = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(window, &w, &h);
    SDL_GL_GetDrawableSize(window, &dw, &dh);
    update_fonts(w > 0 ? float(dw) / float(w) : 1.0f);
    // Decoded images become textures before the UI asks for them, so this frame shows them.
    sink.flush(kUploadBudgetMs);
    app->texture_uploads_pending = sink.pending();
    if (sink.pending() > 0) app->request_redraw(1);

    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    app->ui_rects.clear();
    ui::UiContext ctx{textures, font_dpr, now_seconds(), {}, &effects};
    ui::draw_ui(*app, ctx);
    ImGui::Render();
    glViewport(0, 0, dw, dh);
    glClearColor(0.08f, 0.09f, 0.10f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer.render(ImGui::GetDrawData(), dw, dh);
    capture_if_requested(w, h, dw, dh);
    SDL_GL_SwapWindow(window);
    ++frames;
    app->frames = static_cast<uint64_t>(frames);
    app->dpr = font_dpr;
}

// Reads back a rendered region (the patient sheet PNG) before the swap, when
// the back buffer still holds this frame (WebGL needs no preserveDrawingBuffer then).
void Shell::Impl::capture_if_requested(int w, int h, int dw, int dh) {
    FrameCapture& cap = app->share.capture;
    if (!cap.requested) return;
    if (cap.wait_frames > 0) {
        --cap.wait_frames;
        app->request_redraw(2);
        return;
    }
    cap.requested = false;
    const float sx = w > 0 ? float(dw) / float(w) : 1.0f, sy = h > 0 ? float(dh) / float(h) : 1.0f;
    const int x0 = std::clamp(int(std::floor(cap.rect[0] * sx)), 0, dw);
    const int y0 = std::clamp(int(std::floor(cap.rect[1] * sy)), 0, dh);
    const int x1 = std::clamp(int(std::ceil((cap.rect[0] + cap.rect[2]) * sx)), x0, dw);
    const int y1 = std::clamp(int(std::ceil((cap.rect[1] + cap.rect[3]) * sy)), y0, dh);
    ImageRGBA img;
    img.width = x1 - x0;
    img.height = y1 - y0;
    if (img.empty()) return;
    std::vector<uint8_t> flipped(size_t(img.width) * img.height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x0, dh - y1, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
    img.pixels.resize(flipped.size());
    const size_t row = size_t(img.width) * 4;
    for (int y = 0; y < img.height; ++y)  // GL rows are bottom-up
        std::copy_n(&flipped[size_t(img.height - 1 - y) * row], row, &img.pixels[size_t(y) * row]);
    for (size_t i = 3; i < img.pixels.size(); i += 4) img.pixels[i] = 255;  // opaque, whatever the clear alpha
    auto done = std::move(cap.done);
    cap.done = nullptr;
    if (done) done(std::move(img));
}

bool Shell::iterate(int wait_ms) {
    auto& s = *impl_;
    App& app = *s.app;
    const bool busy = app.redraw_frames > 0 || pending_fetches() > 0 || s.loading_busy || s.opts.always_render ||
                      now_seconds() - s.last_input < kInputGraceSeconds;
    SDL_Event e;
    bool input = false;
    if (!busy && wait_ms > 0 && SDL_WaitEventTimeout(&e, wait_ms)) input |= s.handle_event(e);
    while (SDL_PollEvent(&e)) input |= s.handle_event(e);
    if (input) {
        s.last_input = now_seconds();
        app.request_redraw();
    }
    // Loading work left keeps the loop turning (no waiting for events) without
    // forcing frames: results and scores ask for their own redraws.
    s.loading_busy = s.controller->tick(now_seconds(), s.sink);
    app.texture_count = s.textures.count();
    app.texture_bytes = s.textures.bytes_used();
    const double now = now_seconds();
    const bool grace = now - s.last_input < kInputGraceSeconds;
    const ImageState& im = app.images;
    // Decoded images, not only failures: a patient whose images are missing (an
    // ISIC 2024 patient of 500 lesions without files) is not held to the pace.
    const bool images_arriving = !im.cancelled && im.done < im.total && im.done > im.failed;
    const bool paced = kPaceLoadingFrames && images_arriving && !input && !s.opts.always_render && s.frames > 0 &&
                       now - s.last_frame < kLoadingFrameSeconds;
    // A paced frame keeps its request (redraw_frames) for the next turn past the interval.
    const bool draw = !paced && (app.take_redraw() || grace || s.opts.always_render);
    if (draw) {
        s.last_frame = now;
        s.render();
    }
    // Ready once a frame is on screen and the start-up load has settled.
    if (!app.ready && s.frames > 0 && app.load.pending == 0 && pending_fetches() == 0) {
        app.ready = true;
        app.request_redraw(1);
    }
    return draw;
}

// The web page runs loading turns between frames as soon as a decoder answers
// (web_image_io.cpp's bridge), so loading runs at the decoders' pace, not the
// frame rate.
bool Shell::pump_loading() {
    auto& s = *impl_;
    return s.controller ? s.controller->pump_loading(s.sink) : false;
}

void Shell::shutdown() {
    auto& s = *impl_;
    if (!s.window) return;
    s.textures.release_all();
    s.sink.clear();
    s.effects.release();
    s.renderer.shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(s.gl);
    SDL_DestroyWindow(s.window);
    SDL_Quit();
    s.window = nullptr;
}

}  // namespace duck::platform
