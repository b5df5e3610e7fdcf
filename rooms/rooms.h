// The rooms of a tour, by name, and which one the visitor stands in: the
// listing's named spots when it has them, else the rooms found from the
// model's floors (a plain glTF). The panels list them, the dollhouse labels
// their floors, the status lines say where the visitor is. One answer for
// the desktop and the headset alike.
//
// Not for: where to stand on arrival (tour_spots.h), drawing names (ui/).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "listing/listing.h"
#include "navigation/collision_world.h"
#include "navigation/walker.h"
#include "scene/scene.h"

namespace oh::rooms {

struct TourRoom {
    std::string name;               // "Kitchen", "Room 2"
    glm::vec3 floorPoint{0.0f};     // on its floor, open to stand on: the arrival spot and the label's anchor
    std::optional<float> yawRadians;  // facing on arrival (a listing's heading); none: as the visitor faced
    std::optional<float> dwellSeconds;  // the guided tour's stay here when it plays (a listing's spots[].dwell)
    std::vector<uint32_t> floorNodes;  // Scene::nodes of the floor under it (its footprint), sorted
};

class TourRooms {
public:
    TourRooms() = default;

    // The listing's spots, in its order and with its names; each one's
    // footprint is the floor under it (none without a collision world).
    static TourRooms fromListing(std::span<const listing::Spot> spots, const nav::CollisionWorld* world,
                                 const nav::WalkerParams& params);

    // Rooms found from the floors of a model without a listing: walkable
    // surfaces grouped per node, kept where a visitor stands on them indoors
    // and not raised above another floor (ceilings, roofs, tabletops, beds and
    // rugs are none), at least kMinRoomArea of them. In node order; named from
    // the node (or an ancestor) when its name says which room it is
    // ("Floor/bedroom": "Bedroom"), else "Room 1", "Room 2", … Empty for a
    // model with nothing to stand on indoors.
    static TourRooms fromFloors(const scene::Scene& scene, const nav::CollisionWorld& world,
                                const nav::WalkerParams& params);

    static constexpr float kMinRoomArea = 1.5f;   // m² of open floor: smaller is a step or a shelf
    static constexpr float kNearbyMetres = 3.0f;  // off every footprint, the nearest room this close counts

    std::span<const TourRoom> rooms() const { return m_rooms; }
    bool empty() const { return m_rooms.empty(); }

    // The room a visitor whose feet are at `feet` stands in: the one whose
    // footprint is under them (of several sharing one floor, the nearest in
    // sight), else the nearest within kNearbyMetres; none elsewhere. The last
    // answer is kept until the feet move 5 cm, so calling it every frame costs
    // nothing while the visitor stands still and a few rays when they move.
    std::optional<uint32_t> roomAt(const glm::vec3& feet);

private:
    std::optional<uint32_t> locate(const glm::vec3& feet) const;

    std::vector<TourRoom> m_rooms;
    const nav::CollisionWorld* m_world = nullptr;  // null: footprints unknown, nearest room only
    float m_maxSlopeDegrees = 0.0f;                // steeper is no floor
    std::optional<glm::vec3> m_cachedFeet;
    std::optional<uint32_t> m_cachedRoom;
};

// The tour's rooms: the listing's spots when there are any, else the ones
// found from the floors (none without a collision world).
TourRooms tourRooms(const scene::Scene& scene, const nav::CollisionWorld* world,
                    std::span<const listing::Spot> listingSpots, const nav::WalkerParams& params);

// The room a node's name says, capitalised ("Floor/living": "Living room",
// "kitchen_floor": "Kitchen", "MasterBedroom": "Master bedroom"); empty when
// it names no room ("Mesh_12", "Floor").
std::string roomNameFromNodeName(std::string_view nodeName);

}  // namespace oh::rooms
