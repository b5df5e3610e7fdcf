// OrbitCamera: the desktop viewer's "look at the model" camera. It circles a
// target point (initially the centre of the model's bounds) at a distance:
// rotate = drag with the left button, pan = right or middle button, zoom =
// scroll wheel; frameAll() returns to the default view of gfx::frameBounds,
// the same one `openhouse render` uses.
//
// Plain maths, no window: inputs are pixel deltas and wheel notches.
#pragma once

#include <glm/glm.hpp>

#include "renderer/camera.h"
#include "scene/scene.h"

namespace oh::viewer {

class OrbitCamera {
public:
    // `bounds` may be empty (a model with no geometry): the camera then orbits the origin.
    OrbitCamera(const scene::Aabb& bounds, float verticalFovRadians, float aspect);

    // Back to the framing of gfx::frameBounds for a viewport of `aspect` (width / height).
    // `pitchRadians`: how steeply to look down (the dollhouse view looks down into the rooms).
    void frameAll(float aspect, float pitchRadians = gfx::kDefaultFramingPitch);

    // Turns the camera around the target: dragging right swings it to the
    // left, so the model seems to follow the cursor. Pitch stops short of
    // straight up or down, where "up" would be undefined.
    void rotate(glm::vec2 pixels);
    // Moves the target in the view plane so the point under the cursor
    // follows it; `viewportHeight` in pixels.
    void pan(glm::vec2 pixels, float viewportHeight);
    // Moves towards (steps > 0) or away from the target, by a fixed ratio per notch.
    void zoom(float steps);

    // Stands at `viewpoint` looking the same way, orbiting a point `distance` ahead.
    void lookFrom(const gfx::Viewpoint& viewpoint, float distance);
    // Frames `bounds` (a part of the model) from the current direction.
    void frame(const scene::Aabb& bounds, float aspect);

    gfx::Viewpoint viewpoint() const;
    glm::mat4 viewMatrix() const { return viewpoint().viewMatrix(); }
    glm::vec3 target() const { return m_target; }
    float distance() const { return m_distance; }

private:
    scene::Aabb m_bounds;
    float m_fov;
    float m_radius = 1.0f;  // of the bounds: scales zoom limits
    glm::vec3 m_target{0.0f};
    float m_distance = 1.0f;
    float m_yaw = 0.0f;    // as gfx::Viewpoint: 0 looks down -Z, positive turns left
    float m_pitch = 0.0f;  // positive looks up
};

}  // namespace oh::viewer
