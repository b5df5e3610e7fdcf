// The photo gallery of the tour panel (viewer/ui/photo_gallery.h): the demo
// listing's thumbnails decoded from its bundle, placed in Dear ImGui's font
// atlas pixel for pixel, grouped by room, and a click on one returns it.
// ImGui runs headless here: no window, no GPU.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <imgui.h>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "viewer/ui/photo_gallery.h"

using namespace oh;

namespace {

struct DemoListing {
    bundle::BundleReader reader;
    bundle::Manifest manifest;
};

DemoListing openDemo() {
    auto reader = bundle::BundleReader::open(OH_BINARY_DIR "/scenes/demo-listing.tour");
    REQUIRE_MESSAGE(reader.has_value(), reader.error().message);
    auto manifest = bundle::decodeManifest(*reader);
    REQUIRE_MESSAGE(manifest.has_value(), manifest.error().message);
    return {std::move(reader.value()), std::move(manifest.value())};
}

// One ImGui frame of a full-screen window holding the gallery.
std::optional<uint32_t> galleryFrame(const viewer::PhotoGallery& gallery, ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("gallery", nullptr, ImGuiWindowFlags_NoDecoration);
    auto chosen = gallery.draw(std::nullopt);
    ImGui::End();
    ImGui::Render();
    return chosen;
}

}  // namespace

TEST_CASE("the demo listing's thumbnails go into the font atlas, grouped by room, and a click picks one") {
    DemoListing demo = openDemo();
    auto gallery = viewer::PhotoGallery::load(demo.reader, demo.manifest);
    REQUIRE_MESSAGE(gallery.has_value(), gallery.error().message);
    REQUIRE(gallery->size() == demo.manifest.photos.size());
    REQUIRE(gallery->size() == 8);

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini left in the working folder
    io.DisplaySize = ImVec2(720, 900);
    io.DeltaTime = 1.0f / 60.0f;
    io.Fonts->AddFontDefault();
    gallery->thumbnails().reserveIn(*io.Fonts);
    REQUIRE(io.Fonts->Build());
    gallery->thumbnails().copyInto(*io.Fonts, false);
    io.Fonts->SetTexID(ImTextureID(intptr_t(1)));

    // The atlas holds each thumbnail: a photo of a lit room, not black, and
    // the pixels differ from one photo to the next.
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    std::vector<uint64_t> sums;
    std::vector<ImVec2> corners;  // each thumbnail's top-left in texture coordinates
    for (int rect = 0; rect < io.Fonts->CustomRects.Size; ++rect) {
        const ImFontAtlasCustomRect& r = io.Fonts->CustomRects[rect];
        // ImGui's own rectangles (mouse cursors, lines) are under 90 pixels tall.
        if (r.GlyphID != 0 || r.Height < 90) continue;
        CHECK(r.Height <= viewer::PhotoGallery::kThumbnailHeight);
        uint64_t sum = 0;
        for (int y = 0; y < r.Height; ++y)
            for (int x = 0; x < r.Width; ++x) sum += pixels[((r.Y + y) * width + r.X + x) * 4 + 1];
        CHECK(sum / (uint64_t(r.Width) * r.Height) > 30);  // mean green well above black
        sums.push_back(sum);
        corners.push_back(ImVec2(float(r.X) / float(width), float(r.Y) / float(height)));
    }
    CHECK(sums.size() == 8);
    std::sort(sums.begin(), sums.end());
    CHECK(std::adjacent_find(sums.begin(), sums.end()) == sums.end());

    // The first room's header, then its first photo: a press and release on
    // it returns photo 0 (the living room's first).
    ImVec2 away(700, 890), onFirst(60, 70);
    CHECK_FALSE(galleryFrame(*gallery, away, false));
    CHECK_FALSE(galleryFrame(*gallery, onFirst, true));
    CHECK(galleryFrame(*gallery, onFirst, false) == 0u);
    CHECK_FALSE(galleryFrame(*gallery, away, false));

    // Every photo's image is drawn: a rectangle textured from its corner of the atlas.
    size_t drawn = 0;
    for (const ImVec2& corner : corners) {
        bool found = false;
        for (int list = 0; list < ImGui::GetDrawData()->CmdListsCount && !found; ++list)
            for (const ImDrawVert& vertex : ImGui::GetDrawData()->CmdLists[list]->VtxBuffer)
                found |= std::abs(vertex.uv.x - corner.x) < 1e-6f && std::abs(vertex.uv.y - corner.y) < 1e-6f;
        drawn += found;
    }
    CHECK(drawn == 8);
    ImGui::DestroyContext();
}

TEST_CASE("for a window's sRGB swapchain the thumbnails are stored in linear light, so they show as photographed") {
    DemoListing demo = openDemo();
    auto gallery = viewer::PhotoGallery::load(demo.reader, demo.manifest);
    REQUIRE_MESSAGE(gallery.has_value(), gallery.error().message);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.Fonts->AddFontDefault();
    gallery->thumbnails().reserveIn(*io.Fonts);
    REQUIRE(io.Fonts->Build());
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    const ImFontAtlasCustomRect* first = nullptr;
    for (const ImFontAtlasCustomRect& r : io.Fonts->CustomRects)
        if (r.GlyphID == 0 && r.Height >= 90 && !first) first = &r;
    REQUIRE(first != nullptr);
    auto thumbnail = [&] {
        std::vector<uint8_t> bytes;
        for (int y = 0; y < first->Height; ++y)
            for (int x = 0; x < first->Width * 4; ++x) bytes.push_back(pixels[((first->Y + y) * width + first->X) * 4 + x]);
        return bytes;
    };
    gallery->thumbnails().copyInto(*io.Fonts, false);
    const std::vector<uint8_t> asIs = thumbnail();
    gallery->thumbnails().copyInto(*io.Fonts, true);
    const std::vector<uint8_t> linear = thumbnail();
    REQUIRE(asIs.size() == linear.size());
    // What the swapchain writes for each stored byte: the sRGB encoding of
    // it read as linear. It gives back the photo's own bytes within the
    // rounding of 8-bit linear storage (coarse in the darkest tones only).
    size_t checked = 0, off = 0;
    for (size_t i = 0; i < asIs.size(); ++i) {
        if (i % 4 == 3) {
            CHECK(linear[i] == asIs[i]);  // alpha untouched
            continue;
        }
        double c = linear[i] / 255.0;
        double shown = 255.0 * (c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055);
        if (asIs[i] < 40) continue;
        ++checked;
        off += std::abs(shown - asIs[i]) > 3.0;
    }
    CHECK(checked > 1000);
    CHECK(off == 0);
    ImGui::DestroyContext();
}
