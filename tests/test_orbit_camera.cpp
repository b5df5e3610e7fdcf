// The desktop orbit camera: plain maths, no window or GPU.
#include <doctest/doctest.h>

#include <cmath>

#include <glm/gtc/matrix_access.hpp>

#include "renderer/camera.h"
#include "viewer/desktop/orbit_camera.h"
#include "viewer/tour/default_view.h"

namespace oh::viewer {
namespace {

scene::Aabb roomBounds() {
    scene::Aabb bounds;
    bounds.extend(glm::vec3(-3.0f, 0.0f, -4.0f));
    bounds.extend(glm::vec3(5.0f, 2.7f, 2.0f));
    return bounds;
}

bool near(const glm::mat4& a, const glm::mat4& b, float tolerance = 1e-4f) {
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            if (std::abs(a[c][r] - b[c][r]) > tolerance) return false;
    return true;
}

bool near(const glm::vec3& a, const glm::vec3& b, float tolerance = 1e-4f) { return glm::length(a - b) <= tolerance; }

// Where `point` lands on a `height`-pixel-high viewport (pixels from the centre, +y down).
glm::vec2 screenPosition(const OrbitCamera& camera, glm::vec3 point, float aspect, float height) {
    glm::mat4 projection = gfx::perspective(kDefaultFovRadians, aspect, 0.1f, 100.0f);
    glm::vec4 clip = projection * camera.viewMatrix() * glm::vec4(point, 1.0f);
    glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return ndc * glm::vec2(height * aspect * 0.5f, height * 0.5f);
}

}  // namespace

TEST_CASE("an orbit camera starts at the default view of openhouse render") {
    float aspect = 1280.0f / 800.0f;
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, aspect);
    gfx::Viewpoint expected = gfx::frameBounds(roomBounds(), kDefaultFovRadians, aspect);
    CHECK(near(camera.viewMatrix(), expected.viewMatrix()));
    CHECK(near(camera.target(), roomBounds().center()));
}

TEST_CASE("rotating keeps the target in the middle of the view at the same distance") {
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, 1.6f);
    float distance = camera.distance();
    glm::vec3 eyeBefore = camera.viewpoint().eye;
    camera.rotate({200.0f, -50.0f});
    CHECK(camera.distance() == doctest::Approx(distance));
    CHECK_FALSE(near(camera.viewpoint().eye, eyeBefore, 1e-2f));
    glm::vec4 targetInEye = camera.viewMatrix() * glm::vec4(camera.target(), 1.0f);
    CHECK(near(glm::vec3(targetInEye), glm::vec3(0.0f, 0.0f, -distance), 1e-3f));
}

TEST_CASE("dragging right swings the camera to its left around the model") {
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, 1.6f);
    gfx::Viewpoint before = camera.viewpoint();
    glm::vec3 right = glm::normalize(glm::cross(before.forward(), glm::vec3(0.0f, 1.0f, 0.0f)));
    camera.rotate({40.0f, 0.0f});
    CHECK(glm::dot(camera.viewpoint().eye - before.eye, right) < 0.0f);
}

TEST_CASE("pitch stops short of looking straight down or up") {
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, 1.6f);
    camera.rotate({0.0f, 100000.0f});
    CHECK(camera.viewpoint().pitchRadians > -1.5708f);
    CHECK(std::isfinite(camera.viewMatrix()[0][0]));
    camera.rotate({0.0f, -200000.0f});
    CHECK(camera.viewpoint().pitchRadians < 1.5708f);
    CHECK(std::isfinite(camera.viewMatrix()[0][0]));
}

TEST_CASE("panning moves the point under the cursor by as many pixels as the cursor moved") {
    float aspect = 1.6f, height = 800.0f;
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, aspect);
    glm::vec3 anchor = camera.target();  // at the target's depth, where panning is exact
    glm::vec2 before = screenPosition(camera, anchor, aspect, height);
    camera.pan({30.0f, -20.0f}, height);
    glm::vec2 after = screenPosition(camera, anchor, aspect, height);
    CHECK(after.x - before.x == doctest::Approx(30.0f).epsilon(0.01));
    CHECK(after.y - before.y == doctest::Approx(-20.0f).epsilon(0.01));
}

TEST_CASE("scrolling zooms towards the target within limits") {
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, 1.6f);
    float start = camera.distance();
    camera.zoom(2.0f);
    CHECK(camera.distance() < start);
    camera.zoom(-4.0f);
    CHECK(camera.distance() > start);
    camera.zoom(1000.0f);
    CHECK(camera.distance() > 0.0f);
    float closest = camera.distance();
    camera.zoom(1.0f);
    CHECK(camera.distance() == doctest::Approx(closest));
}

TEST_CASE("frame all returns to the starting view after any navigation") {
    OrbitCamera camera(roomBounds(), kDefaultFovRadians, 1.6f);
    glm::mat4 start = camera.viewMatrix();
    camera.rotate({123.0f, 45.0f});
    camera.pan({-80.0f, 10.0f}, 800.0f);
    camera.zoom(3.0f);
    camera.frameAll(1.6f);
    CHECK(near(camera.viewMatrix(), start));
}

TEST_CASE("a model with no geometry gets a usable camera") {
    OrbitCamera camera(scene::Aabb{}, kDefaultFovRadians, 1.0f);
    camera.rotate({10.0f, 10.0f});
    camera.zoom(1.0f);
    camera.pan({5.0f, 5.0f}, 600.0f);
    glm::mat4 view = camera.viewMatrix();
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) CHECK(std::isfinite(view[c][r]));
}

}  // namespace oh::viewer
