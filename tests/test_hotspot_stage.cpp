// The packer's hotspot stage (tools/pack/hotspot_stage.h): which panoramas
// link to which. In the demo apartment (its collision world, as the packer
// builds it) only panoramas that see each other through a doorway are
// linked, never through a wall; without a model, the nearest few within
// reach, both ways; explicit links are kept as written; derived hotspots
// point at the target's eye in the model's frame.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "listing/listing.h"
#include "scene/gltf_import.h"
#include "tools/pack/hotspot_stage.h"
#include "tools/pack/mesh_stage.h"

namespace fs = std::filesystem;
using namespace oh;
using listing::Panorama;
using listing::Position;

namespace {

const fs::path kDemoListing = fs::path(OH_TESTS_DIR).parent_path() / "scenes/demo-listing/listing.json";
const fs::path kDemoApartment = fs::path(OH_BINARY_DIR) / "scenes/demo-apartment.glb";

// The demo apartment's collision world, built once, as the packer builds it.
const nav::CollisionWorld& demoWorld() {
    static const bundle::BundledScene bundled = [] {
        auto imported = gltf::importFile(kDemoApartment);
        REQUIRE_MESSAGE(imported.has_value(), imported.error().message);
        return pack::prepareWalk(std::move(imported->scene));
    }();
    REQUIRE(bundled.world.has_value());
    return *bundled.world;
}

listing::Listing demoListing() {
    auto listing = listing::loadListing(kDemoListing);
    REQUIRE_MESSAGE(listing.has_value(), listing.error().message);
    return *listing;
}

// The names each panorama's hotspots lead to, sorted.
std::vector<std::string> targetsOf(const listing::Listing& listing, const pack::Hotspots& hotspots,
                                   const std::string& name) {
    std::vector<std::string> targets;
    for (size_t i = 0; i < listing.panoramas.size(); ++i)
        if (listing.panoramas[i].name == name)
            for (const bundle::PanoramaLink& link : hotspots.places[i].links)
                targets.push_back(listing.panoramas[link.target].name);
    std::sort(targets.begin(), targets.end());
    return targets;
}

Panorama at(const std::string& name, Position position) {
    return Panorama{"panoramas/" + name + ".jpg", name, position, 0.0, std::nullopt};
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("in the demo apartment only the living room and the kitchen see each other, through their doorway") {
    listing::Listing listing = demoListing();
    REQUIRE(listing.panoramas.size() == 5);
    pack::Hotspots hotspots = pack::resolveHotspots(listing, &demoWorld());
    REQUIRE(hotspots.places.size() == 5);
    // The living room's eye (3.0, 6.2) and the kitchen's (8.6, 3.9) are in
    // line with the 1.4 m doorway in the wall at x = 6 (crossed at z ≈ 4.97).
    CHECK(targetsOf(listing, hotspots, "Living room") == Names{"Kitchen"});
    CHECK(targetsOf(listing, hotspots, "Kitchen") == Names{"Living room"});
    // The hallway's doors are off its lines to the others: towards the
    // bathroom (along z = 1.7) the door is at z 2.2–3.0, towards the living
    // room the line meets the middle wall at x ≈ 4.1, left of its door. The
    // bedroom and the bathroom are behind walls from everyone.
    CHECK(targetsOf(listing, hotspots, "Hallway").empty());
    CHECK(targetsOf(listing, hotspots, "Bedroom").empty());
    CHECK(targetsOf(listing, hotspots, "Bathroom").empty());
    for (const bundle::PanoramaPlace& place : hotspots.places) {
        CHECK(place.inModel);
        CHECK(place.position.has_value());
    }
    // In the model a panorama without hotspots still leads back to the model: nothing to warn about.
    CHECK(hotspots.warnings.empty());
}

TEST_CASE("a panorama in line with the hallway's door to the living room sees the hallway, not the bedroom") {
    listing::Listing listing = demoListing();
    listing.panoramas.push_back(at("Living room by the door", {4.8, 1.6, 5.0}));
    pack::Hotspots hotspots = pack::resolveHotspots(listing, &demoWorld());
    CHECK(targetsOf(listing, hotspots, "Living room by the door") == Names{"Hallway", "Kitchen", "Living room"});
    CHECK(targetsOf(listing, hotspots, "Hallway") == Names{"Living room by the door"});
    const std::vector<bundle::PanoramaLink>& links = hotspots.places.back().links;
    auto toHallway = std::find_if(links.begin(), links.end(),
                                  [&](const auto& link) { return listing.panoramas[link.target].name == "Hallway"; });
    REQUIRE(toHallway != links.end());
    CHECK(toHallway->heading == 0.0);  // straight along -Z, through the door
    CHECK(toHallway->pitch == 0.0);
}

TEST_CASE("derived hotspots are drawn at the target's eye, in the model's frame, to 0.01 degrees") {
    listing::Listing listing = demoListing();
    listing.model.reset();
    listing.panoramas = {at("Centre", {0, 1.6, 0}), at("North", {0, 1.6, -2}), at("East", {2, 1.6, 0}),
                         at("Up south", {0, 3.6, 2}), at("South-west", {-1, 1.6, 1}), at("Same eye", {0, 1.6, 0})};
    pack::HotspotOptions options;
    options.nearestWithoutModel = 10;
    pack::Hotspots hotspots = pack::resolveHotspots(listing, nullptr, options);
    const std::vector<bundle::PanoramaLink>& links = hotspots.places[0].links;
    // Two panoramas at one eye have no direction between them: not linked.
    REQUIRE(links.size() == 4);
    CHECK(links[0] == bundle::PanoramaLink{1, 0.0, 0.0});
    CHECK(links[1] == bundle::PanoramaLink{2, 90.0, 0.0});
    CHECK(links[2] == bundle::PanoramaLink{3, 180.0, 45.0});
    CHECK(links[3] == bundle::PanoramaLink{4, 225.0, 0.0});
    // And back: from the south-west one the centre lies at 45°.
    CHECK(hotspots.places[4].links[0] == bundle::PanoramaLink{0, 45.0, 0.0});
    // Not exact in binary, rounded to 0.01°: atan2(1, 3) = 18.4349...°.
    listing.panoramas = {at("A", {0, 1.6, 0}), at("B", {1, 1.6, -3})};
    CHECK(pack::resolveHotspots(listing, nullptr).places[0].links[0].heading == 18.43);
    for (const bundle::PanoramaPlace& place : hotspots.places) CHECK_FALSE(place.inModel);
}

TEST_CASE("without a model each panorama links to its nearest few within 8 m, and every hotspot has a way back") {
    listing::Listing listing = demoListing();
    listing.model.reset();
    listing.panoramas.clear();
    for (int i = 0; i < 7; ++i) listing.panoramas.push_back(at("P" + std::to_string(i), {double(i), 1.6, 0}));
    listing.panoramas.push_back(at("Far", {30, 1.6, 0}));
    pack::Hotspots hotspots = pack::resolveHotspots(listing, nullptr);
    // P0's four nearest; P2's are P1, P3 (1 m), P0, P4 (2 m), and P5 and P6 count P2 among their four.
    CHECK(targetsOf(listing, hotspots, "P0") == Names{"P1", "P2", "P3", "P4"});
    CHECK(targetsOf(listing, hotspots, "P2") == Names{"P0", "P1", "P3", "P4", "P5", "P6"});
    CHECK(targetsOf(listing, hotspots, "Far").empty());
    for (size_t i = 0; i < hotspots.places.size(); ++i)
        for (const bundle::PanoramaLink& link : hotspots.places[i].links) {
            const std::vector<bundle::PanoramaLink>& back = hotspots.places[link.target].links;
            CHECK(std::any_of(back.begin(), back.end(), [&](const auto& l) { return l.target == i; }));
        }
    CHECK(hotspots.places[0].links[0].heading == 90.0);   // P1 lies along +X
    CHECK(hotspots.places[2].links[0].heading == 270.0);  // P0 along -X
    // Nothing leads on from "Far" and there is no model to go back to.
    REQUIRE(hotspots.warnings.size() == 1);
    CHECK(hotspots.warnings[0].rfind("Far: a dead end", 0) == 0);
}

TEST_CASE("explicit links are kept as written, by index; an empty list means none; the rest are derived") {
    listing::Listing listing = demoListing();  // with a model: panoramas with a position are in it
    listing.panoramas = {at("A", {0, 1.6, 0}), at("B", {1, 1.6, 0}), at("C", {2, 1.6, 0}),
                         Panorama{"panoramas/d.jpg", "D", std::nullopt, std::nullopt, std::nullopt}};
    listing.panoramas[0].links = {{"C", 10.0, -5.0}, {"D", 20.0, std::nullopt}};
    listing.panoramas[1].links = std::vector<listing::PanoramaLink>{};
    pack::Hotspots hotspots = pack::resolveHotspots(listing, nullptr);
    CHECK(hotspots.places[0].links ==
          std::vector<bundle::PanoramaLink>{bundle::PanoramaLink{2, 10.0, -5.0}, bundle::PanoramaLink{3, 20.0, 0.0}});
    CHECK(hotspots.places[1].links.empty());
    CHECK(targetsOf(listing, hotspots, "C") == Names{"A", "B"});  // derived: nearest within reach
    CHECK(hotspots.places[0].inModel);
    CHECK_FALSE(hotspots.places[3].inModel);  // no position: no place in the model
    CHECK(hotspots.places[3].links.empty());
    REQUIRE(hotspots.warnings.size() == 1);
    CHECK(hotspots.warnings[0] ==
          "D: a dead end: no links given, no position and no place in a model to go back to; give it links in "
          "listing.json");
}
