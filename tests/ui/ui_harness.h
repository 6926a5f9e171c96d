// ui_harness.h - the UI tests' App + ImGui without a GPU: a real ImGui context
// with a built font atlas and no renderer backend, a fake texture cache, frames
// through every panel (ui::draw_ui), keys and clicks on recorded rectangles, and
// window.duckling.state()'s JSON.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "../unit/explorer_fixture.h"
#include "app/app.h"
#include "imgui.h"
#include "ui/explorer_widgets.h"
#include "ui/ui.h"

namespace duck::test {
// Texture cache without a GPU: hands out ids and remembers sizes.
class FakeTextures : public platform::TextureCache {
public:
    platform::TextureId upload_rgba(const ImageRGBA& im, const std::string& key) override {
        const platform::TextureId id = next_++;
        sizes_[id] = ImVec2(static_cast<float>(im.width), static_cast<float>(im.height));
        if (!key.empty()) keys_[key] = id;
        return id;
    }
    platform::TextureId find(const std::string& key) const override {
        auto it = keys_.find(key);
        return it == keys_.end() ? 0 : it->second;
    }
    void release(platform::TextureId) override {}
    ImVec2 size(platform::TextureId id) const override {
        auto it = sizes_.find(id);
        return it == sizes_.end() ? ImVec2(0, 0) : it->second;
    }
    size_t bytes_used() const override { return 0; }

private:
    platform::TextureId next_ = 1;
    std::map<std::string, platform::TextureId> keys_;
    std::map<platform::TextureId, ImVec2> sizes_;
};

struct Harness {
    App app;
    FakeTextures tex;
    Harness() {
        // Settings go to a private config folder, never the user's ~/.config.
        static const std::string dir = (std::filesystem::temp_directory_path() / ("duckling-ui-test-" + std::to_string(getpid()))).string();
        setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 720);
        io.DeltaTime = 1.f / 60.f;
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);  // builds the atlas
        app.set_dataset(test::small_dataset(), {{Severity::Error, "bad_age", "train.csv:7",
                                                 "ISIC_0000031: age 'x' is not a number"}});
        // Some lesions have pixels (a 600x450 image), one is missing, the rest pending.
        ImageRGBA im;
        im.width = 600, im.height = 450;
        im.pixels.assign(600 * 450 * 4, 128);
        for (const char* n : {"ISIC_0000030", "ISIC_0000031", "ISIC_0000001"}) {
            tex.upload_rgba(im, ui::thumb_key(n));
            tex.upload_rgba(im, ui::full_key(n));
        }
        app.image_status.assign(app.dataset.lesions.size(), ImageStatus::Pending);
        app.image_status[8] = ImageStatus::Missing;
    }
    ~Harness() { ImGui::DestroyContext(); }
    void frame(int n = 1) {
        for (int i = 0; i < n; ++i) {
            ImGui::NewFrame();
            app.ui_rects.clear();
            ui::UiContext ctx{tex, 1.f, 0.0, {}};
            ui::draw_ui(app, ctx);
            ImGui::Render();
            REQUIRE(ImGui::GetDrawData() != nullptr);
        }
    }
    void key(ImGuiKey k, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
        io.AddKeyEvent(k, true);
        frame();
        io.AddKeyEvent(k, false);
        if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
        frame();
    }
    // A left click in the middle of a recorded rectangle (hover, press, release).
    void click(const UiRect& r) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(r[0] + r[2] / 2, r[1] + r[3] / 2);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        frame();
    }
    nlohmann::json state() { return nlohmann::json::parse(app_state_json(app)); }
};
}  // namespace duck::test
