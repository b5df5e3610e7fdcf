// What every page the project draws with cairo shares: the floor plan
// (plan_drawing.h) and the visit summary (session/summary_page.h) set
// colour and text the same way, in one font family (DejaVu Sans, which
// Debian always has and which covers Finnish and the plan's signs: ≈, m²),
// and hand their pixels on as RGBA.
//
// Not for: layout (each page lays itself out), anything but cairo.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace oh::plan {

struct Rgb {
    double r, g, b;
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

void setColour(cairo_t* cr, Rgb colour, double alpha = 1.0);
void setFont(cairo_t* cr, double size, bool bold = false);
// The advance of `text` in the current font.
double textWidth(cairo_t* cr, const std::string& text);
// Text whose baseline starts at (x, y); `halo` draws a light edge first so it
// reads over a drawing.
void drawText(cairo_t* cr, const std::string& text, double x, double y, Rgb colour, double halo = 0.0);

// An ARGB32 image surface's pixels as RGBA with straight alpha, top row first.
std::vector<uint8_t> rgbaPixels(cairo_surface_t* surface);

}  // namespace oh::plan
