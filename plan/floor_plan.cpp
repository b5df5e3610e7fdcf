#include "plan/floor_plan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace oh::plan {
namespace {

constexpr float kStoreyGap = 1.0f;          // floors further apart than this are different storeys
constexpr float kDefaultCeiling = 2.6f;     // above the floor, when no ceiling is found over the rooms
constexpr float kFloorTolerance = 0.03f;    // a surface this close to the floor's height is the floor
constexpr float kFloorNormalY = 0.9f;       // flatter than ~25°
constexpr float kStructureReach = 0.85f;    // of the storey's height: a solid this tall is a wall
constexpr float kBarrierBelowCeiling = 0.25f;  // second cut, over door heads, that closes rooms for areas
constexpr float kMaxWallThickness = 0.8f;  // metres; a thicker solid is outlined, not filled
constexpr float kMargin = 0.3f;             // metres shown around the rooms' floors
constexpr uint32_t kMaxCells = 4096;        // per side of the height map
constexpr double kQuantum = 1e4;            // section points are joined at 0.1 mm

using Segment = std::pair<glm::vec2, glm::vec2>;

glm::vec2 planPoint(const glm::vec3& p) { return {p.x, p.z}; }

// The point where edge p-q crosses height y, computed the same way whichever
// triangle the edge belongs to (endpoints in a fixed order), so neighbouring
// triangles' section segments meet exactly.
glm::vec2 crossing(glm::vec3 p, glm::vec3 q, float y) {
    if (std::tie(q.x, q.y, q.z) < std::tie(p.x, p.y, p.z)) std::swap(p, q);
    const float t = (y - p.y) / (q.y - p.y);
    return planPoint(p + (q - p) * t);
}

// The segment where the triangle crosses height y, if it does. A vertex
// exactly at y counts as above, so a shared edge is cut once.
std::optional<Segment> cutTriangle(const nav::CollisionWorld::Triangle& t, float y) {
    const glm::vec3 v[3] = {t.a, t.b, t.c};
    const bool above[3] = {t.a.y >= y, t.b.y >= y, t.c.y >= y};
    if (above[0] == above[1] && above[1] == above[2]) return std::nullopt;
    glm::vec2 points[2];
    int found = 0;
    for (int i = 0; i < 3 && found < 2; ++i) {
        const int j = (i + 1) % 3;
        if (above[i] != above[j]) points[found++] = crossing(v[i], v[j], y);
    }
    if (found < 2 || points[0] == points[1]) return std::nullopt;
    return Segment{points[0], points[1]};
}

uint64_t pointKey(glm::vec2 p) {
    const auto x = int64_t(std::llround(double(p.x) * kQuantum));
    const auto y = int64_t(std::llround(double(p.y) * kQuantum));
    return (uint64_t(x) * 0x9E3779B97F4A7C15ull) ^ uint64_t(y);
}

// Joins segments end to end into outlines: loops where they close, open
// lines where the mesh has holes (a scan).
std::vector<Outline> joinSegments(const std::vector<Segment>& segments) {
    std::unordered_multimap<uint64_t, uint32_t> atPoint;
    for (uint32_t i = 0; i < segments.size(); ++i) {
        atPoint.emplace(pointKey(segments[i].first), i);
        atPoint.emplace(pointKey(segments[i].second), i);
    }
    std::vector<bool> used(segments.size(), false);
    auto nextFrom = [&](glm::vec2 end) -> std::optional<glm::vec2> {
        auto [begin, last] = atPoint.equal_range(pointKey(end));
        for (auto it = begin; it != last; ++it) {
            if (used[it->second]) continue;
            used[it->second] = true;
            const Segment& s = segments[it->second];
            return pointKey(s.first) == pointKey(end) ? s.second : s.first;
        }
        return std::nullopt;
    };
    std::vector<Outline> outlines;
    for (uint32_t i = 0; i < segments.size(); ++i) {
        if (used[i]) continue;
        used[i] = true;
        Outline outline;
        outline.points = {segments[i].first, segments[i].second};
        const uint64_t startKey = pointKey(outline.points.front());
        while (auto next = nextFrom(outline.points.back())) {
            if (pointKey(*next) == startKey) {
                outline.closed = true;
                break;
            }
            outline.points.push_back(*next);
        }
        if (!outline.closed) {
            std::vector<glm::vec2> before;
            while (auto previous = nextFrom(before.empty() ? outline.points.front() : before.back()))
                before.push_back(*previous);
            outline.points.insert(outline.points.begin(), before.rbegin(), before.rend());
        }
        outlines.push_back(std::move(outline));
    }
    return outlines;
}

glm::vec3 triangleNormal(const nav::CollisionWorld::Triangle& t) {
    const glm::vec3 n = glm::cross(t.b - t.a, t.c - t.a);
    const float length = glm::length(n);
    return length > 0.0f ? n / length : glm::vec3(0.0f);
}

float projectedArea(const nav::CollisionWorld::Triangle& t) {
    const glm::vec2 a = planPoint(t.a), b = planPoint(t.b), c = planPoint(t.c);
    return 0.5f * std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
}

bool isFloorTriangle(const nav::CollisionWorld::Triangle& t, float floorY) {
    return std::abs(t.a.y - floorY) < kFloorTolerance && std::abs(t.b.y - floorY) < kFloorTolerance &&
           std::abs(t.c.y - floorY) < kFloorTolerance && std::abs(triangleNormal(t).y) > kFloorNormalY;
}

uint32_t nodeOfTriangle(const nav::CollisionWorld& world, size_t triangle) {
    return world.nodeOfInstance[world.instanceOf[triangle]];
}

// A grid over the storey's plan, for the height map and the rooms' areas.
struct Grid {
    glm::vec2 origin{0.0f};
    float cell = 0.01f;
    uint32_t width = 0, height = 0;

    size_t index(uint32_t x, uint32_t y) const { return size_t(y) * width + x; }
    glm::vec2 centre(uint32_t x, uint32_t y) const { return origin + (glm::vec2(x, y) + 0.5f) * cell; }
    std::optional<std::pair<uint32_t, uint32_t>> cellAt(glm::vec2 p) const {
        const glm::vec2 c = glm::floor((p - origin) / cell);
        if (c.x < 0 || c.y < 0 || c.x >= float(width) || c.y >= float(height)) return std::nullopt;
        return std::pair{uint32_t(c.x), uint32_t(c.y)};
    }

    // Calls visit(x, y, barycentric) for every cell whose centre lies in the triangle.
    template <typename Visit>
    void rasterise(glm::vec2 a, glm::vec2 b, glm::vec2 c, Visit&& visit) const {
        const float area = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
        if (std::abs(area) < 1e-12f) return;
        const glm::vec2 lo = (glm::min(a, glm::min(b, c)) - origin) / cell - 0.5f;
        const glm::vec2 hi = (glm::max(a, glm::max(b, c)) - origin) / cell - 0.5f;
        const int x0 = std::max(0, int(std::ceil(lo.x))), y0 = std::max(0, int(std::ceil(lo.y)));
        const int x1 = std::min(int(width) - 1, int(std::floor(hi.x)));
        const int y1 = std::min(int(height) - 1, int(std::floor(hi.y)));
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                const glm::vec2 p = centre(uint32_t(x), uint32_t(y));
                const float w0 = ((b.x - p.x) * (c.y - p.y) - (c.x - p.x) * (b.y - p.y)) / area;
                const float w1 = ((c.x - p.x) * (a.y - p.y) - (a.x - p.x) * (c.y - p.y)) / area;
                const float w2 = 1.0f - w0 - w1;
                if (w0 < 0.0f || w1 < 0.0f || w2 < 0.0f) continue;
                visit(uint32_t(x), uint32_t(y), glm::vec3(w0, w1, w2));
            }
        }
    }

    // Marks the cells a segment passes through.
    void line(glm::vec2 a, glm::vec2 b, std::vector<uint8_t>& cells) const {
        const int steps = std::max(1, int(std::ceil(glm::distance(a, b) / (cell * 0.5f))));
        for (int i = 0; i <= steps; ++i)
            if (auto c = cellAt(glm::mix(a, b, float(i) / float(steps)))) cells[index(c->first, c->second)] = 1;
    }
};

struct StoreyInput {
    float floorY = 0.0f;
    std::vector<const RoomSeed*> seeds;
};

std::vector<StoreyInput> groupIntoStoreys(std::span<const RoomSeed> rooms) {
    std::vector<const RoomSeed*> sorted;
    for (const RoomSeed& room : rooms) sorted.push_back(&room);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RoomSeed* a, const RoomSeed* b) { return a->floorPoint.y < b->floorPoint.y; });
    std::vector<StoreyInput> storeys;
    for (const RoomSeed* seed : sorted) {
        if (storeys.empty() || seed->floorPoint.y - storeys.back().seeds.back()->floorPoint.y > kStoreyGap)
            storeys.emplace_back();
        storeys.back().seeds.push_back(seed);
    }
    for (StoreyInput& storey : storeys) storey.floorY = storey.seeds[storey.seeds.size() / 2]->floorPoint.y;
    return storeys;
}

float findCeiling(const nav::CollisionWorld& world, const StoreyInput& storey) {
    std::vector<float> heights;
    for (const RoomSeed* seed : storey.seeds) {
        nav::RayQuery up{.origin = seed->floorPoint + glm::vec3(0.0f, 0.1f, 0.0f),
                         .direction = {0.0f, 1.0f, 0.0f},
                         .maxDistance = 6.0f};
        if (auto hit = nav::raycast(world, up)) heights.push_back(hit->point.y);
    }
    if (heights.empty()) return storey.floorY + kDefaultCeiling;
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    return heights[heights.size() / 2];
}

// A floor node's floor at the storey's height: its area seen from above,
// where its middle is, and its extent.
struct NodeFloor {
    double area = 0.0;
    glm::dvec2 weighted{0.0};  // centroid × area
    glm::vec2 min{std::numeric_limits<float>::max()}, max{-std::numeric_limits<float>::max()};
    glm::vec2 centroid() const { return glm::vec2(weighted / area); }
};

bool contains(const nav::CollisionWorld::Triangle& t, glm::vec2 p) {
    const glm::vec2 a = planPoint(t.a), b = planPoint(t.b), c = planPoint(t.c);
    const float d0 = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    const float d1 = (c.x - b.x) * (p.y - b.y) - (c.y - b.y) * (p.x - b.x);
    const float d2 = (a.x - c.x) * (p.y - c.y) - (a.y - c.y) * (p.x - c.x);
    return (d0 >= 0 && d1 >= 0 && d2 >= 0) || (d0 <= 0 && d1 <= 0 && d2 <= 0);
}

class StoreyBuilder {
public:
    StoreyBuilder(const nav::CollisionWorld& world, const StoreyInput& input, const PlanOptions& options)
        : m_world(world), m_input(input), m_options(options) {}

    Result<Storey> build() {
        m_storey.floorY = m_input.floorY;
        m_storey.ceilingY = findCeiling(m_world, m_input);
        findRoomFloors();
        findBounds();
        cutSolids();
        if (m_storey.sections.empty())
            return makeError("nothing stands at " + std::to_string(m_options.cutHeight) +
                             " m above the floor at height " + std::to_string(m_storey.floorY) +
                             ": no walls to draw a plan of");
        mapBelow();
        placeRooms();
        return std::move(m_storey);
    }

private:
    // Each floor node's floor at this storey, and the one under each room:
    // of the floors at the room's point, the largest (a room's floor, not
    // the rug on it).
    void findRoomFloors() {
        for (size_t i = 0; i < m_world.triangles.size(); ++i) {
            const auto& t = m_world.triangles[i];
            if (!isFloorTriangle(t, m_storey.floorY)) continue;
            NodeFloor& floor = m_nodeFloors[nodeOfTriangle(m_world, i)];
            const double area = projectedArea(t);
            floor.area += area;
            floor.weighted += glm::dvec2((planPoint(t.a) + planPoint(t.b) + planPoint(t.c)) / 3.0f) * area;
            for (const glm::vec3& v : {t.a, t.b, t.c}) {
                floor.min = glm::min(floor.min, planPoint(v));
                floor.max = glm::max(floor.max, planPoint(v));
            }
        }
        for (const RoomSeed* seed : m_input.seeds) {
            std::optional<uint32_t> best;
            for (size_t i = 0; i < m_world.triangles.size(); ++i) {
                const auto& t = m_world.triangles[i];
                const uint32_t node = nodeOfTriangle(m_world, i);
                if (best && m_nodeFloors[node].area <= m_nodeFloors[*best].area) continue;
                if (isFloorTriangle(t, m_storey.floorY) && contains(t, planPoint(seed->floorPoint))) best = node;
            }
            m_roomFloors.push_back(best);
        }
    }

    // What the plan shows: the rooms' floors and a margin for the outer walls.
    void findBounds() {
        glm::vec2 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
        for (size_t i = 0; i < m_input.seeds.size(); ++i) {
            lo = glm::min(lo, planPoint(m_input.seeds[i]->floorPoint));
            hi = glm::max(hi, planPoint(m_input.seeds[i]->floorPoint));
            if (m_roomFloors[i]) {
                lo = glm::min(lo, m_nodeFloors[*m_roomFloors[i]].min);
                hi = glm::max(hi, m_nodeFloors[*m_roomFloors[i]].max);
            }
        }
        m_storey.min = lo - kMargin;
        m_storey.max = hi + kMargin;
        const glm::vec2 size = m_storey.max - m_storey.min;
        m_grid.cell = std::max(m_options.cellSize, std::max(size.x, size.y) / float(kMaxCells));
        m_grid.origin = m_storey.min;
        m_grid.width = std::max(1u, uint32_t(std::ceil(size.x / m_grid.cell)));
        m_grid.height = std::max(1u, uint32_t(std::ceil(size.y / m_grid.cell)));
    }

    bool inBounds(const nav::CollisionWorld::Triangle& t) const {
        const glm::vec2 lo = glm::min(planPoint(t.a), glm::min(planPoint(t.b), planPoint(t.c)));
        const glm::vec2 hi = glm::max(planPoint(t.a), glm::max(planPoint(t.b), planPoint(t.c)));
        return hi.x >= m_storey.min.x && hi.y >= m_storey.min.y && lo.x <= m_storey.max.x && lo.y <= m_storey.max.y;
    }

    void cutSolids() {
        const float cutY = m_storey.floorY + m_options.cutHeight;
        const float reach = m_storey.floorY + kStructureReach * (m_storey.ceilingY - m_storey.floorY);
        const size_t instances = m_world.nodeOfInstance.size();
        std::vector<float> lowest(instances, std::numeric_limits<float>::max());
        std::vector<float> highest(instances, -std::numeric_limits<float>::max());
        std::vector<std::vector<Segment>> cuts(instances);
        std::vector<std::vector<glm::vec2>> facing(instances);  // per cut segment: its face's outward direction
        for (size_t i = 0; i < m_world.triangles.size(); ++i) {
            const auto& t = m_world.triangles[i];
            if (!inBounds(t)) continue;
            const uint32_t instance = m_world.instanceOf[i];
            lowest[instance] = std::min({lowest[instance], t.a.y, t.b.y, t.c.y});
            highest[instance] = std::max({highest[instance], t.a.y, t.b.y, t.c.y});
            auto segment = cutTriangle(t, cutY);
            if (!segment) continue;
            if (m_world.seeThrough[i]) {
                m_storey.glass.push_back(*segment);
                continue;
            }
            cuts[instance].push_back(*segment);
            facing[instance].push_back(planPoint(triangleNormal(t)));
        }
        std::vector<WallFace> wallFaces;
        for (size_t instance = 0; instance < instances; ++instance) {
            if (cuts[instance].empty()) continue;
            Section section;
            section.structure = lowest[instance] <= m_storey.floorY + 0.15f && highest[instance] >= reach;
            if (section.structure)
                for (size_t s = 0; s < cuts[instance].size(); ++s) wallFaces.push_back({cuts[instance][s], facing[instance][s]});
            section.outlines = joinSegments(cuts[instance]);
            m_storey.sections.push_back(std::move(section));
        }
        fillWalls(wallFaces);
    }

    struct WallFace {
        Segment segment;
        glm::vec2 outward;
    };

    // Which cells lie inside a wall. Walls' meshes seldom close (a wall's
    // faces stop where another wall joins it), so instead of filling loops,
    // each row and each column is scanned: crossing a face from its front
    // enters a wall, crossing the next from behind leaves it, and a span no
    // wider than a wall can be is inside one. A row along a wall misses it;
    // the columns across it find it.
    void fillWalls(const std::vector<WallFace>& faces) {
        m_storey.below.walls.assign(size_t(m_grid.width) * m_grid.height, 0);
        struct Crossing {
            float at;
            bool enters;
        };
        std::vector<Crossing> crossings;
        for (int axis = 0; axis < 2; ++axis) {
            const uint32_t lines = axis == 0 ? m_grid.height : m_grid.width;
            for (uint32_t line = 0; line < lines; ++line) {
                const float across = m_grid.origin[1 - axis] + (float(line) + 0.5f) * m_grid.cell;
                crossings.clear();
                for (const WallFace& face : faces) {
                    const glm::vec2 a = face.segment.first, b = face.segment.second;
                    if ((a[1 - axis] <= across) == (b[1 - axis] <= across)) continue;
                    if (std::abs(face.outward[axis]) < 0.05f) continue;
                    const float t = (across - a[1 - axis]) / (b[1 - axis] - a[1 - axis]);
                    crossings.push_back({a[axis] + (b[axis] - a[axis]) * t, face.outward[axis] < 0.0f});
                }
                std::sort(crossings.begin(), crossings.end(), [](const Crossing& l, const Crossing& r) { return l.at < r.at; });
                for (size_t i = 0; i + 1 < crossings.size(); ++i) {
                    if (!crossings[i].enters || crossings[i + 1].enters) continue;
                    if (crossings[i + 1].at - crossings[i].at > kMaxWallThickness) continue;
                    const float from = (crossings[i].at - m_grid.origin[axis]) / m_grid.cell - 0.5f;
                    const float to = (crossings[i + 1].at - m_grid.origin[axis]) / m_grid.cell - 0.5f;
                    const uint32_t size = axis == 0 ? m_grid.width : m_grid.height;
                    for (int c = std::max(0, int(std::ceil(from))); c <= std::min(int(size) - 1, int(std::floor(to))); ++c)
                        m_storey.below.walls[axis == 0 ? m_grid.index(uint32_t(c), line) : m_grid.index(line, uint32_t(c))] = 1;
                }
            }
        }
    }

    void mapBelow() {
        const float cutY = m_storey.floorY + m_options.cutHeight;
        HeightMap& map = m_storey.below;
        map.origin = m_grid.origin;
        map.cellSize = m_grid.cell;
        map.width = m_grid.width;
        map.height = m_grid.height;
        map.heights.assign(size_t(map.width) * map.height, std::numeric_limits<float>::quiet_NaN());
        m_floor.assign(map.heights.size(), 0);
        for (size_t i = 0; i < m_world.triangles.size(); ++i) {
            const auto& t = m_world.triangles[i];
            const float low = std::min({t.a.y, t.b.y, t.c.y}), high = std::max({t.a.y, t.b.y, t.c.y});
            if (low < m_storey.floorY - kFloorTolerance || high > cutY || !inBounds(t)) continue;
            if (std::abs(triangleNormal(t).y) < 0.05f) continue;  // a wall's face: nothing seen from above
            const bool floor = isFloorTriangle(t, m_storey.floorY);
            const glm::vec3 heights(t.a.y, t.b.y, t.c.y);
            m_grid.rasterise(planPoint(t.a), planPoint(t.b), planPoint(t.c), [&](uint32_t x, uint32_t y, glm::vec3 w) {
                const size_t cell = m_grid.index(x, y);
                const float h = glm::dot(w, heights) - m_storey.floorY;
                if (!(map.heights[cell] >= h)) map.heights[cell] = h;
                if (floor) m_floor[cell] = 1;
            });
        }
    }

    // Rooms: named where the listing (or the floors) put them, with the
    // listing's area, else their own floor's, else the part of a shared
    // floor the walls close around them.
    void placeRooms() {
        for (size_t i = 0; i < m_input.seeds.size(); ++i) {
            const RoomSeed& seed = *m_input.seeds[i];
            const std::optional<uint32_t> floor = m_roomFloors[i];
            PlanRoom room{.name = seed.name, .labelAt = planPoint(seed.floorPoint)};
            const bool ownFloor = floor && std::count(m_roomFloors.begin(), m_roomFloors.end(), floor) == 1;
            if (ownFloor) {
                const NodeFloor& nodeFloor = m_nodeFloors[*floor];
                room.area = nodeFloor.area;
                if (onFloorOf(*floor, nodeFloor.centroid())) room.labelAt = nodeFloor.centroid();
            } else if (auto enclosed = enclosedFloor(planPoint(seed.floorPoint))) {
                room.area = enclosed->first;
                room.labelAt = enclosed->second;
            }
            if (seed.listedArea) {
                room.area = *seed.listedArea;
                room.areaListed = true;
            }
            m_storey.rooms.push_back(std::move(room));
        }
    }

    // Whether the plan point lies on the node's floor (an L-shaped room's
    // centroid may not).
    bool onFloorOf(uint32_t node, glm::vec2 p) const {
        for (size_t i = 0; i < m_world.triangles.size(); ++i)
            if (nodeOfTriangle(m_world, i) == node && isFloorTriangle(m_world.triangles[i], m_storey.floorY) &&
                contains(m_world.triangles[i], p))
                return true;
        return false;
    }

    // The floor the walls close around `start`: its area and a point inside
    // to label it. Doors are closed by a second cut just under the ceiling.
    std::optional<std::pair<double, glm::vec2>> enclosedFloor(glm::vec2 start) {
        if (m_barrier.empty()) {
            m_barrier.assign(m_floor.size(), 0);
            for (float y : {m_storey.floorY + m_options.cutHeight, m_storey.ceilingY - kBarrierBelowCeiling}) {
                for (size_t i = 0; i < m_world.triangles.size(); ++i) {
                    if (!inBounds(m_world.triangles[i])) continue;
                    if (auto s = cutTriangle(m_world.triangles[i], y)) m_grid.line(s->first, s->second, m_barrier);
                }
            }
        }
        auto first = m_grid.cellAt(start);
        if (!first || !m_floor[m_grid.index(first->first, first->second)]) return std::nullopt;
        std::vector<uint8_t> seen(m_floor.size(), 0);
        std::vector<std::pair<uint32_t, uint32_t>> stack{*first};
        seen[m_grid.index(first->first, first->second)] = 1;
        size_t count = 0;
        glm::dvec2 sum(0.0);
        std::vector<std::pair<uint32_t, uint32_t>> region;
        while (!stack.empty()) {
            auto [x, y] = stack.back();
            stack.pop_back();
            ++count;
            sum += glm::dvec2(m_grid.centre(x, y));
            region.emplace_back(x, y);
            auto visit = [&](uint32_t nx, uint32_t ny) {
                const size_t c = m_grid.index(nx, ny);
                if (seen[c] || !m_floor[c] || m_barrier[c]) return;
                seen[c] = 1;
                stack.emplace_back(nx, ny);
            };
            if (x > 0) visit(x - 1, y);
            if (y > 0) visit(x, y - 1);
            if (x + 1 < m_grid.width) visit(x + 1, y);
            if (y + 1 < m_grid.height) visit(x, y + 1);
        }
        glm::vec2 label = glm::vec2(sum / double(count));
        auto labelCell = m_grid.cellAt(label);
        if (!labelCell || !seen[m_grid.index(labelCell->first, labelCell->second)]) label = start;
        return std::pair{double(count) * double(m_grid.cell) * double(m_grid.cell), label};
    }

    const nav::CollisionWorld& m_world;
    const StoreyInput& m_input;
    const PlanOptions& m_options;
    Storey m_storey;
    Grid m_grid;
    std::unordered_map<uint32_t, NodeFloor> m_nodeFloors;  // by scene node
    std::vector<std::optional<uint32_t>> m_roomFloors;     // per seed: the node of its floor
    std::vector<uint8_t> m_floor;    // per cell: the storey's floor is there
    std::vector<uint8_t> m_barrier;  // per cell: a wall's face or a pane crosses it
};

}  // namespace

std::vector<RoomSeed> roomSeeds(const rooms::TourRooms& tourRooms, std::span<const std::optional<double>> listedAreas) {
    std::vector<RoomSeed> seeds;
    for (size_t i = 0; i < tourRooms.rooms().size(); ++i) {
        const rooms::TourRoom& room = tourRooms.rooms()[i];
        seeds.push_back({.name = room.name,
                         .floorPoint = room.floorPoint,
                         .listedArea = i < listedAreas.size() ? listedAreas[i] : std::nullopt});
    }
    return seeds;
}

Result<FloorPlan> makeFloorPlan(const nav::CollisionWorld& world, std::span<const RoomSeed> rooms,
                                const PlanOptions& options) {
    if (rooms.empty()) return makeError("no floor to stand on, so no rooms to draw a plan of");
    FloorPlan plan;
    for (const StoreyInput& input : groupIntoStoreys(rooms)) {
        auto storey = StoreyBuilder(world, input, options).build();
        if (!storey) return storey.error();
        plan.storeys.push_back(std::move(*storey));
    }
    return plan;
}

}  // namespace oh::plan
