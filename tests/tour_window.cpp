#include "tour_window.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <glm/gtc/constants.hpp>

namespace oh::test {

Pose parsePose(const std::string& output) {
    std::istringstream line(output);
    Pose pose;
    std::string yawWord, pitchWord;
    REQUIRE_MESSAGE(bool(line >> pose.mode >> pose.eye.x >> pose.eye.y >> pose.eye.z >> yawWord >> pose.yaw >>
                         pitchWord >> pose.pitch),
                    "no pose printed: " << output);
    return pose;
}

std::string printedRoom(const std::string& output) {
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("room ", 0) == 0) return line.substr(5);
    FAIL("no room printed: " << output);
    return {};
}

std::string printedPicture(const std::string& output) {
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("picture ", 0) == 0) return line.substr(8);
    FAIL("no picture printed: " << output);
    return {};
}

float yawDifference(float a, float b) { return std::abs(std::remainder(a - b, 360.0f)); }

std::string dragToward(const Pose& from, const glm::vec3& target) {
    glm::vec3 to = target - from.eye;
    float yaw = std::atan2(-to.x, -to.z);
    float pitch = std::atan2(to.y, glm::length(glm::vec2(to.x, to.z)));
    float turn = std::remainder(yaw - glm::radians(from.yaw), 2.0f * glm::pi<float>());
    char drag[64];
    std::snprintf(drag, sizeof drag, "drag 1 %.1f %.1f", turn / 0.004f, (pitch - glm::radians(from.pitch)) / 0.004f);
    return drag;
}

std::string viewpointOptions(const Pose& pose) {
    char options[160];
    std::snprintf(options, sizeof options, " --eye %.4f,%.4f,%.4f --yaw %.3f --pitch %.3f", pose.eye.x, pose.eye.y,
                  pose.eye.z, pose.yaw, pose.pitch);
    return options;
}

RgbaImage crop(const RgbaImage& image, uint32_t x0, uint32_t y0, uint32_t width, uint32_t height) {
    RgbaImage out{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
    for (uint32_t y = 0; y < height; ++y)
        std::copy_n(&image.pixels[((size_t(y0) + y) * image.width + x0) * 4], size_t(width) * 4,
                    &out.pixels[size_t(y) * width * 4]);
    return out;
}

}  // namespace oh::test
