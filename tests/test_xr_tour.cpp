// The headset tour through the standard OpenXR loader and the project's
// simulated headset (tests/xr_sim), in a virtual X server for the agent's
// mirror, on lavapipe: Vulkan validation and Debian's OpenXR core validation
// layer on (any message fails the run). Scripts drive the head, controllers
// and headset events; the runtime writes what was submitted per eye.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/constants.hpp>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "navigation/collision_world.h"
#include "navigation/measure.h"
#include "navigation/teleport.h"
#include "image_compare.h"
#include "openhouse_runner.h"
#include "scene/gltf_import.h"
#include "rooms/rooms.h"
#include "viewer/tour/tour_spots.h"

namespace oh::test {
namespace {

using nlohmann::json;

const std::string kDemo = std::string(OH_BINARY_DIR) + "/scenes/demo-apartment.glb";
const std::string kDemoTour = std::string(OH_BINARY_DIR) + "/scenes/demo-listing.tour";
const std::string kPanoramaTour = std::string(OH_BINARY_DIR) + "/scenes/demo-panoramas.tour";
constexpr float kStandingHead = 1.65f;  // the simulated head's height above the real floor

struct Pose {
    glm::vec3 feet{0.0f}, eye{0.0f};
    float yaw = 0.0f;
    int seated = -1, teleports = -1, turns = -1;
};

struct Stats {
    int frames = -1, sessions = -1, reconnects = -1;
    float cpuMedianMs = -1.0f, firstTrackedSeconds = -1.0f;
};

struct TourRun {
    Run run;
    std::filesystem::path out;  // the simulated runtime's logs and captures
    Pose pose;
    Stats stats;
    std::string room;  // where the panels say the customer is ("room Kitchen" after the pose)
    std::string picture;  // what the customer sees besides the model ("panorama 2", "photo 0", "-")
    std::string label;  // what the room label low in the view shows ("Kitchen", "Kitchen · 360° view"; "-": none)
    std::string pointer;  // where the agent's marker stands ("x y z"; "-": none)
    std::string coreValidation;  // what the OpenXR core validation layer wrote, if anything

    std::vector<json> lines(const char* file) const {
        std::vector<json> result;
        std::ifstream in(out / file);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) result.push_back(json::parse(line));
        return result;
    }
};

std::string xrEnvironment(const std::filesystem::path& folder) { return xrSimEnvironment(OH_XR_SIM_MANIFEST, folder); }

TourRun runTour(const std::string& name, const json& config, int frames, const std::string& arguments = "",
                const std::string& input = kDemo) {
    TourRun tour;
    std::filesystem::path folder = freshOutput(name);
    std::filesystem::create_directories(folder);
    json script = config;
    if (!script.contains("resolution")) script["resolution"] = {160, 176};  // small: lavapipe draws on the CPU
    std::ofstream(folder / "config.json") << script.dump(2);
    tour.out = folder / "sim";
    // The mirror small, unless the test clicks its windows.
    const std::string window = arguments.find("--window ") == std::string::npos ? " --window 320x200" : "";
    tour.run = openhouse(quoted(input) + " --xr" + window + " --print-pose --print-stats --frames " +
                             std::to_string(frames) + " " + arguments,
                         xrEnvironment(folder));
    std::istringstream lines(tour.run.output);
    for (std::string line; std::getline(lines, line);) {
        Pose& p = tour.pose;
        std::sscanf(line.c_str(), "xr feet %f %f %f eye %f %f %f yaw %f seated %d teleports %d turns %d", &p.feet.x,
                    &p.feet.y, &p.feet.z, &p.eye.x, &p.eye.y, &p.eye.z, &p.yaw, &p.seated, &p.teleports, &p.turns);
        if (line.rfind("room ", 0) == 0) tour.room = line.substr(5);
        if (line.rfind("picture ", 0) == 0) tour.picture = line.substr(8);
        if (line.rfind("label ", 0) == 0) tour.label = line.substr(6);
        if (line.rfind("pointer ", 0) == 0) tour.pointer = line.substr(8);
        Stats& s = tour.stats;
        std::sscanf(line.c_str(), "headset frames %d cpu-median-ms %f first-tracked-frame-s %f sessions %d reconnects %d",
                    &s.frames, &s.cpuMedianMs, &s.firstTrackedSeconds, &s.sessions, &s.reconnects);
    }
    std::ifstream validation(folder / "core-validation.txt");
    tour.coreValidation.assign(std::istreambuf_iterator<char>(validation), std::istreambuf_iterator<char>());
    return tour;
}

// Every run: a clean exit (validation messages would make it 5), nothing from
// the core validation layer, the whole script shown.
void requireClean(const TourRun& tour, int frames) {
    INFO("output: " << tour.run.output);
    REQUIRE(tour.run.exitCode == 0);
    CHECK(tour.coreValidation.empty());
    CHECK(tour.stats.frames == frames);
}

json key(int frame, glm::vec3 position, float yawDegrees, float pitchDegrees = 0.0f) {
    return {{"frame", frame},
            {"position", {position.x, position.y, position.z}},
            {"yawDegrees", yawDegrees},
            {"pitchDegrees", pitchDegrees}};
}

json stick(int frame, const char* hand, float x, float y) {
    return {{"frame", frame}, {"path", std::string("/user/hand/") + hand + "/input/thumbstick"}, {"value", {x, y}}};
}

// Controllers out of sight (below the floor), so their lasers stay out of pictures.
json handsAway() {
    return {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", {key(0, {0.2f, -3.0f, 0.0f}, 0.0f)}}};
}

// What the viewer computes at start, computed here the same way.
struct Demo {
    scene::Scene scene;
    nav::CollisionWorld world;
    nav::WalkerParams params;
    viewer::TourSpot start;
    rooms::TourRooms rooms;  // found from its floors, as the panels list them
};

const Demo& demo() {
    static Demo d = [] {
        Demo result;
        gltf::ImportOptions options;
        options.loadImages = false;
        auto imported = gltf::importFile(kDemo, options);
        REQUIRE(imported.has_value());
        result.scene = std::move(imported->scene);
        auto world = nav::buildCollisionWorld(result.scene);
        REQUIRE(world.has_value());
        result.world = std::move(world.value());
        auto start = viewer::tourStart(result.scene, result.world, result.params);
        REQUIRE(start.has_value());
        result.start = *start;
        result.rooms = rooms::tourRooms(result.scene, &result.world, {}, result.params);
        return result;
    }();
    return d;
}

// Reference (STAGE) space to the model at start: the head (at the stage's
// origin, facing -Z) stands over the start spot facing its direction.
glm::vec3 toWorld(const glm::vec3& stagePoint, bool direction = false) {
    const viewer::TourSpot& start = demo().start;
    float c = std::cos(start.yawRadians), s = std::sin(start.yawRadians);
    glm::vec3 turned(c * stagePoint.x + s * stagePoint.z, stagePoint.y, -s * stagePoint.x + c * stagePoint.z);
    if (direction) return turned;
    return turned + glm::vec3(start.walker.feet.x, start.walker.feet.y - demo().params.skin, start.walker.feet.z);
}

// The aim direction of a controller key: down -Z turned by yaw (left) and pitch (up).
glm::vec3 aimDirection(float yawDegrees, float pitchDegrees) {
    float yaw = glm::radians(yawDegrees), pitch = glm::radians(pitchDegrees);
    return {-std::sin(yaw) * std::cos(pitch), std::sin(pitch), -std::cos(yaw) * std::cos(pitch)};
}

// A controller aim (yaw and pitch in the stage, degrees) whose teleport arc
// from the start spot lands on open floor at least a metre away.
struct Aim {
    glm::vec3 hand{0.2f, 1.2f, -0.3f};  // right hand at chest height, in the stage
    float yaw = 0.0f;
    float pitch = 0.0f;
    nav::TeleportArc arc;
};

Aim openFloorAim() {
    const Demo& d = demo();
    Aim aim;
    for (float pitch : {-25.0f, -15.0f, -35.0f})
        for (int degrees = 0; degrees < 360; degrees += 15) {
            nav::TeleportArc arc = nav::traceTeleportArc(d.world, d.params, d.start.walker, toWorld(aim.hand),
                                                         toWorld(aimDirection(float(degrees), pitch), true));
            glm::vec2 hop(arc.landing.feet.x - d.start.walker.feet.x, arc.landing.feet.z - d.start.walker.feet.z);
            if (arc.ok() && glm::length(hop) > 1.0f) {
                aim.yaw = float(degrees);
                aim.pitch = pitch;
                aim.arc = arc;
                return aim;
            }
        }
    FAIL("no open floor to teleport to from the demo's start spot");
    return aim;
}

// Colours (5 bits per channel) in an image: a lit room or a panorama has hundreds, a cleared view one.
int distinctColours(const RgbaImage& image) {
    std::vector<bool> seen(1 << 15, false);
    int count = 0;
    for (size_t p = 0; p + 3 < image.pixels.size(); p += 4) {
        int key = (image.pixels[p] >> 3) << 10 | (image.pixels[p + 1] >> 3) << 5 | (image.pixels[p + 2] >> 3);
        if (!seen[size_t(key)]) ++count, seen[size_t(key)] = true;
    }
    return count;
}

// Horizontal shift (pixels) that best aligns the right eye's image with the
// left's: positive when the left eye sees things further right.
int bestShift(const RgbaImage& left, const RgbaImage& right) {
    int best = 0;
    double bestError = 1e300;
    for (int shift = -24; shift <= 24; ++shift) {
        double error = 0.0;
        uint64_t count = 0;
        for (uint32_t y = left.height / 4; y < left.height * 3 / 4; ++y)
            for (uint32_t x = 32; x + 32 < left.width; ++x) {
                uint32_t xr = uint32_t(int(x) - shift);
                for (int c = 0; c < 3; ++c)
                    error += std::abs(int(left.pixels[(y * left.width + x) * 4 + c]) -
                                      int(right.pixels[(y * right.width + xr) * 4 + c]));
                ++count;
            }
        error /= double(count);
        if (error < bestError) {
            bestError = error;
            best = shift;
        }
    }
    return best;
}

TEST_CASE("both eyes are drawn, from the poses submitted, with the parallax of the IPD") {
    json config = {{"ipd", 0.2},  // wide, so the parallax is several pixels at 160 px per eye
                   {"fovDegrees", {{"left", -45}, {"right", 45}, {"up", 45}, {"down", -45}}},
                   {"controllers", handsAway()},
                   {"captureFrames", {6}}};
    TourRun tour = runTour("xr-stereo", config, 8);
    requireClean(tour, 8);
    // The submitted views: two, in STAGE, the eyes the IPD apart.
    std::vector<json> frames = tour.lines("frames.jsonl");
    REQUIRE(frames.size() >= 8);
    const json& layer = frames[6]["layers"][0];
    REQUIRE(layer["views"].size() == 2);
    CHECK(layer["space"] == "STAGE");
    float leftX = layer["views"][0]["pose"]["position"][0], rightX = layer["views"][1]["pose"]["position"][0];
    CHECK(rightX - leftX == doctest::Approx(0.2).epsilon(1e-4));
    CHECK(layer["views"][0]["arrayIndex"] == 0);
    CHECK(layer["views"][1]["arrayIndex"] == 1);
    // Depth goes with each eye (the simulated runtime offers XR_KHR_composition_layer_depth).
    for (const json& view : layer["views"]) {
        REQUIRE(view["depth"].is_object());
        CHECK(view["depth"]["swapchain"] != view["swapchain"]);
        CHECK(float(view["depth"]["nearZ"]) > 0.0f);
        CHECK(float(view["depth"]["farZ"]) > float(view["depth"]["nearZ"]));
    }

    RgbaImage left = readImage(tour.out / "frame-6-left.png");
    RgbaImage right = readImage(tour.out / "frame-6-right.png");
    REQUIRE(left.width == 160);
    // A lit room, not a cleared image: many distinct colours in each eye.
    CHECK(distinctColours(left) > 200);
    CHECK(distinctColours(right) > 200);
    // Things 2-6 m away shift by focal * ipd / depth = 80 * 0.2 / depth: 3-8 px,
    // the left eye seeing them further right.
    int shift = bestShift(left, right);
    CHECK(shift >= 2);
    CHECK(shift <= 10);

    // A runtime that takes one swapchain per eye sees the same pictures, each
    // eye in its own swapchain (without depth: ours comes as one 2-layer image).
    json perEye = config;
    perEye["arraySwapchains"] = false;
    TourRun separate = runTour("xr-stereo-per-eye", perEye, 8);
    requireClean(separate, 8);
    std::vector<json> separateFrames = separate.lines("frames.jsonl");
    REQUIRE(separateFrames.size() >= 8);
    const json& separateLayer = separateFrames[6]["layers"][0];
    CHECK(separateLayer["views"][0]["swapchain"] != separateLayer["views"][1]["swapchain"]);
    CHECK(separateLayer["views"][1]["arrayIndex"] == 0);
    CHECK(separateLayer["views"][0]["depth"].is_null());
    CHECK(readImage(separate.out / "frame-6-left.png").pixels == left.pixels);
    CHECK(readImage(separate.out / "frame-6-right.png").pixels == right.pixels);

    // The same head with the eyes together: no parallax, the same picture.
    config["ipd"] = 0.0;
    TourRun together = runTour("xr-stereo-no-ipd", config, 8);
    requireClean(together, 8);
    CHECK(bestShift(readImage(together.out / "frame-6-left.png"), readImage(together.out / "frame-6-right.png")) == 0);
}

TEST_CASE("a teleport lands where the arc says, and an arc into a wall takes nobody anywhere") {
    const Demo& d = demo();
    Aim aim = openFloorAim();
    glm::vec3 hand = aim.hand;
    const nav::TeleportArc& expected = aim.arc;
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", {key(0, hand, aim.yaw, aim.pitch)}}}},
                   {"input", {stick(10, "right", 0.0f, 1.0f), stick(20, "right", 0.0f, 0.0f)}}};
    TourRun tour = runTour("xr-teleport", config, 60);
    requireClean(tour, 60);
    CHECK(tour.pose.teleports == 1);
    CHECK(tour.pose.turns == 0);
    CHECK(std::abs(tour.pose.feet.x - expected.landing.feet.x) < 0.05f);
    CHECK(std::abs(tour.pose.feet.z - expected.landing.feet.z) < 0.05f);
    CHECK(std::abs(tour.pose.feet.y - expected.landing.feet.y) < 0.05f);
    // Facing the way the controller pointed (the stick was pushed straight forward).
    CHECK(std::abs(std::remainder(tour.pose.yaw - glm::degrees(d.start.yawRadians) - aim.yaw, 360.0f)) < 1.0f);
    // The eye arrives at standing height above the new spot.
    CHECK(tour.pose.eye.y - tour.pose.feet.y == doctest::Approx(kStandingHead).epsilon(0.01));

    // A direction with a wall within reach: the arc stops there, refused.
    float wallYaw = 0.0f;
    bool found = false;
    for (int degrees = 0; degrees < 360 && !found; degrees += 10) {
        glm::vec3 direction = toWorld(aimDirection(float(degrees), 0.0f), true);
        auto hit = nav::raycast(d.world, nav::RayQuery{toWorld(hand), direction, 1.5f});
        nav::TeleportArc arc = nav::traceTeleportArc(d.world, d.params, d.start.walker, toWorld(hand), direction);
        if (hit && !nav::walkable(hit->normal, d.params.maxSlopeDegrees) && !arc.ok()) {
            wallYaw = float(degrees);
            found = true;
        }
    }
    REQUIRE_MESSAGE(found, "no wall within 1.5 m of the start spot");
    config["controllers"]["right"] = {key(0, hand, wallYaw, 0.0f)};
    TourRun refused = runTour("xr-teleport-wall", config, 60);
    requireClean(refused, 60);
    CHECK(refused.pose.teleports == 0);
    CHECK(std::abs(refused.pose.feet.x - d.start.walker.feet.x) < 0.01f);
    CHECK(std::abs(refused.pose.feet.z - d.start.walker.feet.z) < 0.01f);
}

TEST_CASE("snap turn turns by its step about the head, once per flick") {
    json config = {{"controllers", handsAway()},
                   {"input", {stick(10, "right", 1.0f, 0.0f), stick(16, "right", 0.0f, 0.0f),
                              stick(20, "right", 1.0f, 0.0f), stick(26, "right", 0.0f, 0.0f)}}};
    TourRun tour = runTour("xr-snap-turn", config, 30, "--snap-turn 45");
    requireClean(tour, 30);
    CHECK(tour.pose.turns == 2);
    CHECK(tour.pose.teleports == 0);
    // Right is clockwise seen from above: yaw goes down.
    float turned = std::remainder(tour.pose.yaw - glm::degrees(demo().start.yawRadians), 360.0f);
    CHECK(turned == doctest::Approx(-90.0f).epsilon(0.01));
    // The head stayed where it was.
    CHECK(std::abs(tour.pose.eye.x - demo().start.walker.feet.x) < 0.01f);
    CHECK(std::abs(tour.pose.eye.z - demo().start.walker.feet.z) < 0.01f);
}

TEST_CASE("seated mode raises a seated customer's view to standing eye height") {
    float seatedHead = 1.15f;
    json config = {{"controllers", handsAway()}, {"headPose", {key(0, {0.0f, seatedHead, 0.0f}, 0.0f)}}};
    TourRun sitting = runTour("xr-sitting", config, 12);
    requireClean(sitting, 12);
    CHECK(sitting.pose.seated == 0);
    CHECK(sitting.pose.eye.y - sitting.pose.feet.y == doctest::Approx(seatedHead).epsilon(0.01));

    // The agent presses T on the mirror.
    TourRun seated = runTour("xr-seated", config, 12, "--input-script " + quoted("press 4 T"));
    requireClean(seated, 12);
    CHECK(seated.pose.seated == 1);
    CHECK(seated.pose.eye.y - seated.pose.feet.y == doctest::Approx(1.6f).epsilon(0.01));

    // A runtime without a stage (LOCAL space: its origin is where the head
    // started) puts the eyes at standing height whatever the real head's.
    config["stageSpace"] = false;
    TourRun local = runTour("xr-local-space", config, 12);
    requireClean(local, 12);
    CHECK(local.pose.eye.y - local.pose.feet.y == doctest::Approx(1.6f).epsilon(0.01));
}

TEST_CASE("taking the headset off and putting it back on continues the tour where it was") {
    Aim aim = openFloorAim();
    const nav::TeleportArc& expected = aim.arc;
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", {key(0, aim.hand, aim.yaw, aim.pitch)}}}},
                   {"input", {stick(5, "right", 0.0f, 1.0f), stick(10, "right", 0.0f, 0.0f)}},
                   {"events", {{{"frame", 40}, {"type", "headsetRemoved"}, {"durationMs", 400}}}}};
    TourRun tour = runTour("xr-removed", config, 60);
    requireClean(tour, 60);
    CHECK(tour.stats.sessions == 2);
    CHECK(tour.pose.teleports == 1);
    CHECK(std::abs(tour.pose.feet.x - expected.landing.feet.x) < 0.05f);
    CHECK(std::abs(tour.pose.feet.z - expected.landing.feet.z) < 0.05f);
    std::vector<std::string> states;
    for (const json& line : tour.lines("session.jsonl"))
        if (line["event"] == "state") states.push_back(line["state"]);
    std::string sequence;
    for (const std::string& state : states) sequence += state + " ";
    INFO(sequence);
    CHECK(sequence.find("FOCUSED VISIBLE SYNCHRONIZED STOPPING IDLE READY SYNCHRONIZED VISIBLE FOCUSED") !=
          std::string::npos);
}

TEST_CASE("a lost session and a runtime restart are survived, many times over") {
    json config = {{"controllers", handsAway()},
                   {"events",
                    {{{"frame", 15}, {"type", "sessionLost"}},
                     {{"frame", 30}, {"type", "headsetRemoved"}, {"durationMs", 200}},
                     {{"frame", 45}, {"type", "runtimeGone"}, {"durationMs", 800}},
                     {{"frame", 60}, {"type", "sessionLost"}},
                     {{"frame", 75}, {"type", "runtimeGone"}, {"durationMs", 300}},
                     {{"frame", 90}, {"type", "recenter"}}}}};
    TourRun tour = runTour("xr-cycles", config, 110, "--xr-retry-seconds 0.25");
    requireClean(tour, 110);
    CHECK(tour.stats.sessions == 6);
    CHECK(tour.stats.reconnects == 2);
    // Still standing at the start: nothing moved the customer.
    CHECK(std::abs(tour.pose.feet.x - demo().start.walker.feet.x) < 0.01f);
    CHECK(std::abs(tour.pose.feet.z - demo().start.walker.feet.z) < 0.01f);
}

json button(int frame, const char* path, json value) { return {{"frame", frame}, {"path", path}, {"value", value}}; }

// A right controller key whose laser meets the menu panel at `pixel` (top-left
// origin). The panel opens 0.9 m ahead of the head, 0.25 m below the eyes,
// tilted 0.35 rad up, 0.8 x 0.5 m for 1024 x 640 pixels (xr_tour.cpp), for a
// head at the stage origin looking down -Z.
json aimAtPanel(int frame, glm::vec2 pixel) {
    const float pitch = 0.35f;
    glm::vec3 centre(0.0f, kStandingHead - 0.25f, -0.9f);
    glm::vec3 up(0.0f, std::cos(pitch), -std::sin(pitch));
    glm::vec3 target = centre + glm::vec3(1.0f, 0.0f, 0.0f) * ((pixel.x / 512.0f - 1.0f) * 0.4f) +
                       up * ((1.0f - pixel.y / 320.0f) * 0.25f);
    glm::vec3 hand(0.15f, 1.2f, -0.3f);
    glm::vec3 aim = glm::normalize(target - hand);
    return key(frame, hand, glm::degrees(std::atan2(-aim.x, -aim.z)), glm::degrees(std::asin(aim.y)));
}

TEST_CASE("the menu button opens the panel in front of the customer; the laser and trigger pick a place") {
    // Aimed at panel pixel (300, 474): the list's last room, the kitchen
    // (title, the room line, the tabs (the apartment, its floor plan), the
    // "Rooms" header, then a row every 40 pixels).
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", {aimAtPanel(0, {300.0f, 474.0f})}}}},
                   {"input",
                    {button(5, "/user/hand/right/input/b/click", true), button(6, "/user/hand/right/input/b/click", false),
                     button(12, "/user/hand/right/input/trigger/value", 1.0), button(16, "/user/hand/right/input/trigger/value", 0.0)}},
                   {"captureFrames", {4, 10}}};
    TourRun tour = runTour("xr-panel", config, 40);
    requireClean(tour, 40);

    // The panel appeared where the customer looks: dark, opaque, in the lower middle of the view.
    RgbaImage before = readImage(tour.out / "frame-4-left.png");
    RgbaImage open = readImage(tour.out / "frame-10-left.png");
    int changed = 0, region = 0;
    for (uint32_t y = before.height / 2; y < before.height * 3 / 4; ++y)
        for (uint32_t x = before.width / 3; x < before.width * 2 / 3; ++x, ++region) {
            size_t p = (size_t(y) * before.width + x) * 4;
            int difference = std::abs(int(before.pixels[p]) - int(open.pixels[p])) +
                             std::abs(int(before.pixels[p + 1]) - int(open.pixels[p + 1]));
            if (difference > 60) ++changed;
        }
    CHECK(changed > region / 2);

    // The click sent the customer to the kitchen, standing in its middle, and the panels say so.
    const Demo& d = demo();
    REQUIRE(d.rooms.rooms().size() == 5);
    REQUIRE(d.rooms.rooms()[4].name == "Kitchen");
    auto kitchen = viewer::spotForPlace(d.scene, d.world, d.params, {viewer::TourPlace::Kind::Room, 4}, 0.0f,
                                        d.rooms.rooms());
    REQUIRE(kitchen.has_value());
    INFO("feet " << tour.pose.feet.x << " " << tour.pose.feet.y << " " << tour.pose.feet.z);
    CHECK(glm::length(kitchen->walker.feet - tour.pose.feet) < 0.05f);
    CHECK(tour.room == "Kitchen");
    CHECK(glm::length(tour.pose.feet - d.start.walker.feet) > 1.0f);
    CHECK(tour.pose.teleports == 0);  // not the stick: the panel
}

TEST_CASE("the agent's click on the mirror's floor plan sends the customer there, into the kitchen") {
    // The mirror as large as the desktop's window, its floor plan in the same
    // corner: the kitchen is right of the middle wall, below the bathroom.
    // Four frames a second, so the jump's fade is over by the last frame.
    json config = {{"controllers", handsAway()}, {"displayHz", 4}};
    TourRun tour = runTour("xr-mirror-plan", config, 8,
                           "--window 1280x800 --input-script 'move 3 1105 636; click 4 1105 636'", kDemoTour);
    requireClean(tour, 8);
    CHECK(tour.room == "Kitchen");
    // Inside the kitchen's walls (scenes/demo-apartment.json: x 6..10, z 3.4..7.2).
    INFO("feet " << tour.pose.feet.x << " " << tour.pose.feet.z);
    CHECK(tour.pose.feet.x > 6.2f);
    CHECK(tour.pose.feet.x < 9.8f);
    CHECK(tour.pose.feet.z > 3.6f);
    CHECK(tour.pose.feet.z < 7.0f);
    CHECK(tour.pose.teleports == 0);  // the agent sent them: not their own stick
}

TEST_CASE("the headset panel's Floor plan tab: the laser and trigger on the kitchen take the customer there") {
    // The menu button at 5; the laser on the tab (panel pixel 338, 198) and
    // the trigger at 10; then on the kitchen in the plan (471, 466: right of
    // the middle wall, above the dining table) and the trigger at 20.
    const glm::vec2 tab(338.0f, 198.0f), kitchen(471.0f, 466.0f);
    json right = {aimAtPanel(0, tab), aimAtPanel(14, tab), aimAtPanel(16, kitchen)};
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", right}}},
                   {"input",
                    {button(5, "/user/hand/right/input/b/click", true), button(6, "/user/hand/right/input/b/click", false),
                     button(10, "/user/hand/right/input/trigger/value", 1.0), button(12, "/user/hand/right/input/trigger/value", 0.0),
                     button(20, "/user/hand/right/input/trigger/value", 1.0), button(22, "/user/hand/right/input/trigger/value", 0.0)}}};
    TourRun tour = runTour("xr-panel-plan", config, 50);
    requireClean(tour, 50);
    CHECK(tour.room == "Kitchen");
    INFO("feet " << tour.pose.feet.x << " " << tour.pose.feet.z);
    CHECK(tour.pose.feet.x > 6.2f);  // inside the kitchen's walls (scenes/demo-apartment.json: x 6..10, z 3.4..7.2)
    CHECK(tour.pose.feet.x < 9.8f);
    CHECK(tour.pose.feet.z > 3.6f);
    CHECK(tour.pose.feet.z < 7.0f);
    CHECK(tour.pose.teleports == 0);  // the plan took them, not the stick
}

TEST_CASE("a tour bundle opens in the headset where its model does, and the agent's N key goes to its first room") {
    json config = {{"controllers", handsAway()}};
    TourRun model = runTour("xr-bundle-model", config, 6, "", kDemo);
    TourRun bundled = runTour("xr-bundle", config, 6, "", kDemoTour);
    requireClean(model, 6);
    requireClean(bundled, 6);
    CHECK(glm::length(bundled.pose.feet - model.pose.feet) < 0.05f);
    CHECK(model.room == "Living room");    // found from its floor, "Floor/living"
    CHECK(bundled.room == "Living room");  // the listing's spot there

    // The listing's first room (scenes/demo-listing/listing.json), facing its heading.
    // The jump fades out and in (comfort), so it is done some frames later.
    TourRun jumped = runTour("xr-bundle-room", config, 40, "--input-script 'press 4 N'", kDemoTour);
    requireClean(jumped, 40);
    std::ifstream listingFile(std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json");
    json room = json::parse(listingFile)["spots"][0];
    glm::vec2 roomFloor(room["position"][0].get<float>(), room["position"][2].get<float>());
    INFO("feet " << jumped.pose.feet.x << " " << jumped.pose.feet.z << ", room " << room.dump());
    CHECK(glm::length(glm::vec2(jumped.pose.feet.x, jumped.pose.feet.z) - roomFloor) < 0.05f);
    // The listing's heading turns clockwise; the printed yaw turns left.
    CHECK(std::abs(std::fmod(jumped.pose.yaw + room["heading"].get<float>() + 720.0f, 360.0f)) < 0.5f);
    CHECK(jumped.room == room["name"].get<std::string>());
}

std::string readText(const std::filesystem::path& path);  // with the switch tests below
void requireCleanSwitch(const TourRun& tour, int frames);

TEST_CASE("the agent's guided tour takes the customer to each stop, facing its heading: Next, Previous, autoplay") {
    // Four frames a second: an autoplay dwell of 3 s is 12 frames, a jump's fade (0.25 s) two.
    json config = {{"controllers", handsAway()}, {"displayHz", 4}};
    std::ifstream listingFile(std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json");
    const json spots = json::parse(listingFile)["spots"];
    REQUIRE(spots.size() == 5);
    // The stop's spot on the floor, within 5 cm, facing its heading (which
    // turns clockwise; the printed yaw turns left).
    auto requireAtStop = [&](const TourRun& tour, size_t stop) {
        const json& spot = spots[stop];
        glm::vec2 floor(spot["position"][0].get<float>(), spot["position"][2].get<float>());
        float landed = glm::length(glm::vec2(tour.pose.feet.x, tour.pose.feet.z) - floor);
        MESSAGE(spot["name"].get<std::string>() << ": landed " << landed * 100.0f << " cm from the spot");
        CHECK(landed < 0.05f);
        CHECK(std::abs(std::remainder(tour.pose.yaw + spot["heading"].get<float>(), 360.0f)) < 0.5f);
        CHECK(tour.room == spot["name"].get<std::string>());
    };
    struct Guided {
        TourRun tour;
        std::string log;  // what the viewer wrote on stderr
    };
    auto runGuided = [&](const std::string& name, int frames, const std::string& arguments) {
        std::filesystem::path log = freshOutput(name + "-log.txt");
        Guided guided{runTour(name, config, frames, arguments + " 2> " + quoted(log.string()), kDemoTour), {}};
        requireClean(guided.tour, frames);
        guided.log = readText(log);
        return guided;
    };
    auto logged = [](const std::string& log, int stop, const json& spot) {
        std::string line = "guided tour: stop " + std::to_string(stop) + " of 5, " + spot["name"].get<std::string>();
        return log.find(line) != std::string::npos;
    };

    // The agent's N twice on the mirror: the first stop, then the second.
    Guided next = runGuided("xr-guided-next", 9, "--input-script 'press 2 N; press 5 N'");
    CHECK_MESSAGE(logged(next.log, 1, spots[0]), next.log);
    CHECK_MESSAGE(logged(next.log, 2, spots[1]), next.log);
    requireAtStop(next.tour, 1);

    // Then P: back to the first.
    Guided back = runGuided("xr-guided-previous", 11, "--input-script 'press 2 N; press 5 N; press 8 P'");
    CHECK_MESSAGE(back.log.find("stop 1 of 5", back.log.find("stop 2 of 5")) != std::string::npos, back.log);
    requireAtStop(back.tour, 0);

    // Autoplay from the start: the first stop at once, the second after its
    // 3 s there, and not yet the third.
    Guided played = runGuided("xr-guided-autoplay", 19, "--autoplay 3");
    CHECK_MESSAGE(logged(played.log, 1, spots[0]), played.log);
    CHECK_MESSAGE(logged(played.log, 2, spots[1]), played.log);
    CHECK_MESSAGE(played.log.find("stop 3 of 5") == std::string::npos, played.log);
    requireAtStop(played.tour, 1);
}

TEST_CASE("a consented visit's summary: time per room from a scripted visit within 0.1 s, and where the customer looked") {
    // Ten frames a second: each frame is 0.1 s of the visit (the first, 0 s).
    // The agent's N at frames 20, 30 and 60 moves the customer to the
    // listing's first three stops; a jump's fade out (0.1 s) ends within its
    // frame, so the customer stands in the next room from that frame on. The
    // head looks straight ahead throughout, along each stop's heading.
    json config = {{"controllers", handsAway()}, {"displayHz", 10}};
    std::filesystem::path stem = freshOutput("xr-visit-summary-out") / "visit";
    TourRun tour = runTour("xr-visit-summary", config, 90,
                           "--input-script 'press 20 N; press 30 N; press 60 N' --session-summary " +
                               quoted(stem.string()),
                           kDemoTour);
    requireClean(tour, 90);
    REQUIRE(std::filesystem::exists(stem.string() + ".png"));
    std::ifstream file(stem.string() + ".json");
    REQUIRE(file.good());
    const json summary = json::parse(file);
    INFO(summary.dump(1).substr(0, 2000));

    // The start spot and the first stop are both in the living room: frames
    // 1-29; the kitchen 30-59; the bedroom 60-89.
    std::map<std::string, double> seconds;
    for (const json& room : summary["rooms"]) seconds[room["name"].get<std::string>()] = room["seconds"].get<double>();
    CHECK(summary["seconds"].get<double>() == doctest::Approx(8.9).epsilon(1e-4));
    CHECK(std::abs(seconds["Living room"] - 2.9) < 0.1);
    CHECK(std::abs(seconds["Kitchen"] - 3.0) < 0.1);
    CHECK(std::abs(seconds["Bedroom"] - 3.0) < 0.1);
    CHECK(seconds["Bathroom"] == 0.0);
    CHECK(seconds["Hallway"] == 0.0);
    CHECK(summary["pictures"].empty());
    CHECK(summary["measurements"].empty());

    // Where the head's direction met the walls at the kitchen and bedroom
    // stops, the heat map holds the 3 s looked there, and is at its hottest.
    std::ifstream listingFile(std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json");
    const json spots = json::parse(listingFile)["spots"];
    const float cell = summary["heatMap"]["cellMetres"].get<float>();
    for (int stop : {1, 2}) {
        const json& spot = spots[stop];
        glm::vec3 eye(spot["position"][0].get<float>(), tour.pose.eye.y, spot["position"][2].get<float>());
        float heading = glm::radians(spot["heading"].get<float>());
        auto hit = nav::raycast(demo().world, nav::RayQuery{eye, glm::vec3(std::sin(heading), 0.0f, -std::cos(heading))});
        REQUIRE(hit.has_value());
        // The cell holding that point (on a cell's edge, either: the one with the time).
        const json* looked = nullptr;
        for (const json& c : summary["heatMap"]["cells"])
            if (std::abs(c["x"].get<float>() - hit->point.x) <= cell * 0.5f + 1e-3f &&
                std::abs(c["z"].get<float>() - hit->point.z) <= cell * 0.5f + 1e-3f &&
                (!looked || c["seconds"].get<double>() > (*looked)["seconds"].get<double>()))
                looked = &c;
        INFO(spot["name"].get<std::string>() << ": looked at " << hit->point.x << " " << hit->point.z);
        REQUIRE(looked != nullptr);
        CHECK(std::abs((*looked)["seconds"].get<double>() - 3.0) < 0.1);
        CHECK((*looked)["intensity"].get<float>() > 0.9f);
    }
}

// HOME pointed at a fresh folder of the test output for as long as it lives
// (where the mirror's Save writes, "~/OpenHouse visits/"), then put back,
// even when a check throws on the way.
class TemporaryHome {
public:
    explicit TemporaryHome(const std::string& name) : m_folder(freshOutput(name)) {
        std::filesystem::create_directories(m_folder);
        if (const char* home = std::getenv("HOME")) m_kept = home;
        setenv("HOME", m_folder.c_str(), 1);
    }
    ~TemporaryHome() {
        if (m_kept) setenv("HOME", m_kept->c_str(), 1);
        else unsetenv("HOME");
    }
    TemporaryHome(const TemporaryHome&) = delete;
    TemporaryHome& operator=(const TemporaryHome&) = delete;
    const std::filesystem::path& folder() const { return m_folder; }

private:
    std::filesystem::path m_folder;
    std::optional<std::string> m_kept;
};

TEST_CASE("on the mirror the agent turns the visit summary on, ends the visit and saves it; nothing before consent") {
    // The mirror's Visit summary window (its place on a 1280 x 800 mirror):
    // the consent box at frame 5, the agent's N at 10 and 20, "End visit" at
    // 30, then Save on the summary at 36.
    json config = {{"controllers", handsAway()}, {"displayHz", 10}};
    std::optional<TemporaryHome> home(std::in_place, "xr-visit-mirror-home");
    const std::filesystem::path savedTo = home->folder();
    TourRun tour = runTour("xr-visit-mirror", config, 50,
                           "--window 1280x800 --input-script 'move 4 381 296; click 5 381 296; press 10 N; press 20 N; "
                           "move 29 587 320; click 30 587 320; move 35 168 707; click 36 168 707'",
                           kDemoTour);
    // Without the consent box nothing is written, whatever the agent clicks.
    home.emplace("xr-visit-mirror-no-consent-home");
    const std::filesystem::path untouchedHome = home->folder();
    TourRun refused = runTour("xr-visit-mirror-no-consent", config, 50,
                              "--window 1280x800 --input-script 'press 10 N; move 29 587 320; click 30 587 320; "
                              "move 35 168 707; click 36 168 707'",
                              kDemoTour);
    home.reset();
    requireClean(tour, 50);
    requireClean(refused, 50);

    std::vector<std::filesystem::path> saved;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(savedTo))
        if (entry.is_regular_file()) saved.push_back(entry.path());
    std::sort(saved.begin(), saved.end());
    INFO("saved: " << saved.size() << " files");
    REQUIRE(saved.size() == 2);
    CHECK(saved[0].parent_path().filename() == "OpenHouse visits");
    CHECK(saved[0].extension() == ".json");
    CHECK(saved[1].extension() == ".png");
    CHECK(saved[0].stem() == saved[1].stem());
    std::ifstream file(saved[0]);
    const json summary = json::parse(file);
    CHECK(summary["listing"] == "M\u00e4kel\u00e4nkatu 52 A 7, Helsinki");
    // Recording from the consent (frame 5) to "End visit" (frame 30): 2.5 s.
    CHECK(std::abs(summary["seconds"].get<double>() - 2.5) < 0.15);
    RgbaImage page = readImage(saved[1]);
    CHECK(page.width == 1754);
    CHECK(page.height == 1240);

    CHECK(std::filesystem::is_empty(untouchedHome));
}

TEST_CASE("a visit left for another listing unsaved waits on the next tour's mirror, where the agent saves it") {
    // Consent at frame 5 in the demo listing, the agent's N at 10; at 20 the
    // table switches the customer to the listing of panoramas (the script's
    // `tour`). There the Visit summary window offers the first visit, not
    // saved: its Show at 32, Save at 36.
    std::optional<TemporaryHome> home(std::in_place, "xr-visit-carried-home");
    const std::filesystem::path savedTo = home->folder();
    std::filesystem::path log = freshOutput("xr-visit-carried-log.txt");
    json config = {{"controllers", handsAway()}, {"displayHz", 10}};
    TourRun tour = runTour("xr-visit-carried", config, 45,
                           "--window 1280x800 --input-script " +
                               quoted("move 4 381 296; click 5 381 296; press 10 N; tour 20 " + kPanoramaTour +
                                      "; move 31 707 340; click 32 707 340; move 35 168 707; click 36 168 707") +
                               " 2> " + quoted(log.string()),
                           kDemoTour);
    home.reset();
    const std::string errors = readText(log);
    INFO("log: " << errors);
    requireCleanSwitch(tour, 45);
    CHECK(errors.find("kept, unsaved, for the agent") != std::string::npos);

    std::vector<std::filesystem::path> saved;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(savedTo))
        if (entry.is_regular_file() && entry.path().extension() == ".json") saved.push_back(entry.path());
    REQUIRE(saved.size() == 1);
    REQUIRE(std::filesystem::exists(std::filesystem::path(saved[0]).replace_extension(".png")));
    std::ifstream file(saved[0]);
    const json summary = json::parse(file);
    // Frames 5 to 20 in the demo listing, and the switch's fade out.
    CHECK(summary["seconds"].get<double>() > 1.4);
    CHECK(summary["seconds"].get<double>() < 2.2);
    CHECK(summary["rooms"][0]["name"] == "Living room");
    CHECK(summary["rooms"][0]["seconds"].get<double>() > 1.4);
}

// The agent's marker's magenta (agent_marker.cpp), as an sRGB eye image shows it.
bool agentMagenta(const uint8_t* p) { return p[0] >= 200 && p[1] <= 150 && p[2] >= 130 && p[2] <= 235 && p[0] - p[1] >= 90; }

// Pixels of the agent's magenta in the columns [x0, x1) of `image`, within `radius` of `centre` when given.
int magentaPixels(const RgbaImage& image, uint32_t x0, uint32_t x1, std::optional<glm::vec2> centre = std::nullopt,
                  float radius = 0.0f) {
    int count = 0;
    for (uint32_t y = 0; y < image.height; ++y)
        for (uint32_t x = x0; x < std::min(x1, image.width); ++x) {
            if (centre && glm::length(glm::vec2(float(x) + 0.5f, float(y) + 0.5f) - *centre) > radius) continue;
            if (agentMagenta(&image.pixels[(size_t(y) * image.width + x) * 4])) ++count;
        }
    return count;
}

TEST_CASE("the agent's click on the mirror's picture puts a marker there for the customer, with a cue when out of view") {
    // A symmetric 40° frustum, so the mirror's middle pixel looks straight
    // down the left eye's axis. The agent clicks it at frame 4; the customer
    // turns 100° left (frames 8-10), then back (16-18); the agent clicks the
    // marker again at frame 21, which takes it away.
    const Demo& d = demo();
    const glm::vec3 head(0.0f, kStandingHead, 0.0f);
    json config = {{"resolution", {320, 320}},
                   {"displayHz", 4},
                   {"fovDegrees", {{"left", -40}, {"right", 40}, {"up", 40}, {"down", -40}}},
                   {"headPose", {key(0, head, 0.0f), key(8, head, 0.0f), key(10, head, 100.0f), key(16, head, 100.0f),
                                 key(18, head, 0.0f)}},
                   {"controllers", handsAway()},
                   {"captureFrames", {2, 7, 14}}};
    std::filesystem::path log = freshOutput("xr-agent-marker-log.txt");
    TourRun tour = runTour("xr-agent-marker", config, 24,
                           "--window 1280x800 --input-script 'move 3 640 400; click 4 640 400; move 20 640 400; "
                           "click 21 640 400' 2> " + quoted(log.string()));
    requireClean(tour, 24);
    const std::string errors = readText(log);
    INFO("log: " << errors);

    // Where the left eye's axis meets the model: the viewer logged it as the marker's place.
    const glm::vec3 leftEye = toWorld(head - glm::vec3(0.0315f, 0.0f, 0.0f));
    auto hit = nav::raycast(d.world, nav::RayQuery{leftEye, toWorld({0.0f, 0.0f, -1.0f}, true)});
    REQUIRE(hit.has_value());
    glm::vec3 logged(0.0f);
    size_t at = errors.find("the agent points at ");
    REQUIRE(at != std::string::npos);
    REQUIRE(std::sscanf(errors.c_str() + at, "the agent points at %f %f %f", &logged.x, &logged.y, &logged.z) == 3);
    MESSAGE("agent's marker " << glm::length(logged - hit->point) * 100.0f << " cm from where the eye's axis meets the "
            << "model, " << hit->distance << " m away");
    CHECK(glm::length(logged - hit->point) < 0.02f);

    // None before the click; after it, magenta in the middle of the view the
    // agent clicked, and no cue; turned away, the marker is out of sight and
    // the cue points right, the way back to it.
    RgbaImage before = readImage(tour.out / "frame-2-left.png");
    RgbaImage pointed = readImage(tour.out / "frame-7-left.png");
    RgbaImage turned = readImage(tour.out / "frame-14-left.png");
    CHECK(magentaPixels(before, 0, 320) == 0);
    CHECK(magentaPixels(pointed, 0, 320, glm::vec2(160.0f), 30.0f) > 40);
    CHECK(magentaPixels(pointed, 0, 320, glm::vec2(160.0f), 30.0f) > magentaPixels(pointed, 0, 320) * 9 / 10);
    CHECK(magentaPixels(turned, 0, 200) == 0);
    CHECK(magentaPixels(turned, 200, 320) > 15);

    // The second click on it: away.
    CHECK(errors.find("the agent's marker is away") != std::string::npos);
    CHECK(tour.pointer == "-");
}

// [SECTION] the listing's pictures in the headset

const glm::vec3 kRightHand(0.2f, 1.2f, -0.3f);  // in the stage: chest height, a little ahead
constexpr float kBackToModelDrop = 1.5f;  // tour_visit.cpp: the way out of a panorama, a ring below the eyes

json trigger(int frame, const char* hand, float value) {
    return {{"frame", frame}, {"path", std::string("/user/hand/") + hand + "/input/trigger/value"}, {"value", value}};
}

// Where the stage stood in the model during a run, from its printed pose:
// the simulated head (at the stage's origin, kStandingHead up, facing -Z)
// had its eye at `eye`, turned `yawRadians` to the left.
struct StageInModel {
    glm::vec3 eye{0.0f};
    float yawRadians = 0.0f;

    static glm::vec3 turned(const glm::vec3& v, float radians) {
        float c = std::cos(radians), s = std::sin(radians);
        return {c * v.x + s * v.z, v.y, -s * v.x + c * v.z};
    }
    glm::vec3 toModel(const glm::vec3& stagePoint) const {
        return eye + turned(stagePoint - glm::vec3(0.0f, kStandingHead, 0.0f), yawRadians);
    }
    // A controller key at `hand` (stage) whose laser passes through `target` (model).
    json aimAt(int frame, const glm::vec3& hand, const glm::vec3& target) const {
        glm::vec3 direction = glm::normalize(turned(target - toModel(hand), -yawRadians));
        return key(frame, hand, glm::degrees(std::atan2(-direction.x, -direction.z)),
                   glm::degrees(std::asin(direction.y)));
    }
};

// Where the demo listing's bundle starts the customer, from a short run (once).
const StageInModel& demoTourStart() {
    static const StageInModel stage = [] {
        TourRun start = runTour("xr-listing-start", {{"controllers", handsAway()}}, 4, "", kDemoTour);
        requireClean(start, 4);
        return StageInModel{start.pose.eye, glm::radians(start.pose.yaw)};
    }();
    return stage;
}

// Pixels of the highlight's colour (what the laser points at, tour_visit.cpp)
// within `radius` of `centre`.
int highlightedPixels(const RgbaImage& image, glm::vec2 centre, float radius) {
    int count = 0;
    for (uint32_t y = 0; y < image.height; ++y)
        for (uint32_t x = 0; x < image.width; ++x) {
            if (glm::length(glm::vec2(float(x) + 0.5f, float(y) + 0.5f) - centre) > radius) continue;
            const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
            if (p[0] >= 240 && p[1] >= 200 && p[1] <= 240 && p[2] >= 95 && p[2] <= 140) ++count;
        }
    return count;
}

TEST_CASE("a photo's camera marker, chosen with the laser, takes the customer to where it was taken, facing its way") {
    // Photo 0 of the demo listing (scenes/demo-listing/listing.json): taken at
    // (5.5, 1.5, 3.9), heading 235 (clockwise from above), seen from the start.
    const StageInModel& stage = demoTourStart();
    glm::vec3 camera(5.5f, 1.5f, 3.9f);
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}},
                                    {"right", {stage.aimAt(0, kRightHand, camera)}}}},
                   {"input", {trigger(6, "right", 1.0f), trigger(8, "right", 0.0f)}}};
    // A consented visit, so its summary says which photo was opened.
    std::filesystem::path stem = freshOutput("xr-photo-summary") / "visit";
    TourRun tour = runTour("xr-photo", config, 36, "--session-summary " + quoted(stem.string()),
                           kDemoTour);  // the jump is done by frame 20
    requireClean(tour, 36);
    INFO("eye " << tour.pose.eye.x << " " << tour.pose.eye.y << " " << tour.pose.eye.z << " yaw " << tour.pose.yaw);
    CHECK(tour.picture == "photo 0");
    CHECK(glm::length(glm::vec2(tour.pose.eye.x - camera.x, tour.pose.eye.z - camera.z)) < 0.05f);
    // The listing's heading turns clockwise, the printed yaw to the left.
    CHECK(std::abs(std::remainder(tour.pose.yaw + 235.0f, 360.0f)) < 2.0f);
    CHECK(tour.pose.teleports == 0);  // the marker moved the customer, not the stick
    CHECK(tour.room == "Living room");

    std::ifstream file(stem.string() + ".json");
    REQUIRE(file.good());
    const json pictures = json::parse(file)["pictures"];
    INFO("pictures " << pictures.dump());
    REQUIRE(pictures.size() == 1);
    CHECK(pictures[0]["kind"] == "photo");
    CHECK(pictures[0]["index"] == 0);
    CHECK(pictures[0]["opened"] == 1);
    CHECK(pictures[0]["name"] == "1: Living room with windows to the south and west");
    CHECK(pictures[0]["seconds"].get<double>() > 0.1);
}

TEST_CASE("a panorama's globe, chosen with the laser, puts the customer inside it; the ring at their feet takes them out") {
    // The demo listing's panorama 0, "Living room", stands at (3.0, 1.6, 6.2).
    const StageInModel& stage = demoTourStart();
    glm::vec3 globe(3.0f, 1.6f, 6.2f);
    json globeAim = stage.aimAt(0, kRightHand, globe);
    // Inside (fully after 0.45 s, some 41 frames at 90 Hz): the stick
    // forward aims no teleport, the stick right still turns.
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", {globeAim}}}},
                   {"input", {trigger(6, "right", 1.0f), trigger(8, "right", 0.0f), stick(55, "right", 0.0f, 1.0f),
                              stick(60, "right", 0.0f, 0.0f), stick(63, "right", 1.0f, 0.0f),
                              stick(66, "right", 0.0f, 0.0f)}}};
    std::filesystem::path insideMirror = freshOutput("xr-panorama-in") / "mirror.png";  // the run's own folder
    TourRun inside = runTour("xr-panorama-in", config, 72, "--no-overlay --screenshot " + quoted(insideMirror.string()),
                             kDemoTour);
    requireClean(inside, 72);
    INFO("eye " << inside.pose.eye.x << " " << inside.pose.eye.y << " " << inside.pose.eye.z);
    CHECK(inside.picture == "panorama 0");
    CHECK(glm::length(glm::vec2(inside.pose.eye.x - globe.x, inside.pose.eye.z - globe.z)) < 0.05f);
    CHECK(inside.pose.teleports == 0);
    CHECK(inside.pose.turns == 1);
    // The mirror shows the panorama (the living room's windows and walls), not a cleared view.
    CHECK(distinctColours(readImage(insideMirror)) > 200);

    // Then the laser down at the ring around the feet, and the trigger: back
    // in the model (after another 0.45 s), where the panorama was.
    json floorRing = key(50, kRightHand, 0.0f, 0.0f);
    glm::vec3 down = glm::normalize(glm::vec3(0.0f, kStandingHead - kBackToModelDrop, 0.0f) - kRightHand);
    floorRing["yawDegrees"] = glm::degrees(std::atan2(-down.x, -down.z));
    floorRing["pitchDegrees"] = glm::degrees(std::asin(down.y));
    json heldOnGlobe = globeAim;
    heldOnGlobe["frame"] = 49;
    config["controllers"]["right"] = {globeAim, heldOnGlobe, floorRing};
    config["input"] = {trigger(6, "right", 1.0f), trigger(8, "right", 0.0f), trigger(54, "right", 1.0f),
                       trigger(56, "right", 0.0f)};
    TourRun out = runTour("xr-panorama-out", config, 110, "", kDemoTour);
    requireClean(out, 110);
    CHECK(out.picture == "-");
    CHECK(glm::length(glm::vec2(out.pose.eye.x - globe.x, out.pose.eye.z - globe.z)) < 0.05f);
    CHECK(out.room == "Living room");
}

TEST_CASE("in a listing of panoramas alone the laser highlights a hotspot and the trigger goes through it") {
    // demo-panoramas starts in panorama 0, "Hallway", its hotspot to "Living
    // room" at heading 180, pitch -19 (clockwise from above; up), 2 m from
    // the eyes (tour_visit.h). With no model the stage is the plan's frame.
    float heading = glm::radians(180.0f), hotspotPitch = glm::radians(-19.0f);
    glm::vec3 eye(0.0f, kStandingHead, 0.0f);
    glm::vec3 toHotspot(std::sin(heading) * std::cos(hotspotPitch), std::sin(hotspotPitch),
                        -std::cos(heading) * std::cos(hotspotPitch));
    glm::vec3 aim = glm::normalize(eye + toHotspot * 2.0f - kRightHand);
    // The head turned round to look at it (yaw 180, 15 degrees down), both
    // eyes at the head, 90 degrees square: 80 pixels per unit of tangent.
    float headYaw = 180.0f, headPitch = -15.0f;
    json config = {{"resolution", {160, 160}},
                   {"ipd", 0.0},
                   {"fovDegrees", {{"left", -45}, {"right", 45}, {"up", 45}, {"down", -45}}},
                   {"headPose", {key(0, eye, headYaw, headPitch)}},
                   {"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}},
                                    {"right", {key(0, kRightHand, glm::degrees(std::atan2(-aim.x, -aim.z)),
                                                   glm::degrees(std::asin(aim.y)))}}}},
                   {"captureFrames", {4}}};
    std::filesystem::path mirrorShot = freshOutput("xr-hotspot-hover") / "mirror.png";  // the run's own folder
    TourRun pointing = runTour("xr-hotspot-hover", config, 5, "--no-overlay --screenshot " + quoted(mirrorShot.string()),
                               kPanoramaTour);
    requireClean(pointing, 5);
    CHECK(pointing.picture == "panorama 0");

    // Where the hotspot's centre falls in the left eye, and in the mirror
    // (320x200: the eye's middle 160x100 scaled twice).
    glm::vec3 forward = aimDirection(headYaw, headPitch);
    glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
    glm::vec3 up = glm::cross(right, forward);
    float depth = glm::dot(toHotspot, forward);
    glm::vec2 inEye(80.0f + 80.0f * glm::dot(toHotspot, right) / depth, 80.0f - 80.0f * glm::dot(toHotspot, up) / depth);
    glm::vec2 inMirror(inEye.x * 2.0f, (inEye.y - 30.0f) * 2.0f);
    RgbaImage leftEye = readImage(pointing.out / "frame-4-left.png");
    RgbaImage mirror = readImage(mirrorShot);
    INFO("hotspot at " << inEye.x << "," << inEye.y << " in the eye");
    CHECK(highlightedPixels(leftEye, inEye, 5.0f) >= 8);
    CHECK(highlightedPixels(mirror, inMirror, 10.0f) >= 30);
    // Only there: the other hotspots are not highlighted, nor is anything of
    // the panorama around them (the hallway's walls and doors, not a cleared view).
    CHECK(highlightedPixels(leftEye, inEye, 400.0f) - highlightedPixels(leftEye, inEye, 8.0f) < 5);
    CHECK(distinctColours(leftEye) > 200);
    CHECK(distinctColours(mirror) > 200);

    config["input"] = {trigger(6, "right", 1.0f), trigger(8, "right", 0.0f)};
    TourRun moved = runTour("xr-hotspot", config, 50, "", kPanoramaTour);
    requireClean(moved, 50);
    CHECK(moved.picture == "panorama 1");  // "Living room"
    // Between panoramas the head stays where it is: only the picture around it changes.
    CHECK(glm::length(moved.pose.eye - eye) < 0.01f);
}

// [SECTION] where the customer is: the room label, the panel's photos and 360° views

// The label (xr/headset_label.h): 25° below the horizon, 0.8 m off, its
// text white on a dark plate. A head looking 25° down sees it in the middle of
// its view; 20° square at 320 pixels: 907 pixels per unit of tangent, some
// 16 pixels a degree there.
constexpr float kLabelPitch = -25.0f;
constexpr float kLabelDistance = 0.8f;
constexpr float kNarrowPixelsPerTangent = 160.0f / 0.17633f;  // tan(10°)
constexpr float kIpd = 0.063f;

struct TextBox {
    int x0 = 0, y0 = 0, x1 = -1, y1 = -1;  // inclusive; x1 < x0: none found
    int capitalRows = 0;  // rows the first letter's stem spans (a capital: its height)
    bool found() const { return x1 >= x0; }
    float centreX() const { return 0.5f * float(x0 + x1); }
};

// The label's text in rows y0..y1 of an eye: white strokes with the plate's
// near-black on both sides (within 3 pixels), which the rooms around, and the
// plate's own edges against a light floor, do not have.
TextBox labelText(const RgbaImage& image, uint32_t y0, uint32_t y1) {
    auto at = [&](uint32_t x, uint32_t y) { return &image.pixels[(size_t(y) * image.width + x) * 4]; };
    auto white = [&](uint32_t x, uint32_t y) {
        const uint8_t* p = at(x, y);
        return p[0] > 200 && p[1] > 200 && p[2] > 200;
    };
    auto plate = [&](uint32_t x, uint32_t y) {
        const uint8_t* p = at(x, y);
        return p[0] < 45 && p[1] < 45 && p[2] < 50;
    };
    TextBox box{int(image.width), int(image.height), -1, -1};
    for (uint32_t y = y0; y <= y1 && y < image.height; ++y)
        for (uint32_t x = 3; x + 3 < image.width; ++x) {
            bool darkLeft = plate(x - 3, y) || plate(x - 2, y) || plate(x - 1, y);
            bool darkRight = plate(x + 1, y) || plate(x + 2, y) || plate(x + 3, y);
            if (!white(x, y) || !darkLeft || !darkRight) continue;
            box.x0 = std::min(box.x0, int(x)), box.x1 = std::max(box.x1, int(x));
            box.y0 = std::min(box.y0, int(y)), box.y1 = std::max(box.y1, int(y));
        }
    // The first letter's stem, from its top to its foot.
    for (int y = box.y0; box.found() && y <= box.y1; ++y)
        if (white(uint32_t(box.x0), uint32_t(y)) || white(uint32_t(box.x0 + 1), uint32_t(y))) ++box.capitalRows;
    return box;
}

RgbaImage cropped(const RgbaImage& image, uint32_t x0, uint32_t y0, uint32_t width, uint32_t height) {
    RgbaImage out;
    out.width = width, out.height = height;
    for (uint32_t y = y0; y < y0 + height; ++y) {
        auto row = image.pixels.begin() + (size_t(y) * image.width + x0) * 4;
        out.pixels.insert(out.pixels.end(), row, row + width * 4);
    }
    return out;
}

TEST_CASE("a small label low in the view says which room the customer is in, to both eyes, following the head lazily") {
    // Looking 25° down at it in the living room (frame 20, faded in); then
    // the head turns 40° left (frames 24-28): the label stays behind at first
    // (frame 30) and comes round in front again; the agent's N sends the
    // customer to the first room in the list, the bedroom (frame 120). The
    // bare model: no listing, so no panorama globe around the head where the
    // customer lands.
    REQUIRE(demo().rooms.rooms()[0].name == "Bedroom");
    const glm::vec3 head(0.0f, kStandingHead, 0.0f);
    json config = {{"resolution", {320, 320}},
                   {"ipd", kIpd},
                   {"fovDegrees", {{"left", -10}, {"right", 10}, {"up", 10}, {"down", -10}}},
                   {"headPose", {key(0, head, 0.0f, kLabelPitch), key(24, head, 0.0f, kLabelPitch),
                                 key(28, head, 40.0f, kLabelPitch)}},
                   {"controllers", handsAway()},
                   {"captureFrames", {20, 30, 120}}};
    TourRun tour = runTour("xr-room-label", config, 121, "--input-script 'press 40 N'");
    requireClean(tour, 121);
    CHECK(tour.room == "Bedroom");
    CHECK(tour.label == "Bedroom");

    // Both eyes see "Living room" at the same height, the left eye further
    // right by the disparity of 0.8 m: a label in the room, not on the screen.
    RgbaImage left = readImage(tour.out / "frame-20-left.png");
    RgbaImage right = readImage(tour.out / "frame-20-right.png");
    TextBox inLeft = labelText(left, 130, 190), inRight = labelText(right, 130, 190);
    REQUIRE(inLeft.found());
    REQUIRE(inRight.found());
    float disparity = kIpd * kNarrowPixelsPerTangent / kLabelDistance;  // 71 pixels
    INFO("left " << inLeft.x0 << ".." << inLeft.x1 << " x " << inLeft.y0 << ".." << inLeft.y1 << ", right "
                 << inRight.x0 << ".." << inRight.x1 << " x " << inRight.y0 << ".." << inRight.y1);
    CHECK(std::abs(inLeft.centreX() - inRight.centreX() - disparity) < 3.0f);
    CHECK(std::abs(0.5f * (inLeft.centreX() + inRight.centreX()) - 160.0f) < 3.0f);  // straight ahead of the head
    CHECK(inLeft.y0 == inRight.y0);
    CHECK(inLeft.y1 == inRight.y1);
    // Legible: its capitals at least 1° tall (the project's rule, tour/photo_panel.h).
    float capitalDegrees = glm::degrees(std::atan(float(inLeft.capitalRows) / kNarrowPixelsPerTangent));
    INFO("capitals " << inLeft.capitalRows << " pixels, " << capitalDegrees << " degrees");
    CHECK(capitalDegrees >= 1.0f);
    CHECK(capitalDegrees < 1.5f);  // and small
    // Looked at: "Living room", white on its dark plate (the plate's inside only, not the room around).
    GoldenResult golden = checkGolden("xr-room-label", cropped(left, uint32_t(inLeft.centreX()) - 88, 147, 176, 31));
    CHECK_MESSAGE(golden.passed, golden.message);

    // Just after the turn it is still where the head was: out of this view.
    CHECK_FALSE(labelText(readImage(tour.out / "frame-30-left.png"), 0, 319).found());

    // Caught up, in front of the head again (within 1°), and saying
    // "Bedroom": four letters fewer than "Living room", its text as much narrower.
    TextBox thenLeft = labelText(readImage(tour.out / "frame-120-left.png"), 100, 220);
    TextBox thenRight = labelText(readImage(tour.out / "frame-120-right.png"), 100, 220);
    REQUIRE(thenLeft.found());
    REQUIRE(thenRight.found());
    CHECK(std::abs(0.5f * (thenLeft.centreX() + thenRight.centreX()) - 160.0f) < 20.0f);
    float widthRatio = float(thenLeft.x1 - thenLeft.x0 + 1) / float(inLeft.x1 - inLeft.x0 + 1);
    CHECK(widthRatio == doctest::Approx(7.0f / 11.0f).epsilon(0.08));
}

// Menu panel pixels (ImGui's layout of the demo listing's panel: title bar,
// address, room line, then the tabs 161-207 down; in the Photos tab the
// living room's two thumbnails, 124 pixels tall from 262 down, 180 apart; in
// the 360° views tab a row every 40 pixels from 222 down).
const glm::vec2 kPhotosTab(308.0f, 184.0f);
const glm::vec2 kPanoramasTab(466.0f, 184.0f);
const glm::vec2 kSecondThumbnail(286.0f, 324.0f);  // photo 1, "Sofa corner by the large south window"
const glm::vec2 kSecondPanorama(200.0f, 275.0f);    // panorama 1, "Kitchen"
// The bare model's panel while measuring: a "Tape:" line under the room's,
// its radio buttons Free, Level, Plumb.
const glm::vec2 kPlumbRadio(406.0f, 184.0f);

// The menu button at frame 5, the laser on `tab` and the trigger at 10: the
// tab opens; the laser on `entry` from frame 16 and the trigger at 20.
json chooseOnPanel(glm::vec2 tab, glm::vec2 entry) {
    json onTab = aimAtPanel(0, tab), stillOnTab = aimAtPanel(14, tab);
    json right = {onTab, stillOnTab, aimAtPanel(16, entry)};
    return {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", right}}},
            {"input",
             {button(5, "/user/hand/right/input/b/click", true), button(6, "/user/hand/right/input/b/click", false),
              trigger(10, "right", 1.0f), trigger(12, "right", 0.0f),  // the tab
              trigger(20, "right", 1.0f), trigger(22, "right", 0.0f)}}};  // the entry
}

TEST_CASE("a thumbnail chosen on the headset panel's Photos tab opens that photo, and the label names it") {
    json config = chooseOnPanel(kPhotosTab, kSecondThumbnail);
    config["captureFrames"] = {18, 40};
    TourRun tour = runTour("xr-panel-photo", config, 41, "", kDemoTour);
    requireClean(tour, 41);
    // Numbered as the panel numbers photos; the same words as the agent's status line.
    CHECK(tour.label == "Living room \xC2\xB7 photo 2");
    CHECK(tour.picture == "photo 1");  // the index, from 0; opened large in front, not where it was taken
    CHECK(tour.pose.teleports == 0);

    // The gallery was on the panel (frame 18); then the panel went away and
    // the photo took the middle of the view (1 m ahead, 62° x 48°): the sofa
    // corner's light walls and window where the panel's dark gallery was.
    // Rows 88-105, columns 60-115 of the eye: below the eyes' level, inside
    // both, above the label.
    auto darkShare = [](const RgbaImage& image) {
        int dark = 0, count = 0;
        for (uint32_t y = 88; y <= 105; ++y)
            for (uint32_t x = 60; x <= 115; ++x, ++count) {
                const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
                if (std::max({p[0], p[1], p[2]}) < 45) ++dark;
            }
        return float(dark) / float(count);
    };
    RgbaImage gallery = readImage(tour.out / "frame-18-left.png");
    RgbaImage photo = readImage(tour.out / "frame-40-left.png");
    INFO("dark: gallery " << darkShare(gallery) << ", photo " << darkShare(photo));
    CHECK(darkShare(gallery) > 0.5f);
    CHECK(darkShare(photo) < 0.1f);
    CHECK(distinctColours(photo) > 200);
}

TEST_CASE("a view chosen on the headset panel's 360° views tab puts the customer inside that panorama") {
    json config = chooseOnPanel(kPanoramasTab, kSecondPanorama);
    // The menu button again once inside: the panel goes, the label comes back.
    config["input"].push_back(button(60, "/user/hand/right/input/b/click", true));
    config["input"].push_back(button(61, "/user/hand/right/input/b/click", false));
    config["captureFrames"] = {80};
    TourRun tour = runTour("xr-panel-panorama", config, 81, "", kDemoTour);
    requireClean(tour, 81);
    CHECK(tour.picture == "panorama 1");
    CHECK(tour.label == "Kitchen \xC2\xB7 360\xC2\xB0 view");
    // Moved, unseen, to where the kitchen's panorama was taken
    // (scenes/demo-listing/listing.json), and it is all around.
    std::ifstream listingFile(std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json");
    json kitchen = json::parse(listingFile)["panoramas"][1];
    REQUIRE(kitchen["name"] == "Kitchen");
    glm::vec2 taken(kitchen["position"][0].get<float>(), kitchen["position"][2].get<float>());
    CHECK(glm::length(glm::vec2(tour.pose.eye.x, tour.pose.eye.z) - taken) < 0.05f);
    CHECK(distinctColours(readImage(tour.out / "frame-80-left.png")) > 200);
}

// [SECTION] switching tours without restarting (tour/tour_switch.h, xr/xr_loading_space.h)

// Mean luminance (Rec. 709 weights on the sRGB values, 0..255) of an image.
double meanLuminance(const RgbaImage& image) {
    double sum = 0.0;
    for (size_t i = 0; i + 3 < image.pixels.size(); i += 4)
        sum += 0.2126 * image.pixels[i] + 0.7152 * image.pixels[i + 1] + 0.0722 * image.pixels[i + 2];
    return image.pixels.empty() ? 0.0 : sum / double(image.pixels.size() / 4);
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A run with a switch: a clean exit and nothing from the core validation
// layer, as requireClean; its `frames` counted (--frames) and more shown, the
// loading space's waiting frames (tour_switch.h: the script does not count them).
void requireCleanSwitch(const TourRun& tour, int frames) {
    INFO("output: " << tour.run.output);
    REQUIRE(tour.run.exitCode == 0);
    CHECK(tour.coreValidation.empty());
    CHECK(tour.stats.frames > frames);
}

// From the first frame the runtime let the viewer draw (the session's start
// ends a frame or two empty, as it says to), every frame it was given carried
// both eyes: none left empty or skipped while a tour loaded, all shown.
void requireEveryFrameDrawn(const TourRun& tour) {
    std::vector<json> frames = tour.lines("frames.jsonl");
    int drawn = 0, emptyAfterFirst = 0;
    for (const json& frame : frames) {
        bool stereo = false;
        for (const json& layer : frame["layers"]) stereo |= layer["type"] == "projection" && layer["views"].size() == 2;
        if (!stereo && drawn > 0) ++emptyAfterFirst;
        drawn += stereo;
    }
    CHECK(emptyAfterFirst == 0);
    CHECK(drawn == tour.stats.frames);
}

TEST_CASE("a tour switched to mid-run fades through the loading space, every frame drawn, to the new tour's start") {
    // From the listing of panoramas to the demo listing at frame 5: 23 frames
    // fade out (0.25 s at 90 Hz), the loading space fades in (sim frame 50 is
    // inside it, however fast the load) and waits for the tour, frames the
    // script does not count, then the tour fades in from frame 28 on.
    const StageInModel& start = demoTourStart();
    std::filesystem::path log = freshOutput("xr-switch-log.txt");
    json config = {{"controllers", handsAway()}, {"captureFrames", {50}}};
    TourRun tour = runTour("xr-switch", config, 56,
                           "--input-script " + quoted("tour 5 " + kDemoTour) + " 2> " + quoted(log.string()),
                           kPanoramaTour);
    std::string errors = readText(log);
    INFO("log: " << errors);
    requireCleanSwitch(tour, 56);
    CHECK(tour.stats.frames >= 56 + 23);  // at least the loading space's fade in
    requireEveryFrameDrawn(tour);

    // Inside the new listing, where a fresh start would have put the customer.
    CHECK(tour.room == "Living room");
    CHECK(tour.picture == "-");
    CHECK(tour.label == "Living room");
    CHECK(glm::length(tour.pose.eye - start.eye) < 0.05f);
    CHECK(std::abs(std::remainder(glm::radians(tour.pose.yaw) - start.yawRadians, glm::two_pi<float>())) < 0.01f);

    // The loading space, seen in the headset: light, not a black or frozen frame.
    RgbaImage loading = readImage(tour.out / "frame-50-left.png");
    CHECK(meanLuminance(loading) > 120.0);
    // The timing line the benchmark reads (tour_switch.h).
    size_t line = errors.find("switched to ");
    REQUIRE(line != std::string::npos);
    double load = -1, upload = -1, inside = -1;
    size_t colon = errors.find(": load ", line);
    REQUIRE(colon != std::string::npos);
    CHECK(std::sscanf(errors.c_str() + colon, ": load %lf ms, upload %lf ms, first frame inside %lf ms after the request",
                      &load, &upload, &inside) == 3);
    CHECK(load >= 0.0);
    CHECK(upload > 0.0);
    CHECK(inside > load + upload);
}

TEST_CASE("a switch to a missing or damaged tour keeps the customer in the loading space, says why, and the agent can go back") {
    // A file that is not there: the loading space stays, light, with the
    // reason on its panel; the run's last frame is the mirror's screenshot.
    std::filesystem::path log = freshOutput("xr-switch-missing-log.txt");
    std::filesystem::path mirror = freshOutput("xr-switch-missing.png");
    json config = {{"resolution", {320, 352}}, {"controllers", handsAway()}};
    TourRun missing = runTour("xr-switch-missing", config, 40,
                              "--no-overlay --screenshot " + quoted(mirror.string()) +
                                  " --input-script 'tour 3 missing-listing.tour' 2> " + quoted(log.string()),
                              kPanoramaTour);
    std::string errors = readText(log);
    INFO("log: " << errors);
    requireCleanSwitch(missing, 40);
    requireEveryFrameDrawn(missing);
    CHECK(missing.room == "-");
    CHECK(errors.find("could not switch to missing-listing: missing-listing.tour") != std::string::npos);
    RgbaImage shot = readImage(mirror);
    CHECK(meanLuminance(shot) > 120.0);
    // The space itself (the status line at the bottom says frame rates: left out).
    GoldenResult golden = checkGolden("xr-loading-space", cropped(shot, 0, 0, shot.width, 150));
    CHECK_MESSAGE(golden.passed, golden.message);

    // A damaged bundle (the demo listing cut short): refused the same way;
    // the agent's B goes back to the listing of panoramas, which fades in.
    std::filesystem::path damaged = freshOutput("damaged-listing.tour");
    {
        std::ifstream in(kDemoTour, std::ios::binary);
        std::vector<char> head(64 * 1024);
        in.read(head.data(), std::streamsize(head.size()));
        std::ofstream(damaged, std::ios::binary).write(head.data(), in.gcount());
    }
    std::filesystem::path backLog = freshOutput("xr-switch-back-log.txt");
    TourRun back = runTour("xr-switch-back", {{"controllers", handsAway()}}, 80,
                           "--input-script " + quoted("tour 3 " + damaged.string() + "; press 40 B") + " 2> " +
                               quoted(backLog.string()),
                           kPanoramaTour);
    std::string backErrors = readText(backLog);
    INFO("log: " << backErrors);
    requireCleanSwitch(back, 80);
    requireEveryFrameDrawn(back);
    CHECK(backErrors.find("could not switch to damaged-listing") != std::string::npos);
    CHECK(back.picture == "panorama 0");  // inside the first panorama again, as at a fresh start
}

// The living room's facing walls in the demo plan (scenes/demo-apartment.json,
// walls along their centre lines): the middle wall at z 3.4, 0.15 thick, and
// the south wall at z 7.2, 0.25 thick. 3.60 m apart.
constexpr float kLivingNorthFace = 3.4f + 0.075f, kLivingSouthFace = 7.2f - 0.125f;

// What the viewer's laser picks from `hand` (the stage, at the demo's start)
// along a stage direction, with its snap radius.
std::optional<nav::MeasurePoint> laserPick(const glm::vec3& hand, float yaw, float pitch) {
    const glm::vec3 origin = toWorld(hand);
    const glm::vec3 direction = toWorld(aimDirection(yaw, pitch), true);
    auto hit = nav::raycast(demo().world, nav::RayQuery{origin, direction});
    if (!hit) return std::nullopt;
    nav::PickOptions options;
    options.snapRadius = nav::snapRadiusAt(hit->distance);
    return nav::pickMeasurePoint(demo().world, origin, direction, options);
}

TEST_CASE("in the headset, A measures: the laser and trigger take the living room wall to wall, labelled in the room") {
    const Demo& d = demo();
    const glm::vec3 hand(0.2f, 1.2f, -0.3f);  // right hand at chest height, in the stage
    const glm::vec3 origin = toWorld(hand);
    auto pickAlong = [&](float yaw, float pitch) { return laserPick(hand, yaw, pitch); };
    // A plain patch of a wall's face (not furniture, a window or an edge),
    // `sideways` metres or more to the side of the hand so the tape is seen along.
    struct WallAim {
        float yaw = 0.0f, pitch = 0.0f;
        nav::MeasurePoint pick;
    };
    auto aimAt = [&](float face, float facing, float sideways) -> std::optional<WallAim> {
        for (float pitch : {15.0f, 25.0f, 5.0f})
            for (int degrees = 0; degrees < 360; degrees += 5) {
                auto pick = pickAlong(float(degrees), pitch);
                if (pick && pick->snap == nav::SnapKind::Surface && std::abs(pick->point.z - face) < 0.005f &&
                    pick->normal.z * facing > 0.99f && std::abs(pick->point.x - origin.x) >= sideways)
                    return WallAim{float(degrees), pitch, *pick};
            }
        return std::nullopt;
    };
    const std::optional<WallAim> first = aimAt(kLivingNorthFace, 1.0f, 1.2f);
    const std::optional<WallAim> second = aimAt(kLivingSouthFace, -1.0f, 0.0f);
    REQUIRE_MESSAGE(first.has_value(), "no clear patch of the living room's middle wall within the laser's reach");
    REQUIRE_MESSAGE(second.has_value(), "no clear patch of the living room's south wall within the laser's reach");
    const nav::Measurement expectedTape = nav::measureBetween(first->pick, second->pick);
    REQUIRE(expectedTape.rule == nav::MeasureRule::SquareToSurface);
    const float plan = kLivingSouthFace - kLivingNorthFace;

    // The head looks at the tape's middle (stage directions: the start's turn undone).
    const glm::vec3 middle = (expectedTape.from + expectedTape.to) * 0.5f;
    const glm::vec3 look = glm::normalize(middle - toWorld({0.0f, kStandingHead, 0.0f}));
    const float c = std::cos(d.start.yawRadians), s = std::sin(d.start.yawRadians);
    const glm::vec3 lookInStage(c * look.x - s * look.z, look.y, s * look.x + c * look.z);
    const float headYaw = glm::degrees(std::atan2(-lookInStage.x, -lookInStage.z));
    const float headPitch = glm::degrees(std::asin(lookInStage.y));

    // Frame 10: nothing yet, the head turned to where the tape will be. A
    // at 11 measures; the trigger at 13 on the middle wall, at 20 on the
    // south wall; the hand goes away at 27, the tape stays.
    const glm::vec3 away(0.2f, -3.0f, 0.0f);
    json right = {key(0, away, 0.0f), key(9, away, 0.0f), key(10, hand, first->yaw, first->pitch),
                  key(16, hand, first->yaw, first->pitch), key(17, hand, second->yaw, second->pitch),
                  key(26, hand, second->yaw, second->pitch), key(27, away, 0.0f)};
    json config = {{"resolution", {320, 320}},
                   {"fovDegrees", {{"left", -20}, {"right", 20}, {"up", 20}, {"down", -20}}},
                   // Straight ahead at the first frames, where the tour puts the head over its start spot.
                   {"headPose", {key(0, {0.0f, kStandingHead, 0.0f}, 0.0f), key(6, {0.0f, kStandingHead, 0.0f}, 0.0f),
                                 key(8, {0.0f, kStandingHead, 0.0f}, headYaw, headPitch)}},
                   {"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", right}}},
                   {"input",
                    {button(11, "/user/hand/right/input/a/click", true),
                     button(12, "/user/hand/right/input/a/click", false), trigger(13, "right", 1.0f), trigger(15, "right", 0.0f), trigger(20, "right", 1.0f),
                     trigger(22, "right", 0.0f)}},
                   {"captureFrames", {10, 31}}};
    std::filesystem::path stem = freshOutput("xr-measure-summary") / "visit";
    TourRun tour = runTour("xr-measure", config, 32, "--session-summary " + quoted(stem.string()) + " 2>&1");
    requireClean(tour, 32);
    CHECK(tour.pose.teleports == 0);  // the trigger measured, it took nobody anywhere

    // "measured 360 cm wall to wall (square to the surface; 3.6000 m)", once.
    const std::regex line(R"(measured (\S+ c?m) (.+) \((.+); ([0-9.]+) m\))");
    std::smatch logged;
    REQUIRE_MESSAGE(std::regex_search(tour.run.output, logged, line), "no measurement logged: " << tour.run.output);
    const float metres = std::stof(logged[4].str());
    std::printf("xr measure: living room wall to wall %.2f cm (plan %.2f cm) logged as \"%s\"\n", metres * 100.0f,
                plan * 100.0f, logged[0].str().c_str());
    CHECK(logged[1].str() == "360 cm");
    CHECK(logged[2].str() == "wall to wall");
    CHECK(logged[3].str() == "square to the surface");
    CHECK(std::abs(metres - plan) <= 0.01f);
    CHECK(std::distance(std::sregex_iterator(tour.run.output.begin(), tour.run.output.end(), line),
                        std::sregex_iterator()) == 1);

    // The consented visit's summary lists it, in the living room.
    std::ifstream file(stem.string() + ".json");
    REQUIRE(file.good());
    const json measurements = json::parse(file)["measurements"];
    INFO("measurements " << measurements.dump());
    REQUIRE(measurements.size() == 1);
    CHECK(measurements[0]["label"] == "360 cm");
    CHECK(measurements[0]["room"] == "Living room");
    CHECK(std::abs(measurements[0]["metres"].get<float>() - metres) < 1e-4f);

    // The plate at the tape's middle, straight ahead: light where the frame before had the room.
    const RgbaImage before = readImage(tour.out / "frame-10-left.png");
    const RgbaImage after = readImage(tour.out / "frame-31-left.png");
    REQUIRE(before.width == after.width);
    int changed = 0, light = 0, total = 0;
    for (uint32_t y = 150; y < 170; ++y)
        for (uint32_t x = 130; x < 190; ++x, ++total) {
            const size_t i = (size_t(y) * after.width + x) * 4;
            int difference = 0, darkest = 255;
            for (int ch = 0; ch < 3; ++ch) {
                difference = std::max(difference, std::abs(int(after.pixels[i + ch]) - int(before.pixels[i + ch])));
                darkest = std::min(darkest, int(after.pixels[i + ch]));
            }
            changed += difference > 40;
            light += darkest > 200;
        }
    INFO("changed " << changed << ", light " << light << " of " << total);
    CHECK(changed > total / 3);
    CHECK(light > total / 4);
}

TEST_CASE("in the headset, the panel's Plumb keeps the tape to its plumb part: floor to ceiling from a floor point ahead") {
    // A turns measuring on (frame 5), the menu button opens the panel (8),
    // the laser and trigger choose "Plumb" on it (12), the menu button closes
    // it (18); then the trigger on the floor ahead (22) and on the ceiling
    // above the hand (28). Free, the tape would run slanted between them.
    const glm::vec3 hand(0.2f, 1.2f, -0.3f);
    struct Aim {
        float yaw = 0.0f, pitch = 0.0f;
        nav::MeasurePoint pick;
    };
    auto find = [&](float pitch, auto&& wanted) -> std::optional<Aim> {
        for (int degrees = 0; degrees < 360; degrees += 5)
            if (auto pick = laserPick(hand, float(degrees), pitch); pick && wanted(*pick))
                return Aim{float(degrees), pitch, *pick};
        return std::nullopt;
    };
    const glm::vec3 origin = toWorld(hand);
    const std::optional<Aim> floor = find(-35.0f, [&](const nav::MeasurePoint& p) {
        return p.snap == nav::SnapKind::Surface && p.normal.y > 0.99f && std::abs(p.point.y) < 0.01f &&
               glm::length(glm::vec2(p.point.x - origin.x, p.point.z - origin.z)) > 1.0f;
    });
    const std::optional<Aim> ceiling = find(75.0f, [&](const nav::MeasurePoint& p) {
        return p.snap == nav::SnapKind::Surface && p.normal.y < -0.99f && std::abs(p.point.y - 2.6f) < 0.01f;
    });
    REQUIRE_MESSAGE(floor.has_value(), "no open floor within the laser's reach at the start");
    REQUIRE_MESSAGE(ceiling.has_value(), "no plain ceiling above the hand at the start");
    const nav::Measurement plumb = nav::measureBetween(floor->pick, ceiling->pick, nav::MeasureConstraint::Vertical);
    const float slanted = glm::length(ceiling->pick.point - floor->pick.point);
    REQUIRE(slanted - plumb.metres > 0.2f);  // the constraint shows in the length

    const glm::vec3 away(0.2f, -3.0f, 0.0f);
    json right = {key(0, away, 0.0f), aimAtPanel(9, kPlumbRadio), aimAtPanel(16, kPlumbRadio),
                  key(19, hand, floor->yaw, floor->pitch), key(24, hand, floor->yaw, floor->pitch),
                  key(25, hand, ceiling->yaw, ceiling->pitch)};
    json config = {{"controllers", {{"left", {key(0, {-0.2f, -3.0f, 0.0f}, 0.0f)}}, {"right", right}}},
                   {"input",
                    {button(5, "/user/hand/right/input/a/click", true), button(6, "/user/hand/right/input/a/click", false),
                     button(8, "/user/hand/right/input/b/click", true), button(9, "/user/hand/right/input/b/click", false),
                     trigger(12, "right", 1.0f), trigger(14, "right", 0.0f),
                     button(18, "/user/hand/right/input/b/click", true), button(19, "/user/hand/right/input/b/click", false),
                     trigger(22, "right", 1.0f), trigger(23, "right", 0.0f), trigger(28, "right", 1.0f),
                     trigger(29, "right", 0.0f)}}};
    TourRun tour = runTour("xr-measure-plumb", config, 32, "2>&1");
    requireClean(tour, 32);
    const std::regex line(R"(measured (\S+ c?m) (.+) \((.+); ([0-9.]+) m\))");
    std::smatch logged;
    REQUIRE_MESSAGE(std::regex_search(tour.run.output, logged, line), "no measurement logged: " << tour.run.output);
    INFO("logged \"" << logged[0].str() << "\", plumb " << plumb.metres << " m, slanted " << slanted << " m");
    CHECK(std::abs(std::stof(logged[4].str()) - plumb.metres) < 0.005f);
    CHECK(logged[1].str() == "260 cm");
    CHECK(tour.pose.teleports == 0);
}

TEST_CASE("no runtime, or no headset: one line, then the desktop preview") {
    std::filesystem::path folder = freshOutput("xr-no-runtime");
    std::filesystem::create_directories(folder / "empty");
    std::string noRuntime = "env -u XR_RUNTIME_JSON XDG_CONFIG_HOME=" + quoted((folder / "empty").string()) +
                            " XDG_CONFIG_DIRS=" + quoted((folder / "empty").string()) + " ";
    std::string arguments = quoted(kDemo) + " --xr --window 320x200 --frames 2 --print-pose 2>&1";
    Run run = openhouse(arguments, noRuntime);
    INFO(run.output);
    CHECK(run.exitCode == 0);
    CHECK(run.output.find("headset mode unavailable: no OpenXR runtime is active") != std::string::npos);
    CHECK(run.output.find("walk ") != std::string::npos);  // the desktop walk-through ran
    CHECK(run.output.find("OpenXR-Loader") == std::string::npos);  // no loader noise

    std::filesystem::path headsetless = freshOutput("xr-no-headset");
    std::filesystem::create_directories(headsetless);
    std::ofstream(headsetless / "config.json") << json{{"headsetPresent", false}}.dump();
    Run absent = openhouse(arguments, xrEnvironment(headsetless));
    INFO(absent.output);
    CHECK(absent.exitCode == 0);
    CHECK(absent.output.find("no headset is connected") != std::string::npos);
    CHECK(absent.output.find("walk ") != std::string::npos);
}

}  // namespace
}  // namespace oh::test
