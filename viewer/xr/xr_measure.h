// XrMeasure: the tape measure in the headset. While measuring, the
// controller's laser snaps (navigation/measure.h) and shows where: a ring
// lying on a surface, a cube on an edge (the edge drawn along), a diamond on
// a corner; the trigger sets the first point, a live tape follows the laser,
// the trigger again completes it. Tapes stay, in the world, until cleared:
// the agent's mirror shows them as the customer sees them.
//
// A tape is a thin yellow bar with a square stop at each end, and its length
// ("380 cm") on a small light plate at its middle, turned to face the head.
// The plate is sized to read at arm's length: its digits are 4.5 cm tall
// seen from 1 m (2.6°), and grow with the square root of the distance, so
// they shrink in the view more slowly than the room does: 6.4 cm at 2 m
// (1.8°), 11 cm at 6 m (1.05°, still above the 1° the project reads text
// at), and a tape across a big room does not shout. A plate is
// a WorldPanel (ui/world_panel.h) drawn over the model, so one whose middle
// the model hides from the eye (a tape in the next room) is left out; the
// bar is depth-tested like any shape. A frame shows at most kMaxLabels
// plates (the renderer takes few panel images a frame): the live tape's and
// the nearest ones the eye sees.
//
// Not for: the state of measuring and its log line (tour/tape_measure.h,
// shared with the desktop), which buttons start it (xr_tour.cpp: A or X, or
// "Measure" on the menu panel).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "navigation/collision_world.h"
#include "renderer/overlay.h"
#include "renderer/vk_context.h"
#include "viewer/tour/tape_measure.h"
#include "viewer/ui/world_panel.h"

namespace oh::viewer {

// A laser in the world: from `origin` along the unit `direction`.
struct LaserRay {
    glm::vec3 origin{0.0f};
    glm::vec3 direction{0.0f, 0.0f, -1.0f};
};

class XrMeasure {
public:
    static constexpr uint32_t kMaxLabels = 3;
    static constexpr float kDigitsAtOneMetre = 0.045f;  // metres: the digits' height seen from 1 m
    static constexpr float kGrowsUntil = 6.0f;          // metres: farther, the plate stops growing

    // `world` may be null: nothing to measure on. `context` and `world` must
    // outlive it; its plates are made when first needed.
    XrMeasure(gfx::GpuContext& context, const nav::CollisionWorld* world, uint32_t framesInFlight)
        : m_context(context), m_world(world), m_framesInFlight(framesInFlight), m_tape(world) {}

    TapeMeasure& tape() { return m_tape; }
    const TapeMeasure& tape() const { return m_tape; }

    // Once per frame while measuring: the measuring hand's laser (none: it is
    // on the panel or not tracked) and whether its trigger went down now.
    // Returns the tape this trigger completed, if it did.
    std::optional<nav::Measurement> point(std::optional<LaserRay> laser, bool triggerPressed);

    // Adds the tapes (and while measuring, the snap and the live tape) to
    // `shapes`, draws the plates in `cmd` (before the pass that shows them)
    // and appends their quads to `quads`. `eye` in the world. `frameSlot`: as
    // WorldPanel::record. Errors: a plate cannot be made (kExitNoDevice).
    Status record(const glm::vec3& eye, float dt, gfx::OverlayGeometry& shapes, std::vector<gfx::OverlayQuad>& quads,
                  VkCommandBuffer cmd, uint32_t frameSlot);

private:
    struct Plate {
        std::unique_ptr<WorldPanel> panel;
        float widthPixels = 0.0f;  // as last drawn
    };
    Status drawPlate(Plate& plate, const std::string& text, bool square, float dt, VkCommandBuffer cmd,
                     uint32_t frameSlot);
    bool seen(const glm::vec3& eye, const glm::vec3& point) const;

    gfx::GpuContext& m_context;
    const nav::CollisionWorld* m_world;
    uint32_t m_framesInFlight;
    TapeMeasure m_tape;
    std::vector<Plate> m_plates;  // up to kMaxLabels, made on first use
};

}  // namespace oh::viewer
