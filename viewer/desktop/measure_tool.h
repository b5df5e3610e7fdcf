// MeasureTool: the tape measure of the desktop walk-through. M turns
// measuring on: a click picks a point on whatever the pointer is over
// (snapping to real edges and corners, navigation/measure.h), a second click
// completes a tape, which stays; H and V keep the next tapes level or plumb
// (pressed again: free), C clears them, M ends measuring. While measuring the
// pointer shows what it would snap to (a ring on a surface, a square on an
// edge, a diamond on a corner) and, after a first click, a live tape runs to it.
//
// Tapes stay in place after M ends measuring, until C: a buyer measures the
// wall where the sofa would go, then walks back to look at it with the
// figure still there. Each completed tape is logged at info level, in words
// ("measured 380 cm wall to wall (square to the surface; 3.8000 m)").
//
// Draws through a Dear ImGui draw list over the rendered view: the tapes have
// no depth buffer, so what the model hides (a tape in the next room, seen
// through its wall) is left out by rays against the collision world.
// Not for: the geometry of picking and measuring (navigation/measure.h), the
// tape's state (tour/tape_measure.h, shared with the headset), the headset,
// or which view mode may measure (the desktop tour decides: walking).
#pragma once

#include <functional>
#include <optional>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"
#include "navigation/measure.h"
#include "viewer/desktop/desktop_presenter.h"
#include "viewer/tour/tape_measure.h"

struct ImDrawList;

namespace oh::viewer {

// The world direction through a pointer pixel (framebuffer pixels) of the view the visitor sees.
using PixelRay = std::function<glm::vec3(glm::vec2 pixel)>;

class MeasureTool {
public:
    // `world` may be null (a model with nothing to collide with): nothing to measure on, M does nothing.
    // It must outlive the tool.
    explicit MeasureTool(const nav::CollisionWorld* world) : m_world(world), m_tape(world) {}

    // Once per frame while the visitor may measure. Takes M, H, V and C when
    // `keysFree` (no text field has the keyboard) and, while measuring, the
    // click when `pointerFree` (the pointer is over the view, not a panel):
    // that click is removed from `input`, so it neither glides nor opens a photo.
    void update(DesktopInput& input, const glm::vec3& eye, const PixelRay& rayThrough, bool keysFree,
                bool pointerFree);

    // Draws the tapes, and while measuring the snap under the pointer, the
    // live tape and the status line, into `list` (the window overlay's
    // background list: under the panels). `viewProjection` maps the world to
    // Vulkan clip space for the whole `viewport` (ImGui display pixels);
    // `eye` is the view's, for hiding what the model hides.
    void draw(ImDrawList& list, const glm::mat4& viewProjection, const glm::vec3& eye, glm::vec2 viewport) const;

private:
    const nav::CollisionWorld* m_world;  // for hiding what the model hides
    TapeMeasure m_tape;
};

}  // namespace oh::viewer
