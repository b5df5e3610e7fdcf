#include "tools/scene_generator/polygon.h"

#include <cmath>

namespace oh::scenegen {

namespace {

float cross(glm::vec2 a, glm::vec2 b) { return a.x * b.y - a.y * b.x; }

bool segmentsCross(glm::vec2 a, glm::vec2 b, glm::vec2 c, glm::vec2 d) {
    float d1 = cross(b - a, c - a), d2 = cross(b - a, d - a);
    float d3 = cross(d - c, a - c), d4 = cross(d - c, b - c);
    return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0;
}

bool insideTriangle(glm::vec2 p, glm::vec2 a, glm::vec2 b, glm::vec2 c) {
    return cross(b - a, p - a) > 0 && cross(c - b, p - b) > 0 && cross(a - c, p - c) > 0;
}

}  // namespace

// Shoelace; the sign convention follows from x right, z down the page.
float signedArea(const std::vector<glm::vec2>& polygon) {
    float area = 0.0f;
    for (size_t i = 0; i < polygon.size(); ++i) area += cross(polygon[i], polygon[(i + 1) % polygon.size()]);
    return -0.5f * area;
}

std::string polygonProblem(const std::vector<glm::vec2>& polygon) {
    size_t n = polygon.size();
    for (size_t i = 0; i < n; ++i)
        if (glm::distance(polygon[i], polygon[(i + 1) % n]) < 0.05f)
            return "corners " + std::to_string(i) + " and " + std::to_string((i + 1) % n) + " are closer than 5 cm";
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue;  // neighbours share a corner
            if (segmentsCross(polygon[i], polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n]))
                return "edges " + std::to_string(i) + " and " + std::to_string(j) + " cross";
        }
    if (std::abs(signedArea(polygon)) < 0.25f) return "encloses less than 0.25 m²";
    return {};
}

bool pointInPolygon(const std::vector<glm::vec2>& polygon, glm::vec2 point) {
    bool inside = false;
    for (size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        glm::vec2 a = polygon[i], b = polygon[j];
        if ((a.y > point.y) != (b.y > point.y) && point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

std::vector<uint32_t> triangulate(const std::vector<glm::vec2>& polygon) {
    // In (x, -z), counter-clockwise seen from +Y is the usual maths
    // orientation: convex corners and triangle interiors have positive crosses.
    std::vector<glm::vec2> p;
    for (glm::vec2 v : polygon) p.push_back({v.x, -v.y});
    std::vector<uint32_t> remaining;
    for (uint32_t i = 0; i < p.size(); ++i) remaining.push_back(i);
    std::vector<uint32_t> triangles;
    size_t guard = 0;
    while (remaining.size() > 3 && guard++ < 10000) {
        bool clipped = false;
        for (size_t k = 0; k < remaining.size(); ++k) {
            uint32_t a = remaining[(k + remaining.size() - 1) % remaining.size()], b = remaining[k],
                     c = remaining[(k + 1) % remaining.size()];
            if (cross(p[b] - p[a], p[c] - p[b]) <= 1e-9f) continue;  // reflex or flat corner
            bool empty = true;
            for (uint32_t other : remaining)
                if (other != a && other != b && other != c && insideTriangle(p[other], p[a], p[b], p[c])) empty = false;
            if (!empty) continue;
            triangles.insert(triangles.end(), {a, b, c});
            remaining.erase(remaining.begin() + long(k));
            clipped = true;
            break;
        }
        if (!clipped) break;  // only flat corners left: drop them
    }
    if (remaining.size() == 3) triangles.insert(triangles.end(), {remaining[0], remaining[1], remaining[2]});
    return triangles;
}

}  // namespace oh::scenegen
