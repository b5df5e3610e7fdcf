// Start-spot search; see start_spot.h for the rules it applies.
#include "navigation/start_spot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace oh::nav {
namespace {

constexpr int kMaxSurfacesPerColumn = 256;  // a guard, not a limit on storeys
constexpr float kPi = 3.14159265358979f;

struct Sample {
    uint32_t column = 0;
    WalkerState walker;
};

uint32_t findRoot(std::vector<uint32_t>& parent, uint32_t i) {
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

glm::vec3 direction(int index, int count) {
    const float angle = 2.0f * kPi * float(index) / float(count);
    return glm::vec3(std::cos(angle), 0.0f, std::sin(angle));
}

// How far the eye sees horizontally in `direction` (misses count as `range`).
float sightDistance(const CollisionWorld& world, const glm::vec3& from, const glm::vec3& dir, float range) {
    const auto hit = raycast(world, RayQuery{from, dir, range});
    return hit ? hit->distance : range;
}

// Columns of floor samples over the world's bounds; column = z * nx + x.
struct Grid {
    float cell = 0.0f;
    int nx = 1, nz = 1;
};

// What every step of the search reads.
struct Search {
    const CollisionWorld& world;
    const WalkerParams& params;
    const StartSpotOptions& options;
    Grid grid;
};

Grid gridOver(const scene::Aabb& bounds, const StartSpotOptions& options) {
    const glm::vec3 size = bounds.size();
    Grid grid;
    grid.cell = std::max({options.cellSize, size.x / float(options.maxCellsPerAxis),
                          size.z / float(options.maxCellsPerAxis)});
    grid.nx = std::max(1, int(std::ceil(size.x / grid.cell)));
    grid.nz = std::max(1, int(std::ceil(size.z / grid.cell)));
    return grid;
}

struct FloorSamples {
    std::vector<Sample> samples;        // column by column
    std::vector<uint32_t> columnFirst;  // column c's samples: [columnFirst[c], columnFirst[c + 1])
};

// Every standable, indoor floor height in every grid column.
Result<FloorSamples> sampleIndoorFloors(const Search& search) {
    const CollisionWorld& world = search.world;
    const WalkerParams& params = search.params;
    const scene::Aabb& bounds = world.bounds;
    const float cell = search.grid.cell;
    const int nx = search.grid.nx, nz = search.grid.nz;
    FloorSamples floors;
    std::vector<Sample>& samples = floors.samples;
    floors.columnFirst.assign(size_t(nx) * nz + 1, 0);
    size_t standable = 0;
    const float top = bounds.max.y + 0.1f;
    for (int z = 0; z < nz; ++z)
        for (int x = 0; x < nx; ++x) {
            const uint32_t column = uint32_t(z) * nx + x;
            floors.columnFirst[column] = uint32_t(samples.size());
            glm::vec3 origin(bounds.min.x + (x + 0.5f) * cell, top, bounds.min.z + (z + 0.5f) * cell);
            for (int surface = 0; surface < kMaxSurfacesPerColumn; ++surface) {
                const auto hit =
                    raycast(world, RayQuery{origin, glm::vec3(0.0f, -1.0f, 0.0f), origin.y - bounds.min.y + 0.1f});
                if (!hit) break;
                origin.y = hit->point.y - 0.01f;
                if (!walkable(hit->normal, params.maxSlopeDegrees)) continue;
                const auto walker = standOn(world, params, hit->point + glm::vec3(0.0f, 0.01f, 0.0f), 0.1f);
                if (!walker) continue;
                ++standable;
                if (standsIndoors(world, params, walker->feet, search.options)) samples.push_back({column, *walker});
            }
        }
    floors.columnFirst.back() = uint32_t(samples.size());
    if (samples.empty()) {
        if (standable == 0)
            return makeError("start spot: no floor to stand on (no upward surface with room for a " +
                             std::to_string(params.height) + " m walker)");
        return makeError("start spot: " + std::to_string(standable) +
                         " places to stand, but none indoors (no ceiling above and no walls around): "
                         "this looks like an object, not an interior");
    }
    return floors;
}

// The samples joined into connected floors: a union-find forest, and each
// sample's links to the neighbours it joined.
struct FloorGraph {
    std::vector<uint32_t> parent;
    std::vector<std::array<uint32_t, 4>> links;
    std::vector<uint8_t> linkCount;
};

// Neighbouring columns join when their floors are within a step.
FloorGraph joinFloors(const FloorSamples& floors, const Grid& grid, float stepHeight) {
    const std::vector<Sample>& samples = floors.samples;
    const int nx = grid.nx, nz = grid.nz;
    FloorGraph graph;
    graph.parent.resize(samples.size());
    std::iota(graph.parent.begin(), graph.parent.end(), 0u);
    graph.links.resize(samples.size());
    graph.linkCount.assign(samples.size(), 0);
    for (uint32_t i = 0; i < samples.size(); ++i) {
        const int x = int(samples[i].column % nx), z = int(samples[i].column / nx);
        const int neighbours[4][2] = {{x + 1, z}, {x - 1, z}, {x, z + 1}, {x, z - 1}};
        for (const auto& n : neighbours) {
            if (n[0] < 0 || n[0] >= nx || n[1] < 0 || n[1] >= nz) continue;
            const uint32_t column = uint32_t(n[1]) * nx + n[0];
            for (uint32_t j = floors.columnFirst[column]; j < floors.columnFirst[column + 1]; ++j) {
                if (std::abs(samples[j].walker.feet.y - samples[i].walker.feet.y) > stepHeight) continue;
                graph.links[i][graph.linkCount[i]++] = j;
                graph.parent[findRoot(graph.parent, i)] = findRoot(graph.parent, j);
                break;
            }
        }
    }
    return graph;
}

// The main floor (its root): the largest connected one; among floors of
// roughly that size (the storeys of a block, whose furnishing varies), the
// lowest, where a visit would begin.
uint32_t findMainFloor(FloorGraph& graph, const std::vector<Sample>& samples) {
    std::vector<uint32_t> componentSize(samples.size(), 0);
    std::vector<float> componentHeight(samples.size(), 0.0f);
    for (uint32_t i = 0; i < samples.size(); ++i) {
        const uint32_t root = findRoot(graph.parent, i);
        ++componentSize[root];
        componentHeight[root] += samples[i].walker.feet.y;
    }
    const uint32_t largest = *std::max_element(componentSize.begin(), componentSize.end());
    uint32_t mainFloor = UINT32_MAX;
    for (uint32_t i = 0; i < samples.size(); ++i) {
        if (componentSize[i] == 0 || float(componentSize[i]) < 0.75f * float(largest)) continue;
        const float height = componentHeight[i] / float(componentSize[i]);
        if (mainFloor == UINT32_MAX || height < componentHeight[mainFloor] / float(componentSize[mainFloor]))
            mainFloor = i;
    }
    return mainFloor;
}

// Clearance: grid steps to the edge of the main floor (breadth-first from
// its border samples, which miss a neighbour: wall, furniture or drop).
// UINT32_MAX for samples off the main floor.
std::vector<uint32_t> stepsToFloorEdge(FloorGraph& graph, uint32_t mainFloor) {
    std::vector<uint32_t> distance(graph.parent.size(), UINT32_MAX);
    std::vector<uint32_t> queue;
    for (uint32_t i = 0; i < graph.parent.size(); ++i)
        if (findRoot(graph.parent, i) == mainFloor && graph.linkCount[i] < 4) {
            distance[i] = 0;
            queue.push_back(i);
        }
    for (size_t head = 0; head < queue.size(); ++head) {
        const uint32_t i = queue[head];
        for (uint8_t k = 0; k < graph.linkCount[i]; ++k) {
            const uint32_t j = graph.links[i][k];
            if (distance[j] != UINT32_MAX) continue;
            distance[j] = distance[i] + 1;
            queue.push_back(j);
        }
    }
    return distance;
}

// Openness: the share of main floor in a square around each sample (a
// summed-area table over the grid), so the middle of the biggest room
// beats a spot between two rooms' doorways with the same clearance.
struct Openness {
    Grid grid;
    int reach = 1;               // cells each side of a sample's square
    std::vector<uint32_t> area;  // (nx + 1) x (nz + 1): main-floor columns below and left of each corner

    float at(uint32_t column) const {
        const int nx = grid.nx, nz = grid.nz;
        const int x = int(column % nx), z = int(column / nx);
        const int x0 = std::max(0, x - reach), x1 = std::min(nx, x + reach + 1);
        const int z0 = std::max(0, z - reach), z1 = std::min(nz, z + reach + 1);
        const uint32_t inside = area[size_t(z1) * (nx + 1) + x1] - area[size_t(z0) * (nx + 1) + x1] -
                                area[size_t(z1) * (nx + 1) + x0] + area[size_t(z0) * (nx + 1) + x0];
        return float(inside) / float((2 * reach + 1) * (2 * reach + 1));
    }
};

Openness tabulateOpenness(const Search& search, const std::vector<Sample>& samples,
                          const std::vector<uint32_t>& distance) {
    const int nx = search.grid.nx, nz = search.grid.nz;
    Openness openness{search.grid};
    std::vector<uint32_t>& area = openness.area;
    area.assign(size_t(nx + 1) * (nz + 1), 0);
    std::vector<uint8_t> onMain(size_t(nx) * nz, 0);
    for (uint32_t i = 0; i < samples.size(); ++i)
        if (distance[i] != UINT32_MAX) onMain[samples[i].column] = 1;
    for (int z = 0; z < nz; ++z)
        for (int x = 0; x < nx; ++x)
            area[size_t(z + 1) * (nx + 1) + x + 1] = onMain[size_t(z) * nx + x] +
                                                     area[size_t(z) * (nx + 1) + x + 1] +
                                                     area[size_t(z + 1) * (nx + 1) + x] -
                                                     area[size_t(z) * (nx + 1) + x];
    openness.reach = std::max(1, int(std::lround(search.options.openingRadius / search.grid.cell)));
    return openness;
}

// The main-floor sample with the best mix of clearance and openness.
uint32_t pickBestSample(const Search& search, const std::vector<Sample>& samples,
                        const std::vector<uint32_t>& distance) {
    const Openness openness = tabulateOpenness(search, samples, distance);
    uint32_t best = UINT32_MAX;
    float bestScore = -1.0f;
    for (uint32_t i = 0; i < samples.size(); ++i) {
        if (distance[i] == UINT32_MAX) continue;
        // Clearance counts up to a metre (room to turn around); beyond that, openness decides.
        const float score = std::min(float(distance[i]) * search.grid.cell, 1.0f) + openness.at(samples[i].column);
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best;
}

// Face the widest open view, not the single longest sightline: a corridor
// seen past a wall at arm's length is a poor first view of a home. Each
// direction scores the mean sight distance across a 45-degree cone around
// it, each ray counted up to a room's depth so one long corridor or an open
// front door does not outweigh a whole room.
void faceWidestView(const CollisionWorld& world, float range, StartSpot& spot) {
    constexpr int kDirections = 32;
    constexpr float kRoomDepth = 5.0f;
    constexpr int kConeHalfWidth = 2;  // neighbours each side: 5 rays, 11.25 degrees apart
    float seen[kDirections];
    for (int i = 0; i < kDirections; ++i)
        seen[i] = std::min(sightDistance(world, spot.eye, direction(i, kDirections), range), kRoomDepth);
    float widest = -1.0f;
    for (int i = 0; i < kDirections; ++i) {
        float sum = 0.0f;
        for (int k = -kConeHalfWidth; k <= kConeHalfWidth; ++k) sum += seen[(i + k + kDirections) % kDirections];
        if (sum > widest) {
            widest = sum;
            spot.forward = direction(i, kDirections);
        }
    }
}

}  // namespace

Result<StartSpot> findStartSpot(const CollisionWorld& world, const WalkerParams& params,
                                const StartSpotOptions& options) {
    if (world.triangles.empty() || world.bounds.empty()) return makeError("start spot: the collision world is empty");
    const Search search{world, params, options, gridOver(world.bounds, options)};
    auto floors = sampleIndoorFloors(search);
    if (!floors) return floors.error();
    const std::vector<Sample>& samples = floors->samples;
    FloorGraph graph = joinFloors(*floors, search.grid, params.stepHeight);
    const uint32_t mainFloor = findMainFloor(graph, samples);
    const std::vector<uint32_t> distance = stepsToFloorEdge(graph, mainFloor);
    const uint32_t best = pickBestSample(search, samples, distance);

    StartSpot spot;
    spot.walker = samples[best].walker;
    spot.eye = eyePosition(params, spot.walker);
    spot.clearance = float(distance[best]) * search.grid.cell;
    faceWidestView(world, options.wallRange, spot);
    return spot;
}

bool standsIndoors(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& feet,
                   const StartSpotOptions& options, float* nearestWall) {
    const glm::vec3 eye = feet + glm::vec3(0.0f, params.eyeHeight, 0.0f);
    const float ceilingRange = std::max(0.1f, options.maxCeilingHeight - params.eyeHeight);
    const bool ceiling = anyHit(world, RayQuery{eye, glm::vec3(0.0f, 1.0f, 0.0f), ceilingRange});
    // Waist height: above skirting boards and most seating; a window there is
    // glass, which rays treat as wall (collision_world.h).
    const glm::vec3 waist = feet + glm::vec3(0.0f, 0.6f * params.eyeHeight, 0.0f);
    int walls = 0;
    if (nearestWall) *nearestWall = options.wallRange;
    for (int i = 0; i < 8; ++i) {
        const RayQuery ray{waist, direction(i, 8), options.wallRange};
        if (!nearestWall) {
            walls += anyHit(world, ray) ? 1 : 0;
        } else if (const auto hit = raycast(world, ray)) {
            ++walls;
            *nearestWall = std::min(*nearestWall, hit->distance);
        }
    }
    return ceiling ? walls >= 4 : walls >= 7;
}

}  // namespace oh::nav
