// The euro sign for Dear ImGui's built-in font. ProggyClean, the font every
// panel uses, stops at U+00FF, so "€" (U+20AC) would print as "?" in the
// listing card's prices. This adds the sign to each font of an atlas, drawn
// as the font's own "C" crossed by two bars, so it matches the font's pixels
// at any size.
//
// Not for: other characters or fonts (a TTF with the sign would simply have it).
#pragma once

struct ImFontAtlas;

namespace oh::viewer {

// Builds `atlas` (adding ImGui's default font first when it has none) with
// "€" in every font. Call instead of a first build: before the atlas's
// texture data is read (ImGui_ImplVulkan_CreateFontsTexture reads it). An
// atlas already built is left as it is.
void buildFontsWithEuroSign(ImFontAtlas& atlas);

}  // namespace oh::viewer
