// TapeMeasure: the tape measure's state, shared by the desktop walk-through
// (desktop/measure_tool.h: M, clicks, H/V/C) and the headset
// (xr/xr_measure.h: the laser and trigger). Measuring on or off, what the
// pointer would pick now, the pending tape's first point, the constraint for
// the next tapes and the tapes kept until cleared. Each completed tape is
// logged at info level, in words ("measured 380 cm wall to wall (square to
// the surface; 3.8000 m)"), the line tests and the agent read.
//
// Pointers are rays in the world: a mouse ray from the eye or a controller's
// laser alike. The snap radius follows the distance to what the ray meets
// (nav::snapRadiusAt).
// Not for: the geometry (navigation/measure.h), drawing the tapes (each mode
// draws its own: ImGui lines on the desktop, shapes and panels in the
// headset), or which buttons do what.
#pragma once

#include <optional>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"
#include "navigation/measure.h"

namespace oh::viewer {

class TapeMeasure {
public:
    // `world` may be null (a model with nothing to collide with): nothing to
    // measure on, and measuring never turns on. It must outlive the tape.
    explicit TapeMeasure(const nav::CollisionWorld* world) : m_world(world) {}

    bool available() const { return m_world != nullptr; }
    bool measuring() const { return m_measuring; }
    // Off drops a half-made tape (it is not kept across leaving the mode); the tapes stay.
    void setMeasuring(bool on);
    // Removes the tapes and a half-made one.
    void clear();
    // The next tapes keep to `wanted`; asked again, free.
    void toggleConstraint(nav::MeasureConstraint wanted);
    nav::MeasureConstraint constraint() const { return m_constraint; }

    // What the pointer would pick now, shown as the snap marker and the live
    // tape's end; none: the pointer is elsewhere (a panel, the sky). Only while measuring.
    void hover(std::optional<glm::vec3> origin, const glm::vec3& direction = glm::vec3(0.0f));
    // A click or trigger along the ray, while measuring: the first point, or
    // the second, which completes a tape (kept and logged) and is returned.
    // A ray meeting nothing, or a second point on the first, does nothing.
    std::optional<nav::Measurement> select(const glm::vec3& origin, const glm::vec3& direction);

    const nav::MeasurementList& tapes() const { return m_tapes; }
    const std::optional<nav::MeasurePoint>& first() const { return m_first; }
    const std::optional<nav::MeasurePoint>& hovered() const { return m_hover; }
    // The tape from the first point to what the pointer is on; none without both.
    std::optional<nav::Measurement> liveTape() const;

    // What a ray picks, snapped; none when it meets nothing (or there is no world).
    std::optional<nav::MeasurePoint> pick(const glm::vec3& origin, const glm::vec3& direction) const;

private:
    const nav::CollisionWorld* m_world;
    bool m_measuring = false;
    nav::MeasureConstraint m_constraint = nav::MeasureConstraint::Free;
    nav::MeasurementList m_tapes;
    std::optional<nav::MeasurePoint> m_first;  // the pending tape's first point
    std::optional<nav::MeasurePoint> m_hover;  // what the pointer would pick now
};

}  // namespace oh::viewer
