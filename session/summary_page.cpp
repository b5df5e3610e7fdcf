#include "session/summary_page.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include <cairo.h>

#include "core/file_io.h"
#include "plan/cairo_page.h"

namespace oh::session {
namespace {

using plan::ContextPtr;
using plan::drawText;
using plan::Rgb;
using plan::setColour;
using plan::setFont;
using plan::SurfacePtr;
using plan::textWidth;

// [SECTION] Page geometry, in pixels at 150 dpi.
constexpr double kWidth = kSummaryPageWidth, kHeight = kSummaryPageHeight;
constexpr double kMargin = 80.0;
constexpr double kColumnGap = 60.0;
constexpr double kLeftWidth = (kWidth - 2.0 * kMargin - kColumnGap) * 0.6;
constexpr double kRightX = kMargin + kLeftWidth + kColumnGap;
constexpr double kRightWidth = kWidth - kMargin - kRightX;
constexpr double kBodyTop = 250.0;     // the sections' headings' top
constexpr double kBodyBottom = 1110.0;  // the lowest a row may reach
constexpr double kPlanTop = kBodyTop + 56.0;
constexpr double kPlanBottom = kBodyBottom - 40.0;  // the legend sits below
constexpr double kFooterRule = 1150.0;

// Sizes of text (pixels; 150 dpi: 21 px is a 10 pt body).
constexpr double kTitleSize = 40.0, kLineSize = 22.0, kHeadingSize = 26.0, kBodySize = 21.0, kSmallSize = 17.0;

// Heights of the right column's rows.
constexpr double kHeadingBlock = 56.0, kSectionGap = 30.0;
constexpr double kRoomRow = 54.0, kPictureRow = 52.0, kMeasurementRow = 38.0, kNoteRow = 36.0;

// The heat picture's resolution: pixels per heat cell, enough for a blob's
// edge to come out round rather than stepped once cairo scales it up.
constexpr int kHeatSubCells = 6;

constexpr Rgb kInk{0.16, 0.16, 0.17};
constexpr Rgb kMuted{0.42, 0.42, 0.45};
constexpr Rgb kRule{0.84, 0.85, 0.87};
constexpr Rgb kAccent{0.15, 0.30, 0.50};  // a calm navy: the header band and the room bars
constexpr Rgb kTrack{0.92, 0.93, 0.95};
constexpr Rgb kPanel{0.965, 0.965, 0.97};


// [SECTION] Text

// `text` cut at a character boundary and ended with "…" so that it fits
// `width` in the current font; unchanged when it fits.
std::string fitted(cairo_t* cr, std::string text, double width) {
    if (textWidth(cr, text) <= width) return text;
    const std::string ellipsis = "\u2026";
    while (!text.empty()) {
        size_t cut = text.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 continuation
        text.erase(cut);
        while (!text.empty() && text.back() == ' ') text.pop_back();
        if (textWidth(cr, text + ellipsis) <= width) break;
    }
    return text + ellipsis;
}

void drawTextRight(cairo_t* cr, const std::string& text, double right, double y, Rgb colour) {
    drawText(cr, text, right - textWidth(cr, text), y, colour);
}

void drawRule(cairo_t* cr, double x0, double x1, double y, Rgb colour, double width = 1.0) {
    setColour(cr, colour);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
}

// [SECTION] Header and footer

const char* monthName(int month) {
    static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? kMonths[month - 1] : "";
}

struct LocalTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};

std::optional<LocalTime> parseIso(const std::string& iso) {
    LocalTime t;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d", &t.year, &t.month, &t.day, &t.hour, &t.minute) != 5 ||
        t.month < 1 || t.month > 12)
        return std::nullopt;
    return t;
}

// "2 December 2026, 14:05–14:17" (the day repeated when the visit crossed midnight).
std::string visitTimes(const SessionSummary& summary) {
    const auto start = parseIso(summary.started), end = parseIso(summary.ended);
    if (!start || !end) return summary.started + " \u2013 " + summary.ended;
    char text[128];
    const bool sameDay = start->year == end->year && start->month == end->month && start->day == end->day;
    if (sameDay)
        std::snprintf(text, sizeof text, "%d %s %d, %02d:%02d\u2013%02d:%02d", start->day, monthName(start->month),
                      start->year, start->hour, start->minute, end->hour, end->minute);
    else
        std::snprintf(text, sizeof text, "%d %s %d, %02d:%02d \u2013 %d %s %d, %02d:%02d", start->day,
                      monthName(start->month), start->year, start->hour, start->minute, end->day,
                      monthName(end->month), end->year, end->hour, end->minute);
    return text;
}

std::string counted(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void drawHeader(cairo_t* cr, const SessionSummary& summary) {
    setColour(cr, kAccent);
    cairo_rectangle(cr, 0.0, 0.0, kWidth, 14.0);
    cairo_fill(cr);

    setFont(cr, kTitleSize, true);
    const std::string title = summary.listingTitle.empty() ? "Visit summary"
                                                           : "Visit summary \u2014 " + summary.listingTitle;
    drawText(cr, fitted(cr, title, kWidth - 2.0 * kMargin), kMargin, 112.0, kInk);

    size_t visited = 0;
    for (const RoomTime& room : summary.rooms)
        if (room.seconds > 0.0 && room.name != SessionRecord::kElsewhere) ++visited;
    setFont(cr, kLineSize);
    const std::string when = visitTimes(summary) + "  \u00B7  " + formatDuration(summary.seconds) + " in the tour";
    const std::string counts = counted(visited, "room visited", "rooms visited") + "  \u00B7  " +
                               counted(summary.pictures.size(), "picture opened", "pictures opened") + "  \u00B7  " +
                               counted(summary.measurements.size(), "measurement", "measurements");
    const double countsWidth = textWidth(cr, counts);
    drawText(cr, fitted(cr, when, kWidth - 2.0 * kMargin - countsWidth - 40.0), kMargin, 160.0, kMuted);
    drawTextRight(cr, counts, kWidth - kMargin, 160.0, kMuted);
    drawRule(cr, kMargin, kWidth - kMargin, 198.0, kRule, 2.0);
}

void drawFooter(cairo_t* cr) {
    drawRule(cr, kMargin, kWidth - kMargin, kFooterRule, kRule);
    setFont(cr, kSmallSize);
    drawText(cr, "Recorded on this machine with the customer's consent. Nothing was uploaded.", kMargin,
             kFooterRule + 40.0, kMuted);
    drawTextRight(cr, "OpenHouse", kWidth - kMargin, kFooterRule + 40.0, kMuted);
}

void drawHeading(cairo_t* cr, const std::string& text, double x, double top) {
    setFont(cr, kHeadingSize, true);
    drawText(cr, text, x, top + kHeadingSize, kInk);
}

// [SECTION] The plan and the heat map

SurfacePtr surfaceOf(const RgbaImage& image) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, int(image.width), int(image.height)),
                       cairo_surface_destroy);
    cairo_surface_flush(surface.get());
    uint8_t* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (uint32_t y = 0; y < image.height; ++y) {
        auto* row = reinterpret_cast<uint32_t*>(data + size_t(y) * size_t(stride));
        for (uint32_t x = 0; x < image.width; ++x) {
            const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
            // cairo wants premultiplied alpha; RgbaImage is straight.
            const uint32_t a = p[3];
            const auto pre = [a](uint8_t c) { return (uint32_t(c) * a + 127) / 255; };
            row[x] = (a << 24) | (pre(p[0]) << 16) | (pre(p[1]) << 8) | pre(p[2]);
        }
    }
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

bool hasPicture(const PlanBackdrop& plan) {
    return plan.picture && plan.picture->width > 0 && plan.picture->height > 0 &&
           plan.picture->pixels.size() >= size_t(plan.picture->width) * plan.picture->height * 4;
}

// The storey a heat cell is drawn on: the highest whose floor is at or below
// the cell's floor + 0.5 m (a customer on a stair's upper half sees the upper
// storey), else the lowest.
size_t storeyOf(std::span<const plan::StoreyPlacement> storeys, float floorY) {
    size_t best = 0;
    bool found = false;
    for (size_t i = 0; i < storeys.size(); ++i) {
        if (storeys[i].floorY <= floorY + 0.5f) {
            if (!found || storeys[i].floorY > storeys[best].floorY) best = i;
            found = true;
        } else if (!found && storeys[i].floorY < storeys[best].floorY) {
            best = i;
        }
    }
    return best;
}

// The heat map of one storey as a picture, kHeatSubCells pixels per cell:
// each cell's intensity spread as a small Gaussian (half a cell across) and
// the sum rescaled to the cells' own maximum, so blobs come out round where
// interpolating between cell centres would draw diamonds. `first` is the
// cell at the picture's top left, two cells outside the warm ones so the
// picture fades to nothing before its edge.
struct HeatPicture {
    SurfacePtr surface{nullptr, cairo_surface_destroy};
    glm::ivec2 first{0};
};

HeatPicture heatPicture(const std::map<std::pair<int, int>, float>& cells) {
    constexpr int kBorder = 2;
    constexpr float kSpread = 0.5f * kHeatSubCells;  // sigma, in pixels
    constexpr int kReach = int(3.0f * kSpread) + 1;
    glm::ivec2 lo(INT32_MAX), hi(INT32_MIN);
    float hottest = 0.0f;
    for (const auto& [cell, intensity] : cells) {
        lo = glm::min(lo, glm::ivec2(cell.first, cell.second));
        hi = glm::max(hi, glm::ivec2(cell.first, cell.second));
        hottest = std::max(hottest, intensity);
    }
    HeatPicture heat;
    heat.first = lo - kBorder;
    const glm::ivec2 count = hi - lo + 1 + 2 * kBorder;
    const int width = count.x * kHeatSubCells, height = count.y * kHeatSubCells;
    std::vector<float> field(size_t(width) * size_t(height), 0.0f);
    for (const auto& [cell, intensity] : cells) {
        const glm::vec2 centre = (glm::vec2(cell.first - heat.first.x, cell.second - heat.first.y) + 0.5f) *
                                 float(kHeatSubCells);
        const glm::ivec2 middle(centre);
        for (int y = std::max(middle.y - kReach, 0); y < std::min(middle.y + kReach, height); ++y)
            for (int x = std::max(middle.x - kReach, 0); x < std::min(middle.x + kReach, width); ++x) {
                const glm::vec2 d = glm::vec2(float(x), float(y)) + 0.5f - centre;
                field[size_t(y) * size_t(width) + size_t(x)] +=
                    intensity * std::exp(-glm::dot(d, d) / (2.0f * kSpread * kSpread));
            }
    }
    const float peak = *std::max_element(field.begin(), field.end());
    const float rescale = peak > 0.0f ? hottest / peak : 0.0f;

    heat.surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    cairo_surface_flush(heat.surface.get());
    uint8_t* data = cairo_image_surface_get_data(heat.surface.get());
    const int stride = cairo_image_surface_get_stride(heat.surface.get());
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<uint32_t*>(data + size_t(y) * size_t(stride));
        for (int x = 0; x < width; ++x) {
            const glm::vec4 colour = heatColour(field[size_t(y) * size_t(width) + size_t(x)] * rescale);
            const auto channel = [&](float c) { return uint32_t(std::lround(c * colour.a * 255.0f)); };  // premultiplied
            row[x] = (uint32_t(std::lround(colour.a * 255.0f)) << 24) | (channel(colour.r) << 16) |
                     (channel(colour.g) << 8) | channel(colour.b);
        }
    }
    cairo_surface_mark_dirty(heat.surface.get());
    return heat;
}

// Draws the heat over the plan, in the plan picture's pixels (the caller
// has set the transform), each storey clipped to what the plan shows of it.
void drawHeat(cairo_t* cr, const SessionSummary& summary, const PlanBackdrop& plan) {
    std::vector<std::map<std::pair<int, int>, float>> perStorey(plan.storeys.size());
    const float cell = summary.heatCellMetres > 0.0f ? summary.heatCellMetres : SessionRecord::kHeatCellMetres;
    for (const HeatCell& heat : summary.heat) {
        const glm::ivec2 index(glm::floor(heat.centre / cell));
        float& intensity = perStorey[storeyOf(plan.storeys, heat.floorY)][{index.x, index.y}];
        intensity = std::max(intensity, heat.intensity);  // two levels drawn on one storey: the warmer shows
    }
    for (size_t i = 0; i < plan.storeys.size(); ++i) {
        if (perStorey[i].empty()) continue;
        const plan::StoreyPlacement& storey = plan.storeys[i];
        const HeatPicture heat = heatPicture(perStorey[i]);
        cairo_save(cr);
        cairo_translate(cr, storey.origin.x, storey.origin.y);
        cairo_scale(cr, storey.pixelsPerMetre, storey.pixelsPerMetre);
        cairo_rectangle(cr, storey.min.x, storey.min.y, storey.max.x - storey.min.x, storey.max.y - storey.min.y);
        cairo_clip(cr);
        cairo_translate(cr, heat.first.x * cell, heat.first.y * cell);
        cairo_scale(cr, cell / kHeatSubCells, cell / kHeatSubCells);
        cairo_set_source_surface(cr, heat.surface.get(), 0.0, 0.0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_restore(cr);
    }
}

void drawLegend(cairo_t* cr, double x, double baseline) {
    setFont(cr, kSmallSize);
    const std::string label = "Where the customer looked:";
    drawText(cr, label, x, baseline, kMuted);
    double at = x + textWidth(cr, label) + 16.0;
    drawText(cr, "little", at, baseline, kMuted);
    at += textWidth(cr, "little") + 10.0;
    const double barWidth = 220.0, barHeight = 14.0, barTop = baseline - barHeight + 1.0;
    cairo_pattern_t* ramp = cairo_pattern_create_linear(at, 0.0, at + barWidth, 0.0);
    for (int stop = 0; stop <= 8; ++stop) {
        const glm::vec4 c = heatColour(float(stop) / 8.0f);
        cairo_pattern_add_color_stop_rgba(ramp, stop / 8.0, c.r, c.g, c.b, c.a);
    }
    cairo_rectangle(cr, at, barTop, barWidth, barHeight);
    cairo_set_source(cr, ramp);
    cairo_fill_preserve(cr);
    cairo_pattern_destroy(ramp);
    setColour(cr, kRule);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
    drawText(cr, "much", at + barWidth + 10.0, baseline, kMuted);
}

void drawPlanSection(cairo_t* cr, const SessionSummary& summary, const PlanBackdrop& plan) {
    drawHeading(cr, "Where the customer looked", kMargin, kBodyTop);
    if (!hasPicture(plan)) {
        setColour(cr, kPanel);
        cairo_rectangle(cr, kMargin, kPlanTop, kLeftWidth, kPlanBottom - kPlanTop);
        cairo_fill(cr);
        setFont(cr, kBodySize);
        const std::string note = "This tour has no floor plan, so the heat map is left out.";
        drawText(cr, note, kMargin + (kLeftWidth - textWidth(cr, note)) / 2.0, (kPlanTop + kPlanBottom) / 2.0, kMuted);
        return;
    }
    const PlanOnPage placed = planOnPage(plan);
    SurfacePtr picture = surfaceOf(*plan.picture);
    cairo_save(cr);
    cairo_translate(cr, placed.offset.x, placed.offset.y);
    cairo_scale(cr, placed.scale, placed.scale);
    cairo_rectangle(cr, 0.0, 0.0, plan.picture->width, plan.picture->height);
    cairo_clip(cr);
    cairo_set_source_surface(cr, picture.get(), 0.0, 0.0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    drawHeat(cr, summary, plan);
    cairo_restore(cr);

    const double below = placed.offset.y + plan.picture->height * placed.scale + 34.0;
    if (summary.heat.empty()) {
        setFont(cr, kSmallSize);
        drawText(cr, "The customer's gaze did not rest on the model, so there is no heat map.", kMargin, below, kMuted);
    } else {
        drawLegend(cr, kMargin, below);
    }
}

// [SECTION] The lists on the right

// How many rows of each list fit: all when they do, else the longest list
// gives up rows (and gains a "… and N more" line) until the column fits.
struct ListFit {
    size_t rows = 0;       // items in the list
    double rowHeight = 0.0;
    double extra = 0.0;    // a line always drawn after the rows (e.g. "Not visited: …")
    size_t shown = 0;
    double height() const {
        if (rows == 0) return kNoteRow + extra;
        return double(shown) * rowHeight + (shown < rows ? kNoteRow : 0.0) + extra;
    }
};

void fitLists(std::span<ListFit> lists, double available) {
    for (ListFit& list : lists) list.shown = list.rows;
    auto total = [&] {
        double sum = 0.0;
        for (const ListFit& list : lists) sum += kHeadingBlock + list.height();
        return sum + kSectionGap * double(lists.size() - 1);
    };
    while (total() > available) {
        ListFit* longest = nullptr;
        for (ListFit& list : lists)
            if (list.shown > 1 && (!longest || list.shown * list.rowHeight > longest->shown * longest->rowHeight))
                longest = &list;
        if (!longest) break;  // one row each: cannot happen at this page's size
        --longest->shown;
    }
}

void drawMore(cairo_t* cr, size_t hidden, double top) {
    if (hidden == 0) return;
    setFont(cr, kSmallSize);
    drawText(cr, "\u2026 and " + std::to_string(hidden) + " more", kRightX, top + 24.0, kMuted);
}

void drawNone(cairo_t* cr, const std::string& text, double top) {
    setFont(cr, kBodySize);
    drawText(cr, text, kRightX, top + 24.0, kMuted);
}

double drawRooms(cairo_t* cr, const std::vector<const RoomTime*>& visited, const std::string& notVisited,
                 const ListFit& fit, double seconds, double top) {
    drawHeading(cr, "Time per room", kRightX, top);
    double y = top + kHeadingBlock;
    if (visited.empty()) {
        drawNone(cr, "No time in any room was recorded.", y);
        y += kNoteRow;
    }
    for (size_t i = 0; i < fit.shown; ++i) {
        const RoomTime& room = *visited[i];
        const double share = seconds > 0.0 ? std::clamp(room.seconds / seconds, 0.0, 1.0) : 0.0;
        const std::string value = formatDuration(room.seconds) + " (" + std::to_string(std::lround(share * 100.0)) + " %)";
        setFont(cr, kBodySize);
        const double valueWidth = textWidth(cr, value);
        drawTextRight(cr, value, kRightX + kRightWidth, y + 22.0, kInk);
        setFont(cr, kBodySize, true);
        drawText(cr, fitted(cr, room.name, kRightWidth - valueWidth - 24.0), kRightX, y + 22.0, kInk);
        setColour(cr, kTrack);
        cairo_rectangle(cr, kRightX, y + 32.0, kRightWidth, 9.0);
        cairo_fill(cr);
        setColour(cr, kAccent);
        cairo_rectangle(cr, kRightX, y + 32.0, std::max(share * kRightWidth, 2.0), 9.0);
        cairo_fill(cr);
        y += kRoomRow;
    }
    drawMore(cr, visited.size() - fit.shown, y);
    if (fit.shown < visited.size()) y += kNoteRow;
    if (!notVisited.empty()) {
        setFont(cr, kSmallSize);
        drawText(cr, fitted(cr, "Not visited: " + notVisited, kRightWidth), kRightX, y + 24.0, kMuted);
        y += kNoteRow;
    }
    return y;
}

std::string timesOpened(uint32_t opened) {
    if (opened == 1) return "opened once";
    if (opened == 2) return "opened twice";
    return "opened " + std::to_string(opened) + " times";
}

double drawPictures(cairo_t* cr, const SessionSummary& summary, const ListFit& fit, double top) {
    drawHeading(cr, "Pictures opened", kRightX, top);
    double y = top + kHeadingBlock;
    if (summary.pictures.empty()) {
        drawNone(cr, "No photos or panoramas were opened.", y);
        y += kNoteRow;
    }
    for (size_t i = 0; i < fit.shown; ++i) {
        const PictureTime& picture = summary.pictures[i];
        const char* kind = picture.picture.kind == PictureKind::Photo ? "Photo" : "Panorama";
        const std::string name = picture.picture.name.empty()
                                     ? std::string(kind) + " " + std::to_string(picture.picture.index + 1)
                                     : picture.picture.name;
        setFont(cr, kBodySize, true);
        drawText(cr, fitted(cr, name, kRightWidth), kRightX, y + 22.0, kInk);
        setFont(cr, kSmallSize);
        const std::string detail = std::string(kind) + "  \u00B7  " + timesOpened(picture.opened) + "  \u00B7  viewed " +
                                   formatDuration(picture.seconds);
        drawText(cr, fitted(cr, detail, kRightWidth), kRightX, y + 44.0, kMuted);
        y += kPictureRow;
    }
    drawMore(cr, summary.pictures.size() - fit.shown, y);
    if (fit.shown < summary.pictures.size()) y += kNoteRow;
    return y;
}

// How the tape ran, in the tour's words: level or plumb, and "⊥" with what
// it spanned when it was squared to the facing surface (U+22A5: DejaVu Sans
// has no U+27C2 "⟂").
std::string measurementNote(const nav::Measurement& m) {
    if (m.rule == nav::MeasureRule::SquareToSurface) {
        if (m.constraint == nav::MeasureConstraint::Horizontal) return "\u22A5 wall to wall";
        if (m.constraint == nav::MeasureConstraint::Vertical) return "\u22A5 floor to ceiling";
        return "\u22A5 square to the surface";
    }
    if (m.constraint == nav::MeasureConstraint::Horizontal) return "level";
    if (m.constraint == nav::MeasureConstraint::Vertical) return "plumb";
    return "point to point";
}

double drawMeasurements(cairo_t* cr, const SessionSummary& summary, const ListFit& fit, double top) {
    drawHeading(cr, "Measurements", kRightX, top);
    double y = top + kHeadingBlock;
    if (summary.measurements.empty()) {
        drawNone(cr, "No measurements were taken.", y);
        y += kNoteRow;
    }
    for (size_t i = 0; i < fit.shown; ++i) {
        const MeasurementEntry& entry = summary.measurements[i];
        setFont(cr, kBodySize, true);
        const std::string length = nav::formatLength(entry.measurement.metres);
        drawText(cr, length, kRightX, y + 24.0, kInk);
        const double roomX = kRightX + std::max(textWidth(cr, length) + 18.0, 120.0);
        setFont(cr, kSmallSize);
        const std::string note = measurementNote(entry.measurement);
        const double noteWidth = std::min(textWidth(cr, note), kRightWidth * 0.4);
        drawTextRight(cr, fitted(cr, note, noteWidth), kRightX + kRightWidth, y + 24.0, kMuted);
        setFont(cr, kBodySize);
        const std::string room = entry.room.empty() ? "no room" : entry.room;
        drawText(cr, fitted(cr, room, kRightX + kRightWidth - noteWidth - 20.0 - roomX), roomX, y + 24.0,
                 entry.room.empty() ? kMuted : kInk);
        y += kMeasurementRow;
    }
    drawMore(cr, summary.measurements.size() - fit.shown, y);
    if (fit.shown < summary.measurements.size()) y += kNoteRow;
    return y;
}

void drawLists(cairo_t* cr, const SessionSummary& summary) {
    // Rooms by time spent, most first, so a cut list keeps what mattered;
    // rooms never entered are named on one line after them.
    std::vector<const RoomTime*> visited;
    std::string notVisited;
    for (const RoomTime& room : summary.rooms) {
        if (room.seconds > 0.0) visited.push_back(&room);
        else notVisited += (notVisited.empty() ? "" : ", ") + room.name;
    }
    std::stable_sort(visited.begin(), visited.end(),
                     [](const RoomTime* a, const RoomTime* b) { return a->seconds > b->seconds; });

    ListFit lists[3] = {{.rows = visited.size(), .rowHeight = kRoomRow, .extra = notVisited.empty() ? 0.0 : kNoteRow},
                        {.rows = summary.pictures.size(), .rowHeight = kPictureRow},
                        {.rows = summary.measurements.size(), .rowHeight = kMeasurementRow}};
    fitLists(lists, kBodyBottom - kBodyTop);
    double y = drawRooms(cr, visited, notVisited, lists[0], summary.seconds, kBodyTop);
    y = drawPictures(cr, summary, lists[1], y + kSectionGap);
    drawMeasurements(cr, summary, lists[2], y + kSectionGap);
}

}  // namespace

PlanOnPage planOnPage(const PlanBackdrop& plan) {
    if (!hasPicture(plan)) return {};
    const double width = plan.picture->width, height = plan.picture->height;
    // Fitted to the left part; a small plan is enlarged at most 3x, past
    // which its pixels would show.
    const double scale = std::min({kLeftWidth / width, (kPlanBottom - kPlanTop) / height, 3.0});
    return {.offset = glm::vec2(float(kMargin + (kLeftWidth - width * scale) / 2.0), float(kPlanTop)),
            .scale = float(scale)};
}

RgbaImage drawSummaryPage(const SessionSummary& summary, const PlanBackdrop& plan) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, int(kWidth), int(kHeight)),
                       cairo_surface_destroy);
    {
        ContextPtr cr(cairo_create(surface.get()), cairo_destroy);
        cairo_set_source_rgb(cr.get(), 1.0, 1.0, 1.0);
        cairo_paint(cr.get());
        drawHeader(cr.get(), summary);
        drawPlanSection(cr.get(), summary, plan);
        drawLists(cr.get(), summary);
        drawFooter(cr.get());
    }
    RgbaImage page{kSummaryPageWidth, kSummaryPageHeight, plan::rgbaPixels(surface.get())};
    return page;
}

Status writeSummaryPng(const SessionSummary& summary, const PlanBackdrop& plan, const std::filesystem::path& file) {
    return writePng(file, drawSummaryPage(summary, plan));
}

Status saveSummary(const SessionSummary& summary, const PlanBackdrop& plan, const std::filesystem::path& stem) {
    std::filesystem::path json = stem, png = stem;
    json += ".json";
    png += ".png";
    if (stem.has_parent_path()) {
        std::error_code error;
        std::filesystem::create_directories(stem.parent_path(), error);
        if (error)
            return makeError(displayPath(json) + ": cannot create the folder " + displayPath(stem.parent_path()) +
                                 ": " + error.message(),
                             kExitIo);
    }
    OH_TRY(writeSummaryJson(summary, json));
    Status written = writeSummaryPng(summary, plan, png);
    if (!written) {
        std::error_code ignored;
        std::filesystem::remove(json, ignored);  // both or neither: a JSON without its page is half a save
    }
    return written;
}

}  // namespace oh::session
