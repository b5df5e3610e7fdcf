// 2D polygon helpers for room outlines (plan coordinates, metres).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace oh::scenegen {

// Positive when the corners run counter-clockwise in the (x, z) plane with
// x to the right and z down the page, i.e. counter-clockwise seen from +Y.
float signedArea(const std::vector<glm::vec2>& polygon);

// Empty when `polygon` is a simple polygon with some area; else what is wrong
// ("edges 1 and 3 cross"), for the plan reader's message.
std::string polygonProblem(const std::vector<glm::vec2>& polygon);

bool pointInPolygon(const std::vector<glm::vec2>& polygon, glm::vec2 point);

// Ear clipping. `polygon` must be simple and counter-clockwise (signedArea > 0);
// returns index triples with the same winding.
std::vector<uint32_t> triangulate(const std::vector<glm::vec2>& polygon);

}  // namespace oh::scenegen
