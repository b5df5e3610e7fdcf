// Draws a FloorPlan (floor_plan.h) with cairo: a printable page (PDF or SVG,
// vectors that print sharp, at a standard scale on A4), a PNG for a brochure,
// and the picture the bundle carries for the minimap and the table's card,
// with where each storey lies in it so a point on the picture maps to a
// point in the model.
//
// Walls are drawn in section (filled), tall furniture and frames outlined,
// window panes as blue lines, what stands below the cut as a soft height map,
// rooms named with their areas (measured ones marked "≈"), a scale bar and a
// north arrow.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "plan/floor_plan.h"

namespace oh::plan {

enum class PlanFormat { Png, Svg, Pdf };

// From the file's extension (.png, .svg, .pdf, any case); none for others.
std::optional<PlanFormat> planFormatOf(const std::filesystem::path& file);

struct PlanPage {
    std::string title;          // the street address, or the model's name
    std::string subtitle;       // "72 m² · 3h+k · Floor 4 of 6"; may be empty
    float northDegrees = 0.0f;  // the heading of north in the model (0: the model's -Z)
    float pngPixelsPerMetre = 80.0f;
};

// Where a storey lies in a drawn picture: pixel = origin + plan point × scale.
struct StoreyPlacement {
    glm::vec2 origin{0.0f};  // pixels, the picture's top left is (0, 0)
    float pixelsPerMetre = 0.0f;
    float floorY = 0.0f;  // the storey's floor height in the model
    glm::vec2 min{0.0f}, max{0.0f};  // what the plan shows of it, plan coordinates (Storey::min, max)
};

struct PlanPicture {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> rgba;  // straight alpha, row-major, top row first
    std::vector<StoreyPlacement> storeys;
};

// The page as pixels (a PNG's content).
PlanPicture drawPlanPicture(const FloorPlan& plan, const PlanPage& page);

// Writes the page to `file` in `format`, through a temporary file renamed
// into place, so a failure never leaves half a file.
Status writePlan(const FloorPlan& plan, const PlanPage& page, const std::filesystem::path& file, PlanFormat format);

}  // namespace oh::plan
