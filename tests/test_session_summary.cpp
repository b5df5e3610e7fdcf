// Tests for session/: the numbers of a summary from a scripted session (dwell
// per room from 90 Hz frames, pictures opened and viewed, measurements with
// their rooms, the heat map around a held gaze), its JSON, and the one-page
// PNG (size, content, heat over the plan only when there is heat, long lists
// kept on the page), saved whole or not at all. The pages drawn are left in
// build/test-output/session-*.png to be looked at.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "image_compare.h"
#include "session/session_record.h"
#include "session/summary_page.h"

namespace oh::test {
namespace {

namespace fs = std::filesystem;
using session::PictureKind;
using session::PictureRef;
using session::SessionRecord;
using session::SessionSummary;

constexpr float kFrame = 1.0f / 90.0f;

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("oh_test_session_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(path, ignored);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

// `seconds` of 90 Hz frames (the last one shorter, so the sum is exact to a
// float's precision) in `room`, looking at `lookedAt`.
void spend(SessionRecord& record, double seconds, std::optional<uint32_t> room, float floorY = 0.0f,
           std::optional<glm::vec3> lookedAt = std::nullopt) {
    const long frames = long(seconds / kFrame);
    for (long i = 0; i < frames; ++i) record.observe(kFrame, room, floorY, lookedAt);
    const float rest = float(seconds - double(frames) * double(kFrame));
    if (rest > 0.0f) record.observe(rest, room, floorY, lookedAt);
}

const session::RoomTime* roomNamed(const SessionSummary& summary, const std::string& name) {
    for (const auto& room : summary.rooms)
        if (room.name == name) return &room;
    return nullptr;
}

nav::Measurement tape(glm::vec3 from, glm::vec3 to, nav::MeasureConstraint constraint, nav::MeasureRule rule) {
    return {.from = from, .to = to, .metres = glm::distance(from, to), .rule = rule, .constraint = constraint};
}

const std::vector<std::string> kRooms = {"Living room", "Kitchen", "Bedroom", "Bathroom", "Balcony"};

// A white 400 x 300 plan with an 8 x 5.5 m grey flat at 40 px/m, from (40, 40).
struct SyntheticPlan {
    RgbaImage picture;
    std::vector<plan::StoreyPlacement> storeys;
    SyntheticPlan() {
        picture = {400, 300, std::vector<uint8_t>(400 * 300 * 4, 255)};
        for (uint32_t y = 40; y < 260; ++y)
            for (uint32_t x = 40; x < 360; ++x) {
                uint8_t* p = &picture.pixels[(size_t(y) * 400 + x) * 4];
                const bool wall = x < 44 || x >= 356 || y < 44 || y >= 256;
                p[0] = p[1] = p[2] = wall ? 60 : 205;
            }
        storeys.push_back({.origin = {40.0f, 40.0f}, .pixelsPerMetre = 40.0f, .floorY = 0.0f, .min = {0.0f, 0.0f},
                           .max = {8.0f, 5.5f}});
    }
    session::PlanBackdrop backdrop() const { return {&picture, storeys}; }
};

// A visit as the viewer would record it: rooms, pictures, measurements and a
// gaze that rests on a few places.
SessionSummary scriptedVisit() {
    using namespace std::chrono;
    const auto start = system_clock::now() - minutes(14);
    SessionRecord record("Mannerheimintie 12 B 34, Helsinki", kRooms, start);
    spend(record, 130.0, 0, 0.0f, glm::vec3(2.0f, 1.0f, 2.5f));
    spend(record, 60.0, 0, 0.0f, glm::vec3(2.6f, 0.8f, 3.4f));
    record.showing(PictureRef{PictureKind::Photo, 3, "Kitchen towards the window"});
    spend(record, 25.0, 1, 0.0f);
    record.showing(std::nullopt);
    spend(record, 95.0, 1, 0.0f, glm::vec3(6.2f, 1.1f, 1.4f));
    record.measured(tape({5.0f, 1.0f, 0.2f}, {5.0f, 1.0f, 4.0f}, nav::MeasureConstraint::Horizontal,
                         nav::MeasureRule::SquareToSurface),
                    1);
    record.showing(PictureRef{PictureKind::Panorama, 0, "Living room, evening"});
    spend(record, 48.0, 0);
    record.showing(PictureRef{PictureKind::Photo, 3, "Kitchen towards the window"});
    spend(record, 12.0, 1);
    record.showing(std::nullopt);
    spend(record, 180.0, 2, 0.0f, glm::vec3(6.5f, 1.2f, 4.6f));
    record.measured(tape({6.0f, 0.0f, 4.0f}, {6.0f, 2.62f, 4.0f}, nav::MeasureConstraint::Vertical,
                         nav::MeasureRule::Plumb),
                    2);
    spend(record, 70.0, 3, 0.0f, glm::vec3(1.2f, 1.0f, 4.8f));
    spend(record, 20.0, std::nullopt, 0.0f, glm::vec3(3.9f, 1.0f, 2.9f));
    record.measured(tape({1.0f, 0.9f, 4.5f}, {1.87f, 0.9f, 4.5f}, nav::MeasureConstraint::Free,
                         nav::MeasureRule::Straight),
                    std::nullopt);
    return record.summary(start + seconds(long(record.seconds())));
}

bool heatColoured(const uint8_t* p) { return p[0] > 150 && p[0] - p[2] > 80 && p[0] - p[1] > 40; }

size_t heatPixels(const RgbaImage& page, glm::ivec2 lo, glm::ivec2 hi) {
    size_t count = 0;
    for (int y = std::max(lo.y, 0); y < std::min(hi.y, int(page.height)); ++y)
        for (int x = std::max(lo.x, 0); x < std::min(hi.x, int(page.width)); ++x)
            if (heatColoured(&page.pixels[(size_t(y) * page.width + size_t(x)) * 4])) ++count;
    return count;
}

const uint8_t* pixelAt(const RgbaImage& page, glm::vec2 at) {
    return &page.pixels[(size_t(at.y) * page.width + size_t(at.x)) * 4];
}

// The page pixel of model point (x, z) on storey `storey` of the plan.
glm::vec2 onPage(const session::PlanBackdrop& plan, size_t storey, glm::vec2 xz) {
    const session::PlanOnPage placed = session::planOnPage(plan);
    const plan::StoreyPlacement& s = plan.storeys[storey];
    return placed.offset + (s.origin + xz * s.pixelsPerMetre) * placed.scale;
}

void keep(const std::string& name, const RgbaImage& page) {
    const fs::path file = testOutputDir() / ("session-" + name + ".png");
    CHECK_MESSAGE(writePng(file, page).has_value(), file.string());
}

TEST_CASE("dwell per room sums exactly from 90 Hz frames, with time outside every room as Elsewhere, last") {
    SessionRecord record("Flat", {"Living room", "Kitchen", "Sauna"});
    spend(record, 3.2, 0);
    spend(record, 1.7, std::nullopt);
    spend(record, 5.05, 1);
    spend(record, 0.4, 7);  // past the rooms: outside every room too
    const SessionSummary summary = record.summary();
    REQUIRE(summary.rooms.size() == 4);
    CHECK(summary.rooms[0].name == "Living room");
    CHECK(std::abs(summary.rooms[0].seconds - 3.2) < 1e-6);
    CHECK(summary.rooms[1].name == "Kitchen");
    CHECK(std::abs(summary.rooms[1].seconds - 5.05) < 1e-6);
    CHECK(summary.rooms[2].name == "Sauna");
    CHECK(summary.rooms[2].seconds == 0.0);
    CHECK(summary.rooms[3].name == "Elsewhere");
    CHECK(std::abs(summary.rooms[3].seconds - 2.1) < 1e-6);
    CHECK(std::abs(record.seconds() - 10.35) < 1e-6);
    CHECK(summary.seconds == record.seconds());
}

TEST_CASE("a session spent only in rooms has no Elsewhere entry") {
    SessionRecord record("Flat", {"Living room"});
    spend(record, 2.0, 0);
    const SessionSummary summary = record.summary();
    REQUIRE(summary.rooms.size() == 1);
    CHECK(roomNamed(summary, "Elsewhere") == nullptr);
}

TEST_CASE("zero, negative and non-finite frame times are ignored") {
    SessionRecord record("Flat", {"Living room"});
    record.showing(PictureRef{PictureKind::Photo, 0, "Hall"});
    for (float dt : {0.0f, -0.5f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                     -std::numeric_limits<float>::infinity()})
        record.observe(dt, 0, 0.0f, glm::vec3(1.0f));
    CHECK(record.seconds() == 0.0);
    const SessionSummary summary = record.summary();
    CHECK(summary.rooms[0].seconds == 0.0);
    REQUIRE(summary.pictures.size() == 1);
    CHECK(summary.pictures[0].seconds == 0.0);
    CHECK(summary.heat.empty());
    record.observe(0.25f, 0, 0.0f, std::nullopt);
    CHECK(record.seconds() == doctest::Approx(0.25));
}

TEST_CASE("a picture shown over many frames counts one opening and its seconds; reopening it counts two") {
    SessionRecord record("Flat", {"Living room"});
    const PictureRef kitchen{PictureKind::Photo, 2, "Kitchen"};
    const PictureRef view{PictureKind::Panorama, 0, "View from the balcony"};
    for (int i = 0; i < 90; ++i) {
        record.showing(kitchen);  // the viewer says what it shows every frame
        record.observe(kFrame, 0, 0.0f, std::nullopt);
    }
    record.showing(std::nullopt);
    spend(record, 2.0, 0);  // back in the model: no picture accrues
    record.showing(view);
    spend(record, 0.5, 0);
    record.showing(kitchen);  // straight from one picture to another
    spend(record, 0.75, 0);
    const SessionSummary summary = record.summary();
    REQUIRE(summary.pictures.size() == 2);
    CHECK(summary.pictures[0].picture == kitchen);  // first-opened order
    CHECK(summary.pictures[0].opened == 2);
    CHECK(std::abs(summary.pictures[0].seconds - 1.75) < 1e-6);
    CHECK(summary.pictures[1].picture == view);
    CHECK(summary.pictures[1].opened == 1);
    CHECK(std::abs(summary.pictures[1].seconds - 0.5) < 1e-6);
}

TEST_CASE("measurements are listed in order with the rooms they were taken in") {
    SessionRecord record("Flat", {"Living room", "Kitchen"});
    const auto wall = tape({0, 1, 0}, {3.8f, 1, 0}, nav::MeasureConstraint::Horizontal, nav::MeasureRule::SquareToSurface);
    const auto height = tape({0, 0, 0}, {0, 2.6f, 0}, nav::MeasureConstraint::Vertical, nav::MeasureRule::Plumb);
    record.measured(wall, 1);
    record.measured(height, std::nullopt);
    record.measured(height, 9);
    const SessionSummary summary = record.summary();
    REQUIRE(summary.measurements.size() == 3);
    CHECK(summary.measurements[0].room == "Kitchen");
    CHECK(summary.measurements[0].measurement.metres == doctest::Approx(3.8f));
    CHECK(summary.measurements[0].measurement.rule == nav::MeasureRule::SquareToSurface);
    CHECK(summary.measurements[1].room.empty());
    CHECK(summary.measurements[2].room.empty());
}

TEST_CASE("a gaze held on one point makes the hottest cell contain it, intensity 1, fading with distance") {
    SessionRecord record("Flat", {"Living room"});
    const glm::vec3 point(1.3f, 1.1f, 2.1f);
    spend(record, 5.0, 0, 0.02f, point);
    spend(record, 1.0, 0, 0.02f, std::nullopt);  // at the sky: no heat
    const SessionSummary summary = record.summary();
    REQUIRE(!summary.heat.empty());
    const float cell = summary.heatCellMetres;
    CHECK(cell == SessionRecord::kHeatCellMetres);
    auto hottest = std::max_element(summary.heat.begin(), summary.heat.end(),
                                    [](const auto& a, const auto& b) { return a.intensity < b.intensity; });
    CHECK(std::abs(hottest->centre.x - point.x) <= cell / 2.0f);
    CHECK(std::abs(hottest->centre.y - point.z) <= cell / 2.0f);
    CHECK(hottest->intensity == doctest::Approx(1.0f));
    CHECK(std::abs(hottest->seconds - 5.0) < 1e-6);
    CHECK(hottest->floorY == doctest::Approx(0.02f));
    // Intensity falls with distance from the hot cell; only it has time of its own.
    std::vector<std::pair<float, float>> byDistance;
    for (const auto& heat : summary.heat) {
        if (&heat != &*hottest) CHECK(heat.seconds == 0.0);
        CHECK(heat.intensity > 0.02f);
        byDistance.emplace_back(glm::distance(heat.centre, hottest->centre), heat.intensity);
    }
    CHECK(byDistance.size() > 8);  // a blob, not a dot
    for (const auto& [d1, i1] : byDistance)
        for (const auto& [d2, i2] : byDistance) {
            if (d1 < d2 - 1e-4f) CHECK(i1 > i2);
        }
    for (const auto& [distance, intensity] : byDistance) CHECK(distance < 0.75f);  // radius ~0.5 m
}

TEST_CASE("of two places looked at, the one looked at longer is the hottest; each keeps its storey's floor") {
    SessionRecord record("House", {"Hall", "Loft"});
    spend(record, 2.0, 0, 0.0f, glm::vec3(1.0f, 1.0f, 1.0f));
    spend(record, 6.0, 1, 2.8f, glm::vec3(4.0f, 3.5f, 1.0f));
    const SessionSummary summary = record.summary();
    auto hottest = std::max_element(summary.heat.begin(), summary.heat.end(),
                                    [](const auto& a, const auto& b) { return a.intensity < b.intensity; });
    CHECK(hottest->floorY == doctest::Approx(2.8f));
    CHECK(hottest->centre.x == doctest::Approx(4.125f));
    const auto lower = std::find_if(summary.heat.begin(), summary.heat.end(),
                                    [](const auto& h) { return h.seconds > 0.0 && h.floorY < 1.0f; });
    REQUIRE(lower != summary.heat.end());
    CHECK(lower->intensity == doctest::Approx(1.0f / 3.0f).epsilon(0.01));
}

TEST_CASE("the summary's JSON keeps its keys and numbers through a file") {
    const SessionSummary summary = scriptedVisit();
    TempDir dir;
    const fs::path file = dir.path / "visit.json";
    REQUIRE(session::writeSummaryJson(summary, file).has_value());
    std::ifstream in(file);
    const nlohmann::json json = nlohmann::json::parse(in);
    CHECK(json["format"] == "openhouse-session-summary");
    CHECK(json["version"] == 1);
    CHECK(json["listing"] == summary.listingTitle);
    const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})");
    CHECK(std::regex_match(json["started"].get<std::string>(), iso));
    CHECK(std::regex_match(json["ended"].get<std::string>(), iso));
    CHECK(json["seconds"].get<double>() == summary.seconds);
    REQUIRE(json["rooms"].size() == summary.rooms.size());
    for (size_t i = 0; i < summary.rooms.size(); ++i) {
        CHECK(json["rooms"][i]["name"] == summary.rooms[i].name);
        CHECK(json["rooms"][i]["seconds"].get<double>() == summary.rooms[i].seconds);
    }
    REQUIRE(json["pictures"].size() == 2);
    CHECK(json["pictures"][0] == nlohmann::json{{"kind", "photo"}, {"index", 3}, {"name", "Kitchen towards the window"},
                                                {"opened", 2}, {"seconds", summary.pictures[0].seconds}});
    CHECK(json["pictures"][1]["kind"] == "panorama");
    REQUIRE(json["measurements"].size() == 3);
    const nlohmann::json& wall = json["measurements"][0];
    CHECK(wall["label"] == "380 cm");
    CHECK(wall["metres"].get<float>() == summary.measurements[0].measurement.metres);
    CHECK(wall["constraint"] == "level");
    CHECK(wall["squareToSurface"] == true);
    CHECK(wall["from"] == nlohmann::json{5.0, 1.0, 0.2f});
    CHECK(wall["to"] == nlohmann::json{5.0, 1.0, 4.0});
    CHECK(wall["room"] == "Kitchen");
    CHECK(json["measurements"][1]["constraint"] == "plumb");
    CHECK(json["measurements"][1]["squareToSurface"] == false);
    CHECK(json["measurements"][2]["constraint"] == "free");
    CHECK(json["measurements"][2]["room"] == "");
    CHECK(json["heatMap"]["cellMetres"].get<float>() == 0.25f);
    const nlohmann::json& cells = json["heatMap"]["cells"];
    REQUIRE(cells.size() == summary.heat.size());
    for (size_t i = 0; i < summary.heat.size(); ++i) {
        CHECK(cells[i]["x"].get<float>() == summary.heat[i].centre.x);
        CHECK(cells[i]["z"].get<float>() == summary.heat[i].centre.y);
        CHECK(cells[i]["floorY"].get<float>() == summary.heat[i].floorY);
        CHECK(cells[i]["seconds"].get<double>() == summary.heat[i].seconds);
        CHECK(cells[i]["intensity"].get<float>() == summary.heat[i].intensity);
    }
}

TEST_CASE("durations read as people say them") {
    CHECK(session::formatDuration(45.0) == "45 s");
    CHECK(session::formatDuration(725.0) == "12 min 05 s");
    CHECK(session::formatDuration(59.6) == "1 min 00 s");
    CHECK(session::formatDuration(3725.0) == "1 h 02 min");
    CHECK(session::formatDuration(0.2) == "0 s");
    CHECK(session::formatDuration(-3.0) == "0 s");
    CHECK(session::formatDuration(std::numeric_limits<double>::quiet_NaN()) == "0 s");
}

TEST_CASE("heat colours run from transparent through yellow and orange to red") {
    CHECK(session::heatColour(0.0f).a == 0.0f);
    CHECK(session::heatColour(-1.0f).a == 0.0f);
    CHECK(session::heatColour(std::numeric_limits<float>::quiet_NaN()).a == 0.0f);
    const glm::vec4 low = session::heatColour(0.2f), mid = session::heatColour(0.5f), high = session::heatColour(1.0f);
    CHECK(low.g > mid.g);  // yellow, then orange, then red: green drains away
    CHECK(mid.g > high.g);
    CHECK(high.r > 0.8f);
    CHECK(high.g < 0.2f);
    CHECK(low.a < mid.a);
    CHECK(mid.a <= high.a);
    CHECK(high.a < 1.0f);  // the plan shows through the hottest spot
}

TEST_CASE("the summary page is an A4 landscape page at 150 dpi with the heat over the plan where the customer looked") {
    const SyntheticPlan plan;
    const SessionSummary summary = scriptedVisit();
    const RgbaImage page = session::drawSummaryPage(summary, plan.backdrop());
    keep("visit", page);
    REQUIRE(page.width == 1754);
    REQUIRE(page.height == 1240);
    REQUIRE(page.pixels.size() == size_t(1754) * 1240 * 4);
    std::set<uint32_t> colours;
    for (size_t i = 0; i < page.pixels.size(); i += 4)
        colours.insert(uint32_t(page.pixels[i]) << 16 | uint32_t(page.pixels[i + 1]) << 8 | page.pixels[i + 2]);
    CHECK(colours.size() > 200);

    // Red where the gaze rested longest (the bedroom's wardrobe), and heat
    // inside the plan's place on the page.
    const auto backdrop = plan.backdrop();
    const uint8_t* hot = pixelAt(page, onPage(backdrop, 0, {6.5f, 4.6f}));
    CHECK(heatColoured(hot));
    CHECK(hot[0] > hot[1] + 100);
    const session::PlanOnPage placed = session::planOnPage(backdrop);
    REQUIRE(placed.scale > 1.0f);
    const glm::ivec2 lo(placed.offset), hi(placed.offset + glm::vec2(400.0f, 300.0f) * placed.scale);
    CHECK(heatPixels(page, lo, hi) > 2000);
    // Not where nobody looked (the flat's far corner).
    CHECK(!heatColoured(pixelAt(page, onPage(backdrop, 0, {7.6f, 0.3f}))));
}

TEST_CASE("a page with no heat shows no heat colours, and a page with no plan leaves the heat map out") {
    const SyntheticPlan plan;
    SessionSummary summary = scriptedVisit();
    const std::vector<session::HeatCell> heat = summary.heat;
    summary.heat.clear();
    const RgbaImage noHeat = session::drawSummaryPage(summary, plan.backdrop());
    keep("no-heat", noHeat);
    CHECK(heatPixels(noHeat, {0, 0}, {1754, 1240}) == 0);

    summary.heat = heat;
    const RgbaImage noPlan = session::drawSummaryPage(summary, {});
    keep("no-plan", noPlan);
    CHECK(noPlan.width == 1754);
    CHECK(heatPixels(noPlan, {0, 0}, {1754, 1240}) == 0);
    CHECK(session::planOnPage({}).scale == 0.0f);

    const SessionSummary empty = SessionRecord("Empty flat", {}).summary();
    const RgbaImage emptyPage = session::drawSummaryPage(empty, plan.backdrop());
    keep("empty", emptyPage);
    CHECK(heatPixels(emptyPage, {0, 0}, {1754, 1240}) == 0);
}

TEST_CASE("heat is drawn on the storey the customer stood on") {
    // Two storeys one above the other in the picture: the ground floor on
    // top, the upper floor (2.8 m) below it.
    SyntheticPlan plan;
    plan.picture = {400, 560, std::vector<uint8_t>(400 * 560 * 4, 255)};
    plan.storeys = {{.origin = {40.0f, 20.0f}, .pixelsPerMetre = 40.0f, .floorY = 0.0f, .max = {8.0f, 6.0f}},
                    {.origin = {40.0f, 300.0f}, .pixelsPerMetre = 40.0f, .floorY = 2.8f, .max = {8.0f, 6.0f}}};
    SessionRecord record("House", {"Loft"});
    spend(record, 10.0, 0, 2.75f, glm::vec3(3.0f, 4.0f, 3.0f));  // on the upper floor, a little below its level
    const RgbaImage page = session::drawSummaryPage(record.summary(), plan.backdrop());
    keep("two-storeys", page);
    CHECK(heatColoured(pixelAt(page, onPage(plan.backdrop(), 1, {3.0f, 3.0f}))));
    CHECK(!heatColoured(pixelAt(page, onPage(plan.backdrop(), 0, {3.0f, 3.0f}))));
}

TEST_CASE("long lists of rooms, pictures and measurements stay on the page") {
    std::vector<std::string> rooms;
    for (int i = 0; i < 40; ++i) rooms.push_back("Room number " + std::to_string(i + 1) + " with a rather long name indeed");
    SessionRecord record(std::string(200, 'A'), rooms);
    for (uint32_t i = 0; i < 40; ++i) spend(record, 5.0 + i, i);
    for (uint32_t i = 0; i < 30; ++i) {
        record.showing(PictureRef{i % 2 ? PictureKind::Panorama : PictureKind::Photo, i,
                                  "A picture with a very long name that would run off the page " + std::to_string(i)});
        spend(record, 1.0, 0);
    }
    for (uint32_t i = 0; i < 25; ++i)
        record.measured(tape({0, 0, 0}, {1.0f + 0.1f * float(i), 0, 0}, nav::MeasureConstraint::Horizontal,
                             nav::MeasureRule::SquareToSurface),
                        i);
    const SyntheticPlan plan;
    const RgbaImage page = session::drawSummaryPage(record.summary(), plan.backdrop());
    keep("long-lists", page);
    // The band between the lists and the footer's rule stays white.
    for (uint32_t y = 1114; y < 1146; ++y)
        for (uint32_t x = 0; x < page.width; ++x) {
            const uint8_t* p = &page.pixels[(size_t(y) * page.width + x) * 4];
            if (p[0] != 255 || p[1] != 255 || p[2] != 255) {
                FAIL("ink at (" << x << ", " << y << ") between the lists and the footer");
                return;
            }
        }
}

TEST_CASE("saveSummary writes the JSON and the PNG side by side, creating the folder") {
    TempDir dir;
    const SyntheticPlan plan;
    const SessionSummary summary = scriptedVisit();
    const fs::path stem = dir.path / "summaries" / "visit-2026-12-02";
    const Status saved = session::saveSummary(summary, plan.backdrop(), stem);
    REQUIRE_MESSAGE(saved.has_value(), (saved ? "" : saved.error().message));
    auto png = readPng(dir.path / "summaries" / "visit-2026-12-02.png");
    REQUIRE(png.has_value());
    CHECK(png->width == 1754);
    CHECK(png->height == 1240);
    std::ifstream in(dir.path / "summaries" / "visit-2026-12-02.json");
    CHECK(nlohmann::json::parse(in)["listing"] == summary.listingTitle);
    CHECK(std::distance(fs::directory_iterator(stem.parent_path()), fs::directory_iterator()) == 2);
}

TEST_CASE("a save into an unwritable place fails naming the file and leaves no partial file") {
    TempDir dir;
    const SyntheticPlan plan;
    const SessionSummary summary = scriptedVisit();

    // Under a regular file: no folder can be made there.
    const fs::path blocker = dir.path / "blocker";
    std::ofstream(blocker) << "not a folder";
    const Status underFile = session::saveSummary(summary, plan.backdrop(), blocker / "visit");
    REQUIRE(!underFile.has_value());
    CHECK(underFile.error().message.find((blocker / "visit.json").string()) != std::string::npos);
    CHECK(fs::is_regular_file(blocker));

    // The JSON goes in but the PNG cannot (a folder stands in its place):
    // the JSON is taken back, so the save leaves nothing half done.
    fs::create_directories(dir.path / "taken" / "visit.png");
    const Status half = session::saveSummary(summary, plan.backdrop(), dir.path / "taken" / "visit");
    REQUIRE(!half.has_value());
    CHECK(half.error().message.find((dir.path / "taken" / "visit.png").string()) != std::string::npos);
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(dir.path / "taken")) left.push_back(entry.path().filename().string());
    CHECK(left == std::vector<std::string>{"visit.png"});
    CHECK(fs::is_empty(dir.path / "taken" / "visit.png"));

    // writeSummaryJson alone, into a folder that does not exist.
    const Status json = session::writeSummaryJson(summary, dir.path / "missing" / "visit.json");
    REQUIRE(!json.has_value());
    CHECK(json.error().message.find("visit.json") != std::string::npos);
}

}  // namespace
}  // namespace oh::test
