#include "plan/plan_drawing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <system_error>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include "plan/cairo_page.h"

namespace oh::plan {
namespace {

constexpr double kPointsPerMetre = 72.0 / 0.0254;  // on paper, at 1:1
constexpr double kA4Short = 595.28, kA4Long = 841.89;
constexpr int kPaperScales[] = {50, 100, 200, 500, 1000, 2000};

constexpr Rgb kInk{0.16, 0.16, 0.17};
constexpr Rgb kFixture{0.86, 0.86, 0.85};
constexpr Rgb kGlass{0.23, 0.49, 0.65};
constexpr Rgb kMuted{0.4, 0.4, 0.42};


// Sizes in page units: points on paper, pixels in a PNG.
struct Layout {
    double width = 0.0, height = 0.0;
    double margin = 0.0, header = 0.0, footer = 0.0, caption = 0.0;
    double scale = 0.0;  // page units per metre
    std::vector<glm::dvec2> origins;  // per storey: page point of plan point (0, 0)
    double titleSize = 0.0, subtitleSize = 0.0, roomSize = 0.0, areaSize = 0.0, noteSize = 0.0;
    std::string scaleNote;  // "1:100 on A4"
};

glm::dvec2 storeySize(const Storey& storey) { return glm::dvec2(storey.max - storey.min); }

glm::dvec2 contentSize(const FloorPlan& plan) {
    glm::dvec2 size(0.0);
    for (const Storey& storey : plan.storeys) {
        size.x = std::max(size.x, storeySize(storey).x);
        size.y += storeySize(storey).y;
    }
    return size;
}

void placeStoreys(const FloorPlan& plan, Layout& layout) {
    double top = layout.margin + layout.header;
    const double captions = plan.storeys.size() > 1 ? layout.caption : 0.0;
    for (const Storey& storey : plan.storeys) {
        top += captions;
        const double left = (layout.width - storeySize(storey).x * layout.scale) / 2.0;
        layout.origins.push_back({left - storey.min.x * layout.scale, top - storey.min.y * layout.scale});
        top += storeySize(storey).y * layout.scale;
    }
}

// A4, portrait or landscape as the plan is shaped, at the largest standard
// scale that fits (1:50, 1:100, …), or fitted when none does.
Layout paperLayout(const FloorPlan& plan) {
    Layout layout{.margin = 28.0, .header = 44.0, .footer = 36.0, .caption = 16.0,
                  .titleSize = 16.0, .subtitleSize = 9.5, .roomSize = 8.0, .areaSize = 7.0, .noteSize = 6.5};
    const glm::dvec2 content = contentSize(plan);
    const bool landscape = content.x > content.y;
    layout.width = landscape ? kA4Long : kA4Short;
    layout.height = landscape ? kA4Short : kA4Long;
    const double captions = plan.storeys.size() > 1 ? layout.caption * double(plan.storeys.size()) : 0.0;
    const glm::dvec2 room(layout.width - 2.0 * layout.margin,
                          layout.height - 2.0 * layout.margin - layout.header - layout.footer - captions);
    const double fit = std::min(room.x / content.x, room.y / content.y);
    layout.scale = 0.0;
    for (int denominator : kPaperScales) {
        if (kPointsPerMetre / denominator <= fit) {
            layout.scale = kPointsPerMetre / denominator;
            layout.scaleNote = "Scale 1:" + std::to_string(denominator) + " on A4";
            break;
        }
    }
    if (layout.scale == 0.0) {
        layout.scale = fit;
        layout.scaleNote = "Scale 1:" + std::to_string(int(std::lround(kPointsPerMetre / fit))) + " on A4";
    }
    placeStoreys(plan, layout);
    return layout;
}

Layout pictureLayout(const FloorPlan& plan, const PlanPage& page) {
    const double ppm = std::clamp(double(page.pngPixelsPerMetre), 10.0, 400.0);
    Layout layout{.margin = 20.0, .header = 60.0, .footer = 52.0, .caption = 26.0, .scale = ppm,
                  .titleSize = 22.0, .subtitleSize = 14.0, .roomSize = 14.0, .areaSize = 12.5, .noteSize = 11.5};
    const glm::dvec2 content = contentSize(plan);
    const double captions = plan.storeys.size() > 1 ? layout.caption * double(plan.storeys.size()) : 0.0;
    layout.width = std::ceil(std::max(content.x * ppm + 2.0 * layout.margin, 560.0));
    layout.height = std::ceil(content.y * ppm + 2.0 * layout.margin + layout.header + layout.footer + captions);
    placeStoreys(plan, layout);
    return layout;
}


// The height map: the floor in a warm white, what stands on it in greys
// that darken with height, each object's edge drawn where the height jumps.
SurfacePtr heightMapSurface(const HeightMap& map) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, int(map.width), int(map.height)),
                       cairo_surface_destroy);
    cairo_surface_flush(surface.get());
    uint8_t* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    auto heightAt = [&](int x, int y) {
        if (x < 0 || y < 0 || x >= int(map.width) || y >= int(map.height)) return std::numeric_limits<float>::quiet_NaN();
        return map.at(uint32_t(x), uint32_t(y));
    };
    for (int y = 0; y < int(map.height); ++y) {
        auto* row = reinterpret_cast<uint32_t*>(data + size_t(y) * size_t(stride));
        for (int x = 0; x < int(map.width); ++x) {
            const float h = heightAt(x, y);
            if (std::isnan(h) && !map.wallAt(uint32_t(x), uint32_t(y))) {
                row[x] = 0;
                continue;
            }
            bool edge = false;
            for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                const float n = heightAt(x + dx, y + dy);
                if (!std::isnan(n) && n - h > 0.04f) edge = true;  // the higher side draws the edge
            }
            uint32_t r, g, b;
            if (map.wallAt(uint32_t(x), uint32_t(y))) {
                r = uint32_t(kInk.r * 255.0), g = uint32_t(kInk.g * 255.0), b = uint32_t(kInk.b * 255.0);
            } else if (edge) {
                r = g = b = 118;
            } else if (h < 0.03f) {
                r = 246, g = 242, b = 234;
            } else {
                const float t = std::clamp(h / 1.2f, 0.0f, 1.0f);
                r = g = b = uint32_t(232.0f - 40.0f * t);
            }
            row[x] = 0xFF000000u | (r << 16) | (g << 8) | b;
        }
    }
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

void outlinePath(cairo_t* cr, const Outline& outline) {
    cairo_move_to(cr, outline.points[0].x, outline.points[0].y);
    for (size_t i = 1; i < outline.points.size(); ++i) cairo_line_to(cr, outline.points[i].x, outline.points[i].y);
    if (outline.closed) cairo_close_path(cr);
}

std::string formatArea(const PlanRoom& room) {
    char text[48];
    std::snprintf(text, sizeof text, "%s%.1f m\u00B2", room.areaListed ? "" : "\u2248 ", room.area);
    return text;
}

void drawStorey(cairo_t* cr, const Storey& storey, const Layout& layout, glm::dvec2 origin) {
    cairo_save(cr);
    cairo_translate(cr, origin.x, origin.y);
    cairo_scale(cr, layout.scale, layout.scale);
    const double hairline = 1.0 / layout.scale;  // one page unit, in metres

    SurfacePtr below = heightMapSurface(storey.below);
    cairo_save(cr);
    cairo_translate(cr, storey.below.origin.x, storey.below.origin.y);
    cairo_scale(cr, storey.below.cellSize, storey.below.cellSize);
    cairo_set_source_surface(cr, below.get(), 0.0, 0.0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);

    // Furniture and frames in section: filled loops, outlined. Walls are
    // filled in the height map (their meshes seldom close); their faces are
    // drawn here so their edges print sharp.
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const Section& section : storey.sections) {
        if (section.structure) continue;
        for (const Outline& outline : section.outlines)
            if (outline.closed) outlinePath(cr, outline);
        setColour(cr, kFixture);
        cairo_fill(cr);
    }
    setColour(cr, kInk);
    for (bool structure : {false, true}) {
        for (const Section& section : storey.sections)
            if (section.structure == structure)
                for (const Outline& outline : section.outlines) outlinePath(cr, outline);
        cairo_set_line_width(cr, (structure ? 1.0 : 0.6) * hairline);
        cairo_stroke(cr);
    }
    setColour(cr, kGlass);
    cairo_set_line_width(cr, std::max(1.5 * hairline, 0.02));
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (const auto& [a, b] : storey.glass) {
        cairo_move_to(cr, a.x, a.y);
        cairo_line_to(cr, b.x, b.y);
    }
    cairo_stroke(cr);
    cairo_restore(cr);

    // Room names and areas, centred on their label points, in page units.
    // A label that would overlap one already drawn (rooms too small at
    // this scale, a whole building on one page) is left out.
    std::vector<std::pair<glm::dvec2, glm::dvec2>> drawn;
    for (const PlanRoom& room : storey.rooms) {
        const glm::dvec2 at = origin + glm::dvec2(room.labelAt) * layout.scale;
        const std::string area = room.area > 0.0 ? formatArea(room) : std::string();
        setFont(cr, layout.roomSize, true);
        const double nameWidth = textWidth(cr, room.name);
        setFont(cr, layout.areaSize, false);
        const double halfWidth = std::max(nameWidth, area.empty() ? 0.0 : textWidth(cr, area)) / 2.0;
        const glm::dvec2 lo(at.x - halfWidth, at.y - 1.15 * layout.roomSize);
        const glm::dvec2 hi(at.x + halfWidth, at.y + 1.4 * layout.areaSize);
        if (std::any_of(drawn.begin(), drawn.end(), [&](const auto& box) {
                return lo.x < box.second.x && box.first.x < hi.x && lo.y < box.second.y && box.first.y < hi.y;
            }))
            continue;
        drawn.emplace_back(lo, hi);
        setFont(cr, layout.roomSize, true);
        drawText(cr, room.name, at.x - nameWidth / 2.0, at.y - 0.15 * layout.roomSize, kInk, layout.roomSize * 0.3);
        if (!area.empty()) {
            setFont(cr, layout.areaSize, false);
            drawText(cr, area, at.x - textWidth(cr, area) / 2.0, at.y + 1.1 * layout.areaSize, kMuted,
                     layout.areaSize * 0.3);
        }
    }
}

// A bar of alternating black and white metres, as long as a round number
// of metres near a fifth of the page's width.
void drawScaleBar(cairo_t* cr, const Layout& layout, double x, double y) {
    double metres = 1.0;
    for (double candidate : {0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0})
        if (candidate * layout.scale <= layout.width * 0.22) metres = candidate;
    const int parts = metres >= 2.0 && metres <= 5.0 ? int(metres) : 2;
    const double length = metres * layout.scale, thick = layout.noteSize * 0.55;
    for (int i = 0; i < parts; ++i) {
        cairo_rectangle(cr, x + length * i / parts, y, length / parts, thick);
        if (i % 2 == 0) setColour(cr, kInk);
        else cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
        cairo_fill_preserve(cr);
        setColour(cr, kInk);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    setFont(cr, layout.noteSize, false);
    char label[32];
    std::snprintf(label, sizeof label, metres < 1.0 ? "%.1f m" : "%.0f m", metres);
    drawText(cr, "0", x - textWidth(cr, "0") / 2.0, y + thick + 1.3 * layout.noteSize, kInk);
    drawText(cr, label, x + length - textWidth(cr, label) / 2.0, y + thick + 1.3 * layout.noteSize, kInk);
    if (!layout.scaleNote.empty())
        drawText(cr, layout.scaleNote, x + length + layout.noteSize * 2.0, y + thick, kMuted);
}

void drawNorthArrow(cairo_t* cr, double cx, double cy, double radius, float northDegrees, double fontSize) {
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_set_line_width(cr, std::max(0.6, radius * 0.06));
    setColour(cr, kInk);
    cairo_arc(cr, 0.0, 0.0, radius, 0.0, 2.0 * M_PI);
    cairo_stroke(cr);
    cairo_rotate(cr, double(northDegrees) * M_PI / 180.0);  // headings turn clockwise, as cairo's y points down
    cairo_move_to(cr, 0.0, -radius * 0.85);
    cairo_line_to(cr, radius * 0.38, radius * 0.55);
    cairo_line_to(cr, 0.0, radius * 0.25);
    cairo_line_to(cr, -radius * 0.38, radius * 0.55);
    cairo_close_path(cr);
    cairo_fill(cr);
    setFont(cr, fontSize, true);
    drawText(cr, "N", -textWidth(cr, "N") / 2.0, -radius * 1.15, kInk);
    cairo_restore(cr);
}

std::string storeyCaption(size_t index, size_t count) {
    if (count == 2) return index == 0 ? "Lower floor" : "Upper floor";
    return "Floor " + std::to_string(index + 1);
}

void drawPage(cairo_t* cr, const FloorPlan& plan, const PlanPage& page, const Layout& layout) {
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_paint(cr);
    const double left = layout.margin;
    setFont(cr, layout.titleSize, true);
    drawText(cr, page.title, left, layout.margin + layout.titleSize, kInk);
    if (!page.subtitle.empty()) {
        setFont(cr, layout.subtitleSize, false);
        drawText(cr, page.subtitle, left, layout.margin + layout.titleSize + 1.6 * layout.subtitleSize, kMuted);
    }
    const double arrowRadius = layout.header * 0.28;
    drawNorthArrow(cr, layout.width - layout.margin - arrowRadius, layout.margin + layout.header * 0.5,
                   arrowRadius, page.northDegrees, layout.noteSize);

    for (size_t i = 0; i < plan.storeys.size(); ++i) {
        const Storey& storey = plan.storeys[i];
        if (plan.storeys.size() > 1) {
            setFont(cr, layout.subtitleSize, true);
            const glm::dvec2 corner = layout.origins[i] + glm::dvec2(storey.min) * layout.scale;
            drawText(cr, storeyCaption(i, plan.storeys.size()), corner.x, corner.y - 0.35 * layout.caption, kInk);
        }
        drawStorey(cr, storey, layout, layout.origins[i]);
    }

    const double footerTop = layout.height - layout.margin - layout.footer;
    drawScaleBar(cr, layout, left, footerTop + layout.footer * 0.25);
    // The note as large as the page's width allows, down to 70 %; a narrow
    // plan (a studio's minimap) says it shorter rather than run off the edge.
    const double room = layout.width - 2.0 * layout.margin;
    std::string note = "Drawn from the apartment's 3D model, cut at 1.2 m. Areas marked \u2248 are measured "
                       "from the model; the listing's own are unmarked.";
    setFont(cr, layout.noteSize, false);
    double size = layout.noteSize * std::clamp(room / textWidth(cr, note), 0.7, 1.0);
    setFont(cr, size, false);
    if (textWidth(cr, note) > room) note = "From the 3D model, cut at 1.2 m. \u2248: measured.";
    drawText(cr, note, left, layout.height - layout.margin, kMuted);
}

std::string cairoProblem(cairo_status_t status) { return cairo_status_to_string(status); }

}  // namespace

std::optional<PlanFormat> planFormatOf(const std::filesystem::path& file) {
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (extension == ".png") return PlanFormat::Png;
    if (extension == ".svg") return PlanFormat::Svg;
    if (extension == ".pdf") return PlanFormat::Pdf;
    return std::nullopt;
}

PlanPicture drawPlanPicture(const FloorPlan& plan, const PlanPage& page) {
    const Layout layout = pictureLayout(plan, page);
    PlanPicture picture;
    picture.width = uint32_t(layout.width);
    picture.height = uint32_t(layout.height);
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, int(picture.width), int(picture.height)),
                       cairo_surface_destroy);
    {
        ContextPtr cr(cairo_create(surface.get()), cairo_destroy);
        drawPage(cr.get(), plan, page, layout);
    }
    picture.rgba = rgbaPixels(surface.get());
    for (size_t i = 0; i < plan.storeys.size(); ++i)
        picture.storeys.push_back({.origin = glm::vec2(layout.origins[i]),
                                   .pixelsPerMetre = float(layout.scale),
                                   .floorY = plan.storeys[i].floorY,
                                   .min = plan.storeys[i].min,
                                   .max = plan.storeys[i].max});
    return picture;
}

Status writePlan(const FloorPlan& plan, const PlanPage& page, const std::filesystem::path& file, PlanFormat format) {
    const std::filesystem::path temporary = file.string() + ".part";
    // A PDF gives each storey of several a page of its own, at its own scale;
    // a PNG or an SVG (one page) shows them one above the other.
    std::vector<FloorPlan> pages;
    if (format == PlanFormat::Pdf && plan.storeys.size() > 1) {
        for (const Storey& storey : plan.storeys) pages.push_back(FloorPlan{{storey}});
    }
    const Layout layout = format == PlanFormat::Png ? pictureLayout(plan, page)
                                                    : paperLayout(pages.empty() ? plan : pages.front());
    SurfacePtr surface(nullptr, cairo_surface_destroy);
    switch (format) {
    case PlanFormat::Png:
        surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, int(layout.width), int(layout.height)));
        break;
    case PlanFormat::Svg:
        surface.reset(cairo_svg_surface_create(temporary.c_str(), layout.width, layout.height));
        break;
    case PlanFormat::Pdf:
        surface.reset(cairo_pdf_surface_create(temporary.c_str(), layout.width, layout.height));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, ("Floor plan: " + page.title).c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "openhouse-pack");
        break;
    }
    {
        ContextPtr cr(cairo_create(surface.get()), cairo_destroy);
        if (pages.empty()) {
            drawPage(cr.get(), plan, page, layout);
        } else {
            for (size_t i = 0; i < pages.size(); ++i) {
                const Layout pageLayout = paperLayout(pages[i]);
                cairo_pdf_surface_set_size(surface.get(), pageLayout.width, pageLayout.height);
                PlanPage storeyPage = page;
                const std::string caption = storeyCaption(i, pages.size());
                storeyPage.subtitle = page.subtitle.empty() ? caption : page.subtitle + " \u00B7 " + caption;
                drawPage(cr.get(), pages[i], storeyPage, pageLayout);
                cairo_show_page(cr.get());
            }
        }
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
            return makeError(file.string() + ": cannot draw the plan: " + cairoProblem(cairo_status(cr.get())), kExitIo);
    }
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    if (format == PlanFormat::Png) status = cairo_surface_write_to_png(surface.get(), temporary.c_str());
    cairo_surface_finish(surface.get());
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
    std::error_code error;
    if (status != CAIRO_STATUS_SUCCESS) {
        std::filesystem::remove(temporary, error);
        return makeError(file.string() + ": cannot write: " + cairoProblem(status), kExitIo);
    }
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        return makeError(file.string() + ": cannot write: " + error.message(), kExitIo);
    }
    return ok();
}

}  // namespace oh::plan
