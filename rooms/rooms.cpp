#include "rooms/rooms.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>

#include <glm/gtc/constants.hpp>

#include "navigation/start_spot.h"

namespace oh::rooms {
namespace {

const glm::vec3 kDown(0.0f, -1.0f, 0.0f);

// Samples per candidate floor: enough to see a room's furniture and open
// floor apart, few enough that finding the rooms of an apartment stays in
// the milliseconds.
constexpr int kSamplesPerFloor = 32;
// A walkable surface less than this above another lies on it: a rug on a
// room's floor, or a floor on the roof of the storey below.
constexpr float kCoveringGap = 0.08f;
// How far from a sample the floor around it is probed: furniture tops drop
// to the floor this close, room floors meet walls and other floors level.
constexpr float kProbeReach = 0.5f;
constexpr float kMaxFurnitureHeight = 1.5f;
// The layers under the feet looked through for a room's floor (a rug over it).
constexpr int kFloorLayers = 3;
constexpr float kFloorLayersDepth = 0.6f;
constexpr float kMovedMetres = 0.05f;

glm::vec3 horizontalDirection(int index) {
    float angle = glm::two_pi<float>() * float(index) / 8.0f;
    return {std::cos(angle), 0.0f, std::sin(angle)};
}

float horizontalDistance(const glm::vec3& a, const glm::vec3& b) { return glm::length(glm::vec2(a.x - b.x, a.z - b.z)); }

// The walkable surfaces straight below `point` within `depth`, nearest
// first, at most kFloorLayers of them (looking through a rug to the floor).
std::vector<uint32_t> floorNodesBelow(const nav::CollisionWorld& world, const glm::vec3& point, float depth,
                                      float maxSlopeDegrees) {
    std::vector<uint32_t> nodes;
    glm::vec3 origin = point;
    float left = depth;
    for (int layer = 0; layer < kFloorLayers && left > 0.0f; ++layer) {
        auto hit = nav::raycast(world, nav::RayQuery{origin, kDown, left});
        if (!hit) break;
        if (nav::walkable(hit->normal, maxSlopeDegrees)) nodes.push_back(hit->node);
        left -= hit->distance + 0.01f;
        origin = hit->point - glm::vec3(0.0f, 0.01f, 0.0f);
    }
    return nodes;
}

// The first surface of another node than `node` below `point`, within `maxDrop`.
std::optional<nav::RayHit> otherNodeBelow(const nav::CollisionWorld& world, glm::vec3 point, uint32_t node,
                                          float maxDrop) {
    for (int layer = 0; layer < 4 && maxDrop > 0.0f; ++layer) {
        auto hit = nav::raycast(world, nav::RayQuery{point, kDown, maxDrop});
        if (!hit || hit->node != node) return hit;
        maxDrop -= hit->distance + 0.005f;
        point = hit->point - glm::vec3(0.0f, 0.005f, 0.0f);
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// [SECTION] Room names from node names

constexpr std::string_view kRoomWords[] = {
    "living", "lounge", "kitchen", "kitchenette", "dining", "bedroom", "bathroom", "bath", "washroom", "toilet",
    "wc", "shower", "sauna", "hall", "hallway", "entrance", "entry", "foyer", "lobby", "corridor", "office",
    "study", "library", "closet", "wardrobe", "utility", "laundry", "storage", "pantry", "nursery", "playroom",
    "guest", "master", "balcony", "terrace", "porch", "garage", "cellar", "basement", "attic", "den", "gym", "room"};
// Words that say what the surface is, not which room: left out of the name.
constexpr std::string_view kSurfaceWords[] = {"floor", "floors", "flooring", "ground",  "mesh", "geo",
                                              "geometry", "obj", "object", "plane", "surface", "node"};

// "Floor/living_room.001" -> {"floor", "living", "room"}; camelCase splits too.
std::vector<std::string> words(std::string_view name) {
    std::vector<std::string> result;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) result.push_back(word);
        word.clear();
    };
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (!std::isalpha(c)) {
            flush();
            continue;
        }
        bool startsWord = std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
        if (startsWord) flush();
        word.push_back(char(std::tolower(c)));
    }
    flush();
    return result;
}

bool among(std::span<const std::string_view> list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// The first name up the node's ancestry that says which room it is.
std::string roomNameOfNode(const scene::Scene& scene, uint32_t node) {
    for (; node < scene.nodes.size(); node = scene.nodes[node].parent)
        if (std::string name = roomNameFromNodeName(scene.nodes[node].name); !name.empty()) return name;
    return {};
}

// Same names numbered from the second on ("Bedroom", "Bedroom 2"); nameless
// rooms "Room 1", "Room 2", … in order.
void nameRooms(std::vector<TourRoom>& rooms) {
    std::map<std::string, int> seen;
    int unnamed = 0;
    for (TourRoom& room : rooms) {
        if (room.name.empty()) {
            room.name = "Room " + std::to_string(++unnamed);
            continue;
        }
        int count = ++seen[room.name];
        if (count > 1) room.name += " " + std::to_string(count);
    }
}

// ---------------------------------------------------------------------------
// [SECTION] Floors found in the collision world

struct FloorSurface {
    std::vector<uint32_t> triangles;  // walkable ones, into CollisionWorld::triangles
    std::vector<float> cumulativeArea;
    float area = 0.0f;  // projected on the ground plane
};

std::vector<FloorSurface> walkableSurfacesPerNode(const scene::Scene& scene, const nav::CollisionWorld& world,
                                                  float maxSlopeDegrees) {
    std::vector<FloorSurface> surfaces(scene.nodes.size());
    for (uint32_t t = 0; t < world.triangles.size(); ++t) {
        const auto& tri = world.triangles[t];
        glm::vec3 cross = glm::cross(tri.b - tri.a, tri.c - tri.a);
        float length = glm::length(cross);
        if (length <= 0.0f) continue;
        // Two-sided, as everywhere in the collision world: a floor's winding is not trusted.
        glm::vec3 normal = cross / length;
        if (!nav::walkable(normal.y < 0.0f ? -normal : normal, maxSlopeDegrees)) continue;
        uint32_t node = world.nodeOfInstance[world.instanceOf[t]];
        if (node >= surfaces.size()) continue;
        FloorSurface& surface = surfaces[node];
        surface.area += 0.5f * length * std::abs(normal.y);
        surface.triangles.push_back(t);
        surface.cumulativeArea.push_back(surface.area);
    }
    return surfaces;
}

// Evenly spread points on a surface: stratified over its area, each placed
// inside its triangle by a golden-ratio sequence. The same surface always
// gives the same points.
std::vector<glm::vec3> samplePoints(const nav::CollisionWorld& world, const FloorSurface& surface) {
    std::vector<glm::vec3> points;
    for (int i = 0; i < kSamplesPerFloor; ++i) {
        float at = (float(i) + 0.5f) / float(kSamplesPerFloor) * surface.area;
        size_t k = size_t(std::lower_bound(surface.cumulativeArea.begin(), surface.cumulativeArea.end(), at) -
                          surface.cumulativeArea.begin());
        k = std::min(k, surface.triangles.size() - 1);
        float before = k > 0 ? surface.cumulativeArea[k - 1] : 0.0f;
        float own = surface.cumulativeArea[k] - before;
        float r1 = own > 0.0f ? std::clamp((at - before) / own, 0.0f, 1.0f) : 0.5f;
        float r2 = std::fmod(0.5f + float(i) * 0.618034f, 1.0f);
        float s = std::sqrt(r1);
        const auto& tri = world.triangles[surface.triangles[k]];
        points.push_back(tri.a * (1.0f - s) + tri.b * (s * (1.0f - r2)) + tri.c * (s * r2));
    }
    return points;
}

// What one sample of a surface says about it.
struct FloorSample {
    bool floor = false;     // a visitor stands here, indoors, on this surface itself
    glm::vec3 feet{0.0f};
    float clearance = 0.0f;  // to the nearest wall, of eight directions
    int drops = 0, level = 0;  // probes around: floor lower by a seat's height, or at the same height
    std::optional<uint32_t> liesOn;  // the walkable surface just below (a rug's floor)
};

FloorSample sampleFloor(const nav::CollisionWorld& world, const nav::WalkerParams& params, uint32_t node,
                        const glm::vec3& point) {
    FloorSample sample;
    // The surface itself is what is under the feet (not a table over it)...
    auto top = nav::floorBelow(world, point + glm::vec3(0.0f, 0.05f, 0.0f), 0.1f, params.maxSlopeDegrees);
    if (!top || top->node != node) return sample;
    // ...a visitor fits there (not under a table, not on a ceiling under the next storey)...
    auto walker = nav::standOn(world, params, top->point + glm::vec3(0.0f, 0.01f, 0.0f), 0.1f);
    if (!walker) return sample;
    // ...and it is inside (not a roof, not the street).
    if (!nav::standsIndoors(world, params, walker->feet, {}, &sample.clearance)) return sample;
    sample.floor = true;
    sample.feet = walker->feet;
    auto under = otherNodeBelow(world, top->point - glm::vec3(0.0f, 0.005f, 0.0f), node, kCoveringGap);
    if (under && nav::walkable(under->normal, params.maxSlopeDegrees)) sample.liesOn = under->node;
    for (int i = 0; i < 8; ++i) {
        glm::vec3 probe = top->point + horizontalDirection(i) * kProbeReach + glm::vec3(0.0f, params.stepHeight, 0.0f);
        auto hit = otherNodeBelow(world, probe, node, params.stepHeight + kMaxFurnitureHeight);
        if (!hit) continue;
        float drop = top->point.y - hit->point.y;
        if (std::abs(drop) <= params.stepHeight) ++sample.level;
        else if (drop > params.stepHeight && nav::walkable(hit->normal, params.maxSlopeDegrees)) ++sample.drops;
    }
    return sample;
}

struct RoomCandidate {
    TourRoom room;
    std::vector<uint32_t> liesOn;  // the surfaces it lies on, sorted
};

// The node's room, if its surface is one: enough open indoor floor, not raised above another.
std::optional<RoomCandidate> roomOnSurface(const scene::Scene& scene, const nav::CollisionWorld& world,
                                           const nav::WalkerParams& params, uint32_t node,
                                           const FloorSurface& surface) {
    int floors = 0, drops = 0, level = 0;
    std::optional<FloorSample> best;
    std::vector<uint32_t> liesOn;
    for (const glm::vec3& point : samplePoints(world, surface)) {
        FloorSample sample = sampleFloor(world, params, node, point);
        if (!sample.floor) continue;
        ++floors;
        drops += sample.drops;
        level += sample.level;
        if (sample.liesOn) liesOn.push_back(*sample.liesOn);
        // The most open spot: the room's middle, to arrive at and to label.
        if (!best || sample.clearance > best->clearance) best = sample;
    }
    float openArea = surface.area * float(floors) / float(kSamplesPerFloor);
    if (!best || openArea < TourRooms::kMinRoomArea || drops > level) return std::nullopt;
    std::sort(liesOn.begin(), liesOn.end());
    liesOn.erase(std::unique(liesOn.begin(), liesOn.end()), liesOn.end());
    return RoomCandidate{TourRoom{.name = roomNameOfNode(scene, node), .floorPoint = best->feet, .floorNodes = {node}},
                         std::move(liesOn)};
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] TourRooms

std::string roomNameFromNodeName(std::string_view nodeName) {
    std::vector<std::string> all = words(nodeName);
    if (std::none_of(all.begin(), all.end(), [](const std::string& w) { return among(kRoomWords, w); })) return {};
    std::string name;
    for (const std::string& word : all) {
        if (among(kSurfaceWords, word)) continue;
        if (!name.empty()) name += ' ';
        name += word;
    }
    // "living" and "dining" alone are rooms in speech only with the word.
    if (name == "living" || name == "dining") name += " room";
    name[0] = char(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

TourRooms TourRooms::fromListing(std::span<const listing::Spot> spots, const nav::CollisionWorld* world,
                                 const nav::WalkerParams& params) {
    TourRooms rooms;
    rooms.m_world = world;
    rooms.m_maxSlopeDegrees = params.maxSlopeDegrees;
    for (const listing::Spot& spot : spots) {
        TourRoom room;
        room.name = spot.name;
        room.floorPoint = glm::vec3(float(spot.position[0]), float(spot.position[1]), float(spot.position[2]));
        // A listing's heading turns clockwise seen from above; yaw turns left.
        if (spot.heading) room.yawRadians = -glm::radians(float(*spot.heading));
        if (spot.dwell) room.dwellSeconds = float(*spot.dwell);
        if (world) {
            room.floorNodes = floorNodesBelow(*world, room.floorPoint + glm::vec3(0.0f, 0.1f, 0.0f),
                                              kFloorLayersDepth, params.maxSlopeDegrees);
            std::sort(room.floorNodes.begin(), room.floorNodes.end());
        }
        rooms.m_rooms.push_back(std::move(room));
    }
    return rooms;
}

TourRooms TourRooms::fromFloors(const scene::Scene& scene, const nav::CollisionWorld& world,
                                const nav::WalkerParams& params) {
    TourRooms rooms;
    rooms.m_world = &world;
    rooms.m_maxSlopeDegrees = params.maxSlopeDegrees;
    std::vector<FloorSurface> surfaces = walkableSurfacesPerNode(scene, world, params.maxSlopeDegrees);
    std::vector<RoomCandidate> candidates;
    std::vector<bool> isCandidate(surfaces.size(), false);
    for (uint32_t node = 0; node < surfaces.size(); ++node) {
        if (surfaces[node].area < kMinRoomArea) continue;
        if (auto candidate = roomOnSurface(scene, world, params, node, surfaces[node])) {
            candidates.push_back(std::move(*candidate));
            isCandidate[node] = true;
        }
    }
    // What lies on a room's floor is a rug; a floor on the roof of the storey
    // below (no room: the floor covers it) is a room.
    for (RoomCandidate& candidate : candidates)
        if (std::none_of(candidate.liesOn.begin(), candidate.liesOn.end(), [&](uint32_t n) { return isCandidate[n]; }))
            rooms.m_rooms.push_back(std::move(candidate.room));
    nameRooms(rooms.m_rooms);
    return rooms;
}

std::optional<uint32_t> TourRooms::roomAt(const glm::vec3& feet) {
    if (m_cachedFeet && glm::distance(*m_cachedFeet, feet) < kMovedMetres) return m_cachedRoom;
    m_cachedFeet = feet;
    m_cachedRoom = locate(feet);
    return m_cachedRoom;
}

std::optional<uint32_t> TourRooms::locate(const glm::vec3& feet) const {
    if (m_rooms.empty()) return std::nullopt;
    std::vector<uint32_t> candidates;
    if (m_world) {
        for (uint32_t node :
             floorNodesBelow(*m_world, feet + glm::vec3(0.0f, 0.1f, 0.0f), kFloorLayersDepth, m_maxSlopeDegrees)) {
            for (uint32_t i = 0; i < m_rooms.size(); ++i)
                if (std::binary_search(m_rooms[i].floorNodes.begin(), m_rooms[i].floorNodes.end(), node))
                    candidates.push_back(i);
            if (!candidates.empty()) break;
        }
    }
    if (candidates.size() == 1) return candidates.front();
    // Several rooms on one floor, or none under the feet: the nearest, in
    // sight before behind a wall; off every footprint, only a near one.
    bool offFootprints = candidates.empty();
    if (offFootprints)
        for (uint32_t i = 0; i < m_rooms.size(); ++i) candidates.push_back(i);
    std::optional<uint32_t> best;
    float bestScore = std::numeric_limits<float>::max();
    for (uint32_t i : candidates) {
        const TourRoom& room = m_rooms[i];
        float distance = horizontalDistance(feet, room.floorPoint);
        if (offFootprints && (distance > kNearbyMetres || std::abs(feet.y - room.floorPoint.y) > 1.0f)) continue;
        glm::vec3 from = feet + glm::vec3(0.0f, 1.0f, 0.0f), to = room.floorPoint + glm::vec3(0.0f, 1.0f, 0.0f);
        bool hidden = m_world && glm::distance(from, to) > 1e-3f &&
                      nav::anyHit(*m_world, nav::RayQuery{from, to - from, glm::distance(from, to)});
        float score = distance + (hidden ? 1000.0f : 0.0f);
        if (score < bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best;
}

TourRooms tourRooms(const scene::Scene& scene, const nav::CollisionWorld* world,
                    std::span<const listing::Spot> listingSpots, const nav::WalkerParams& params) {
    if (!listingSpots.empty()) return TourRooms::fromListing(listingSpots, world, params);
    if (!world) return {};
    return TourRooms::fromFloors(scene, *world, params);
}

}  // namespace oh::rooms
