#include "viewer/ui/euro_sign.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace oh::viewer {
namespace {

constexpr ImWchar kEuro = 0x20AC;
// ProggyClean is monospaced: every glyph advances 7 pixels at 13.
constexpr float kAdvancePerPixelSize = 7.0f / 13.0f;

}  // namespace

void buildFontsWithEuroSign(ImFontAtlas& atlas) {
    if (atlas.IsBuilt()) return;
    if (atlas.Fonts.empty()) atlas.AddFontDefault();
    // A font's size is known from its configuration until the build sets it.
    std::vector<std::pair<ImFont*, int>> rects;
    for (const ImFontConfig& config : atlas.ConfigData) {
        if (config.MergeMode) continue;
        int width = int(std::lround(config.SizePixels * kAdvancePerPixelSize));
        rects.emplace_back(config.DstFont, atlas.AddCustomRectFontGlyph(config.DstFont, kEuro, width,
                                                                        int(std::lround(config.SizePixels)),
                                                                        float(width)));
    }
    atlas.Build();
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &atlasWidth, &atlasHeight);
    for (auto [font, index] : rects) {
        const ImFontGlyph* c = font->FindGlyphNoFallback('C');
        if (!c) continue;
        const ImFontAtlasCustomRect& rect = *atlas.GetCustomRectByIndex(index);
        // The "C", copied where it sits in its own cell (line-top relative, as the sign's cell is).
        // The atlas may hold it oversampled (ImGui's default font: three times as wide): one
        // sample per pixel, from the middle of the texels that pixel covers.
        int x0 = int(std::lround(c->X0)), y0 = int(std::lround(c->Y0));
        int w = std::min(int(std::lround(c->X1 - c->X0)), int(rect.Width) - x0);
        int h = std::min(int(std::lround(c->Y1 - c->Y0)), int(rect.Height) - y0);
        float u0 = c->U0 * float(atlasWidth), v0 = c->V0 * float(atlasHeight);
        float du = (c->U1 - c->U0) * float(atlasWidth) / (c->X1 - c->X0);
        float dv = (c->V1 - c->V0) * float(atlasHeight) / (c->Y1 - c->Y0);
        auto at = [&](int x, int y) -> unsigned char& { return pixels[(rect.Y + y) * atlasWidth + rect.X + x]; };
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                at(x0 + x, y0 + y) = pixels[int(v0 + (float(y) + 0.5f) * dv) * atlasWidth + int(u0 + (float(x) + 0.5f) * du)];
        // Two bars through its middle, from a pixel left of it to past its centre.
        int thickness = std::max(1, int(std::lround(font->FontSize / 13.0f)));
        int barLeft = std::max(0, x0 - thickness), barRight = std::min(int(rect.Width), x0 + w * 2 / 3 + 1);
        for (float row : {0.38f, 0.62f}) {
            int top = y0 + int(std::lround(float(h) * row)) - thickness / 2;
            for (int y = top; y < top + thickness && y < int(rect.Height); ++y)
                for (int x = barLeft; x < barRight; ++x) at(x, std::max(0, y)) = 255;
        }
    }
}

}  // namespace oh::viewer
