// Tests for rooms/rooms.cpp: the rooms a tour lists (a listing's
// spots, or the rooms found from a bare model's floors), their names, and the
// room the visitor stands in, with what finding it costs per frame. CPU only.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "listing/listing.h"
#include "navigation/collision_world.h"
#include "scene/gltf_import.h"
#include "rooms/rooms.h"
#include "viewer/tour/tour_spots.h"

namespace oh::test {
namespace {

const std::string kDemo = std::string(OH_BINARY_DIR) + "/scenes/demo-apartment.glb";
const std::string kDemoListing = std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json";

struct Model {
    scene::Scene scene;
    nav::CollisionWorld world;
};

Model load(const std::string& path) {
    gltf::ImportOptions options;
    options.loadImages = false;
    auto imported = gltf::importFile(path, options);
    REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
    Model model{std::move(imported->scene), {}};
    auto world = nav::buildCollisionWorld(model.scene);
    REQUIRE(world.has_value());
    model.world = std::move(world.value());
    return model;
}

const Model& demo() {
    static Model model = load(kDemo);
    return model;
}

std::vector<std::string> names(const rooms::TourRooms& rooms) {
    std::vector<std::string> result;
    for (const rooms::TourRoom& room : rooms.rooms()) result.push_back(room.name);
    return result;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

bool mentions(const std::string& name, const char* word) { return name.find(word) != std::string::npos; }

}  // namespace

TEST_CASE("a node's name gives the room it says, and mesh names give none") {
    using rooms::roomNameFromNodeName;
    CHECK(roomNameFromNodeName("Floor/bedroom") == "Bedroom");
    CHECK(roomNameFromNodeName("Floor/living") == "Living room");
    CHECK(roomNameFromNodeName("kitchen_floor") == "Kitchen");
    CHECK(roomNameFromNodeName("MasterBedroom.001") == "Master bedroom");
    CHECK(roomNameFromNodeName("Living Room Floor") == "Living room");
    CHECK(roomNameFromNodeName("Floor").empty());
    CHECK(roomNameFromNodeName("Mesh_12").empty());
    CHECK(roomNameFromNodeName("Plane.003").empty());
    CHECK(roomNameFromNodeName("").empty());
}

TEST_CASE("the demo apartment's floors are its five rooms, named from their nodes, and no ceiling or wall") {
    const Model& model = demo();
    nav::WalkerParams params;
    auto start = std::chrono::steady_clock::now();
    rooms::TourRooms rooms = rooms::TourRooms::fromFloors(model.scene, model.world, params);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("demo apartment rooms (found in " << ms << " ms): " << joined(names(rooms)));
    // scenes/demo-apartment.json's rooms, in its order; not the living room's rug, the
    // ceilings' roofs, the beds or the tables.
    CHECK(names(rooms) == std::vector<std::string>{"Bedroom", "Hallway", "Bathroom", "Living room", "Kitchen"});
    for (uint32_t i = 0; i < rooms.rooms().size(); ++i) {
        const rooms::TourRoom& room = rooms.rooms()[i];
        INFO(room.name);
        CHECK(room.floorPoint.y == doctest::Approx(0.0).epsilon(0.02));  // on the floor, not a roof or a bed
        // Its own floor point is in it, and a visitor can arrive there.
        CHECK(rooms.roomAt(room.floorPoint) == i);
        CHECK(viewer::spotForPlace(model.scene, model.world, params, {viewer::TourPlace::Kind::Room, i}, 0.0f,
                                   rooms.rooms())
                  .has_value());
    }
}

TEST_CASE("the listing's spots are a bundle's rooms, and the visitor is in the one whose floor is under them") {
    auto listing = listing::loadListing(kDemoListing);
    REQUIRE(listing.has_value());
    const Model& model = demo();
    rooms::TourRooms rooms = rooms::tourRooms(model.scene, &model.world, listing->spots, nav::WalkerParams{});
    CHECK(names(rooms) == std::vector<std::string>{"Living room", "Kitchen", "Bedroom", "Bathroom", "Hallway"});
    for (uint32_t i = 0; i < rooms.rooms().size(); ++i) CHECK(rooms.roomAt(rooms.rooms()[i].floorPoint) == i);
    // Corners of rooms, far from their spots (demo-apartment.json's plan).
    CHECK(rooms.roomAt({0.4f, 0.0f, 3.0f}) == 2u);   // the bedroom's south-west corner
    CHECK(rooms.roomAt({9.6f, 0.0f, 0.4f}) == 1u);   // the kitchen's north end
    CHECK(rooms.roomAt({5.5f, 0.0f, 6.8f}) == 0u);   // the living room's south-east corner
    CHECK_FALSE(rooms.roomAt({30.0f, 0.0f, 30.0f}).has_value());  // far outside
    // A listing's heading turns clockwise; the arrival yaw turns left.
    REQUIRE(rooms.rooms()[0].yawRadians.has_value());
    CHECK(*rooms.rooms()[0].yawRadians == doctest::Approx(-glm::radians(300.0f)));
}

TEST_CASE("interiors made of one mesh are one room, numbered unless the mesh's name says which") {
    struct Case {
        std::string asset;
        std::vector<std::string> rooms;
    };
    // Their only meshes are "mesh2057757694", "mesh308615427" and "CubeRoom_GEO".
    for (const Case& c : {Case{"webxr-home-theater/home-theater.gltf", {"Room 1"}},
                          Case{"webxr-garage/garage.gltf", {"Room 1"}},
                          Case{"webxr-cube-room/cube-room.gltf", {"Cube room"}}}) {
        const Model model = load(std::string(OH_ASSETS_DIR) + "/" + c.asset);
        rooms::TourRooms rooms = rooms::TourRooms::fromFloors(model.scene, model.world, nav::WalkerParams{});
        MESSAGE(c.asset << " rooms: " << joined(names(rooms)));
        CHECK(names(rooms) == c.rooms);
        for (const rooms::TourRoom& room : rooms.rooms()) {
            CHECK_FALSE(mentions(room.name, "Ceiling"));
            CHECK_FALSE(mentions(room.name, "Wall"));
            // Standing on the floor: the lowest walkable surface around its point.
            CHECK(room.floorPoint.y < model.scene.bounds.min.y + 0.5f * model.scene.bounds.size().y);
        }
    }
}

TEST_CASE("a block of 40 apartments has its 200 rooms found in well under a second") {
    const Model block = load(std::string(OH_BINARY_DIR) + "/scenes/apartment-block.glb");
    auto start = std::chrono::steady_clock::now();
    rooms::TourRooms rooms = rooms::TourRooms::fromFloors(block.scene, block.world, nav::WalkerParams{});
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("apartment block: " << rooms.rooms().size() << " rooms found in " << ms << " ms");
    CHECK(rooms.rooms().size() == 200);
    CHECK(ms < 1000.0);
    // The same rooms again and again: numbered from the second on.
    std::vector<std::string> found = names(rooms);
    CHECK(std::count(found.begin(), found.end(), "Kitchen") == 1);
    CHECK(std::count(found.begin(), found.end(), "Kitchen 40") == 1);
}

TEST_CASE("finding the room under a walking visitor costs a few microseconds a frame") {
    const Model& model = demo();
    rooms::TourRooms rooms = rooms::TourRooms::fromFloors(model.scene, model.world, nav::WalkerParams{});
    REQUIRE_FALSE(rooms.empty());
    // A walk through the apartment at 1.4 m/s and 90 frames a second: 1.6 cm a
    // frame, so the footprint is looked up about every third frame.
    std::vector<glm::vec3> path;
    for (float x = 0.5f; x < 9.5f; x += 0.0156f) path.push_back({x, 0.0f, 3.4f + 2.5f * std::sin(x)});
    auto start = std::chrono::steady_clock::now();
    size_t found = 0;
    for (const glm::vec3& feet : path) found += rooms.roomAt(feet).has_value();
    double perFrame = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                      double(path.size());
    // Every frame a new footprint lookup (moving 10 cm a frame): the worst case.
    rooms::TourRooms uncached = rooms;
    start = std::chrono::steady_clock::now();
    size_t steps = 0;
    for (size_t i = 0; i < path.size(); i += 7, ++steps) (void)uncached.roomAt(path[i]);
    double perLookup = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                       double(steps);
    MESSAGE("current room: " << perFrame << " us per frame walking, " << perLookup << " us per footprint lookup");
    CHECK(found > path.size() * 9 / 10);
    CHECK(perFrame < 20.0);
    CHECK(perLookup < 50.0);
}

}  // namespace oh::test
