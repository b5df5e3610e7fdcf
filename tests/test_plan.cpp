// Tests for plan/: the floor plan made from the demo apartment (its rooms'
// names and areas against the plan the apartment was generated from, walls
// in section, windows, doors), its drawing (golden PNG; the PDF and SVG
// rendered back by poppler and librsvg match it), and the models it refuses.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "image_compare.h"
#include "listing/listing.h"
#include "nav_scene_builder.h"
#include "plan/floor_plan.h"
#include "plan/plan_drawing.h"
#include "program_run.h"
#include "rooms/rooms.h"
#include "scene/gltf_import.h"

namespace oh::test {
namespace {

const std::string kDemo = std::string(OH_BINARY_DIR) + "/scenes/demo-apartment.glb";
const std::string kDemoPlan = std::string(OH_TESTS_DIR) + "/../scenes/demo-apartment.json";
const std::string kDemoListing = std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json";

struct Model {
    scene::Scene scene;
    nav::CollisionWorld world;
};

const Model& demo() {
    static Model model = [] {
        gltf::ImportOptions options;
        options.loadImages = false;
        auto imported = gltf::importFile(kDemo, options);
        REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
        Model loaded{std::move(imported->scene), {}};
        auto world = nav::buildCollisionWorld(loaded.scene);
        REQUIRE(world.has_value());
        loaded.world = std::move(world.value());
        return loaded;
    }();
    return model;
}

// The listing's spots as the plan's rooms, without areas of their own.
std::vector<plan::RoomSeed> demoSeeds() {
    auto listing = listing::loadListing(kDemoListing);
    REQUIRE(listing.has_value());
    rooms::TourRooms tourRooms = rooms::TourRooms::fromListing(listing->spots, &demo().world, nav::WalkerParams{});
    return plan::roomSeeds(tourRooms, {});
}

const plan::FloorPlan& demoPlan() {
    static plan::FloorPlan plan = [] {
        auto made = plan::makeFloorPlan(demo().world, demoSeeds());
        REQUIRE_MESSAGE(made.has_value(), (made ? "" : made.error().message));
        return std::move(made.value());
    }();
    return plan;
}

double polygonArea(const nlohmann::json& polygon) {
    double twice = 0.0;
    for (size_t i = 0; i < polygon.size(); ++i) {
        const auto& a = polygon[i];
        const auto& b = polygon[(i + 1) % polygon.size()];
        twice += a[0].get<double>() * b[1].get<double>() - b[0].get<double>() * a[1].get<double>();
    }
    return std::abs(twice) / 2.0;
}

// The demo plan's room polygons by the listing's names ("living" is the listing's "Living room").
std::map<std::string, nlohmann::json> plannedPolygons() {
    std::ifstream file(kDemoPlan);
    const nlohmann::json plan = nlohmann::json::parse(file);
    std::map<std::string, nlohmann::json> polygons;
    for (const auto& room : plan["rooms"]) {
        std::string name = room["name"].get<std::string>();
        name[0] = char(std::toupper(static_cast<unsigned char>(name[0])));
        if (name == "Living") name = "Living room";
        polygons[name] = room["polygon"];
    }
    return polygons;
}

std::map<std::string, double> plannedAreas() {
    std::map<std::string, double> areas;
    for (const auto& [name, polygon] : plannedPolygons()) areas[name] = polygonArea(polygon);
    return areas;
}

bool insidePolygon(const nlohmann::json& polygon, glm::vec2 p) {
    bool inside = false;
    for (size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        const glm::vec2 a(polygon[i][0].get<float>(), polygon[i][1].get<float>());
        const glm::vec2 b(polygon[j][0].get<float>(), polygon[j][1].get<float>());
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

// The common top-left part of two images (renderers round a page's size differently).
RgbaImage cropped(const RgbaImage& image, uint32_t width, uint32_t height) {
    RgbaImage out{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
    for (uint32_t y = 0; y < height; ++y)
        std::copy_n(&image.pixels[size_t(y) * image.width * 4], size_t(width) * 4, &out.pixels[size_t(y) * width * 4]);
    return out;
}

plan::PlanPage demoPage() {
    return {.title = "Mäkelänkatu 52 A 7, 00510 Helsinki", .subtitle = "72 m² · 3h+k · Floor 4 of 6"};
}

RgbaImage asImage(const plan::PlanPicture& picture) { return {picture.width, picture.height, picture.rgba}; }

}  // namespace

TEST_CASE("The demo apartment's plan names every room with its area from the floor, within 1 % of its plan") {
    const plan::FloorPlan& plan = demoPlan();
    REQUIRE(plan.storeys.size() == 1);
    const plan::Storey& storey = plan.storeys[0];
    CHECK(storey.floorY == doctest::Approx(0.0).epsilon(0.01));
    const std::map<std::string, double> expected = plannedAreas();
    REQUIRE(storey.rooms.size() == expected.size());
    for (const plan::PlanRoom& room : storey.rooms) {
        INFO(room.name << ": " << room.area << " m²");
        REQUIRE(expected.count(room.name) == 1);
        CHECK_FALSE(room.areaListed);
        CHECK(std::abs(room.area - expected.at(room.name)) <= 0.01 * expected.at(room.name));
        // The label sits inside the room's walls.
        CHECK(insidePolygon(plannedPolygons().at(room.name), room.labelAt));
    }
}

TEST_CASE("The demo plan cuts every wall, shows each window's glass and leaves the doors open") {
    const plan::Storey& storey = demoPlan().storeys[0];
    size_t walls = 0;
    for (const plan::Section& section : storey.sections)
        if (section.structure) ++walls;
    std::ifstream file(kDemoPlan);
    const nlohmann::json json = nlohmann::json::parse(file);
    CHECK(walls == json["walls"].size());  // one solid per wall; the wardrobe and shelves are furniture
    size_t windows = 0;
    for (const auto& wall : json["walls"]) windows += wall.value("windows", nlohmann::json::array()).size();
    // Each pane crosses the cut at 1.2 m once, unless its sill is higher (the small kitchen window).
    size_t panesAtCut = 0;
    for (const auto& wall : json["walls"])
        for (const auto& window : wall.value("windows", nlohmann::json::array()))
            if (window["sill"].get<double>() < 1.2 && window["sill"].get<double>() + window["height"].get<double>() > 1.2)
                ++panesAtCut;
    CHECK(windows > panesAtCut);
    CHECK(storey.glass.size() >= panesAtCut);
    // A door is a gap: the hallway's door to the living room at x 4.8 has no wall across it.
    nav::RayQuery through{.origin = {4.8f, 1.2f, 2.5f}, .direction = {0, 0, 1}, .maxDistance = 2.0f};
    auto hit = nav::raycast(demo().world, through);
    CHECK((!hit || hit->point.z > 3.6f));
}

TEST_CASE("The demo plan drawn: golden PNG; the PDF and SVG print the same page") {
    const plan::FloorPlan& plan = demoPlan();
    const plan::PlanPicture picture = plan::drawPlanPicture(plan, demoPage());
    GoldenResult golden = checkGolden("plan-demo", asImage(picture), 1.0, 0.01);
    CHECK_MESSAGE(golden.passed, golden.message);
    REQUIRE(picture.storeys.size() == 1);
    // The picture maps the model: the living room's label point is where its name is drawn (dark pixels near it).

    const auto out = testOutputDir();
    for (const char* name : {"plan-demo.pdf", "plan-demo.svg", "plan-demo.png"}) {
        auto format = plan::planFormatOf(name);
        REQUIRE(format.has_value());
        auto written = plan::writePlan(plan, demoPage(), out / name, *format);
        REQUIRE_MESSAGE(written.has_value(), (written ? "" : written.error().message));
        CHECK_FALSE(std::filesystem::exists(out / (std::string(name) + ".part")));
    }
    // poppler renders the PDF; librsvg the SVG (its size in points, 1 px per pt at 72 dpi).
    ProgramRun pdf = runProgram("pdftoppm -png -r 72 -singlefile '" + (out / "plan-demo.pdf").string() + "' '" +
                                    (out / "plan-demo-pdf").string() + "'", out);
    REQUIRE_MESSAGE(pdf.exitCode == 0, pdf.errors);
    ProgramRun svg = runProgram("rsvg-convert -d 72 -p 72 -o '" + (out / "plan-demo-svg.png").string() + "' '" +
                                    (out / "plan-demo.svg").string() + "'", out);
    REQUIRE_MESSAGE(svg.exitCode == 0, svg.errors);
    auto fromPdf = readPng(out / "plan-demo-pdf.png");
    auto fromSvg = readPng(out / "plan-demo-svg.png");
    REQUIRE(fromPdf.has_value());
    REQUIRE(fromSvg.has_value());
    // A4 landscape (the apartment is wider than deep): 842 × 595 points.
    CHECK(std::abs(int(fromPdf->width) - 842) <= 1);
    CHECK(std::abs(int(fromPdf->height) - 595) <= 1);
    const uint32_t width = std::min(fromPdf->width, fromSvg->width), height = std::min(fromPdf->height, fromSvg->height);
    ImageDifference same = compareImages(cropped(*fromSvg, width, height), cropped(*fromPdf, width, height), 48);
    CHECK(same.fractionDifferent < 0.02);
}

// Two storeys of two rooms sharing one floor mesh (as in a scan), split by a
// wall with a door: the walls close the door above its head for the areas.
void addStorey(SceneBuilder& builder, float y, int index) {
    const std::string s = std::to_string(index);
    builder.box("Floor " + s, {0, y - 0.1f, 0}, {6, y, 4});
    builder.box("Ceiling " + s, {0, y + 2.6f, 0}, {6, y + 2.7f, 4});
    builder.box("Wall north " + s, {0, y, 0}, {6, y + 2.6f, 0.2f});
    builder.box("Wall south " + s, {0, y, 3.8f}, {6, y + 2.6f, 4});
    builder.box("Wall west " + s, {0, y, 0.2f}, {0.2f, y + 2.6f, 3.8f});
    builder.box("Wall east " + s, {5.8f, y, 0.2f}, {6, y + 2.6f, 3.8f});
    builder.box("Wall middle A " + s, {2.9f, y, 0.2f}, {3.1f, y + 2.6f, 1.5f});
    builder.box("Wall middle B " + s, {2.9f, y, 2.4f}, {3.1f, y + 2.6f, 3.8f});
    builder.box("Door head " + s, {2.9f, y + 2.1f, 1.5f}, {3.1f, y + 2.6f, 2.4f});
}

TEST_CASE("Rooms sharing a floor are split by their walls; each storey of two gets a page of the PDF") {
    SceneBuilder builder;
    addStorey(builder, 0.0f, 1);
    addStorey(builder, 3.0f, 2);
    const nav::CollisionWorld world = buildWorld(builder.scene());
    std::vector<plan::RoomSeed> seeds;
    for (float y : {0.0f, 3.0f})
        for (float x : {1.5f, 4.5f}) seeds.push_back({.name = "Room", .floorPoint = {x, y, 2.0f}});
    auto made = plan::makeFloorPlan(world, seeds);
    REQUIRE_MESSAGE(made.has_value(), (made ? "" : made.error().message));
    REQUIRE(made->storeys.size() == 2);
    for (const plan::Storey& storey : made->storeys) {
        CHECK(storey.ceilingY - storey.floorY == doctest::Approx(2.6).epsilon(0.01));
        REQUIRE(storey.rooms.size() == 2);
        for (const plan::PlanRoom& room : storey.rooms) {
            // Inside the walls: 2.7 m by 3.6 m; the 1 cm grid loses a little at the walls' faces.
            INFO(room.area << " m²");
            CHECK(std::abs(room.area - 2.7 * 3.6) < 0.03 * 2.7 * 3.6);
        }
        // The middle wall is filled solid in section; the door beside it is open.
        const plan::HeightMap& map = storey.below;
        auto cell = [&](float x, float z) {
            return std::pair{uint32_t((x - map.origin.x) / map.cellSize), uint32_t((z - map.origin.y) / map.cellSize)};
        };
        auto [wx, wz] = cell(3.0f, 1.0f);
        CHECK(map.wallAt(wx, wz));
        auto [dx, dz] = cell(3.0f, 2.0f);
        CHECK_FALSE(map.wallAt(dx, dz));
    }
    const auto out = testOutputDir() / "plan-two-storeys.pdf";
    auto written = plan::writePlan(*made, {.title = "Two storeys"}, out, plan::PlanFormat::Pdf);
    REQUIRE_MESSAGE(written.has_value(), (written ? "" : written.error().message));
    ProgramRun info = runProgram("pdfinfo '" + out.string() + "' | grep -q '^Pages: *2$'", testOutputDir());
    CHECK(info.exitCode == 0);
}

TEST_CASE("A model with no floor, or no walls at the cut, gets a clear message and no plan") {
    auto none = plan::makeFloorPlan(demo().world, {});
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().message.find("no floor to stand on") != std::string::npos);

    // A floor and nothing standing on it: no walls to cut.
    SceneBuilder builder;
    builder.box("Floor", {-3, -0.1f, -3}, {3, 0, 3});
    const nav::CollisionWorld bare = buildWorld(builder.scene());
    plan::RoomSeed seed{.name = "Field", .floorPoint = {0, 0, 0}};
    auto plan = plan::makeFloorPlan(bare, std::span(&seed, 1));
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().message.find("no walls") != std::string::npos);
}

}  // namespace oh::test
