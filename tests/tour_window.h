// What the window tests read back from a scripted `openhouse` run of a tour
// (--print-pose's lines) and the input scripts they build from it; shared by
// the window suites (test_desktop_tour.cpp, test_listing_window.cpp).
#pragma once

#include <cstdint>
#include <string>

#include <glm/glm.hpp>

#include "core/image.h"

namespace oh::test {

struct Pose {
    std::string mode;
    glm::vec3 eye{0.0f};
    float yaw = 0.0f, pitch = 0.0f;
};

// The line --print-pose writes: "walk X Y Z yaw DEG pitch DEG".
Pose parsePose(const std::string& output);

// The line --print-pose writes after the pose: "room Kitchen" ("room -": in none).
std::string printedRoom(const std::string& output);

// The third line --print-pose writes: "picture panorama 2", "picture photo 0" or "picture -".
std::string printedPicture(const std::string& output);

// Degrees between two yaws, the short way round.
float yawDifference(float a, float b);

// The drag (pixels, as walk mode and the panorama look take it: 0.004 rad a
// pixel, right turns left) that turns a view at `from` to look straight at `target`.
std::string dragToward(const Pose& from, const glm::vec3& target);

// `openhouse render` options for the same eye and direction as `pose`.
std::string viewpointOptions(const Pose& pose);

RgbaImage crop(const RgbaImage& image, uint32_t x0, uint32_t y0, uint32_t width, uint32_t height);

}  // namespace oh::test
