// View and projection helpers for Vulkan clip space (y down, depth 0..1), and
// framing a model when the file has no camera.
#pragma once

#include <utility>

#include <glm/glm.hpp>

#include "scene/scene.h"

namespace oh::gfx {

// A viewpoint: where the eye is and where it looks (yaw about +Y, pitch up).
struct Viewpoint {
    glm::vec3 eye{0.0f};
    float yawRadians = 0.0f;    // 0 looks down -Z, positive turns left (counter-clockwise seen from above)
    float pitchRadians = 0.0f;  // positive looks up
    glm::mat4 viewMatrix() const;
    glm::vec3 forward() const;
};

// The world-space direction (not normalised) from `viewpoint`'s eye through
// `pixel` (top-left origin, pixel centres at +0.5) of a `viewport`-sized
// perspective view with the given vertical field of view.
glm::vec3 pixelRay(const Viewpoint& viewpoint, glm::vec2 pixel, glm::vec2 viewport, float verticalFovRadians);

// Right-handed perspective for Vulkan clip space.
glm::mat4 perspective(float verticalFovRadians, float aspect, float zNear, float zFar);
// Asymmetric perspective from OpenXR-style half-angles (left/down negative).
glm::mat4 perspectiveFromAngles(float angleLeft, float angleRight, float angleUp, float angleDown, float zNear,
                                float zFar);
glm::mat4 orthographic(float xmag, float ymag, float zNear, float zFar);

// A viewpoint that shows all of `bounds` with the given vertical field of view
// and aspect: from the front-right, looking down at the centre by
// `pitchRadians` (a little above by default; steeper for a dollhouse view).
constexpr float kDefaultFramingPitch = -0.34906585f;  // -20 degrees
Viewpoint frameBounds(const scene::Aabb& bounds, float verticalFovRadians, float aspect,
                      float pitchRadians = kDefaultFramingPitch);

// Near/far planes that enclose `bounds` seen from `eye`.
glm::vec2 depthRangeFor(const scene::Aabb& bounds, const glm::vec3& eye);

// World -> eye for a glTF camera (its node's scale removed).
glm::mat4 cameraViewMatrix(const scene::Camera& camera);
// The glTF camera's projection for a target of `aspect` (width / height). The
// target's aspect wins over the file's so nothing is stretched; an infinite
// zfar becomes the far side of `bounds`.
glm::mat4 cameraProjection(const scene::Camera& camera, float aspect, const scene::Aabb& bounds);

// Two eyes `ipd` metres apart around `head` (a head-pose view matrix), each
// looking parallel: returns world -> eye for the left and right eye.
std::pair<glm::mat4, glm::mat4> stereoEyeViews(const glm::mat4& headView, float ipd);

}  // namespace oh::gfx
