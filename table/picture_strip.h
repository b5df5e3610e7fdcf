// The card's picture strip, drawn with Dear ImGui: the place a page's picture
// is shown in (the picture itself is drawn over ImGui's pass, card_photos.h),
// arrows either side of the page's name, and, when a listing has both photos
// and a floor plan, a button at the row's end that goes to the other kind, so
// a customer finds the plan without swiping through every photo first.
//
// Not for: loading the pictures (card_photos.h) or swiping (table_app.cpp).
#pragma once

#include <cstddef>
#include <optional>

#include <imgui.h>

#include "table/card_photos.h"

namespace oh::table {

// `page` moved `step` pages on, round a strip of `pages` (not 0).
size_t stepPage(size_t page, int step, size_t pages);

// Draws the strip into the current ImGui window at its cursor, with `page`
// shown (clamped to the pages there are; the arrows and the button change
// it). Returns the picture's place (x0, y0, x1, y1, in ImGui's pixels), or
// nullopt without drawing anything when the listing has no pictures.
std::optional<ImVec4> drawPictureStrip(const CardPhotos& pictures, size_t& page);

}  // namespace oh::table
