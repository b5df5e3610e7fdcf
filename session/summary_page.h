// The session summary as one printed page (what the agent saves as PNG): a
// title with the date and length of the visit, the floor plan with where the
// customer looked over it, time per room, the pictures opened and the
// measurements taken, and a footer on consent. Drawn with cairo, A4
// landscape at 150 dpi (1754 x 1240 pixels).
// Not for the mirror's live view (the viewer draws that itself, with
// heatColour and formatDuration from session_record.h) and not for print
// formats other than PNG.
#pragma once

#include <filesystem>
#include <span>

#include <glm/glm.hpp>

#include "core/image.h"
#include "core/result.h"
#include "plan/plan_drawing.h"
#include "session/session_record.h"

namespace oh::session {

constexpr uint32_t kSummaryPageWidth = 1754;
constexpr uint32_t kSummaryPageHeight = 1240;

// The tour's floor-plan picture and where each storey lies in it
// (pixel = origin + (x, z) * pixelsPerMetre), or no picture (the page leaves
// the heat map out and says so). Both are borrowed for the call only.
struct PlanBackdrop {
    const RgbaImage* picture = nullptr;
    std::span<const plan::StoreyPlacement> storeys;
};

// Where the page draws the plan picture: page pixel = offset + plan-picture
// pixel * scale (the picture scaled to fit the page's left part). Scale 0
// when there is no picture.
struct PlanOnPage {
    glm::vec2 offset{0.0f};
    float scale = 0.0f;
};
PlanOnPage planOnPage(const PlanBackdrop& plan);

// The page, kSummaryPageWidth x kSummaryPageHeight, opaque. Each heat cell
// is drawn on the storey whose floorY is the highest at or below the cell's
// floorY + 0.5 m (the lowest storey when none is). Long lists are cut with
// "… and N more" rather than run off the page.
RgbaImage drawSummaryPage(const SessionSummary& summary, const PlanBackdrop& plan);

// Draws the page and writes it as a PNG, atomically. The error names the file.
Status writeSummaryPng(const SessionSummary& summary, const PlanBackdrop& plan, const std::filesystem::path& file);

// Saves both: `stem` + ".json" and `stem` + ".png" (creating the parent
// folder), each atomically; when the second fails the first is removed, so a
// save leaves both files or neither. The error names the file.
Status saveSummary(const SessionSummary& summary, const PlanBackdrop& plan, const std::filesystem::path& stem);

}  // namespace oh::session
